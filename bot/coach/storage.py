"""What the coaching core keeps and reads back, and the small protocol a store must offer for it.

Plain Python: the core never imports SQLAlchemy. `bot.store.Store` implements `Storage`; a test
or try mode could hand the core anything else with the same methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Place:
    """Where a conversation happens: a channel, a thread in it, or one person's private replies there."""

    team_id: str
    channel_id: str
    thread_ts: str = ""  # the thread's root ts; "" for the channel as a whole
    user_id: str = ""  # set for a personal place (the private replies of /paradox)

    @classmethod
    def in_channel(cls, team_id: str, channel_id: str) -> Place:
        return cls(team_id, channel_id)

    @classmethod
    def in_thread(cls, team_id: str, channel_id: str, root_ts: str) -> Place:
        return cls(team_id, channel_id, thread_ts=root_ts)

    @classmethod
    def personal(cls, team_id: str, channel_id: str, user_id: str) -> Place:
        return cls(team_id, channel_id, user_id=user_id)

    @property
    def memory_key(self) -> str:
        """The key the questions asked here are remembered under.

        A thread's root ts; for a personal place `u:<user>`, the form stored since schema
        version 1 (so existing memories carry on), which no Slack ts can take.
        """
        return f"u:{self.user_id}" if self.user_id else self.thread_ts


@dataclass(frozen=True)
class Goal:
    team_id: str
    channel_id: str
    thread_ts: str  # "" for a goal recorded for the whole channel
    text: str
    user_id: str  # who said it: the author of the message it was read from, or who typed it
    created_at: float
    forgotten_at: float | None = None  # set by "That's not our goal"
    id: int = 0  # the store's id (0 before it is stored)
    # The follow-up (issue 24): the date the goal names (ISO, "" none), the setter's timezone when known,
    # the date after which the next follow-up is due ("" none), how many were posted, and the answer.
    due_on: str = ""
    timezone: str = ""
    next_ask_on: str = ""
    asks: int = 0
    result: str = ""  # met, partly, not_met, too_early; "" unanswered
    result_by: str = ""
    result_at: float | None = None
    result_note: str = ""


@dataclass(frozen=True)
class Subscription:
    team_id: str
    channel_id: str
    weekday: int  # Monday = 0
    local_time: str  # HH:MM
    timezone: str
    calendar: str  # a public-holiday calendar such as GB-ENG, or ""
    created_by: str
    created_at: float
    resume_on: str  # ISO date: slots before it are skipped
    stopped_reason: str  # "" while active; otherwise what Slack said
    source: str  # "slack" (typed in a channel) or "config" (declared in the config file)
    stopped_at: float | None = None  # when posting stopped (stopped_reason set); None while active


@dataclass(frozen=True)
class PersonalData:
    """What is stored about one person in one workspace: the answer to `/paradox my data`."""

    user_id: str
    goals: list[Goal]  # goals they wrote (or typed), newest first
    question_channels: dict[str, int]  # channel -> how many questions their /paradox replies remember
    subscriptions: list[str]  # channels whose weekly prompt they set up
    digest: bool = False  # they asked for the monthly digest (/paradox digest on)
    deck_edits: int = 0  # edits to the workspace's deck carrying their name
    languages: list[str] = field(default_factory=list)  # channels ("" the workspace) whose language they set
    results: list[Goal] = field(default_factory=list)  # goals whose follow-up they answered (issue 24)

    @property
    def empty(self) -> bool:
        return not (
            self.goals
            or self.question_channels
            or self.subscriptions
            or self.digest
            or self.deck_edits
            or self.languages
            or self.results
        )


@dataclass(frozen=True)
class ThreadFact:
    """What the scorecard keeps about one coached thread: ids and moments, no text."""

    channel_id: str
    thread_ts: str
    coached_at: float
    goal_first: bool
    nudged_at: float | None
    goal_at: float | None


@dataclass(frozen=True)
class ScoreFacts:
    """Everything the scorecard counts, for one workspace since a moment."""

    threads: list[ThreadFact]
    goals: list[tuple[str, float]]  # (channel, recorded at)
    asked: list[tuple[str, str, float]]  # (channel, question id, asked at)
    # goals with a date since the moment: (channel, date ISO, follow-ups posted, result) (issue 24)
    followups: list[tuple[str, str, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DeckEdit:
    """One edit of a workspace's deck; the list of them is the deck's audit log too."""

    id: int
    kind: str  # add_question, hide_question, hide_paradox, show_paradox, reset
    paradox_id: str
    question_id: str
    text: str
    user_id: str
    created_at: float


@dataclass(frozen=True)
class DigestSubscription:
    team_id: str
    user_id: str
    timezone: str
    calendar: str  # a public-holiday calendar such as GB-ENG, or ""
    created_at: float
    language: str = ""  # cy, en or both: the lead's language when they asked; "" is English


class Storage(Protocol):
    """The reads and writes the coaching core needs; keys are workspace, channel and memory key."""

    def record_goal(
        self, team_id: str, channel_id: str, thread_ts: str, text: str, user_id: str, *, due_on: str = ""
    ) -> Goal: ...

    def goal_for(self, team_id: str, channel_id: str, thread_ts: str = "") -> Goal | None: ...

    def forget_goal(self, team_id: str, channel_id: str, thread_ts: str) -> Goal | None: ...

    def forgotten_goals(self, team_id: str, channel_id: str, thread_ts: str) -> list[str]: ...

    def recent_goals(self, team_id: str, limit: int = 10) -> list[Goal]: ...

    def goals_of(
        self, team_id: str, channel_id: str | None = None, *, limit: int | None = None
    ) -> list[Goal]: ...

    def asked_in(self, team_id: str, channel_id: str, thread_ts: str) -> set[str]: ...

    def mark_asked(self, team_id: str, channel_id: str, thread_ts: str, question_ids: list[str]) -> None: ...

    def forget_asked(self, team_id: str, channel_id: str, thread_ts: str) -> None: ...

    def subscriptions(
        self, team_id: str | None = None, *, limit: int | None = None
    ) -> list[Subscription]: ...

    def data_about(self, team_id: str, user_id: str) -> PersonalData: ...

    def forget_channel(self, team_id: str, channel_id: str) -> dict[str, int]: ...

    def forget_user(self, team_id: str, user_id: str) -> dict[str, int]: ...
    def note_thread(
        self, team_id: str, channel_id: str, thread_ts: str, *, nudged: bool, goal: bool
    ) -> None: ...

    def score_facts(self, team_id: str, since: float) -> ScoreFacts: ...

    def language_of(self, team_id: str, channel_id: str) -> str: ...

    def set_language(self, team_id: str, channel_id: str, language: str, user_id: str) -> None: ...

    def deck_version(self, team_id: str) -> int: ...

    def deck_edits(self, team_id: str) -> list[DeckEdit]: ...


class DryStorage:
    """A store's reads, with its writes answered as if done and nothing kept.

    A reply in Welsh and English (a channel set to `both`) is the same answer written twice: the second
    language is worked out against the store as it was, before the first changes it, so both say the same
    thing and the work is recorded once.
    """

    def __init__(self, store: Storage):
        self._store = store

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def record_goal(
        self, team_id: str, channel_id: str, thread_ts: str, text: str, user_id: str, *, due_on: str = ""
    ) -> Goal:
        return Goal(team_id, channel_id, thread_ts, text, user_id, 0.0, due_on=due_on, next_ask_on=due_on)

    def forget_goal(self, team_id: str, channel_id: str, thread_ts: str) -> Goal | None:
        return self._store.goal_for(team_id, channel_id, thread_ts)

    def mark_asked(self, team_id: str, channel_id: str, thread_ts: str, question_ids: list[str]) -> None:
        return None

    def forget_asked(self, team_id: str, channel_id: str, thread_ts: str) -> None:
        return None

    def note_thread(self, team_id: str, channel_id: str, thread_ts: str, *, nudged: bool, goal: bool) -> None:
        return None

    def set_language(self, team_id: str, channel_id: str, language: str, user_id: str) -> None:
        return None

    def forget_channel(self, team_id: str, channel_id: str) -> dict[str, int]:
        raise NotImplementedError("erasing is never answered in two languages")

    def forget_user(self, team_id: str, user_id: str) -> dict[str, int]:
        raise NotImplementedError("erasing is never answered in two languages")
