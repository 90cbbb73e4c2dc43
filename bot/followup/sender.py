"""Posting each due goal follow-up exactly once, on the weekly poster's machinery.

The same claims (`paradox_weekly_sends`, keyed by the goal, as "goal:<id>:<created_at>", and the ask,
"ask1".."ask3") and the same checks as weekly prompts and digests: a claim taken over from a dead process
first looks in the goal's thread for the earlier follow-up (its key is in the message metadata), and
`bot.slack.delivery.deliver` looks before resending after a 5xx. Only once the post is in Slack does the goal
move on (`followup_asked`); a claim already "sent" repairs a goal a crash left behind.

Language: the channel's setting; `auto` follows the language the goal was written in.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta

from slack_sdk.errors import SlackApiError

from bot.coach import followup, replies
from bot.coach.language import Telling, load_telling, reply_languages
from bot.coach.reader import read_plan
from bot.coach.storage import Goal
from bot.followup.schedule import followup_at
from bot.slack.render import message
from bot.weekly.poster import PER_WORKSPACE, THREADS, Claim, Composed, Outcome, Poster, Result, fan_out

log = logging.getLogger(__name__)

EVENT_TYPE = "paradox_followup"


def claim_of(goal: Goal) -> Claim:
    """A goal's claim: its id with its moment (SQLite may give a deleted goal's id to a new one)."""
    return Claim(goal.team_id, f"goal:{goal.id}:{int(goal.created_at)}", f"ask{goal.asks + 1}")


class FollowupSender:
    def __init__(self, poster: Poster):
        self.poster = poster
        self.store = poster.store
        self._telling: Telling | None = None
        self._lock = threading.Lock()

    # -- when ----------------------------------------------------------------------------------------

    def due(self, now: datetime) -> list[Goal]:
        """Every goal whose follow-up is due at `now` and is still its place's goal, with its setter's timezone."""
        # Local dates run up to 14 hours ahead of UTC: a date before tomorrow (UTC) may be due somewhere.
        before = (now.date() + timedelta(days=1)).isoformat()
        due = []
        for goal in self.store.followups_due(before):
            current = self.store.goal_for(goal.team_id, goal.channel_id, goal.thread_ts)
            if current is None or current.id != goal.id:
                continue  # a later goal replaced it in its thread (or channel): that one is followed up
            goal = self.timezone_of(goal)
            if now >= self.moment(goal):
                due.append(goal)
        return due

    def moment(self, goal: Goal) -> datetime:
        """When the goal's next follow-up is due: its setter's 10:00 on the first working day after."""
        sub = self.store.subscription(goal.team_id, goal.channel_id)
        return followup_at(date.fromisoformat(goal.next_ask_on), goal.timezone, sub.calendar if sub else "")

    def timezone_of(self, goal: Goal) -> Goal:
        """The goal with its setter's Slack timezone, looked up once and kept with it."""
        if goal.timezone or not goal.user_id:
            return goal
        client = self.poster.client_for(goal.team_id)
        try:
            tz = str(((client.users_info(user=goal.user_id) or {}).get("user") or {}).get("tz") or "")
        except (SlackApiError, OSError, AttributeError) as exc:
            log.info("no timezone for a goal's setter (%s): Europe/London", exc.__class__.__name__)
            return goal
        if tz:
            self.store.set_goal_timezone(goal.team_id, goal.id, tz)
            return Goal(**{**goal.__dict__, "timezone": tz})
        return goal

    # -- what ----------------------------------------------------------------------------------------

    def languages(self, goal: Goal) -> tuple[str, ...]:
        setting = self.store.language_of(goal.team_id, goal.channel_id)
        found = self.telling().detect(goal.text) if setting == "auto" else None
        return reply_languages(setting, found)

    def telling(self) -> Telling:
        with self._lock:
            if self._telling is None:
                self._telling = load_telling(self.poster.settings.prompts_dir)
        return self._telling

    def reply(self, goal: Goal) -> replies.Reply:
        """The follow-up in the goal's languages, Welsh first."""
        answers = []
        for lang in self.languages(goal):
            deck = self.poster.deck_for(goal.team_id, lang)
            measure = read_plan(deck, [goal.text]).goal.measure
            answers.append(followup.followup(goal, deck.words, measure=measure))
        return replies.together(answers)

    # -- posting -------------------------------------------------------------------------------------

    def post(self, goal: Goal) -> Outcome:
        client = self.poster.client_for(goal.team_id)
        if client is None:
            log.warning("goal follow-up skipped: workspace %s is not installed", goal.team_id)
            return Outcome.SKIPPED
        claim = claim_of(goal)
        ask = goal.asks + 1
        record = self.store.send_record(*claim)
        if record and record["outcome"] == "sent":
            self.store.followup_asked(goal.team_id, goal.id, ask)  # a crash came between the two writes
            return Outcome.SKIPPED
        outcome, error = self.poster.send_once(
            client,
            claim,
            lambda: goal.channel_id,
            key=f"followup:{goal.id}:{ask}",
            event_type=EVENT_TYPE,
            compose=lambda: Composed(message(self.reply(goal)), {"goal": goal.id, "ask": ask}),
            what="goal follow-up",
            thread_ts=goal.thread_ts,
        )
        if outcome is Outcome.STOPPED:
            log.warning("goal follow-up not posted: Slack said %s; not asking again", error)
            self.store.stop_followup(goal.team_id, goal.id)
            return outcome
        record = self.store.send_record(*claim)
        if record and record["outcome"] == "sent":
            self.store.followup_asked(goal.team_id, goal.id, ask)
        return outcome

    def post_due(
        self, now: datetime, *, threads: int = THREADS, per_workspace: int = PER_WORKSPACE
    ) -> Result:
        # Follow-ups share the weekly prompts' per-workspace budget, so they fan out the same way.
        return fan_out(self.due(now), lambda goal: goal.team_id, self.post, threads, per_workspace)
