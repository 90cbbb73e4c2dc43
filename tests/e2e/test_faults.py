"""Fault injection: every Web API call the bot makes, answered with 429, 5xx, timeouts and errors.

The bot never crashes, never loses or doubles a message, and logs one clear line (no traceback).
"""

from __future__ import annotations

import logging
import time

import pytest

from bot.dev.fakeslack import Fault
from tests.helpers import BotClient, kind_of, start_bot

TIMEOUT = 0.5  # the bot's Web API timeout in these tests

TRANSIENT = {
    "429": [Fault(status=429, error="ratelimited", retry_after=1)],
    "5xx": [Fault(status=500), Fault(status=503)],
    "timeout": [Fault(delay=TIMEOUT * 2, status=504)],
    "slow but stored": [Fault(delay=TIMEOUT * 1.5, post_anyway=True)],
    "5xx but stored": [Fault(status=500, post_anyway=True)],
}


@pytest.fixture
def bot(fake, db_url):
    server, services, app = start_bot(fake, db_url, {"api_timeout": TIMEOUT})
    yield BotClient(server.effective_port, fake, services, app)
    server.stop()
    services.store.engine.dispose()


def _thread_posts(fake, root):
    return [m for m in fake.posted("C1") if m.get("thread_ts") == root]


def _no_tracebacks(caplog) -> None:
    noisy = [r for r in caplog.records if r.exc_info and r.name.startswith(("bot", "slack"))]
    assert not noisy, [r.getMessage() for r in noisy]


@pytest.mark.parametrize("name", list(TRANSIENT))
def test_mention_reply_survives_transient_faults_with_one_delivery(bot, caplog, name):
    caplog.set_level(logging.INFO)
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "Thinking of a podcast"}])
    bot.fake.fail("chat.postMessage", *TRANSIENT[name])
    assert bot.mention("?", thread_ts=root).status == 200
    bot.fake.wait_for(lambda f: _thread_posts(f, root), timeout=15)
    time.sleep(TIMEOUT * 3)
    posts = _thread_posts(bot.fake, root)
    assert len(posts) == 1 and kind_of(posts[0]) == "goal_nudge"
    _no_tracebacks(caplog)
    if name != "429":  # 429s are waited out quietly inside the client
        assert any("reply to C1" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("code", ["invalid_auth", "channel_not_found"])
def test_mention_reply_with_a_permanent_error_logs_one_line(bot, caplog, code):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "A TikTok?"}])
    bot.fake.fail("chat.postMessage", Fault(error=code))
    bot.mention("?", thread_ts=root)
    bot.fake.wait_for(lambda f: f.calls_to("chat.postMessage"))
    time.sleep(0.3)
    lines = [r.getMessage() for r in caplog.records if code in r.getMessage()]
    assert len(lines) == 1 and "not posted" in lines[0]
    assert len(bot.fake.calls_to("chat.postMessage")) == 1  # a permanent error is not retried
    _no_tracebacks(caplog)
    assert bot.command("help").status == 200  # still serving


def test_msg_too_long_is_resent_as_plain_text_once(bot, caplog):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "A blog?"}])
    bot.fake.fail("chat.postMessage", Fault(error="msg_too_long"))
    bot.mention("?", thread_ts=root)
    posts = bot.fake.wait_for(lambda f: _thread_posts(f, root))
    calls = bot.fake.calls_to("chat.postMessage")
    assert len(posts) == 1 and len(calls) == 2
    assert calls[0].args.get("blocks") and not calls[1].args.get("blocks") and calls[1].args["text"]
    _no_tracebacks(caplog)


@pytest.mark.parametrize(
    "fault",
    [
        Fault(status=500),
        Fault(error="invalid_auth"),
        Fault(delay=TIMEOUT * 2),
        Fault(status=429, error="ratelimited", retry_after=1),
    ],
)
def test_reading_the_thread_fails_but_the_mention_is_still_answered(bot, caplog, fault):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "hello"}])
    bot.fake.fail("conversations.replies", fault, fault, fault)
    bot.mention("we want a TikTok", thread_ts=root)
    posts = bot.fake.wait_for(lambda f: _thread_posts(f, root), timeout=15)
    assert len(posts) == 1 and kind_of(posts[0]) == "goal_nudge"
    _no_tracebacks(caplog)


@pytest.mark.parametrize("fault", [Fault(status=503), Fault(error="invalid_auth"), Fault(delay=TIMEOUT * 2)])
def test_users_info_failing_still_subscribes_in_utc_and_says_so(bot, caplog, fault):
    bot.fake.fail("users.info", fault, fault, fault)
    assert bot.command("weekly monday 09:00", channel="C3").status == 200
    reply = bot.fake.wait_for(lambda f: f.responses, timeout=15)[-1]
    assert (
        kind_of(reply) == "weekly_status"
        and "UTC" in reply["text"]
        and "couldn't read your timezone" in reply["text"]
    )
    assert bot.services.store.subscription("T0001", "C3").timezone == "UTC"
    _no_tracebacks(caplog)


@pytest.mark.parametrize("name", list(TRANSIENT))
def test_share_in_channel_survives_faults_with_one_post(bot, caplog, name):
    import json

    first = json.loads(bot.command("cost", channel="C1").body)
    button = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    )
    bot.fake.fail("chat.postMessage", *TRANSIENT[name])
    bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "trigger_id": "t.share",
            "container": {"type": "message", "channel_id": "C1"},
            "channel": {"id": "C1"},
            "response_url": bot.fake.response_url("share"),
            "actions": [{"action_id": "share_in_channel", "value": button["value"], "block_id": "b"}],
        }
    )
    bot.fake.wait_for(lambda f: f.responses, timeout=15)
    time.sleep(TIMEOUT * 3)
    assert len([m for m in bot.fake.posted("C1") if not m.get("thread_ts")]) == 1
    _no_tracebacks(caplog)
