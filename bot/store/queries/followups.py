"""Goals' follow-ups and results: which are due, what was asked, what people answered (issue 24).

They live on the goal's own row (`paradox_goals`), so they are kept, exported and erased with the goal.
The sends themselves are claimed in `paradox_weekly_sends` like every scheduled message
(`bot.followup.sender`).
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.coach.storage import Goal
from bot.store.queries.base import StoreBase, at
from bot.store.queries.goals import goal_of
from bot.store.schema import goals

MAX_ASKS = 3


class FollowupQueries(StoreBase):
    """The follow-ups due across workspaces, and one goal's asks and result."""

    def followups_due(self, before: str) -> list[Goal]:
        """Goals with a follow-up due after a date before `before` (ISO), all workspaces, oldest first.

        The caller works out each one's exact moment (the setter's timezone, working days, holidays).
        """
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals)
                .where(
                    goals.c.next_ask_on != "",
                    goals.c.next_ask_on < before,
                    goals.c.asks < MAX_ASKS,
                    goals.c.forgotten_at.is_(None),
                )
                .order_by(goals.c.next_ask_on, goals.c.id)
            ).all()
        return [goal_of(r) for r in rows]

    def goal_by_id(self, team_id: str, goal_id: int) -> Goal | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(goals).where(*at(goals, team_id), goals.c.id == goal_id)).first()
        return goal_of(row) if row else None

    def set_goal_timezone(self, team_id: str, goal_id: int, timezone: str) -> None:
        with self._each_statement() as conn:
            conn.execute(
                goals.update().where(*at(goals, team_id), goals.c.id == goal_id).values(timezone=timezone)
            )

    def followup_asked(self, team_id: str, goal_id: int, ask: int) -> None:
        """Ask number `ask` is in Slack: no further ask until an answer says "too early". Idempotent."""
        with self._each_statement() as conn:
            conn.execute(
                goals.update()
                .where(*at(goals, team_id), goals.c.id == goal_id, goals.c.asks < ask)
                .values(asks=ask, next_ask_on="")
            )

    def stop_followup(self, team_id: str, goal_id: int) -> None:
        """No more follow-ups (Slack refused the post for good: the channel or thread is gone)."""
        with self._each_statement() as conn:
            conn.execute(
                goals.update().where(*at(goals, team_id), goals.c.id == goal_id).values(next_ask_on="")
            )

    def record_result(
        self,
        team_id: str,
        goal_id: int,
        result: str,
        user_id: str,
        next_ask_on: str,
        now: float | None = None,
    ) -> Goal | None:
        """A button's answer: the result, who gave it, when, and the next ask ("" none); the goal after."""
        with self._tx() as conn:
            conn.execute(
                goals.update()
                .where(*at(goals, team_id), goals.c.id == goal_id, goals.c.forgotten_at.is_(None))
                .values(
                    result=result,
                    result_by=user_id,
                    result_at=time.time() if now is None else now,
                    next_ask_on=next_ask_on,
                )
            )
        return self.goal_by_id(team_id, goal_id)

    def record_result_note(self, team_id: str, goal_id: int, note: str) -> Goal | None:
        with self._tx() as conn:
            conn.execute(
                goals.update().where(*at(goals, team_id), goals.c.id == goal_id).values(result_note=note)
            )
        return self.goal_by_id(team_id, goal_id)

    def goals_of(
        self, team_id: str, channel_id: str | None = None, *, limit: int | None = None
    ) -> list[Goal]:
        """The recorded goals of a channel (or the workspace), newest first; misreads left out."""
        query = (
            sa.select(goals)
            .where(*at(goals, team_id, channel_id), goals.c.forgotten_at.is_(None))
            .order_by(goals.c.created_at.desc(), goals.c.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [goal_of(r) for r in conn.execute(query).all()]

    def followup_facts(self, team_id: str, start: str, end: str) -> list[Goal]:
        """The goals whose date fell in [start, end) (ISO dates): what the scorecard counts."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals).where(
                    *at(goals, team_id),
                    goals.c.due_on != "",
                    goals.c.due_on >= start,
                    goals.c.due_on < end,
                    goals.c.forgotten_at.is_(None),
                )
            ).all()
        return [goal_of(r) for r in rows]
