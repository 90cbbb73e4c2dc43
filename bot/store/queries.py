"""The Store: every read and write of the bot's own state, for SQLite and PostgreSQL alike.

One SQLAlchemy 2 Core layer serves SQLite (the default) and PostgreSQL (psycopg 3). Every
row is scoped by workspace (`team_id`: the team, or the enterprise for org-wide installs).
The tables are in `bot.store.schema`; the schema's versions in `bot.store.upgrades`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bot.coach.storage import (
    DeckEdit,
    DigestSubscription,
    Goal,
    PersonalData,
    ScoreFacts,
    Subscription,
    ThreadFact,
)
from bot.store import upgrades
from bot.store.schema import (
    WORKSPACE_TABLES,
    asked,
    deck_edits,
    digests,
    events,
    goals,
    inbox,
    sends,
    subscriptions,
    threads,
)
from bot.store.writelock import WriteLock

log = logging.getLogger(__name__)


def private_sqlite_file(url: str) -> str:
    """Create the SQLite file owner-only (0600) before SQLite does, and tighten one that exists.

    SQLite creates its -wal and -shm files with the main file's permissions, so a main file made
    0600 keeps all three private, whatever the process umask (0644 by default: readable by every
    user on the host, and in OAuth mode the file holds bot tokens). Returns the file's path, or ""
    for an in-memory database.
    """
    database = sa.engine.make_url(url).database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return ""
    path = os.path.abspath(database)
    if not os.path.isdir(os.path.dirname(path)):
        return ""  # SQLite's own error says the file cannot be opened; nothing to protect yet
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    for name in (path, path + "-wal", path + "-shm", path + "-journal"):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(os.stat(name).st_mode) != 0o600:
                os.chmod(name, 0o600)
    return path


def make_engine(url: str, *, ping_when_idle: float | None = None) -> Engine:
    """The engine for DATABASE_URL.

    PostgreSQL connections are pinged before each use, so one the server dropped is replaced, not
    failed. `ping_when_idle`: ping only those idle for that many seconds instead, for a process
    that checks connections out thousands of times a second (the weekly fan-out), where one used a
    moment ago is alive and a ping each time would double its round trips.
    """
    if url.startswith("sqlite"):
        private_sqlite_file(url)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            # WAL lets readers run beside one writer, which several processes need.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL cannot corrupt the file; it only defers the fsync to checkpoints.
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    # connect_timeout: while the database is unreachable, fail in seconds rather than hang the
    # request (events then get a 503 and Slack retries them).
    engine = sa.create_engine(
        url,
        pool_pre_ping=ping_when_idle is None,
        pool_size=10,
        max_overflow=10,
        connect_args={"connect_timeout": 5},
    )
    if ping_when_idle is not None:
        _ping_when_idle(engine, ping_when_idle)
    return engine


def _ping_when_idle(engine: Engine, seconds: float) -> None:
    @sa.event.listens_for(engine, "checkin")
    def _stamp(dbapi_conn, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _ping(dbapi_conn, record, proxy) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < seconds:
            return  # just connected, or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:
            # The pool's own answer to a dead connection: replace it and check out again.
            raise sa.exc.DisconnectionError() from exc


class Store:
    """All reads and writes of the bot's own state."""

    def __init__(self, url: str, *, engine: Engine | None = None):
        self.url = url
        self.engine = engine or make_engine(url)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self._absent: dict[str, sa.Insert] = {}  # `_insert_if_absent`'s statements, by table
        # SQLite: writers queue on a lock rather than on SQLite's busy sleeps (bot/store/writelock.py).
        path = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        self._writes = WriteLock(path if path and path != ":memory:" else "") if path is not None else None

    # -- schema -------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Bring the schema up to upgrades.SCHEMA_VERSION; return the version found before."""
        for attempt in range(5):
            try:
                return self._migrate_once()
            except sa.exc.OperationalError as exc:
                # Two SQLite processes creating the same table at once: the loser retries.
                if self.is_postgres or attempt == 4 or "already exists" not in str(exc):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def _migrate_once(self) -> int:
        with self.engine.begin() as conn:
            return upgrades.upgrade(conn)

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return upgrades.found_version(conn)

    def ping(self) -> None:
        """Raise if the database cannot be reached."""
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))

    # -- helpers ------------------------------------------------------------------------------

    def _insert(self, table: sa.Table):
        return (postgresql if self.is_postgres else sqlite).insert(table)

    def _insert_if_absent(self, conn: Connection, table: sa.Table, row: dict) -> bool:
        # RETURNING, not rowcount: psycopg may report -1 for INSERT ... ON CONFLICT DO NOTHING.
        # One statement per table, values bound at execution: claims run on every event's ack,
        # and building the statement each time cost more than running it.
        stmt = self._absent.get(table.name)
        if stmt is None:
            key = next(iter(table.primary_key.columns))
            stmt = self._absent[table.name] = self._insert(table).on_conflict_do_nothing().returning(key)
        return conn.execute(stmt, row).first() is not None

    def _upsert(
        self, conn: Connection, table: sa.Table, row: dict, keys: list[str], update: list[str]
    ) -> None:
        stmt = self._insert(table).values(**row)
        stmt = stmt.on_conflict_do_update(index_elements=keys, set_={k: stmt.excluded[k] for k in update})
        conn.execute(stmt)

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self._writes.held() if self._writes else contextlib.nullcontext(), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _each_statement(self) -> Iterator[Connection]:
        """A connection where each statement commits on its own: for writes that are one statement
        (or statements each safe alone), which then cost PostgreSQL one round trip, not BEGIN and
        COMMIT as well. The weekly fan-out makes two such writes per post, thousands a minute.
        SQLite has no round trips to save, and its writes queue on the write lock: a transaction."""
        if not self.is_postgres:
            with self._tx() as conn:
                yield conn
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            yield conn

    # -- events (Slack retries) -----------------------------------------------------------------

    def claim_event(
        self,
        team_id: str,
        event_id: str,
        *,
        now: float | None = None,
        lease: float = 120,
        body: str | None = None,
    ) -> str:
        """Truthy for exactly one caller per event id, across threads and processes.

        Returns "new" for a first claim, "taken_over" for a claim taken over from a process that
        stopped renewing it (after `lease` seconds; it may have posted already), "" otherwise.
        With `body`, the payload is stored in the inbox in the same transaction as the claim, so
        that work acknowledged to Slack can always be resumed (see bot/inbox.py).
        """
        now = time.time() if now is None else now
        with self._tx() as conn:
            row = {"event_id": event_id, "team_id": team_id, "claimed_at": now, "done_at": None}
            if self._insert_if_absent(conn, events, row):
                if body is not None:
                    conn.execute(inbox.insert(), {"event_id": event_id, "team_id": team_id, "body": body})
                return "new"
            taken = conn.execute(
                events.update()
                .where(
                    events.c.event_id == event_id,
                    events.c.done_at.is_(None),
                    events.c.claimed_at < now - lease,
                )
                .values(claimed_at=now)
                .returning(events.c.event_id)
            )
            if taken.first() is None:
                return ""
            if body is not None:
                self._upsert(
                    conn,
                    inbox,
                    {"event_id": event_id, "team_id": team_id, "body": body, "attempts": 1},
                    ["event_id"],
                    ["body"],
                )
            return "taken_over"

    def finish_event(self, event_id: str, *, now: float | None = None) -> None:
        """Mark the work done and drop its stored payload (message text is kept no longer than needed)."""
        with self._tx() as conn:
            conn.execute(_FINISH, {"id": event_id, "done": time.time() if now is None else now})
            conn.execute(_DROP_BODY, {"id": event_id})

    # -- the inbox (bot/inbox.py) ---------------------------------------------------------------

    def renew_claims(self, event_ids: list[str], *, now: float | None = None) -> None:
        """Keep the lease of work this process is still doing, so nobody else takes it over."""
        if not event_ids:
            return
        with self._tx() as conn:
            conn.execute(
                events.update()
                .where(events.c.event_id.in_(event_ids), events.c.done_at.is_(None))
                .values(claimed_at=time.time() if now is None else now)
            )

    def take_over_stale(self, lease: float, *, now: float | None = None, limit: int = 20) -> list[dict]:
        """Claim unfinished work whose lease ran out; each row goes to exactly one caller.

        Returns dicts with event_id, team_id, body and attempts (counting this one).
        """
        now = time.time() if now is None else now
        with self.engine.connect() as conn:
            stale = conn.execute(
                sa.select(inbox.c.event_id)
                .join(events, events.c.event_id == inbox.c.event_id)
                .where(events.c.done_at.is_(None), events.c.claimed_at < now - lease)
                .order_by(events.c.claimed_at)
                .limit(limit)
            ).all()
        out = []
        for (event_id,) in stale:
            with self._tx() as conn:
                won = conn.execute(
                    events.update()
                    .where(
                        events.c.event_id == event_id,
                        events.c.done_at.is_(None),
                        events.c.claimed_at < now - lease,
                    )
                    .values(claimed_at=now)
                    .returning(events.c.event_id)
                ).first()
                if won is None:
                    continue  # another process took it first
                row = conn.execute(
                    inbox.update()
                    .where(inbox.c.event_id == event_id)
                    .values(attempts=inbox.c.attempts + 1)
                    .returning(inbox.c.event_id, inbox.c.team_id, inbox.c.body, inbox.c.attempts)
                ).first()
                if row is not None:
                    out.append(dict(row._mapping))
        return out

    def unfinished_events(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(inbox)).scalar_one()

    EVENT_MEMORY = 7 * 86400  # Slack retries for minutes; a week of event ids is plenty

    def purge_events(self, older_than: float | None = None, *, finished_before: float | None = None) -> int:
        """Forget event ids claimed before `older_than` (default: a week ago), and finished ones
        before `finished_before` (the inbox's `keep_finished_hours`)."""
        if older_than is None:
            older_than = time.time() - self.EVENT_MEMORY
        gone = events.c.claimed_at < older_than
        if finished_before is not None:
            gone = sa.or_(gone, events.c.done_at < finished_before)
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute(events.delete().where(gone).returning(events.c.event_id))]
            for start in range(0, len(ids), 500):
                conn.execute(inbox.delete().where(inbox.c.event_id.in_(ids[start : start + 500])))
            return len(ids)

    # -- goals and questions ----------------------------------------------------------------------

    def record_goal(self, team_id: str, channel_id: str, thread_ts: str, text: str, user_id: str) -> Goal:
        goal = Goal(team_id, channel_id, thread_ts or "", text, user_id or "", time.time())
        with self._tx() as conn:
            conn.execute(goals.insert().values(**goal.__dict__))
        return goal

    def goal_for(self, team_id: str, channel_id: str, thread_ts: str = "") -> Goal | None:
        """The latest goal of the thread, else of the channel."""
        with self.engine.connect() as conn:
            for place in dict.fromkeys([thread_ts or "", ""]):
                at = {"team": team_id, "channel": channel_id, "thread": place}
                row = conn.execute(_LATEST_GOAL, at).first()
                if row:
                    return _goal(row)
        return None

    def forget_goal(self, team_id: str, channel_id: str, thread_ts: str) -> Goal | None:
        """Mark the goals of exactly this place (a thread, or "" for the channel) as misread; return the latest."""
        place = _at(goals, team_id, channel_id, thread_ts=thread_ts or "")
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
        return _goal(row)

    def forgotten_goals(self, team_id: str, channel_id: str, thread_ts: str) -> list[str]:
        """The texts marked as not this place's goal, so they are not read as its goal again."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals.c.text).where(
                    *_at(goals, team_id, channel_id, thread_ts=thread_ts or ""),
                    goals.c.forgotten_at.is_not(None),
                )
            ).all()
        return [r[0] for r in rows]

    def recent_goals(self, team_id: str, limit: int = 10) -> list[Goal]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals)
                .where(*_at(goals, team_id), goals.c.forgotten_at.is_(None))
                .order_by(goals.c.created_at.desc(), goals.c.id.desc())
                .limit(limit)
            ).all()
        return [_goal(r) for r in rows]

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
            conn.execute(asked.delete().where(*_at(asked, team_id, channel_id, thread_ts=thread_ts)))

    # -- weekly subscriptions -----------------------------------------------------------------------

    def save_subscription(self, sub: Subscription) -> None:
        with self._tx() as conn:
            row = dict(sub.__dict__)
            row["stopped_at"] = (sub.stopped_at or time.time()) if sub.stopped_reason else None
            keys = ["team_id", "channel_id"]
            self._upsert(conn, subscriptions, row, keys, [k for k in row if k not in keys])

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(subscriptions).where(*_at(subscriptions, team_id, channel_id))
            ).first()
        return Subscription(**row._mapping) if row else None

    def subscriptions(self, team_id: str | None = None, *, limit: int | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).order_by(subscriptions.c.team_id, subscriptions.c.channel_id)
        if team_id is not None:
            query = query.where(*_at(subscriptions, team_id))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [Subscription(**r._mapping) for r in conn.execute(query).all()]

    def delete_subscription(self, team_id: str, channel_id: str) -> bool:
        with self._tx() as conn:
            gone = conn.execute(
                subscriptions.delete()
                .where(*_at(subscriptions, team_id, channel_id))
                .returning(subscriptions.c.channel_id)
            ).all()
            return bool(gone)

    def update_subscription(self, team_id: str, channel_id: str, **values) -> None:
        if "stopped_reason" in values and "stopped_at" not in values:
            # Retention counts from when posting stopped; resuming clears it.
            values["stopped_at"] = time.time() if values["stopped_reason"] else None
        with self._tx() as conn:
            conn.execute(
                subscriptions.update().where(*_at(subscriptions, team_id, channel_id)).values(**values)
            )

    # -- weekly sends --------------------------------------------------------------------------------

    def claim_send(
        self,
        team_id: str,
        channel_id: str,
        slot: str,
        worker: str,
        *,
        now: float | None = None,
        lease: float = 300,
    ) -> tuple[bool, int]:
        """Claim the weekly slot for posting. Returns (won, attempt number).

        Exactly one caller wins a fresh slot. A claim left unconfirmed for `lease` seconds (its
        process died mid-post) can be won again; the winner must then check the channel for
        the earlier post before posting, since the first attempt may have reached Slack.
        """
        now = time.time() if now is None else now
        # Each statement alone is enough: the insert has one winner, and the take-over's UPDATE
        # re-checks its WHERE on the locked row, so two takers of a stale claim cannot both win.
        with self._each_statement() as conn:
            row = {
                "team_id": team_id,
                "channel_id": channel_id,
                "slot": slot,
                "claimed_at": now,
                "claimed_by": worker,
                "attempts": 1,
                "sent_at": None,
                "message_ts": None,
                "question_id": "",
                "outcome": "",
            }
            if self._insert_if_absent(conn, sends, row):
                return True, 1
            taken = conn.execute(
                sends.update()
                .where(
                    *_at(sends, team_id, channel_id, slot=slot, outcome=""),
                    sends.c.claimed_at < now - lease,
                )
                .values(claimed_at=now, claimed_by=worker, attempts=sends.c.attempts + 1)
                .returning(sends.c.attempts)
            ).first()
            return (True, taken[0]) if taken else (False, 0)

    def finish_send(
        self,
        team_id: str,
        channel_id: str,
        slot: str,
        *,
        outcome: str,
        message_ts: str = "",
        question_id: str = "",
    ) -> None:
        with self._each_statement() as conn:
            conn.execute(
                sends.update()
                .where(*_at(sends, team_id, channel_id, slot=slot))
                .values(
                    outcome=outcome,
                    message_ts=message_ts or None,
                    question_id=question_id,
                    sent_at=time.time(),
                )
            )

    def sent_questions(self, team_id: str, channel_id: str) -> list[str]:
        """Question ids already posted to a channel, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sends.c.question_id)
                .where(*_at(sends, team_id, channel_id, outcome="sent"))
                .order_by(sends.c.slot)
            ).all()
        return [r[0] for r in rows]

    def sent_questions_by_channel(self, team_id: str) -> dict[str, list[str]]:
        """`sent_questions` for every channel of a workspace in one query (a fan-out's)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sends.c.channel_id, sends.c.question_id)
                .where(*_at(sends, team_id, outcome="sent"))
                .order_by(sends.c.channel_id, sends.c.slot)
            ).all()
        found: dict[str, list[str]] = {}
        for channel_id, question_id in rows:
            found.setdefault(channel_id, []).append(question_id)
        return found

    def send_record(self, team_id: str, channel_id: str, slot: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sends).where(*_at(sends, team_id, channel_id, slot=slot))).first()
        return dict(row._mapping) if row else None

    # -- people's data: access, erasure, export, retention (docs/privacy.md) -----------------------------

    def data_about(self, team_id: str, user_id: str) -> PersonalData:
        """Everything stored about one person in a workspace (subject access)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(goals)
                .where(*_at(goals, team_id, user_id=user_id))
                .order_by(goals.c.created_at.desc(), goals.c.id.desc())
            ).all()
            memory = conn.execute(
                sa.select(asked.c.channel_id, sa.func.count())
                .where(*_at(asked, team_id, thread_ts=f"u:{user_id}"))
                .group_by(asked.c.channel_id)
                .order_by(asked.c.channel_id)
            ).all()
            subs = conn.execute(
                sa.select(subscriptions.c.channel_id)
                .where(*_at(subscriptions, team_id, created_by=user_id))
                .order_by(subscriptions.c.channel_id)
            ).all()
            digest = conn.execute(
                sa.select(digests.c.user_id).where(*_at(digests, team_id, user_id=user_id))
            ).first()
            edits = conn.execute(
                sa.select(sa.func.count())
                .select_from(deck_edits)
                .where(*_at(deck_edits, team_id, user_id=user_id))
            ).scalar_one()
        return PersonalData(
            user_id,
            [_goal(r) for r in rows],
            {c: n for c, n in memory},
            [r[0] for r in subs],
            digest=digest is not None,
            deck_edits=edits,
        )

    def forget_channel(self, team_id: str, channel_id: str) -> dict[str, int]:
        """Erase a channel's goals (its own and its threads') and every question memory in it."""
        with self._tx() as conn:
            gone_goals = conn.execute(
                goals.delete().where(*_at(goals, team_id, channel_id)).returning(goals.c.id)
            ).all()
            gone_asked = conn.execute(
                asked.delete().where(*_at(asked, team_id, channel_id)).returning(asked.c.question_id)
            ).all()
        return {"goals": len(gone_goals), "questions": len(gone_asked)}

    def forget_user(self, team_id: str, user_id: str) -> dict[str, int]:
        """Erase what is stored about one person: their goals and their /paradox question memory.

        A weekly prompt they set up belongs to its channel and keeps running; only their name
        comes off it, as it does off their deck edits (the workspace's deck stays as edited). Their
        digest opt-in goes, with its monthly claims (kept under their user id as channel_id).
        """
        with self._tx() as conn:
            gone_goals = conn.execute(
                goals.delete().where(*_at(goals, team_id, user_id=user_id)).returning(goals.c.id)
            ).all()
            gone_asked = conn.execute(
                asked.delete()
                .where(*_at(asked, team_id, thread_ts=f"u:{user_id}"))
                .returning(asked.c.question_id)
            ).all()
            unnamed = conn.execute(
                subscriptions.update()
                .where(*_at(subscriptions, team_id, created_by=user_id))
                .values(created_by="")
                .returning(subscriptions.c.channel_id)
            ).all()
            gone_digest = conn.execute(
                digests.delete().where(*_at(digests, team_id, user_id=user_id)).returning(digests.c.user_id)
            ).all()
            conn.execute(sends.delete().where(*_at(sends, team_id, user_id), sends.c.question_id == ""))
            unnamed_edits = conn.execute(
                deck_edits.update()
                .where(*_at(deck_edits, team_id, user_id=user_id))
                .values(user_id="")
                .returning(deck_edits.c.id)
            ).all()
        return {
            "goals": len(gone_goals),
            "questions": len(gone_asked),
            "subscriptions": len(unnamed),
            "digests": len(gone_digest),
            "deck_edits": len(unnamed_edits),
        }

    def export_workspace(self, team_id: str) -> dict[str, list[dict]]:
        """Every row stored for a workspace, table by table (the admin export).

        The inbox's bodies are shown as their size only: they are other people's messages on
        their way to an answer, deleted when it is sent.
        """
        out: dict[str, list[dict]] = {}
        with self.engine.connect() as conn:
            for table in WORKSPACE_TABLES:
                rows = conn.execute(sa.select(table).where(*_at(table, team_id))).all()
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
        day = 86400.0
        gone: dict[str, int] = {}
        with self._tx() as conn:
            gone["goals"] = _count(
                conn.execute(
                    goals.delete()
                    .where(goals.c.created_at < now - retention.goals_days * day)
                    .returning(goals.c.id)
                )
            )
            gone["questions"] = _count(
                conn.execute(
                    asked.delete()
                    .where(asked.c.asked_at < now - retention.questions_days * day)
                    .returning(asked.c.question_id)
                )
            )
            gone["sends"] = _count(
                conn.execute(
                    sends.delete()
                    .where(sends.c.claimed_at < now - retention.sends_days * day)
                    .returning(sends.c.slot)
                )
            )
            gone["subscriptions"] = _count(
                conn.execute(
                    subscriptions.delete()
                    .where(
                        subscriptions.c.stopped_reason != "",
                        subscriptions.c.stopped_at < now - retention.stopped_subscriptions_days * day,
                    )
                    .returning(subscriptions.c.channel_id)
                )
            )
            stale = sa.select(events.c.event_id).where(events.c.claimed_at < now - retention.inbox_days * day)
            gone["inbox"] = _count(
                conn.execute(inbox.delete().where(inbox.c.event_id.in_(stale)).returning(inbox.c.event_id))
            )
        gone["events"] = self.purge_events(now - retention.event_ids_days * day)
        return gone

    # -- the scorecard's facts ------------------------------------------------------------------------

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
            here = _at(threads, team_id, channel_id, thread_ts=thread_ts)
            if nudged:
                conn.execute(
                    threads.update().where(*here, threads.c.nudged_at.is_(None)).values(nudged_at=now)
                )
            if goal:
                conn.execute(threads.update().where(*here, threads.c.goal_at.is_(None)).values(goal_at=now))

    def score_facts(self, team_id: str, since: float) -> ScoreFacts:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(threads).where(*_at(threads, team_id), threads.c.coached_at >= since)
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
                    *_at(goals, team_id), goals.c.created_at >= since, goals.c.forgotten_at.is_(None)
                )
            ).all()
            questions = conn.execute(
                sa.select(asked.c.channel_id, asked.c.question_id, asked.c.asked_at).where(
                    *_at(asked, team_id), asked.c.asked_at >= since
                )
            ).all()
            # Weekly prompts ask a question too (digest sends carry none).
            prompts = conn.execute(
                sa.select(sends.c.channel_id, sends.c.question_id, sends.c.sent_at).where(
                    *_at(sends, team_id, outcome="sent"), sends.c.question_id != "", sends.c.sent_at >= since
                )
            ).all()
        asked_all = [tuple(r) for r in questions] + [tuple(r) for r in prompts]
        return ScoreFacts(found, [tuple(r) for r in recorded], asked_all)

    # -- the workspace's deck ------------------------------------------------------------------------

    def add_deck_edits(
        self, team_id: str, user_id: str, edits: list[dict], *, now: float | None = None
    ) -> None:
        """Append edits (dicts of kind, paradox_id, question_id, text) in one transaction."""
        now = time.time() if now is None else now
        with self._tx() as conn:
            for edit in edits:
                row = {"paradox_id": "", "question_id": "", "text": "", **edit}
                conn.execute(
                    deck_edits.insert().values(team_id=team_id, user_id=user_id, created_at=now, **row)
                )

    def deck_version(self, team_id: str) -> int:
        """The workspace's latest edit id (0 for the shipped deck): one indexed look-up, cheap per request."""
        with self.engine.connect() as conn:
            return conn.execute(_DECK_VERSION, {"team": team_id}).scalar_one()

    def deck_edits(self, team_id: str) -> list[DeckEdit]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(deck_edits).where(*_at(deck_edits, team_id)).order_by(deck_edits.c.id)
            ).all()
        return [
            DeckEdit(r.id, r.kind, r.paradox_id, r.question_id, r.text, r.user_id, r.created_at) for r in rows
        ]

    # -- monthly digests -------------------------------------------------------------------------------

    def save_digest(self, sub: DigestSubscription) -> None:
        with self._tx() as conn:
            row = dict(sub.__dict__)
            self._upsert(conn, digests, row, ["team_id", "user_id"], ["timezone", "calendar"])

    def delete_digest(self, team_id: str, user_id: str) -> bool:
        with self._tx() as conn:
            gone = conn.execute(
                digests.delete().where(*_at(digests, team_id, user_id=user_id)).returning(digests.c.user_id)
            ).all()
            return bool(gone)

    def digest_of(self, team_id: str, user_id: str) -> DigestSubscription | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(digests).where(*_at(digests, team_id, user_id=user_id))).first()
        return DigestSubscription(**row._mapping) if row else None

    def digests(self) -> list[DigestSubscription]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(digests).order_by(digests.c.team_id, digests.c.user_id)).all()
        return [DigestSubscription(**r._mapping) for r in rows]

    # -- workspaces ------------------------------------------------------------------------------------

    def delete_workspace(self, team_id: str) -> None:
        """Forget everything about a workspace (on uninstall or token revocation)."""
        with self._tx() as conn:
            for table in WORKSPACE_TABLES:
                conn.execute(table.delete().where(*_at(table, team_id)))


# Built once, values bound at execution: these run on every request or event, and building the
# expression cost more than running it.
_FINISH = events.update().where(events.c.event_id == sa.bindparam("id")).values(done_at=sa.bindparam("done"))
_DROP_BODY = inbox.delete().where(inbox.c.event_id == sa.bindparam("id"))
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
_ASKED = sa.select(asked.c.question_id).where(
    asked.c.team_id == sa.bindparam("team"),
    asked.c.channel_id == sa.bindparam("channel"),
    asked.c.thread_ts == sa.bindparam("thread"),
)
_DECK_VERSION = sa.select(sa.func.coalesce(sa.func.max(deck_edits.c.id), 0)).where(
    deck_edits.c.team_id == sa.bindparam("team")
)


def _at(table: sa.Table, team_id: str, channel_id: str | None = None, **columns: str) -> list:
    """The conditions picking one workspace's rows, and (when given) one channel's and more columns'."""
    conditions = [table.c.team_id == team_id]
    if channel_id is not None:
        conditions.append(table.c.channel_id == channel_id)
    return conditions + [table.c[name] == value for name, value in columns.items()]


def _count(result) -> int:
    # RETURNING, not rowcount: psycopg may report -1 for some statements.
    return len(result.all())


def _goal(row) -> Goal:
    return Goal(
        row.team_id, row.channel_id, row.thread_ts, row.text, row.user_id, row.created_at, row.forgotten_at
    )
