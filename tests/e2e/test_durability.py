"""Nothing acknowledged is lost: a burst of 60 mentions through SIGKILL, SIGTERM and a database outage.

Each test runs the bot as its own process (bench/durability.py has the scenarios; its table is
the issue's table). Slack never retries an event that got a 200, so every acked mention must be
answered, once, by the process that acked it or by the next one on the same database.
"""

from __future__ import annotations

import pytest

from bench import durability


def _assert_all_once(out: durability.Outcome) -> None:
    assert out.acked == 60, out.log[-3000:]
    assert (out.answered, out.lost, out.twice) == (60, 0, 0), (out.row(), out.log[-3000:])
    assert "Traceback" not in out.log, out.log[-3000:]


def test_sigkill_mid_burst_then_a_restart_answers_every_mention_once(db_url, tmp_path):
    out = durability.run("SIGKILL", db_url, n=60, workdir=tmp_path, post_delay=0.5)
    _assert_all_once(out)
    assert out.exit_code == -9
    assert out.answered_before_restart < 60  # the kill did land mid-burst


def test_sigterm_drains_the_burst_and_exits_0(db_url, tmp_path):
    out = durability.run("SIGTERM", db_url, n=60, workdir=tmp_path, post_delay=0.5)
    _assert_all_once(out)
    assert out.exit_code == 0
    assert out.answered_before_restart == 60  # drained before exiting, not left for the restart
    assert "all work in flight finished" in out.log


@pytest.fixture
def pg_outage_db(tmp_path):
    url, drop = durability._fresh_database("postgresql", tmp_path)
    yield url
    drop()


def test_a_database_outage_mid_burst_on_postgresql(pg_outage_db, tmp_path):
    out = durability.run("DB outage", pg_outage_db, n=60, workdir=tmp_path, outage_seconds=3)
    _assert_all_once(out)
    assert out.refused_during_outage == 30  # never acked while the claim cannot be written
    status, _, body = out.command_during_outage.partition(" ")
    assert status == "200" and "try again in a minute" in body
    assert out.log.count("database unreachable") == 1  # one line per outage, not one per request
    assert out.log.count("database reachable again") == 1
