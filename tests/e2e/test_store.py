"""Storage on SQLite and PostgreSQL: schema versions, isolation, and races between processes."""

from __future__ import annotations

import multiprocessing as mp
import time

import sqlalchemy as sa

from bot.settings import normalise_database_url
from bot.store import SCHEMA_VERSION, Store, Subscription

PROCESSES = 6
ROUNDS = 15


def test_migrate_creates_records_and_is_idempotent(db_url):
    store = Store(db_url)
    assert store.migrate() == 0
    assert store.schema_version() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION  # nothing to do the second time
    store.record_goal("T1", "C1", "", "500 more carers by March", "U1")
    assert Store(db_url).goal_for("T1", "C1").text == "500 more carers by March"  # data survives a restart


def test_a_newer_schema_is_refused_with_a_clear_message(db_url):
    store = Store(db_url)
    store.migrate()
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE paradox_meta SET value = '999' WHERE key = 'schema_version'"))
    try:
        store.migrate()
    except RuntimeError as exc:
        assert "newer than this code" in str(exc)
    else:
        raise AssertionError("a newer schema must stop start-up")


def test_heroku_style_postgres_urls_are_accepted(pg_database):
    heroku = pg_database.replace("postgresql+psycopg://", "postgres://")
    store = Store(normalise_database_url(heroku))
    assert store.is_postgres
    store.ping()
    store.engine.dispose()


def test_event_claims_are_once_and_recover_from_a_crash(db_url):
    store = Store(db_url)
    store.migrate()
    assert store.claim_event("T1", "Ev1", now=1000)
    assert not store.claim_event("T1", "Ev1", now=1001)
    # The first attempt died without finishing: a retry after the lease may take it over, once.
    assert store.claim_event("T1", "Ev1", now=1200, lease=120)
    assert not store.claim_event("T1", "Ev1", now=1201, lease=120)
    store.finish_event("Ev1")
    assert not store.claim_event("T1", "Ev1", now=5000, lease=120)
    assert store.purge_events(older_than=6000) == 1


def test_workspaces_never_see_each_others_data(db_url):
    store = Store(db_url)
    store.migrate()
    for team in ("T1", "T2"):
        store.record_goal(team, "C1", "", f"goal of {team}", "U1")
        store.mark_asked(team, "C1", "1.0", [f"cost.{team[-1]}"])
        store.save_subscription(Subscription(team, "C1", 0, "09:00", "UTC", "", "U1", 1.0, "", "", "slack"))
        assert store.claim_send(team, "C1", "2026-01-05", "w")[0]
    assert store.goal_for("T1", "C1").text == "goal of T1"
    assert store.asked_in("T2", "C1", "1.0") == {"cost.2"}
    assert [g.text for g in store.recent_goals("T2")] == ["goal of T2"]
    assert [s.team_id for s in store.subscriptions("T1")] == ["T1"]
    store.delete_workspace("T1")
    assert store.goal_for("T1", "C1") is None and store.subscriptions("T1") == []
    assert store.asked_in("T1", "C1", "1.0") == set()
    assert store.goal_for("T2", "C1").text == "goal of T2" and len(store.subscriptions("T2")) == 1
    assert store.send_record("T2", "C1", "2026-01-05") is not None


def _race(kind: str, url: str, start_at: float, queue) -> None:
    store = Store(url)
    wins = []
    for r in range(ROUNDS):
        while time.time() < start_at + r * 0.05:  # line the processes up for each round
            time.sleep(0.001)
        if kind == "event":
            won = store.claim_event("T1", f"EvRace{r}")
        else:
            won = store.claim_send("T1", "C1", f"2026-01-{r + 1:02d}", f"w{mp.current_process().pid}")[0]
        if won:
            wins.append(r)
    queue.put(wins)
    store.engine.dispose()


def _race_processes(kind: str, url: str) -> list[int]:
    Store(url).migrate()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.time() + 2.0  # spawned interpreters need a moment to import
    procs = [ctx.Process(target=_race, args=(kind, url, start_at, queue)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    return sorted(r for wins in results for r in wins)


def test_racing_processes_claim_each_event_exactly_once(db_url):
    assert _race_processes("event", db_url) == list(range(ROUNDS))


def test_racing_processes_claim_each_weekly_slot_exactly_once(db_url):
    assert _race_processes("send", db_url) == list(range(ROUNDS))
