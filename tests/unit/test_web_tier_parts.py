"""The web tier's small parts: WEB_CONCURRENCY, the sweeper's lock, SQLite's writer queue."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from bot.settings import cores, load_settings
from bot.store.writelock import WriteLock
from bot.web.workers import SweeperLock
from bot.yamlfile import ConfigError


def _settings(**env):
    return load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", **env}, dotenv_path=os.devnull
    )


def test_web_concurrency_defaults_to_the_cores_this_process_may_use():
    assert _settings().web_concurrency == cores() == len(os.sched_getaffinity(0))
    assert _settings(WEB_CONCURRENCY="3").web_concurrency == 3


@pytest.mark.parametrize("value", ["0", "65", "two", "1.5"])
def test_a_bad_web_concurrency_says_what_it_must_be(value):
    with pytest.raises(
        ConfigError, match=f"WEB_CONCURRENCY must be a number of processes from 1 to 64, not '{value}'"
    ):
        _settings(WEB_CONCURRENCY=value)


def test_one_sweeper_per_database_and_the_next_takes_over_when_it_dies(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from bot.web.workers import SweeperLock; import time; assert SweeperLock({url!r}).held(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        mine = SweeperLock(url)
        assert not mine.held()  # another process sweeps this database
        assert SweeperLock(f"sqlite:///{tmp_path / 'b.sqlite3'}").held()  # another database: its own
    finally:
        holder.kill()
        holder.wait()
    assert mine.held()  # the kernel released the dead holder's lock
    assert mine.held()  # and it stays ours


def test_sqlite_writers_queue_one_at_a_time(tmp_path):
    lock_a, lock_b = WriteLock(str(tmp_path / "db")), WriteLock(str(tmp_path / "db"))  # like two processes
    inside, overlaps = [0], [0]
    guard = threading.Lock()

    def write(lock: WriteLock) -> None:
        for _ in range(50):
            with lock.held():
                with guard:
                    inside[0] += 1
                    overlaps[0] = max(overlaps[0], inside[0])
                time.sleep(0.0005)
                with lock.held():  # a write inside another's transaction does not wait on itself
                    pass
                with guard:
                    inside[0] -= 1

    threads = [threading.Thread(target=write, args=(lock,)) for lock in (lock_a, lock_a, lock_b, lock_b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert overlaps[0] == 1
    assert oct(os.stat(lock_a.path).st_mode & 0o777) == "0o600"
