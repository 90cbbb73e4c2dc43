"""The multi-process web tier (bot/web/workers.py): WEB_CONCURRENCY gunicorn workers behind one port.

Each test runs `python -m bot` as Heroku does, with two worker processes, against the fake Web
API, on SQLite and on PostgreSQL. What is checked is what the operator and Slack see: the worker
processes, answers from the one port, exactly one reply per acknowledged mention through SIGTERM,
Ctrl-C and a crash of every process, and a clear refusal of a bad WEB_CONCURRENCY.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from bench import durability
from bot.dev.fakeslack import FakeSlack
from tests.helpers import ROOT, bot_env, spawn_bot, wait_until


def _workers(pid: int) -> list[int]:
    return durability._children(pid)


@pytest.fixture
def fake():
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def _stop(proc) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=40)


def test_two_worker_processes_answer_on_one_port(fake, db_url):
    proc, client = spawn_bot(fake, db_url, WEB_CONCURRENCY="2")
    try:
        wait_until(lambda: len(_workers(proc.pid)) == 2, timeout=15)
        answers = [client.command("cost") for _ in range(20)]
        assert all(r.status == 200 and r.json()["blocks"] for r in answers), answers[0].body
        assert client.mention("we're doing a TikTok", ts="1760000000.000100").status == 200
        fake.wait_for(lambda f: f.posted(), timeout=10)
        time.sleep(0.3)  # a second reply, were there one, would be in by now
        assert len(fake.posted()) == 1
    finally:
        assert _stop(proc) == 0


def test_each_worker_builds_its_own_services_after_the_fork(fake, tmp_path):
    # auth.test once to check the set-up in the master, then once per worker that built its own app.
    proc, client = spawn_bot(fake, f"sqlite:///{tmp_path / 'w.sqlite3'}", WEB_CONCURRENCY="3")
    try:
        wait_until(lambda: len(_workers(proc.pid)) == 3, timeout=15)
        wait_until(lambda: len(fake.calls_to("auth.test")) >= 4, timeout=15)
        time.sleep(0.5)  # no more come
        assert len(fake.calls_to("auth.test")) == 1 + 3
    finally:
        assert _stop(proc) == 0


@pytest.mark.parametrize("scenario", ["SIGTERM", "SIGINT"])
def test_a_stop_drains_every_worker_and_exits_0(db_url, tmp_path, scenario):
    out = durability.run(scenario, db_url, n=40, workdir=tmp_path, post_delay=0.5, processes=2)
    assert out.acked == 40, out.log[-3000:]
    assert (out.answered, out.lost, out.twice) == (40, 0, 0), (out.row(), out.log[-3000:])
    assert out.exit_code == 0, out.log[-3000:]
    assert out.answered_before_restart == 40  # drained before exiting, not left for the restart
    first = out.log.split(" listening on ")[1]  # the stopped bot's lines, not the restart's
    assert first.count("all work in flight finished") == 2, out.log[-3000:]  # both workers drained
    assert "Traceback" not in out.log, out.log[-3000:]


def test_a_crash_of_every_process_loses_nothing(db_url, tmp_path):
    out = durability.run("SIGKILL", db_url, n=40, workdir=tmp_path, post_delay=0.5, processes=2)
    assert out.acked == 40, out.log[-3000:]
    assert (out.answered, out.lost, out.twice) == (40, 0, 0), (out.row(), out.log[-3000:])
    assert out.answered_before_restart < 40  # the kill landed mid-burst
    assert "Traceback" not in out.log, out.log[-3000:]


def test_a_killed_worker_is_replaced_and_its_work_resumed_once(fake, tmp_path):
    config = durability.write_config(tmp_path, lease=2)
    fake.delays["chat.postMessage"] = 1.0  # work in flight when the worker dies
    proc, client = spawn_bot(
        fake, f"sqlite:///{tmp_path / 'k.sqlite3'}", WEB_CONCURRENCY="2", PARADOX_CONFIG=str(config)
    )
    try:
        roots = [
            fake.add_thread("C1", [{"user": "U1", "text": "plan", "ts": f"176000{i}.000100"}])
            for i in range(6)
        ]
        for i, root in enumerate(roots):
            assert client.mention("a podcast for parents", ts=root, event_id=f"EvK{i}").status == 200
        victim = wait_until(lambda: len(_workers(proc.pid)) == 2 and _workers(proc.pid), timeout=15)[0]
        os.kill(victim, signal.SIGKILL)
        fake.wait_for(lambda f: {m.get("thread_ts") for m in f.messages} >= set(roots), timeout=40)
        time.sleep(1.0)
        per_thread = Counter(m.get("thread_ts") for m in fake.messages)
        assert all(per_thread[r] == 1 for r in roots), per_thread
        workers = wait_until(lambda: (w := _workers(proc.pid)) and len(w) == 2 and w, timeout=15)
        assert victim not in workers  # gunicorn replaced it
    finally:
        assert _stop(proc) == 0


def _run(fake, tmp_path, **env) -> subprocess.CompletedProcess:
    full = {**os.environ, **bot_env(fake, f"sqlite:///{tmp_path / 'x.sqlite3'}"), **env}
    return subprocess.run(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=full, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("value", ["0", "two", "-1", "100"])
def test_a_bad_web_concurrency_is_refused_with_what_to_set(fake, tmp_path, value):
    result = _run(fake, tmp_path, WEB_CONCURRENCY=value)
    assert result.returncode == 2
    assert f"WEB_CONCURRENCY must be a number of processes from 1 to 64, not '{value}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_port_in_use_is_said_once_before_any_worker_starts(fake, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(fake, tmp_path, WEB_CONCURRENCY="2", PORT=str(port), HOST="127.0.0.1")
    assert result.returncode == 2
    assert f"cannot start: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_stop_while_workers_are_still_starting_is_not_held_up(fake, tmp_path):
    # A worker still building its services had the master's signal handlers, which only queue a
    # signal: SIGTERM then waited out the whole graceful timeout (27 s) before the master killed it.
    for i in range(4):
        proc, _ = spawn_bot(fake, f"sqlite:///{tmp_path / f's{i}.sqlite3'}", WEB_CONCURRENCY="2")
        proc.terminate()
        assert proc.wait(timeout=15) in (0, -signal.SIGTERM)
