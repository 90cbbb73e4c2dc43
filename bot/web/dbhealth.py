"""Whether the database is reachable, told once per outage rather than once per request.

During an outage every request fails the same way; a traceback for each one (hundreds a minute)
hides everything else in the log. Every layer that meets a database error hands it here: the
first one logs a single line, and the first success afterwards logs that it is back.
"""

from __future__ import annotations

import logging
import threading
import time

import sqlalchemy as sa

log = logging.getLogger(__name__)

# What "the database is unreachable" looks like through SQLAlchemy: refused or dropped connections,
# a database that is gone or not accepting connections, a pool with no connection to hand out.
DB_ERRORS: tuple[type[BaseException], ...] = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.TimeoutError,
)


def is_outage(exc: BaseException) -> bool:
    return isinstance(exc, DB_ERRORS)


class DatabaseHealth:
    """Outage state shared by the HTTP gate, the Bolt middleware, the listeners and the inbox."""

    PROBE_EVERY = 1.0  # seconds a successful probe is trusted for (a ping per request would be wasteful)

    def __init__(self, ping=None):
        self._ping = ping
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self._last_ok = 0.0

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            if self.down_since is not None:
                return
            self.down_since = time.monotonic()
        log.warning(
            "database unreachable (%s): events get HTTP 503 so that Slack retries them, commands get "
            "'try again in a minute', and acknowledged work resumes when it is back",
            exc.__class__.__name__,
        )

    def ok(self) -> None:
        with self._lock:
            since, self.down_since = self.down_since, None
            self._last_ok = time.monotonic()
        if since is not None:
            log.warning("database reachable again after %.0f s", time.monotonic() - since)

    def reachable(self) -> bool:
        """Probe the database (at most once a second while all is well); never raises."""
        if self._ping is None:
            return True
        if not self.down and time.monotonic() - self._last_ok < self.PROBE_EVERY:
            return True
        try:
            self._ping()
        except DB_ERRORS as exc:
            self.failed(exc)
            return False
        self.ok()
        return True
