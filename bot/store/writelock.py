"""One SQLite writer at a time, queued on a lock that wakes the next writer at once.

SQLite allows one writer per file. A second writer, in another thread or another web worker,
gets SQLITE_BUSY and SQLite's busy handler sleeps and retries on a fixed schedule (1, 2, 5, 10,
... up to 100 ms a try): under load those sleeps were the slowest 1% of `/paradox` answers. Here
every write transaction first takes a threading lock (the threads of one process) and then an
advisory `flock` on a file beside the database (the processes of one machine, which is where a
SQLite file lives); the kernel hands a released flock to the next waiter without any polling.
PostgreSQL has no such limit and takes no lock here. Without `fcntl` (Windows) only the threads
of the one process there is are queued.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # Windows: one process serves there (bot/cli/run.py)
    fcntl = None


class WriteLock:
    def __init__(self, database_path: str):
        self.path = f"{database_path}-writer.lock" if database_path else ""
        self._threads = threading.RLock()  # re-entrant: a write may run inside another's transaction
        self._depth = 0
        self._fd: int | None = None

    def _file(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._threads:
            self._depth += 1
            outer = self._depth == 1 and fcntl is not None and self.path
            try:
                if outer:
                    fcntl.flock(self._file(), fcntl.LOCK_EX)
                yield
            finally:
                if outer:
                    fcntl.flock(self._file(), fcntl.LOCK_UN)
                self._depth -= 1
