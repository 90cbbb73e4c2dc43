"""Threads and the questions asked in them: the coach's memory of a place, and the scorecard's facts."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import sqlalchemy as sa

from bot.coach.storage import ScoreFacts, ThreadFact
from bot.store.queries.base import StoreBase, at
from bot.store.schema import asked, goals, sends, threads


class ThreadQueries(StoreBase):
    """Which questions a place was asked, and what the coach did in each thread (first times only)."""

    def asked_in(self, team_id: str, channel_id: str, thread_ts: str) -> set[str]:
        """Question ids asked in a place; `thread_ts` is the place's memory key (see Place.memory_key)."""
        with self.engine.connect() as conn:
            rows = conn.execute(_ASKED, {"team": team_id, "channel": channel_id, "thread": thread_ts}).all()
        return {r[0] for r in rows}

    def mark_asked(self, team_id: str, channel_id: str, thread_ts: str, question_ids: list[str]) -> None:
        with self._tx() as conn:
            for qid in question_ids:
                row = {"team_id": team_id, "channel_id": channel_id, "thread_ts": thread_ts}
                self._insert_if_absent(conn, asked, {**row, "question_id": qid, "asked_at": time.time()})

    def forget_asked(self, team_id: str, channel_id: str, thread_ts: str) -> None:
        """Start a place's question cycle again once the deck has run out."""
        with self._tx() as conn:
            conn.execute(asked.delete().where(*at(asked, team_id, channel_id, thread_ts=thread_ts)))

    def note_thread(
        self,
        team_id: str,
        channel_id: str,
        thread_ts: str,
        *,
        nudged: bool,
        goal: bool,
        now: float | None = None,
    ) -> None:
        """Remember that the coach answered in a thread, and whether it nudged or saw a goal (first times only)."""
        now = time.time() if now is None else now
        with self._tx() as conn:
            row = {
                "team_id": team_id,
                "channel_id": channel_id,
                "thread_ts": thread_ts,
                "coached_at": now,
                "goal_first": int(goal and not nudged),
                "nudged_at": now if nudged else None,
                "goal_at": now if goal else None,
            }
            if self._insert_if_absent(conn, threads, row):
                return
            here = at(threads, team_id, channel_id, thread_ts=thread_ts)
            if nudged:
                conn.execute(
                    threads.update().where(*here, threads.c.nudged_at.is_(None)).values(nudged_at=now)
                )
            if goal:
                conn.execute(threads.update().where(*here, threads.c.goal_at.is_(None)).values(goal_at=now))

    def score_facts(self, team_id: str, since: float) -> ScoreFacts:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(threads).where(*at(threads, team_id), threads.c.coached_at >= since)
            ).all()
            found = [
                ThreadFact(
                    r.channel_id, r.thread_ts, r.coached_at, bool(r.goal_first), r.nudged_at, r.goal_at
                )
                for r in rows
            ]
            recorded = conn.execute(
                # A goal someone said was not theirs ("That's not our goal") is not counted.
                sa.select(goals.c.channel_id, goals.c.created_at).where(
                    *at(goals, team_id), goals.c.created_at >= since, goals.c.forgotten_at.is_(None)
                )
            ).all()
            questions = conn.execute(
                sa.select(asked.c.channel_id, asked.c.question_id, asked.c.asked_at).where(
                    *at(asked, team_id), asked.c.asked_at >= since
                )
            ).all()
            # Weekly prompts ask a question too (digest sends carry none).
            prompts = conn.execute(
                sa.select(sends.c.channel_id, sends.c.question_id, sends.c.sent_at).where(
                    *at(sends, team_id, outcome="sent"), sends.c.question_id != "", sends.c.sent_at >= since
                )
            ).all()
            # Goals whose date falls in the period: followed up, answered, met (issue 24).
            since_day = datetime.fromtimestamp(since, UTC).date().isoformat()
            dated = conn.execute(
                sa.select(goals.c.channel_id, goals.c.due_on, goals.c.asks, goals.c.result).where(
                    *at(goals, team_id), goals.c.due_on >= since_day, goals.c.forgotten_at.is_(None)
                )
            ).all()
        asked_all = [tuple(r) for r in questions] + [tuple(r) for r in prompts]
        return ScoreFacts(found, [tuple(r) for r in recorded], asked_all, [tuple(r) for r in dated])


# Built once, values bound at execution: it runs on every question asked.
_ASKED = sa.select(asked.c.question_id).where(
    asked.c.team_id == sa.bindparam("team"),
    asked.c.channel_id == sa.bindparam("channel"),
    asked.c.thread_ts == sa.bindparam("thread"),
)
