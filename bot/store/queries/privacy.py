"""People's data: subject access, erasure, the admin export and retention (docs/privacy.md)."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.coach.storage import PersonalData
from bot.store.queries.base import StoreBase, at, count, key_of
from bot.store.queries.goals import goal_of
from bot.store.schema import (
    WORKSPACE_TABLES,
    asked,
    deck_edits,
    digests,
    events,
    goals,
    inbox,
    languages,
    sends,
    subscriptions,
)


class PrivacyQueries(StoreBase):
    """Everything about a person or a workspace, across the tables, and the retention purge."""

    def data_about(self, team_id: str, user_id: str) -> PersonalData:
        """Everything stored about one person in a workspace (subject access)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals)
                .where(*at(goals, team_id, user_id=user_id))
                .order_by(goals.c.created_at.desc(), goals.c.id.desc())
            ).all()
            memory = conn.execute(
                sa.select(asked.c.channel_id, sa.func.count())
                .where(*at(asked, team_id, thread_ts=f"u:{user_id}"))
                .group_by(asked.c.channel_id)
                .order_by(asked.c.channel_id)
            ).all()
            subs = conn.execute(
                sa.select(subscriptions.c.channel_id)
                .where(*at(subscriptions, team_id, created_by=user_id))
                .order_by(subscriptions.c.channel_id)
            ).all()
            digest = conn.execute(
                sa.select(digests.c.user_id).where(*at(digests, team_id, user_id=user_id))
            ).first()
            edits = conn.execute(
                sa.select(sa.func.count())
                .select_from(deck_edits)
                .where(*at(deck_edits, team_id, user_id=user_id))
            ).scalar_one()
            answered = conn.execute(
                sa.select(goals)
                .where(*at(goals, team_id, result_by=user_id))
                .order_by(goals.c.result_at.desc(), goals.c.id.desc())
            ).all()
            langs = conn.execute(
                sa.select(languages.c.channel_id)
                .where(*at(languages, team_id, set_by=user_id))
                .order_by(languages.c.channel_id)
            ).all()
        return PersonalData(
            user_id,
            [goal_of(r) for r in rows],
            {c: n for c, n in memory},
            [r[0] for r in subs],
            digest=digest is not None,
            deck_edits=edits,
            languages=[r[0] for r in langs],
            results=[goal_of(r) for r in answered],
        )

    def forget_channel(self, team_id: str, channel_id: str) -> dict[str, int]:
        """Erase a channel's goals (its own and its threads') and every question memory in it."""
        with self._tx() as conn:
            return {
                "goals": _deleted(conn, goals, *at(goals, team_id, channel_id)),
                "questions": _deleted(conn, asked, *at(asked, team_id, channel_id)),
            }

    def forget_user(self, team_id: str, user_id: str) -> dict[str, int]:
        """Erase what is stored about one person: their goals and their /paradox question memory.

        A weekly prompt they set up belongs to its channel and keeps running; only their name
        comes off it, as it does off their deck edits (the workspace's deck stays as edited). Their
        digest opt-in goes, with its monthly claims (kept under their user id as channel_id).
        """
        with self._tx() as conn:
            gone_goals = _deleted(conn, goals, *at(goals, team_id, user_id=user_id))
            gone_asked = _deleted(conn, asked, *at(asked, team_id, thread_ts=f"u:{user_id}"))
            unnamed = _unname(conn, subscriptions.c.created_by, team_id, user_id)
            gone_digest = _deleted(conn, digests, *at(digests, team_id, user_id=user_id))
            conn.execute(sends.delete().where(*at(sends, team_id, user_id), sends.c.question_id == ""))
            unnamed_edits = _unname(conn, deck_edits.c.user_id, team_id, user_id)
            # a channel's language stays as set; only their name comes off it
            unnamed_languages = _unname(conn, languages.c.set_by, team_id, user_id)
            # a follow-up's result belongs to its goal and stays; who gave it and what they typed go
            unnamed_results = count(
                conn.execute(
                    goals.update()
                    .where(*at(goals, team_id, result_by=user_id))
                    .values(result_by="", result_note="")
                    .returning(goals.c.id)
                )
            )
        return {
            "goals": gone_goals,
            "questions": gone_asked,
            "subscriptions": unnamed,
            "digests": gone_digest,
            "deck_edits": unnamed_edits,
            "languages": unnamed_languages,
            "results": unnamed_results,
        }

    def export_workspace(self, team_id: str) -> dict[str, list[dict]]:
        """Every row stored for a workspace, table by table (the admin export).

        The inbox's bodies are shown as their size only: they are other people's messages on
        their way to an answer, deleted when it is sent.
        """
        out: dict[str, list[dict]] = {}
        with self.engine.connect() as conn:
            for table in WORKSPACE_TABLES:
                rows = conn.execute(sa.select(table).where(*at(table, team_id))).all()
                found = [dict(r._mapping) for r in rows]
                if table is inbox:
                    found = [
                        {**{k: v for k, v in r.items() if k != "body"}, "body_chars": len(r["body"])}
                        for r in found
                    ]
                out[table.name] = found
        return out

    def purge_expired(self, retention, now: float | None = None) -> dict[str, int]:
        """Delete what is past its retention period (`Settings.retention`); return how many rows went, by kind."""
        now = time.time() if now is None else now
        with self._tx() as conn:
            gone = {
                kind: _deleted(conn, table, *where)
                for kind, (table, where) in _expired(retention, now).items()
            }
        gone["events"] = self.purge_events(now - retention.event_ids_days * DAY)
        return gone

    def delete_workspace(self, team_id: str) -> None:
        """Forget everything about a workspace (on uninstall or token revocation)."""
        with self._tx() as conn:
            for table in WORKSPACE_TABLES:
                conn.execute(table.delete().where(*at(table, team_id)))


def _deleted(conn, table: sa.Table, *where) -> int:
    """Delete the rows matching `where`; return how many went."""
    return count(conn.execute(table.delete().where(*where).returning(key_of(table))))


def _unname(conn, column: sa.Column, team_id: str, user_id: str) -> int:
    """Take a person's name off the rows they made that outlive them (they belong to a channel or
    the workspace); return how many."""
    table = column.table
    unnamed = table.update().where(*at(table, team_id), column == user_id).values({column: ""})
    return count(conn.execute(unnamed.returning(key_of(table))))


DAY = 86400.0


def _expired(retention, now: float) -> dict[str, tuple[sa.Table, list]]:
    """Each kind of data's table and the conditions that say a row is past its retention period."""

    def before(kind: str) -> float:
        return now - getattr(retention, kind) * DAY

    stale_events = sa.select(events.c.event_id).where(events.c.claimed_at < before("inbox_days"))
    return {
        "goals": (goals, [goals.c.created_at < before("goals_days")]),
        "questions": (asked, [asked.c.asked_at < before("questions_days")]),
        "sends": (sends, [sends.c.claimed_at < before("sends_days")]),
        "subscriptions": (
            subscriptions,
            [
                subscriptions.c.stopped_reason != "",
                subscriptions.c.stopped_at < before("stopped_subscriptions_days"),
            ],
        ),
        "inbox": (inbox, [inbox.c.event_id.in_(stale_events)]),
    }
