"""Sending each due monthly digest exactly once per lead per month, on the weekly poster's machinery.

The same claims (`paradox_weekly_sends`, keyed by the lead's user id and the month) and the same
checks: a claim taken over from a dead process first looks in the DM for the earlier digest (its
key is in the message metadata), and `bot.slack.delivery.deliver` looks before resending after a 5xx.
Each digest is written in the language its lead asked for it in (`DigestSubscription.language`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_sdk.errors import SlackApiError

from bot.coach import replies, scorecard
from bot.coach.language import reply_languages
from bot.coach.storage import DigestSubscription
from bot.digest.schedule import due_slot, month_before
from bot.slack.delivery import slack_error
from bot.slack.render import message
from bot.weekly.poster import PER_WORKSPACE, THREADS, Claim, Composed, Outcome, Poster, Result, fan_out

log = logging.getLogger(__name__)

EVENT_TYPE = "paradox_digest"


def dm_channel(client, user_id: str) -> str:
    """The DM channel with the lead (conversations.history needs its id, not the user's)."""
    try:
        return str(((client.conversations_open(users=user_id) or {}).get("channel") or {}).get("id") or "")
    except SlackApiError as exc:
        log.warning("could not open a DM with %s for the digest: %s", user_id, slack_error(exc)[1] or "error")
    except OSError as exc:
        log.warning("could not open a DM with %s for the digest: %s", user_id, exc.__class__.__name__)
    return ""


def languages(sub: DigestSubscription) -> tuple[str, ...]:
    """The digest's languages, Welsh first: the lead's when they asked ("" from before there was a choice:
    English)."""
    return reply_languages(sub.language or "en", None)


class DigestSender:
    def __init__(self, poster: Poster):
        self.poster = poster
        self.store = poster.store

    def post(self, sub: DigestSubscription, slot: str) -> Outcome:
        client = self.poster.client_for(sub.team_id)
        if client is None:
            log.warning("digest to %s skipped: workspace %s is not installed", sub.user_id, sub.team_id)
            return Outcome.SKIPPED

        def compose() -> Composed:
            year, month = month_before(slot)
            facts = self.store.score_facts(sub.team_id, scorecard.start_of(year, month))
            reply = replies.together(
                [
                    scorecard.digest(facts, self.poster.deck_for(sub.team_id, lang), year, month)
                    for lang in languages(sub)
                ]
            )
            return Composed(message(reply), {"slot": slot})

        outcome, error = self.poster.send_once(
            client,
            Claim(sub.team_id, sub.user_id, slot),
            lambda: dm_channel(client, sub.user_id),
            key=f"digest:{slot}",
            event_type=EVENT_TYPE,
            compose=compose,
            what="monthly digest",
        )
        if outcome is Outcome.STOPPED:
            log.warning("monthly digest to %s not sent: Slack said %s", sub.user_id, error)
        return outcome

    def post_due(
        self, now: datetime, *, threads: int = THREADS, per_workspace: int = PER_WORKSPACE
    ) -> Result:
        catch_up = timedelta(hours=self.poster.settings.catch_up_hours)
        due = []
        for sub in self.store.digests():
            slot = due_slot(sub, now, catch_up=catch_up)
            if slot is not None:
                due.append((sub, slot))
        # Digests share the weekly prompts' per-workspace budget, so they fan out the same way.
        return fan_out(
            due, lambda item: item[0].team_id, lambda item: self.post(*item), threads, per_workspace
        )
