"""`/paradox digest on|off`: a lead subscribes to (or stops) the monthly digest DM; replies of kind `digest`.

The digest is written in the language the lead asked in (the channel's setting, or the words they typed),
kept with the subscription: "cy", "en" or "both". The replies are prompts/schedule.yml's `digest` section.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.coach import dates, replies
from bot.coach.command import Command, Form
from bot.coach.storage import DigestSubscription
from bot.coach.text import quote
from bot.coach.words import Words
from bot.digest.schedule import DIGEST_TIME, next_due
from bot.store import Store
from bot.weekly.schedule import CalendarError, calendar


def _reply(text: str, suffix: str) -> replies.Reply:
    return replies.Reply("digest", text, [replies.Section(text)], suffix=suffix)


def _when(sub: DigestSubscription, words: Words) -> str:
    due = next_due(sub, datetime.now(UTC)).astimezone(ZoneInfo(sub.timezone))
    holidays = words.say("digest.skipping", calendar=sub.calendar) if sub.calendar else ""
    return words.say(
        "digest.when",
        time=f"{DIGEST_TIME:%H:%M}",
        timezone=sub.timezone,
        holidays=holidays,
        day=dates.day(due.date(), words.lang, year=True),
    )


def language_of(words: Sequence[Words]) -> str:
    """What a subscription keeps of the reply's languages: "cy", "en", or "both" (Welsh, then English)."""
    return "both" if len(words) > 1 else words[0].lang


def answer(
    cmd: Command, team_id: str, user: str, store: Store, words: Sequence[Words], *, user_tz: str = ""
) -> replies.Reply:
    """The reply to a `/paradox digest` form, after the change it asks for; in each of `words`' languages,
    Welsh first, as one message. `digest on` keeps those languages for the digest itself."""
    said = _act(cmd, team_id, user, store, words, user_tz)
    return replies.together([said(w) for w in words])


def _act(cmd: Command, team_id: str, user: str, store: Store, words: Sequence[Words], user_tz: str):
    if cmd.form is Form.ERROR:
        return lambda w: replies.error(w.say(cmd.problem_key, text=cmd.text), cmd.suggestion, w)
    if not user:
        return lambda w: replies.error(w.say("digest.errors.who"), ["/paradox help"], w)
    if cmd.form is Form.DIGEST_ON:
        if cmd.text:
            try:
                calendar(cmd.text)
            except CalendarError:
                return lambda w: replies.error(
                    w.say("digest.errors.unknown_calendar", text=quote(cmd.text, 40)),
                    ["/paradox digest on GB-ENG", "/paradox digest on GB-SCT", "/paradox digest on"],
                    w,
                )
        sub = DigestSubscription(team_id, user, user_tz or "UTC", cmd.text, time.time(), language_of(words))
        store.save_digest(sub)

        def on(w: Words) -> replies.Reply:
            note = "" if user_tz else " " + w.say("digest.no_timezone")
            return _reply(w.say("digest.on", when=_when(sub, w), note=note), "on")

        return on
    if cmd.form is Form.DIGEST_OFF:
        store.delete_digest(team_id, user)
        return lambda w: _reply(w.say("digest.off"), "off")
    current = store.digest_of(team_id, user)
    if current is None:
        return lambda w: _reply(w.say("digest.none"), "none")
    return lambda w: _reply(w.say("digest.show", when=_when(current, w)), "show")
