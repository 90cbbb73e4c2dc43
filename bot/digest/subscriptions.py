"""`/paradox digest on|off`: a lead subscribes to (or stops) the monthly digest DM; replies of kind `digest`."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.coach import replies
from bot.coach.command import Command, Form
from bot.coach.storage import DigestSubscription
from bot.coach.text import quote
from bot.digest.schedule import DIGEST_TIME, next_due
from bot.store import Store
from bot.weekly.schedule import CalendarError, calendar


def _reply(text: str, suffix: str) -> replies.Reply:
    return replies.Reply("digest", text, [replies.Section(text)], suffix=suffix)


def _when(sub: DigestSubscription) -> str:
    due = next_due(sub, datetime.now(UTC)).astimezone(ZoneInfo(sub.timezone))
    holidays = f", skipping {sub.calendar} public holidays" if sub.calendar else ""
    return (
        f"on the first working day of each month at {DIGEST_TIME:%H:%M} ({sub.timezone}{holidays}); "
        f"the next on {due:%A %-d %B %Y}"
    )


def answer(cmd: Command, team_id: str, user: str, store: Store, *, user_tz: str = "") -> replies.Reply:
    if not user:
        return replies.error("I could not tell who asked, so I cannot send you a digest.", ["/paradox help"])
    current = store.digest_of(team_id, user)
    if cmd.form is Form.DIGEST_ON:
        if cmd.text:
            try:
                calendar(cmd.text)
            except CalendarError:
                return replies.error(
                    f"I don't know the public-holiday calendar '{quote(cmd.text, 40)}'.",
                    ["/paradox digest on GB-ENG", "/paradox digest on GB-SCT", "/paradox digest on"],
                )
        sub = DigestSubscription(team_id, user, user_tz or "UTC", cmd.text, time.time())
        store.save_digest(sub)
        note = "" if user_tz else " Slack did not tell me your timezone, so I used UTC."
        return _reply(
            f"Monthly digest on. I'll DM you the coach's scorecard {_when(sub)}.{note} "
            "Stop it with `/paradox digest off`.",
            "on",
        )
    if cmd.form is Form.DIGEST_OFF:
        store.delete_digest(team_id, user)
        return _reply("Monthly digest off. `/paradox digest on` starts it again.", "off")
    if current is None:
        return _reply(
            "You get no monthly digest. `/paradox digest on` sends you the coach's scorecard.", "none"
        )
    return _reply(f"You get the monthly digest {_when(current)}.", "show")
