"""Weekly subscriptions: the `/paradox weekly …` forms (subscribe, show, cancel, pause, resume, holidays),
and the subscriptions declared in the config file.

Plain Python on the store: the Slack layer only looks up the asking user's timezone and the reply's
languages. A form makes its change once, then is said in each language (Welsh first, one message); the
words are prompts/schedule.yml's `weekly` section, the dates `bot.coach.dates`'.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.coach import dates, replies
from bot.coach.command import Command, Form
from bot.coach.storage import Place, Subscription
from bot.coach.text import quote
from bot.coach.words import Words
from bot.settings import Settings
from bot.store import Store
from bot.weekly.command import error_reply
from bot.weekly.parsing import DAYS, check_timezone, parse_day, parse_time
from bot.weekly.schedule import CalendarError, Rule, calendar, next_slots
from bot.yamlfile import ConfigError

Say = Callable[[Words], replies.Reply]  # a reply, once it is known which language to say it in

_A_MONDAY = date(2024, 1, 1)


def rule_of(sub: Subscription) -> Rule:
    return Rule(sub.weekday, sub.local_time, sub.timezone, sub.calendar, sub.resume_on)


def weekday(day: int, lang: str) -> str:
    """A day of the week as said mid-sentence: "Friday", "dydd Gwener" (CLDR's names, through Babel)."""
    name = format_date(_A_MONDAY + timedelta(days=day), "EEEE", locale="cy" if lang == "cy" else "en_GB")
    return name[0].lower() + name[1:] if lang == "cy" else name


def describe(sub: Subscription, now: datetime, words: Words) -> str:
    """When the next prompt comes, as a person writes it: "Friday 4 December at 16:00 (Europe/London)",
    "dydd Gwener 4 Rhagfyr am 16:00 (Europe/London)"; the year only when it is not this one."""
    slot = next_slots(rule_of(sub), now)[0]
    tz = ZoneInfo(sub.timezone)
    local = slot.due.astimezone(tz)
    day = dates.day(local.date(), words.lang, year=local.year != now.astimezone(tz).year)
    return words.say("weekly.when", day=day, time=f"{local:%H:%M}", timezone=sub.timezone)


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


def _summary(sub: Subscription, words: Words) -> str:
    """ "every Friday at 16:00 (Europe/London), skipping GB-ENG public holidays"."""
    every = words.say(
        "weekly.every", day=weekday(sub.weekday, words.lang), time=sub.local_time, timezone=sub.timezone
    )
    return every + (words.say("weekly.skipping", calendar=sub.calendar) if sub.calendar else "")


def _next(sub: Subscription, now: datetime, words: Words) -> str:
    return words.say("weekly.next", when=describe(sub, now, words))


def resume_date(sub: Subscription, now: datetime, weeks: int) -> str:
    """The local date of the first slot after skipping the next `weeks` (ISO), for a pause."""
    return next_slots(rule_of(sub), now, weeks + 1)[-1].nominal.isoformat()


def answer(
    cmd: Command, place: Place, user: str, store: Store, words: Sequence[Words], *, user_tz: str = ""
) -> replies.Reply:
    """The reply to a `/paradox weekly` form (or to one that could not be read), after making the change
    it asks for, once; said in each of `words`' languages, Welsh first, as one message.

    `user_tz` is the asking user's Slack timezone, for a subscription that names none ("" when
    Slack would not say: UTC then, and the reply says how to choose one).
    """
    say = _act(cmd, place, user, store, datetime.now(UTC), user_tz)
    return replies.together([say(w) for w in words])


def _act(cmd: Command, place: Place, user: str, store: Store, now: datetime, user_tz: str) -> Say:
    """Make the change the form asks for; what it returns says so in a language."""
    if cmd.form is Form.ERROR:
        return lambda w: error_reply(cmd, w)
    sub = store.subscription(place.team_id, place.channel_id)
    if cmd.form is Form.WEEKLY_SET:
        return _subscribe(cmd, place, user, store, sub, now, user_tz)
    if sub is None:
        return lambda w: _status(w.say("weekly.status.none"), "none")
    match cmd.form:
        case Form.WEEKLY_SHOW:
            return lambda w: _status(_shown(sub, now, w), "show")
        case Form.WEEKLY_OFF:
            store.delete_subscription(place.team_id, place.channel_id)
            return lambda w: _status(w.say("weekly.status.off"), "off")
        case Form.WEEKLY_PAUSE:
            sub = _change(store, sub, resume_on=resume_date(sub, now, cmd.weeks))
            return lambda w: _status(
                w.say("weekly.status.paused", weeks=_weeks(cmd.weeks, w), when=describe(sub, now, w)), "pause"
            )
        case Form.WEEKLY_RESUME if not sub.stopped_reason and not is_paused(sub, now):
            return lambda w: _status(w.say("weekly.status.not_paused", when=describe(sub, now, w)), "resume")
        case Form.WEEKLY_RESUME:
            sub = _change(store, sub, resume_on="", stopped_reason="")
            return lambda w: _status(w.say("weekly.status.resumed", when=describe(sub, now, w)), "resume")
        case Form.WEEKLY_HOLIDAYS:
            return _holidays(cmd.text, store, sub, now)
    raise ValueError(f"not a weekly form: {cmd.form}")


def _shown(sub: Subscription, now: datetime, words: Words) -> str:
    state = (
        words.say("weekly.status.stopped", reason=sub.stopped_reason)
        if sub.stopped_reason
        else _next(sub, now, words)
    )
    return f"{words.say('weekly.status.show', summary=_summary(sub, words))} {state}"


def _weeks(count: int, words: Words) -> str:
    return words.say("weekly.weeks.one" if count == 1 else "weekly.weeks.other", count=count)


def _change(store: Store, sub: Subscription, **values: str) -> Subscription:
    store.update_subscription(sub.team_id, sub.channel_id, **values)
    return replace(sub, **values)


def _subscribe(
    cmd: Command, place: Place, user: str, store: Store, old: Subscription | None, now: datetime, user_tz: str
) -> Say:
    tz = cmd.timezone or user_tz or "UTC"
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

    def said(words: Words) -> replies.Reply:
        note = ""
        if not (cmd.timezone or user_tz):
            # Slack would not say the person's timezone: the reply says how to name one.
            note = words.say("weekly.status.no_timezone", day=DAYS[cmd.weekday], time=cmd.local_time) + " "
        text = words.say(
            "weekly.status.set", summary=_summary(sub, words), when=describe(sub, now, words), note=note
        )
        return _status(text, "set")

    return said


def _holidays(name: str, store: Store, sub: Subscription, now: datetime) -> Say:
    if name:
        try:
            calendar(name)
        except CalendarError:
            return lambda w: replies.error(
                w.say("weekly.errors.unknown_calendar", text=quote(name, 60)),
                ["/paradox weekly holidays GB-ENG", "/paradox weekly holidays US-NY"],
                w,
            )
    sub = _change(store, sub, calendar=name)
    return lambda w: _status(
        w.say("weekly.status.holidays", summary=_summary(sub, w), when=describe(sub, now, w)), "holidays"
    )


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
