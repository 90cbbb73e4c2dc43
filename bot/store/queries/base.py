"""What every part of the Store shares: the engine, transactions, inserts that tolerate a race, and `at()`.

`at()` is the one filter that scopes a statement to a workspace (and a channel, a thread, a person):
every query in this package goes through it, so no statement can read another workspace's rows.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from bot.store import upgrades
from bot.store.queries.engine import make_engine
from bot.store.writelock import WriteLock


class StoreBase:
    """The connection to the database; the concept classes beside this module add the queries."""

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
            key = key_of(table)
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


def at(table: sa.Table, team_id: str, channel_id: str | None = None, **columns: str) -> list:
    """The conditions picking one workspace's rows, and (when given) one channel's and more columns'."""
    conditions = [table.c.team_id == team_id]
    if channel_id is not None:
        conditions.append(table.c.channel_id == channel_id)
    return conditions + [table.c[name] == value for name, value in columns.items()]


def key_of(table: sa.Table) -> sa.Column:
    """The table's first key column: what RETURNING names to count the rows a statement touched."""
    return next(iter(table.primary_key.columns))


def count(result) -> int:
    # RETURNING, not rowcount: psycopg may report -1 for some statements.
    return len(result.all())
