"""Goals: recorded per thread or channel with their author, forgotten on "That's not our goal"."""

from __future__ import annotations

import time
from dataclasses import replace

import sqlalchemy as sa

from bot.coach.storage import Goal
from bot.store.queries.base import StoreBase, at
from bot.store.schema import goals


class GoalQueries(StoreBase):
    """Goals by place, newest first; a forgotten goal is kept only so it is not read again."""

    def record_goal(
        self, team_id: str, channel_id: str, thread_ts: str, text: str, user_id: str, *, due_on: str = ""
    ) -> Goal:
        """Record a goal; `due_on` (ISO), the date it names, makes it due for a follow-up after that date."""
        goal = Goal(
            team_id,
            channel_id,
            thread_ts or "",
            text,
            user_id or "",
            time.time(),
            due_on=due_on,
            next_ask_on=due_on,
        )
        row = {k: v for k, v in goal.__dict__.items() if k != "id"}
        with self._tx() as conn:
            new_id = conn.execute(goals.insert().values(**row).returning(goals.c.id)).scalar_one()
        return replace(goal, id=new_id)

    def goal_for(self, team_id: str, channel_id: str, thread_ts: str = "") -> Goal | None:
        """The latest goal of the thread, else of the channel."""
        with self.engine.connect() as conn:
            for place in dict.fromkeys([thread_ts or "", ""]):
                where = {"team": team_id, "channel": channel_id, "thread": place}
                row = conn.execute(_LATEST_GOAL, where).first()
                if row:
                    return goal_of(row)
        return None

    def forget_goal(self, team_id: str, channel_id: str, thread_ts: str) -> Goal | None:
        """Mark the goals of exactly this place (a thread, or "" for the channel) as misread; return the latest."""
        place = at(goals, team_id, channel_id, thread_ts=thread_ts or "")
        with self._tx() as conn:
            row = conn.execute(
                sa.select(goals)
                .where(*place, goals.c.forgotten_at.is_(None))
                .order_by(goals.c.created_at.desc(), goals.c.id.desc())
                .limit(1)
            ).first()
            if row is None:
                return None
            now = time.time()
            conn.execute(
                goals.update().where(*place, goals.c.forgotten_at.is_(None)).values(forgotten_at=now)
            )
        return goal_of(row)

    def forgotten_goals(self, team_id: str, channel_id: str, thread_ts: str) -> list[str]:
        """The texts marked as not this place's goal, so they are not read as its goal again."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals.c.text).where(
                    *at(goals, team_id, channel_id, thread_ts=thread_ts or ""),
                    goals.c.forgotten_at.is_not(None),
                )
            ).all()
        return [r[0] for r in rows]

    def recent_goals(self, team_id: str, limit: int = 10) -> list[Goal]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals)
                .where(*at(goals, team_id), goals.c.forgotten_at.is_(None))
                .order_by(goals.c.created_at.desc(), goals.c.id.desc())
                .limit(limit)
            ).all()
        return [goal_of(r) for r in rows]


# Built once, values bound at execution: it runs on every mention.
_LATEST_GOAL = (
    sa.select(goals)
    .where(
        goals.c.team_id == sa.bindparam("team"),
        goals.c.channel_id == sa.bindparam("channel"),
        goals.c.thread_ts == sa.bindparam("thread"),
        goals.c.forgotten_at.is_(None),
    )
    .order_by(goals.c.created_at.desc(), goals.c.id.desc())
    .limit(1)
)


def goal_of(row) -> Goal:
    return Goal(**row._mapping)
