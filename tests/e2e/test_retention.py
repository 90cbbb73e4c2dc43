"""Retention: each kind of data is deleted once past its period, by the running app and by post-due.

The clock is the test's: rows are written with chosen timestamps and the purge is run at a chosen
moment, so "a day before the limit" and "a day after" are exact.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from bot import inbox as inbox_module
from bot.coach.storage import Subscription
from bot.settings import Retention, load_settings
from bot.store import Store
from bot.store.schema import asked, goals
from bot.yamlfile import ConfigError
from tests.helpers import ROOT, bot_env, start_bot

DAY = 86400.0
NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC).timestamp()


def _sub(channel: str, *, stopped_at: float | None = None) -> Subscription:
    return Subscription(
        "T0001",
        channel,
        0,
        "09:00",
        "UTC",
        "",
        "U1",
        NOW - 500 * DAY,
        "",
        "channel_not_found" if stopped_at else "",
        "slack",
        stopped_at,
    )


def _seed(store: Store, now: float, *, inbox: bool = True) -> None:
    """For each kind of data, one row a day past its period ("old") and one a day inside it ("new")."""
    r = Retention()
    with store.engine.begin() as conn:
        for label, age in (("old", r.goals_days + 1), ("new", r.goals_days - 1)):
            conn.execute(
                goals.insert().values(
                    team_id="T0001",
                    channel_id="C1",
                    thread_ts="",
                    text=f"{label} goal",
                    user_id="U1",
                    created_at=now - age * DAY,
                )
            )
        for label, age in (("old", r.questions_days + 1), ("new", r.questions_days - 1)):
            conn.execute(
                asked.insert().values(
                    team_id="T0001",
                    channel_id="C1",
                    thread_ts="u:U1",
                    question_id=f"{label}-q",
                    asked_at=now - age * DAY,
                )
            )
    for label, age in (("old", r.sends_days + 1), ("new", r.sends_days - 1)):
        store.claim_send("T0001", "C1", f"{label}-slot", "w", now=now - age * DAY)
    store.save_subscription(_sub("CGONE", stopped_at=now - (r.stopped_subscriptions_days + 1) * DAY))
    store.save_subscription(_sub("CPAUSED", stopped_at=now - (r.stopped_subscriptions_days - 1) * DAY))
    store.save_subscription(_sub("CLIVE"))  # active subscriptions are never purged, however old
    if not inbox:
        return  # a running app would resume these (they are stale claims), not wait for retention
    store.claim_event("T0001", "Ev-old", now=now - (r.inbox_days + 1) * DAY, body='{"text": "old"}')
    store.claim_event("T0001", "Ev-new", now=now - (r.inbox_days - 1) * DAY, body='{"text": "new"}')


def _left(store: Store) -> dict:
    with store.engine.connect() as conn:
        return {
            "goals": sorted(r[0] for r in conn.execute(sa.select(goals.c.text))),
            "questions": sorted(store.asked_in("T0001", "C1", "u:U1")),
            "sends": sorted(s for s in ("old-slot", "new-slot") if store.send_record("T0001", "C1", s)),
            "subscriptions": sorted(s.channel_id for s in store.subscriptions("T0001")),
            "inbox": store.unfinished_events(),
        }


KEPT = {
    "goals": ["new goal"],
    "questions": ["new-q"],
    "sends": ["new-slot"],
    "subscriptions": ["CLIVE", "CPAUSED"],
    "inbox": 1,
}


def test_each_kind_is_purged_after_its_period_and_kept_before(db_url):
    store = Store(db_url)
    store.migrate()
    _seed(store, NOW)
    assert store.purge_expired(Retention(), NOW - 2 * DAY) == {
        "goals": 0,
        "questions": 0,
        "sends": 0,
        "subscriptions": 0,
        "inbox": 0,
        "events": 0,
    }
    gone = store.purge_expired(Retention(), NOW)
    assert gone == {"goals": 1, "questions": 1, "sends": 1, "subscriptions": 1, "inbox": 1, "events": 0}
    assert _left(store) == KEPT
    store.engine.dispose()


def test_post_due_purges_with_its_own_clock(fake, db_url):
    store = Store(db_url)
    store.migrate()
    _seed(store, NOW)
    at = datetime.fromtimestamp(NOW, UTC).isoformat().replace("+00:00", "Z")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", at],
        cwd=ROOT,
        env={**os.environ, **bot_env(fake, db_url)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "retention: deleted 1 goals, 1 questions, 1 sends, 1 subscriptions, 1 inbox" in result.stdout
    assert _left(store) == KEPT
    store.engine.dispose()


def test_the_running_app_purges_periodically(fake, db_url, monkeypatch):
    monkeypatch.setattr(inbox_module, "PURGE_EVERY", 0.2)
    server, services, _ = start_bot(fake, db_url, overrides={"inbox_lease_seconds": 1})
    try:
        store = services.store
        _seed(store, time.time(), inbox=False)  # after start-up: only the periodic purge can remove them
        kept = {**KEPT, "inbox": 0}
        deadline = time.monotonic() + 10
        while _left(store) != kept and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _left(store) == kept
    finally:
        server.stop()
        services.store.engine.dispose()


def test_a_stopped_subscription_counts_from_when_it_stopped_and_resuming_clears_it(db_url):
    store = Store(db_url)
    store.migrate()
    store.save_subscription(_sub("C7"))
    assert store.subscription("T0001", "C7").stopped_at is None
    store.update_subscription("T0001", "C7", stopped_reason="is_archived")
    assert store.subscription("T0001", "C7").stopped_at == pytest.approx(time.time(), abs=60)
    store.update_subscription("T0001", "C7", stopped_reason="")
    assert store.subscription("T0001", "C7").stopped_at is None
    store.engine.dispose()


def test_retention_settings_are_read_and_checked_with_file_and_line(tmp_path):
    config = tmp_path / "coach.yml"
    config.write_text("retention:\n  goals_days: 30\n  questions_days: 7\n")
    settings = load_settings({"PARADOX_CONFIG": str(config)}, dotenv_path=os.devnull)
    assert settings.retention.goals_days == 30 and settings.retention.questions_days == 7
    assert settings.retention.sends_days == Retention().sends_days
    for text, line, words in (
        ("retention:\n  sends_days: 3\n", 2, "at least 8"),
        ("retention:\n  goals_days: soon\n", 2, "must be a number"),
        ("retention:\n  messages_days: 3\n", 2, "unknown retention"),
    ):
        config.write_text(text)
        with pytest.raises(ConfigError) as err:
            load_settings({"PARADOX_CONFIG": str(config)}, dotenv_path=os.devnull)
        assert f"{config}:{line}" in str(err.value) and words in str(err.value)
