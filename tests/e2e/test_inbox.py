"""The durable inbox: payloads stored with their claims, resumed once, purged when done, and the upgrade."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa
from slack_sdk import WebClient

from bot.inbox import DURABLE_VIEWS, slim
from bot.listeners.views.plan_modal import CALLBACK
from bot.store import Store, schema, upgrades
from tests.helpers import BOT_TOKEN, kind_of


def _body(event_id: str, root: str, channel: str = "C1", text: str = "<@UBOT> we want a TikTok") -> dict:
    return {
        "token": "legacy-verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
        "event": {
            "type": "app_mention",
            "user": "U1",
            "text": text,
            "channel": channel,
            "ts": root,
            "event_ts": root,
            "blocks": [{"type": "rich_text", "elements": []}],
        },
    }


def _inbox_rows(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(schema.inbox))]


def test_a_database_made_by_the_previous_release_is_upgraded(db_url):
    store = Store(db_url)
    # Schema version 1, as today's release leaves it, with an event in flight.
    with store.engine.begin() as conn:
        upgrades.upgrade(conn, to=1)
        conn.execute(schema.events.insert().values(event_id="EvOld", team_id="T1", claimed_at=1.0))
    assert not sa.inspect(store.engine).has_table("paradox_inbox")
    assert store.migrate() == 1
    assert store.schema_version() == upgrades.SCHEMA_VERSION >= 2  # 2 added the inbox; later steps follow
    assert sa.inspect(store.engine).has_table("paradox_inbox")
    assert store.take_over_stale(lease=10) == []  # an old claim has no body to resume
    assert store.claim_event("T1", "EvNew", body="{}") == "new"
    assert store.migrate() == upgrades.SCHEMA_VERSION  # idempotent
    store.engine.dispose()


def test_the_durable_view_is_the_plan_form():
    assert {CALLBACK} == DURABLE_VIEWS


def test_the_payload_is_stored_with_the_claim_and_deleted_when_the_work_is_done(db_url):
    store = Store(db_url)
    store.migrate()
    stored = slim(_body("Ev1", "1.0"))
    assert "legacy-verification-token" not in stored and "rich_text" not in stored  # only what resuming needs
    assert store.claim_event("T0001", "Ev1", body=stored) == "new"
    assert [r["body"] for r in _inbox_rows(store)] == [stored]
    store.finish_event("Ev1")
    assert _inbox_rows(store) == []  # message text is not kept once answered
    assert not store.claim_event("T0001", "Ev1", body=stored)  # Slack's retry is still recognised
    # Finished ids are forgotten after the stated time.
    assert store.purge_events(finished_before=time.time() - 3600) == 0
    assert store.purge_events(finished_before=time.time() + 1) == 1
    store.engine.dispose()


def test_stale_work_is_taken_over_by_exactly_one_process_and_only_after_its_lease(db_url):
    a, b = Store(db_url), Store(db_url)
    a.migrate()
    a.claim_event("T0001", "EvStale", body="{}", now=time.time() - 5)
    assert a.take_over_stale(lease=30) == []  # still leased
    a.renew_claims(["EvStale"], now=time.time() - 100)  # its process stopped renewing long ago
    won = a.take_over_stale(lease=30) + b.take_over_stale(lease=30)
    assert [(r["event_id"], r["attempts"]) for r in won] == [("EvStale", 2)]
    a.engine.dispose()
    b.engine.dispose()


def _thread_posts(fake, root):
    return [m for m in fake.posted("C1") if m.get("thread_ts") == root]


def test_acked_work_left_by_a_dead_process_is_resumed_once(bot):
    # The test takes the work over itself: the process's own sweep must not race it to the claims (under
    # load it did, and the count below was 0).
    bot.services.inbox.pause()
    store = bot.services.store
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "Plan: a TikTok series"}])
    store.claim_event("T0001", "EvDead1", body=slim(_body("EvDead1", root)), now=time.time() - 1000)
    # A second one whose reply reached Slack before its process died.
    root2 = bot.fake.add_thread("C1", [{"user": "U1", "text": "Plan: a podcast"}])
    store.claim_event("T0001", "EvDead2", body=slim(_body("EvDead2", root2)), now=time.time() - 1000)
    WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url).chat_postMessage(
        channel="C1",
        thread_ts=root2,
        text="the earlier reply",
        metadata={"event_type": "paradox_message", "event_payload": {"key": "reply:EvDead2"}},
    )
    assert bot.services.inbox.resume_stale(bot.app) == 2
    reply = bot.fake.wait_for(lambda f: _thread_posts(f, root), timeout=10)[0]
    assert kind_of(reply) == "goal_nudge"
    deadline = time.time() + 10
    while store.unfinished_events() and time.time() < deadline:
        time.sleep(0.05)
    assert store.unfinished_events() == 0
    assert len(_thread_posts(bot.fake, root)) == 1
    assert [m["text"] for m in _thread_posts(bot.fake, root2)] == ["the earlier reply"]  # not posted twice
    assert bot.services.inbox.resume_stale(bot.app) == 0  # finished: nothing left to resume
    assert json.loads(slim(_body("x", "1")))["event"]["text"]  # the text the coach reads is kept


def test_an_acked_share_left_by_a_dead_process_is_posted_once(bot):
    first = bot.command("cost", channel="C1").json()
    button = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    )
    body = {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": "U1"},
        "trigger_id": "t.dead.share",
        "container": {"type": "message", "channel_id": "C1"},
        "channel": {"id": "C1"},
        "response_url": bot.fake.response_url("dead-share"),
        "actions": [{"action_id": "share_in_channel", "value": button["value"], "block_id": "b"}],
    }
    store = bot.services.store
    bot.services.inbox.pause()  # as above: no sweep racing the explicit take-over
    store.claim_event("T0001", "ix:t.dead.share", body=slim(body), now=time.time() - 1000)
    assert bot.services.inbox.resume_stale(bot.app) == 1
    bot.fake.wait_for(lambda f: f.posted("C1"), timeout=10)
    deadline = time.time() + 10
    while store.unfinished_events() and time.time() < deadline:
        time.sleep(0.05)
    assert store.unfinished_events() == 0
    assert len(bot.fake.posted("C1")) == 1


def test_the_inbox_settings_are_read_and_checked(tmp_path):
    from bot.settings import load_settings
    from bot.yamlfile import ConfigError

    cfg = tmp_path / "coach.yml"
    cfg.write_text("inbox:\n  lease_seconds: 12\n  keep_finished_hours: 48\n")
    settings = load_settings({"PARADOX_CONFIG": str(cfg)}, dotenv_path=tmp_path / "none")
    assert (settings.inbox_lease_seconds, settings.inbox_keep_finished_hours) == (12, 48)
    cfg.write_text("inbox:\n  keep_finished_hours: 0.1\n")  # Slack retries for minutes: an hour at least
    try:
        load_settings({"PARADOX_CONFIG": str(cfg)}, dotenv_path=tmp_path / "none")
    except ConfigError as exc:
        assert "keep_finished_hours" in str(exc) and ":2" in str(exc)
    else:
        raise AssertionError("keep_finished_hours below an hour must be refused")
