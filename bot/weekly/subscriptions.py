"""Weekly subscriptions: the `/paradox weekly …` forms (subscribe, show, cancel, pause, resume, holidays),
and the subscriptions declared in the config file.

Plain Python on the store: the Slack layer only looks up the asking user's timezone.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.coach import replies
from bot.coach.command import Command, Form
from bot.coach.storage import Place, Subscription
from bot.coach.text import quote
from bot.settings import Settings
from bot.store import Store
from bot.weekly.parsing import DAYS, check_timezone, parse_day, parse_time
from bot.weekly.schedule import CalendarError, Rule, calendar, next_slots
from bot.yamlfile import ConfigError


def rule_of(sub: Subscription) -> Rule:
    return Rule(sub.weekday, sub.local_time, sub.timezone, sub.calendar, sub.resume_on)


def describe(sub: Subscription, now: datetime) -> str:
    """When the next prompt comes, as a person writes it: "Friday 4 December at 16:00 (Europe/London)"."""
    slot = next_slots(rule_of(sub), now)[0]
    tz = ZoneInfo(sub.timezone)
    local = slot.due.astimezone(tz)
    year = f" {local.year}" if local.year != now.astimezone(tz).year else ""
    return f"{local:%A} {local.day} {local:%B}{year} at {local:%H:%M} ({sub.timezone})"


def is_paused(sub: Subscription, now: datetime) -> bool:
    """Whether a `weekly pause` still skips a coming prompt (a pause that has run out is not one)."""
    if not sub.resume_on:
        return False
    unpaused = next_slots(rule_of(replace(sub, resume_on="")), now)[0]
    return unpaused.nominal < date.fromisoformat(sub.resume_on)


def _status(text: str, suffix: str) -> replies.Reply:
    return replies.Reply(
        "weekly_status", text.replace("*", "").replace("`", ""), [replies.Section(text)], suffix=suffix
    )


def _summary(sub: Subscription) -> str:
    day = DAYS[sub.weekday].capitalize()
    holidays = f", skipping {sub.calendar} public holidays" if sub.calendar else ""
    return f"every {day} at {sub.local_time} ({sub.timezone}){holidays}"


def resume_date(sub: Subscription, now: datetime, weeks: int) -> str:
    """The local date of the first slot after skipping the next `weeks` (ISO), for a pause."""
    return next_slots(rule_of(sub), now, weeks + 1)[-1].nominal.isoformat()


def answer(cmd: Command, place: Place, user: str, store: Store, *, user_tz: str = "") -> replies.Reply:
    """The reply to a `/paradox weekly` form, after making the change it asks for.

    `user_tz` is the asking user's Slack timezone, for a subscription that names none ("" when
    Slack would not say: UTC then, and the reply says how to choose one).
    """
    now = datetime.now(UTC)
    sub = store.subscription(place.team_id, place.channel_id)
    if cmd.form is Form.WEEKLY_SET:
        return _subscribe(cmd, place, user, store, sub, now, user_tz)
    if sub is None:
        return _status(
            "This channel has no weekly prompt. Start one with `/paradox weekly monday 09:30`.", "none"
        )
    match cmd.form:
        case Form.WEEKLY_SHOW:
            state = (
                f" It is paused: Slack said `{sub.stopped_reason}` (`/paradox weekly resume` restarts it)."
                if sub.stopped_reason
                else f" The next one comes *{describe(sub, now)}*."
            )
            return _status(f"This channel gets a weekly prompt {_summary(sub)}.{state}", "show")
        case Form.WEEKLY_OFF:
            store.delete_subscription(place.team_id, place.channel_id)
            return _status("Weekly prompts for this channel are cancelled.", "off")
        case Form.WEEKLY_PAUSE:
            sub = _change(store, sub, resume_on=resume_date(sub, now, cmd.weeks))
            weeks = "1 week" if cmd.weeks == 1 else f"{cmd.weeks} weeks"
            return _status(f"Paused for {weeks}. The next prompt comes *{describe(sub, now)}*.", "pause")
        case Form.WEEKLY_RESUME if not sub.stopped_reason and not is_paused(sub, now):
            return _status(
                "This channel's weekly prompt is not paused, so there is nothing to resume. "
                f"The next one comes *{describe(sub, now)}*.",
                "resume",
            )
        case Form.WEEKLY_RESUME:
            sub = _change(store, sub, resume_on="", stopped_reason="")
            return _status(
                f"Weekly prompts are back on. The next one comes *{describe(sub, now)}*.", "resume"
            )
        case Form.WEEKLY_HOLIDAYS:
            return _holidays(cmd.text, store, sub, now)
    raise ValueError(f"not a weekly form: {cmd.form}")


def _change(store: Store, sub: Subscription, **values: str) -> Subscription:
    store.update_subscription(sub.team_id, sub.channel_id, **values)
    return replace(sub, **values)


def _subscribe(
    cmd: Command, place: Place, user: str, store: Store, old: Subscription | None, now: datetime, user_tz: str
) -> replies.Reply:
    note = ""
    tz = cmd.timezone or user_tz
    if not tz:
        tz = "UTC"
        note = (
            "I couldn't read your timezone from Slack, so I used UTC: add one to change it, for example "
            f"`/paradox weekly {DAYS[cmd.weekday]} {cmd.local_time} Europe/London`. "
        )
    sub = Subscription(
        team_id=place.team_id,
        channel_id=place.channel_id,
        weekday=cmd.weekday,
        local_time=cmd.local_time,
        timezone=tz,
        calendar=old.calendar if old else "",
        created_by=user,
        created_at=time.time(),
        resume_on="",
        stopped_reason="",
        source="slack",
    )
    store.save_subscription(sub)
    return _status(
        f"Weekly prompt set: {_summary(sub)}. The next one comes *{describe(sub, now)}*. "
        f"{note}`/paradox weekly off` stops it; `/paradox weekly pause 2 weeks` skips two.",
        "set",
    )


def _holidays(name: str, store: Store, sub: Subscription, now: datetime) -> replies.Reply:
    if name:
        try:
            calendar(name)
        except CalendarError:
            return replies.error(
                f"I don't know the holiday calendar '{quote(name, 60)}'. Use a country code with an optional region.",
                ["/paradox weekly holidays GB-ENG", "/paradox weekly holidays US-NY"],
            )
    sub = _change(store, sub, calendar=name)
    return _status(f"Weekly prompt: {_summary(sub)}. The next one comes *{describe(sub, now)}*.", "holidays")


def check_declared(settings: Settings) -> list[Subscription]:
    out = []
    for d in settings.subscriptions:

        def bad(problem: str, d=d) -> ConfigError:
            return ConfigError(settings.config_path, d.line, problem)

        day = parse_day(d.day)
        if day is None:
            raise bad(f"'{d.day}' is not a day of the week (use one of {', '.join(DAYS)})")
        hhmm = parse_time(d.time)
        if hhmm is None:
            raise bad(f'\'{d.time}\' is not a time; write it in quotes as "HH:MM", for example "09:30"')
        tz = check_timezone(d.timezone)
        if tz is None:
            raise bad(f"'{d.timezone}' is not an IANA timezone such as Europe/London")
        if d.calendar:
            try:
                calendar(d.calendar)
            except CalendarError:
                raise bad(
                    f"'{d.calendar}' is not a holiday calendar; use a country code with an optional "
                    "region, such as GB-ENG, GB-SCT or US-NY"
                ) from None
        out.append(
            Subscription(
                team_id=d.team,
                channel_id=d.channel,
                weekday=day,
                local_time=hhmm,
                timezone=tz,
                calendar=d.calendar.upper(),
                created_by="",
                created_at=time.time(),
                resume_on="",
                stopped_reason="",
                source="config",
            )
        )
    return out


def sync_declared(store: Store, settings: Settings) -> None:
    for sub in check_declared(settings):
        existing = store.subscription(sub.team_id, sub.channel_id)
        if existing is None:
            store.save_subscription(sub)
        elif existing.source == "config":
            store.update_subscription(
                sub.team_id,
                sub.channel_id,
                weekday=sub.weekday,
                local_time=sub.local_time,
                timezone=sub.timezone,
                calendar=sub.calendar,
            )
