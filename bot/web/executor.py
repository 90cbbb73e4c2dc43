"""A thread pool with a bounded backlog, for Bolt's background listener work.

Bolt acknowledges an event, then queues the listener on its executor, whose queue has no bound:
under a sustained burst, memory grows with the backlog. Here `submit` waits while `max_pending`
tasks are queued or running, so an overload slows the acknowledgement a little instead of
growing without limit. concurrent.futures has no bounded pool, hence this small subclass.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor


class BoundedExecutor(ThreadPoolExecutor):
    def __init__(self, max_workers: int, max_pending: int):
        super().__init__(max_workers=max_workers, thread_name_prefix="listener")
        self._slots = threading.BoundedSemaphore(max_pending)
        self._idle = threading.Condition()
        self._pending = 0

    def submit(self, fn, /, *args, **kwargs) -> Future:
        self._slots.acquire()
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._done()
            raise
        future.add_done_callback(lambda _: self._done())
        return future

    def _done(self) -> None:
        self._slots.release()
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    @property
    def pending(self) -> int:
        return self._pending

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no task is queued or running (the shutdown drain); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)
