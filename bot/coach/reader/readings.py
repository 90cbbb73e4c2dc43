"""What the reader returns: the verdict for a thread (`PlanReading`), what it says about its goal
(`GoalReading`) and the rule that decided (`Rule`).

Plain data in a module of its own, so that every part of the reader, and the coach, the brief and
`python -m bot read`, share these results without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.coach.deck import Channel

STATED, WEAK, OUTPUT, NONE = "stated", "weak", "output", "none"
NUDGE, COACH, NOT_A_PLAN = "nudge", "coach", "not_a_plan"


@dataclass(frozen=True)
class Rule:
    """The rule that decided a verdict: a short id for tests and logs, and why, for people."""

    id: str = ""
    why: str = ""

    def __str__(self) -> str:
        return f"{self.id}: {self.why}" if self.why else self.id


@dataclass(frozen=True)
class GoalReading:
    """What one message (or a whole thread) says about the goal."""

    strength: str = NONE  # stated, weak (awareness and the like), output (a count of posts), none
    sentence: str = ""  # the goal sentence alone: no leading mention, no trailing question
    audience: str = ""  # the words that name who ("" when absent)
    measure: str = ""  # how much
    date: str = ""  # by when
    behaviour: str = ""  # the action or outcome, or for weak/output goals what was read instead
    message_index: int = -1  # index into the texts read of the message it came from
    rule: str = ""  # which goal pattern matched

    @property
    def stated(self) -> bool:
        return self.strength == STATED

    @property
    def has_audience(self) -> bool:
        return bool(self.audience)

    @property
    def has_measure(self) -> bool:
        return bool(self.measure)

    @property
    def has_date(self) -> bool:
        return bool(self.date)

    def gaps(self) -> list[str]:
        """What a stated goal still leaves open: audience, measure, date."""
        return [
            name
            for name, value in (("audience", self.audience), ("measure", self.measure), ("date", self.date))
            if not value
        ]


@dataclass
class PlanReading:
    channels: list[Channel] = field(default_factory=list)
    goal: GoalReading = field(default_factory=GoalReading)
    topics: list[str] = field(default_factory=list)  # paradox ids the words hint at
    verdict: str = COACH  # nudge | coach | not_a_plan
    rule: Rule = field(default_factory=Rule)
    talk: str = ""  # set when not_a_plan: thanks, greeting, capabilities, howto, off_topic
    howto_topic: str = ""  # smart, outputs_outcomes, evaluation, oasis, aim_objective, other
    withdrawn: bool = False  # a goal was stated and then withdrawn
    withdrawal: str = ""  # the words that withdrew it
    # Anywhere in the thread, so replies never ask for what the plan already says.
    audience_found: str = ""
    date_found: str = ""
    measure_found: str = ""
    channel_words: list[tuple[str, str]] = field(default_factory=list)  # (channel id, words as typed)
    talk_words: list[str] = field(default_factory=list)
    aside: bool = False  # the mention named a channel only in passing (what a thanks is for, an errand)
    # What the rules found in the mention alone (its small talk, channels, goal, planning talk, sport),
    # whether or not it decided the verdict: the learned model's view of the mention.
    mention_facts: dict[str, str] = field(default_factory=dict)
    ask: str = ""  # for nudge and coach: what the mention asks (choice, gaps, next, sanity, measure, ...)
    # What the learned models said of the mention, and whether they changed the rules' verdict (for `read`).
    learned: str = ""
    rules_verdict: str = ""

    @property
    def needs_goal(self) -> bool:
        """The gate: a channel is on the table and no strategic goal stands."""
        return bool(self.channels) and not self.goal.stated and self.verdict != NOT_A_PLAN
