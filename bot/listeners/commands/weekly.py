"""The `/paradox weekly …` forms: subscribe, show, cancel, pause, resume, holidays."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import UTC, datetime

from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.coach.command import DAYS, Command, check_timezone
from bot.coach.schedule import CalendarError, calendar, next_slots
from bot.coaching import Place
from bot.delivery import slack_error
from bot.render import message
from bot.store import Subscription
from bot.weekly import describe, rule_of

log = logging.getLogger(__name__)


def _status(text: str, suffix: str) -> replies.Reply:
    return replies.Reply(
        "weekly_status", text.replace("*", "").replace("`", ""), [("section", text)], suffix=suffix
    )


def _summary(sub: Subscription) -> str:
    day = DAYS[sub.weekday].capitalize()
    holidays = f", skipping {sub.calendar} public holidays" if sub.calendar else ""
    return f"every {day} at {sub.local_time} ({sub.timezone}){holidays}"


def _none() -> replies.Reply:
    return _status(
        "This channel has no weekly prompt. Start one with `/paradox weekly monday 09:30`.", "none"
    )


def _reply(cmd: Command, place: Place, user: str, services, tz: str, note: str = "") -> replies.Reply:
    store = services.store
    now = datetime.now(UTC)
    sub = store.subscription(place.team_id, place.channel_id)
    if cmd.form == "weekly_set":
        sub = Subscription(
            place.team_id,
            place.channel_id,
            cmd.weekday,
            cmd.local_time,
            tz,
            sub.calendar if sub else "",
            user,
            time.time(),
            "",
            "",
            "slack",
        )
        store.save_subscription(sub)
        return _status(
            f"Weekly prompt set: {_summary(sub)}. The next one comes *{describe(sub, now)}*. "
            f"{note}`/paradox weekly off` stops it; `/paradox weekly pause 2 weeks` skips two.",
            "set",
        )
    if sub is None:
        return _none()
    if cmd.form == "weekly_show":
        state = (
            f" It is paused: Slack said `{sub.stopped_reason}` (`/paradox weekly resume` restarts it)."
            if sub.stopped_reason
            else f" The next one comes *{describe(sub, now)}*."
        )
        return _status(f"This channel gets a weekly prompt {_summary(sub)}.{state}", "show")
    if cmd.form == "weekly_off":
        store.delete_subscription(place.team_id, place.channel_id)
        return _status("Weekly prompts for this channel are cancelled.", "off")
    if cmd.form == "weekly_pause":
        resume = next_slots(rule_of(sub), now, cmd.weeks + 1)[-1].nominal.isoformat()
        store.update_subscription(place.team_id, place.channel_id, resume_on=resume)
        sub = replace(sub, resume_on=resume)
        weeks = "week" if cmd.weeks == 1 else f"{cmd.weeks} weeks"
        return _status(f"Paused for {weeks}. The next prompt comes *{describe(sub, now)}*.", "pause")
    if cmd.form == "weekly_resume":
        store.update_subscription(place.team_id, place.channel_id, resume_on="", stopped_reason="")
        sub = replace(sub, resume_on="", stopped_reason="")
        return _status(f"Weekly prompts are back on. The next one comes *{describe(sub, now)}*.", "resume")
    if cmd.form == "weekly_holidays":
        if cmd.text:
            try:
                calendar(cmd.text)
            except CalendarError:
                return replies.error(
                    f"I don't know the holiday calendar '{cmd.text}'. Use a country code with an "
                    "optional region.",
                    ["/paradox weekly holidays GB-ENG", "/paradox weekly holidays US-NY"],
                )
        store.update_subscription(place.team_id, place.channel_id, calendar=cmd.text)
        sub = replace(sub, calendar=cmd.text)
        return _status(
            f"Weekly prompt: {_summary(sub)}. The next one comes *{describe(sub, now)}*.", "holidays"
        )
    raise ValueError(cmd.form)


def answer(cmd: Command, ack, respond, client, place: Place, user: str, services) -> None:
    if cmd.form != "weekly_set" or cmd.timezone:
        ack(**message(_reply(cmd, place, user, services, cmd.timezone)))
        return
    # The asking user's Slack timezone needs a Web API call: acknowledge first, answer after.
    ack()
    tz = ""
    try:
        info = client.users_info(user=user)
        tz = check_timezone(str((info.get("user") or {}).get("tz") or "")) or ""
    except SlackApiError as exc:
        log.warning("could not read the timezone of %s: %s", user, slack_error(exc)[1] or "error")
    except OSError as exc:
        log.warning("could not read the timezone of %s: %s", user, exc.__class__.__name__)
    note = (
        ""
        if tz
        else (
            f"I couldn't read your timezone from Slack, so I used UTC: add one to change it, for example "
            f"`/paradox weekly {DAYS[cmd.weekday]} {cmd.local_time} Europe/London`. "
        )
    )
    respond(**message(_reply(cmd, place, user, services, tz or "UTC", note)))
