"""What operators rely on: no secrets in logs at any level, /healthz, and bounded user input."""

from __future__ import annotations

import json
import logging
import os
import sys
import time

import pytest
import sqlalchemy as sa

from bot.dev.fakeslack import Fault
from bot.logs import RedactingFormatter
from tests.helpers import BOT_TOKEN, SECRET, BotClient, kind_of, spawn_bot, start_bot


def test_the_formatter_redacts_tokens_and_secrets_everywhere():
    fmt = RedactingFormatter("%(message)s", [SECRET, BOT_TOKEN])
    record = logging.LogRecord(
        "x",
        logging.DEBUG,
        __file__,
        1,
        "auth %s and %s and xapp-1-A1-123-abc and xoxp-123-456 and %s",
        (BOT_TOKEN, SECRET, "Bearer xoxe.xoxb-1-zzz"),
        None,
    )
    try:
        raise RuntimeError(f"failed with {BOT_TOKEN}")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    line = fmt.format(record)
    for leaked in (SECRET, BOT_TOKEN, "xapp-1-A1-123-abc", "xoxp-123-456", "xoxb-1-zzz"):
        assert leaked not in line
    assert "[redacted]" in line and "RuntimeError" in line


def test_no_secret_reaches_the_logs_even_at_debug(fake, tmp_path):
    config = tmp_path / "coach.yml"
    config.write_text("log_level: DEBUG\nslack:\n  timeout_seconds: 1\n")
    proc, client = spawn_bot(
        fake, f"sqlite:///{tmp_path / 's.sqlite3'}", output=True, PARADOX_CONFIG=str(config)
    )
    try:
        client.command("cost")
        client.command("weekly monday 09:00")  # users.info with the token
        fake.fail("chat.postMessage", Fault(status=500), Fault(error="invalid_auth"))
        root = fake.add_thread("C1", [{"user": "U1", "text": "a TikTok?"}])
        client.mention("hi", thread_ts=root)
        fake.wait_for(lambda f: len(f.calls_to("chat.postMessage")) >= 2, timeout=15)
        client.signed("command=/paradox", "application/x-www-form-urlencoded", secret="wrong")
        time.sleep(1.0)
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert "DEBUG" in out and "chat.postMessage" in out  # debug logging really was on
    assert fake.calls_to("users.info")[0].token == BOT_TOKEN  # the token was really used
    assert BOT_TOKEN not in out and SECRET not in out
    assert "xoxb-test" not in out


def test_healthz_is_200_and_reveals_nothing(bot):
    resp = bot.get("/healthz")
    assert resp.status == 200 and resp.body == b"ok\n"


def test_healthz_is_503_with_a_reason_when_the_database_goes(fake, pg_database):
    name = f"paradox_health_{os.getpid()}"
    admin = sa.create_engine(pg_database.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server, services, app = start_bot(fake, pg_database.rsplit("/", 1)[0] + "/" + name)
    client = BotClient(server.effective_port, fake, services, app)
    try:
        assert client.get("/healthz").status == 200
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        resp = client.get("/healthz")
        assert resp.status == 503 and resp.body == b"database unreachable\n"
        assert name.encode() not in resp.body
    finally:
        server.stop()
        services.store.engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_long_goal_is_stored_and_quoted_within_the_stated_bound(bot):
    limit = bot.services.settings.goal_chars
    goal = "We want 500 more carers to register by March " + "and much more besides " * 500
    msg = bot.command(f"goal {goal}", channel="CL").json()
    stored = bot.services.store.goal_for("T0001", "CL")
    assert limit - 10 < len(stored.text) <= limit and stored.text.endswith("…")
    assert kind_of(msg) == "goal_recorded" and len(json.dumps(msg)) < 12000


def test_huge_plan_text_is_bounded_and_answered(bot):
    resp = bot.command("TikTok " + "x" * 200_000)
    assert resp.status == 200 and resp.elapsed < 3.0 and kind_of(resp.json()) == "goal_nudge"


@pytest.mark.parametrize("n", [0, 7, 299])  # the first, one between, the last of 300
def test_many_subscriptions_are_served(bot, n):
    from bot.store import Subscription

    for i in range(300):
        bot.services.store.save_subscription(
            Subscription("T0001", f"CM{i}", i % 7, "09:00", "UTC", "", "U1", 1.0, "", "", "slack")
        )
    assert len(bot.services.store.subscriptions("T0001", limit=50)) == 50
    shown = bot.command("weekly", channel=f"CM{n}").json()
    assert shown["blocks"][0]["block_id"] == "weekly_status:show"  # this channel's own subscription...
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][n % 7]
    assert f"every {day} at 09:00 (UTC)" in shown["text"]  # ...not another's
