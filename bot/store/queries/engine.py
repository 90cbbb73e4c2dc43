"""The engine for DATABASE_URL: SQLite made private and set for several processes, PostgreSQL pinged."""

from __future__ import annotations

import contextlib
import os
import stat
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine


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
