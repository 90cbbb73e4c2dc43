"""Numbered schema steps, each with its own frozen table definitions.

A small scheme of our own rather than Alembic: the schema is a handful of tables, and an
in-process list of steps needs no extra config files or CLI for operators.
`paradox_meta.schema_version` records the last step applied; `upgrade()` applies the missing
ones in order, under a lock on PostgreSQL so that processes starting at once do not race.

A step never reads `bot.store.schema`: that module says what the tables are *now*, and a step
that created them from it would, once a later step adds a column, create that column on a
fresh database and then fail adding it again. So each step writes down the tables as they were
when it was written, and is never edited after. To change the schema: edit `schema.py`, then
append a step that brings a database at the previous version to the same shape.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from bot.store.schema import meta

PG_LOCK_KEY = 0x5A4ADC0C  # arbitrary constant: the advisory lock that serialises upgrades


def _step_1(conn: Connection) -> None:
    """Version 1: goals, questions asked, events seen, weekly subscriptions and sends."""
    v1 = sa.MetaData()
    sa.Table(
        "paradox_goals",
        v1,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("channel_id", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=False, default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False, default=""),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ix_goals_place", "team_id", "channel_id", "thread_ts"),
        sa.Index("ix_goals_recent", "team_id", "created_at"),
    )
    sa.Table(
        "paradox_asked",
        v1,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("thread_ts", sa.String(32), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("asked_at", sa.Float, nullable=False),
    )
    sa.Table(
        "paradox_events",
        v1,
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("claimed_at", sa.Float, nullable=False),
        sa.Column("done_at", sa.Float, nullable=True),
        sa.Index("ix_events_claimed", "claimed_at"),
    )
    sa.Table(
        "paradox_subscriptions",
        v1,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("weekday", sa.Integer, nullable=False),
        sa.Column("local_time", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("calendar", sa.String(32), nullable=False, default=""),
        sa.Column("created_by", sa.String(32), nullable=False, default=""),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("resume_on", sa.String(10), nullable=False, default=""),
        sa.Column("stopped_reason", sa.String(64), nullable=False, default=""),
        sa.Column("source", sa.String(16), nullable=False, default="slack"),
    )
    sa.Table(
        "paradox_weekly_sends",
        v1,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("slot", sa.String(10), primary_key=True),
        sa.Column("claimed_at", sa.Float, nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=False, default=""),
        sa.Column("attempts", sa.Integer, nullable=False, default=1),
        sa.Column("sent_at", sa.Float, nullable=True),
        sa.Column("message_ts", sa.String(32), nullable=True),
        sa.Column("question_id", sa.String(64), nullable=False, default=""),
        sa.Column("outcome", sa.String(64), nullable=False, default=""),
    )
    v1.create_all(conn, checkfirst=True)


def _step_2(conn: Connection) -> None:
    """Version 2: the durable inbox, the bodies of claimed events kept until their work is done."""
    v2 = sa.MetaData()
    sa.Table(
        "paradox_inbox",
        v2,
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, default=1),
    )
    v2.create_all(conn, checkfirst=True)


def _step_3(conn: Connection) -> None:
    """Version 3: a goal can be marked as a misread ("That's not our goal"): paradox_goals.forgotten_at."""
    conn.execute(sa.text("ALTER TABLE paradox_goals ADD COLUMN forgotten_at FLOAT"))


def _step_leads(conn: Connection) -> None:
    """The scorecard's thread facts, digest subscribers, and each workspace's deck edits (issue 16).

    Named, not numbered, and self-contained: its version is its place in STEPS, so that it can
    follow whichever steps land before it with a one-line change there.
    """
    v = sa.MetaData()
    sa.Table(
        "paradox_threads",
        v,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("thread_ts", sa.String(32), primary_key=True),
        sa.Column("coached_at", sa.Float, nullable=False),
        sa.Column("goal_first", sa.Integer, nullable=False, default=0),
        sa.Column("nudged_at", sa.Float, nullable=True),
        sa.Column("goal_at", sa.Float, nullable=True),
        sa.Index("ix_threads_month", "team_id", "coached_at"),
    )
    sa.Table(
        "paradox_digests",
        v,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.String(32), primary_key=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("calendar", sa.String(32), nullable=False, default=""),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    sa.Table(
        "paradox_deck_edits",
        v,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("paradox_id", sa.String(64), nullable=False, default=""),
        sa.Column("question_id", sa.String(64), nullable=False, default=""),
        sa.Column("text", sa.Text, nullable=False, default=""),
        sa.Column("user_id", sa.String(32), nullable=False, default=""),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Index("ix_deck_edits_team", "team_id", "id"),
    )
    v.create_all(conn, checkfirst=True)


def _step_stopped_at(conn: Connection) -> None:
    """Version 5 (after issue 16's `_step_leads`): when a subscription stopped (paradox_subscriptions.stopped_at), so retention can purge it.

    Subscriptions stopped before this step get the upgrade's time: their retention starts now.
    """
    conn.execute(sa.text("ALTER TABLE paradox_subscriptions ADD COLUMN stopped_at FLOAT"))
    conn.execute(
        sa.text("UPDATE paradox_subscriptions SET stopped_at = :now WHERE stopped_reason <> ''"),
        {"now": time.time()},
    )


def _step_languages(conn: Connection) -> None:
    """Version 6 (issue 23): paradox_languages, the reply language of a channel and of a workspace; and
    paradox_digests.language, the language a lead's digest is written in."""
    v = sa.MetaData()
    sa.Table(
        "paradox_languages",
        v,
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("channel_id", sa.String(32), primary_key=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("set_by", sa.String(32), nullable=False, default=""),
        sa.Column("set_at", sa.Float, nullable=False),
    )
    v.create_all(conn, checkfirst=True)
    # the digest goes out in the language the lead asked for it in
    conn.execute(sa.text("ALTER TABLE paradox_digests ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT ''"))


def _step_followups(conn: Connection) -> None:
    """Version 7 (issue 24): a goal's follow-up and its result, on paradox_goals (they are the goal's, kept
    and erased with it)."""
    for column in (
        "due_on VARCHAR(10) NOT NULL DEFAULT ''",
        "timezone VARCHAR(64) NOT NULL DEFAULT ''",
        "next_ask_on VARCHAR(10) NOT NULL DEFAULT ''",
        "asks INTEGER NOT NULL DEFAULT 0",
        "result VARCHAR(16) NOT NULL DEFAULT ''",
        "result_by VARCHAR(32) NOT NULL DEFAULT ''",
        "result_at FLOAT",
        "result_note TEXT NOT NULL DEFAULT ''",
    ):
        conn.execute(sa.text(f"ALTER TABLE paradox_goals ADD COLUMN {column}"))
    # the follow-ups due: goals with a next ask, by date
    conn.execute(sa.text("CREATE INDEX ix_goals_next_ask ON paradox_goals (next_ask_on)"))


# The list index + 1 is the version a step brings the schema to. Append; never edit or reorder.
STEPS: list[Callable[[Connection], None]] = [
    _step_1,
    _step_2,
    _step_3,
    _step_leads,  # version 4
    _step_stopped_at,  # version 5
    _step_languages,  # version 6
    _step_followups,  # version 7
]
SCHEMA_VERSION = len(STEPS)


def found_version(conn: Connection) -> int:
    row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def _stamp(conn: Connection, version: int) -> None:
    insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert
    stmt = insert(meta).values(key="schema_version", value=str(version))
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}))


def upgrade(conn: Connection, *, to: int = SCHEMA_VERSION) -> int:
    """Apply the steps after the version found, up to `to`, in the caller's transaction; return the version found."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
    # paradox_meta is the one table no step may change: it says which steps have run.
    meta.create(conn, checkfirst=True)
    found = found_version(conn)
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"the database schema is version {found}, newer than this code ({SCHEMA_VERSION}); upgrade the bot"
        )
    for version in range(found + 1, to + 1):
        STEPS[version - 1](conn)
    if found < to:
        _stamp(conn, to)
    return found
