"""Several HTTP worker processes, so the bot uses every core: gunicorn, managed from `python -m bot`.

One Python process runs Python code on one core at a time (the GIL), so a busy bot on a 2-core
dyno left half of it idle. Heroku's convention is WEB_CONCURRENCY processes behind one port;
gunicorn is the pre-fork server Heroku documents for Python, and its `gthread` workers keep
connections alive and serve several requests per process. Each worker builds its own services
after the fork: its own database engine, listener pool, inbox thread and Bolt app; nothing with
a connection or a thread is carried across `fork()`. The master builds them once first, to check
the configuration, the database and Slack with the same messages as a single process (a mistake
is said once, not once per worker), then closes them; only the decks it loaded, plain data, are
shared with the workers.

SIGTERM (a deploy) or Ctrl-C goes to the master, which stops every worker gracefully: each stops
accepting, answers the requests it holds, then drains its listener pool (`worker_exit`), within
`shutdown.DRAIN_SECONDS`. Whatever is left is in the inbox. Among the workers, one per machine and
database (a file lock) resumes other processes' stale work and purges: every worker would find
the same rows. Each worker renews its own claims. The weekly scheduler is its own process
(Procfile `clock`), never a web worker.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.gthread import ThreadWorker

from bot import __version__
from bot.settings import Settings
from bot.web import shutdown

log = logging.getLogger(__name__)

# Threads per worker: requests in progress at once in one process. Slash commands take under a
# millisecond of CPU and an event's ack one database write, so a few threads keep a core busy;
# more only add GIL contention (measured with bench/http_load.py: 2 and 4 alike, 8 and 16 worse).
# 4 leaves room for requests that wait on the database or on Slack.
THREADS = 4
KEEPALIVE = 75  # seconds: longer than Heroku's router keeps an idle connection (so it closes first)


class SweeperLock:
    """Held by one process per machine and database: it resumes stale work and purges.

    An advisory file lock (flock) is released by the kernel when its holder dies, however it
    dies, so a worker that replaces a killed one can take it over at its next sweep.
    """

    def __init__(self, database_url: str):
        digest = hashlib.sha256(database_url.encode()).hexdigest()[:16]
        self.path = Path(tempfile.gettempdir()) / f"paradox-coach-{digest}.sweeper.lock"
        self._fd: int | None = None

    def held(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        return True


class Worker(ThreadWorker):
    """gunicorn's threaded worker, stopping gracefully on Ctrl-C as on SIGTERM."""

    stopping_since: float | None = None

    def init_signals(self) -> None:
        super().init_signals()
        # gunicorn quits at once on SIGINT; here it drains, as `python -m bot` always has.
        signal.signal(signal.SIGINT, self.handle_exit)

    def handle_exit(self, sig, frame) -> None:
        if self.stopping_since is None:
            self.stopping_since = time.monotonic()
        super().handle_exit(sig, frame)


class _Arbiter(Arbiter):
    def handle_int(self):
        # Ctrl-C stops gracefully, as SIGTERM does: acknowledged work is finished, not dropped.
        raise StopIteration


class WebTier(BaseApplication):
    """`processes` gunicorn workers serving the bot on `settings.host:settings.port`."""

    def __init__(self, settings: Settings, processes: int, build, content):
        self.settings = settings
        self.content = content  # the master's loaded decks (plain data), for every worker
        self.processes = processes
        self.build = build  # (settings, migrate=, content=) -> (services, app), or an exit code
        self.services = None
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        debug = s.log_level == "DEBUG"
        for key, value in {
            "bind": [f"[{s.host}]:{s.port}" if ":" in s.host else f"{s.host}:{s.port}"],
            "workers": self.processes,
            "worker_class": Worker,
            "threads": THREADS,
            "keepalive": KEEPALIVE,
            # A worker silent this long is stuck and restarted (its work resumes from the inbox).
            "timeout": 60,
            "graceful_timeout": int(shutdown.DRAIN_SECONDS) + 2,
            "backlog": 512,
            # Linux: each worker listens on its own socket and the kernel spreads new connections
            # evenly. With one shared socket, whichever worker was idle took every long-lived
            # keep-alive connection (Heroku's router, a load test) and the other cores sat idle:
            # half the throughput in one run out of two. BSD and macOS do not balance this way.
            "reuse_port": sys.platform.startswith("linux"),
            "proc_name": "paradox-coach",
            # gunicorn's start-up lines are for DEBUG; its warnings (a worker killed) always show.
            "loglevel": "debug" if debug else "warning",
            "accesslog": None,
            "post_fork": self._post_fork,
            "worker_exit": self._worker_exit,
            "when_ready": self._when_ready,
        }.items():
            self.cfg.set(key, value)

    def load(self):
        from bot.web.server import make_wsgi

        services, app = self.services, self.app
        return make_wsgi(app, services.store, self.settings.signing_secret, services.health)

    def run(self) -> None:
        _Arbiter(self).run()

    # -- hooks (gunicorn calls them; the worker ones run in the worker process) -------------------

    def _when_ready(self, arbiter) -> None:
        # With reuse_port the master holds no socket (each worker binds its own): PORT is the port.
        port = arbiter.LISTENERS[0].sock.getsockname()[1] if arbiter.LISTENERS else self.settings.port
        log.info(
            "paradox-coach %s listening on %s:%s (POST /slack/events, GET /healthz), %d worker process%s",
            __version__,
            self.settings.host,
            port,
            self.processes,
            "" if self.processes == 1 else "es",
        )

    def _post_fork(self, arbiter, worker) -> None:
        # Until the worker's own handlers are set (after this hook), it has the master's, which only
        # queue the signal for the master's loop: a SIGTERM while building would be lost, and the
        # stop would wait the whole graceful timeout. A worker still building holds no work: it may die.
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(sig, signal.SIG_DFL)
        # The master migrated, purged and loaded the decks when it checked the set-up: not once
        # more per worker.
        built = self.build(self.settings, migrate=False, content=self.content)
        if isinstance(built, int):
            raise SystemExit(built)
        self.services, self.app = built
        # What start-up built (decks, lexicon, Bolt) lives as long as the worker: keep it out of
        # every garbage collection, whose full passes over it were the slowest answers under load.
        gc.freeze()
        lock = SweeperLock(self.settings.database_url)
        self.services.inbox.start(self.app, sweeps=lock.held)
        self.services.warm_up()

    def _worker_exit(self, arbiter, worker) -> None:
        services = self.services
        if services is None:
            return
        began = worker.stopping_since or time.monotonic()
        deadline = began + shutdown.DRAIN_SECONDS
        drained = shutdown.drain(services, [services.executor.wait_idle], deadline)
        if drained:
            log.info("worker %s: all work in flight finished; exiting", os.getpid())
        else:
            log.warning("work still running after %.0f s; the inbox will resume it", shutdown.DRAIN_SECONDS)
        shutdown.exit_now(0)


def serve(settings: Settings, processes: int, build) -> int:
    """Check the set-up once in this process, then serve with `processes` workers until stopped."""
    built = build(settings)
    if isinstance(built, int):
        return built
    services, _ = built
    # Only the decks cross the fork: no open connection, no started thread.
    services.store.engine.dispose()
    services.executor.shutdown(wait=False)
    content = services.content
    WebTier(settings, processes, build, content).run()
    return 0
