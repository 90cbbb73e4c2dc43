"""Whole-path fuzzing: random Slack requests through the real HTTP server, Bolt and the coach.

Anything Slack could send gets a 2xx within Slack's 3 seconds; anything forged gets a 401; a
signed body that is not a Slack payload gets a 400; the process keeps serving. Response URLs
always point at the fake Slack, so no request leaves the machine.
"""

from __future__ import annotations

import json
import os
import threading
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import Block

from bot.dev.fakeslack import FakeSlack
from tests.helpers import BotClient, start_bot

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U", "<!subteam")

text = st.text(max_size=400) | st.sampled_from(
    [
        "",
        " ",
        "weekly",
        "weekly pause 0 weeks",
        "weekly mon 24:00 UTC",
        "goal",
        "goal " + "x" * 5000,
        "<!channel> TikTok",
        "<@U123|bob> podcast",
        "&lt;script&gt;",
        "list list",
        "\u202e\u200b",
        "💬 TikTok 🎉",
        "weekly friday 16:00 ../../etc/passwd",
        "weekly holidays ZZ",
        "weekly sunday 00:00 Pacific/Kiritimati",
        # Bolt's parser takes any form body containing "payload" for an interaction
        "payload",
        "payload={}",
        'payload={"type": "block_actions"}',
        "goal payload",
        # markup typed into the forms that answer with an error
        "weekly <!here> 09:00",
        "weekly monday <!channel>",
        "weekly monday 09:00 <@U123|bob>",
        "weekly pause <!everyone> weeks",
        "weekly holidays <https://evil.example|click>",
        "<!subteam^S123> cost",
    ]
)
ident = st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
    ["", "C1", "U1", "T0001", "payload", "payload-team", "<!here>"]
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    fake = FakeSlack().start()
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    srv, services, app = start_bot(fake, f"sqlite:///{db}")
    client = BotClient(srv.effective_port, fake, services, app)
    yield client
    srv.stop()
    fake.stop()
    services.store.engine.dispose()


def _check_reply(resp) -> None:
    assert resp.status == 200, resp.body[:300]
    assert resp.elapsed < 3.0
    if resp.body:
        msg = json.loads(resp.body)
        assert msg["text"].strip()
        for raw in msg["blocks"]:
            Block.parse(raw).validate_json()
        for ping in PINGS:
            assert ping not in json.dumps(msg)


@FUZZ
@given(words=text, team=ident, channel=ident, user=ident, name=ident, trigger=ident)
def test_slash_commands_with_random_fields(server, words, team, channel, user, name, trigger):
    resp = server.command(
        words,
        team=team,
        channel=channel,
        user=user,
        channel_name=name,
        trigger_id=trigger,
        user_name=name,
        team_domain=name,
    )
    _check_reply(resp)


@FUZZ
@given(
    words=text,
    channel=ident,
    thread=st.none() | ident,
    user=ident,
    event_id=ident,
    retry=st.none() | st.integers(1, 3),
)
def test_mentions_with_random_text(server, words, channel, thread, user, event_id, retry):
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@UBOT> {words}",
        "channel": channel,
        "ts": f"{time.time():.6f}",
    }
    if thread is not None:
        event["thread_ts"] = thread
    resp = server.event(event, event_id=event_id or None, retry=retry)
    assert resp.status == 200 and resp.elapsed < 3.0


@FUZZ
@given(
    kind=st.sampled_from(
        ["block_actions", "view_submission", "view_closed", "shortcut", "message_action", "block_suggestion"]
    ),
    action_id=st.sampled_from(["another_question", "share_in_channel", "another_angle", "plan_campaign"])
    | ident,
    value=ident | st.sampled_from(["cost.1", "audience.3", "nope.9", ""]),
    callback=ident,
    channel=ident,
)
def test_interactions_with_random_values(server, kind, action_id, value, callback, channel):
    payload = {
        "type": kind,
        "team": {"id": "T0001"},
        "user": {"id": "U1"},
        "api_app_id": "A0001",
        "token": "t",
        "trigger_id": "t.1",
        "callback_id": callback,
        "action_id": action_id,
        "response_url": server.fake.response_url("fuzz"),
        "channel": {"id": channel},
        "container": {"type": "message", "channel_id": channel, "message_ts": "1.2"},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value}],
        "message": {"ts": "1.2", "text": value},
        "view": {
            "id": "V1",
            "type": "modal",
            "callback_id": callback,
            "private_metadata": value,
            "state": {"values": {}},
        },
    }
    resp = server.action(payload)
    assert resp.status == 200, resp.body[:300]
    assert resp.elapsed < 3.0


@FUZZ
@given(
    body=st.binary(max_size=600),
    ctype=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain", "", "multipart/form-data"]
    ),
    timestamp=st.text(max_size=20),
    signature=st.text(max_size=80),
)
def test_forged_requests_of_any_shape_get_401(server, body, ctype, timestamp, signature):
    headers = {
        "Content-Type": ctype,
        "X-Slack-Request-Timestamp": timestamp.encode("utf-8", "ignore").decode("latin-1"),
        "X-Slack-Signature": signature.encode("utf-8", "ignore").decode("latin-1"),
    }
    resp = server.post(body, {k: v for k, v in headers.items() if v.isprintable()})
    assert resp.status == 401


@FUZZ
@given(
    body=st.binary(max_size=600) | st.text(max_size=600).map(str.encode),
    ctype=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
)
def test_signed_but_odd_bodies_never_get_5xx_or_404(server, body, ctype):
    from bot.dev.signing import signed_headers
    from tests.helpers import SECRET

    resp = server.post(body, signed_headers(SECRET, body, content_type=ctype))
    assert resp.status in (200, 400, 401), (resp.status, body)


def test_the_process_survives_and_keeps_answering(server):
    threads = [threading.Thread(target=server.command, args=(t,)) for t in ["cost", "list", "goal x"] * 5]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert server.get("/healthz").status == 200
    assert json.loads(server.command("help").body)["blocks"][0]["block_id"] == "help"


def test_unknown_commands_events_and_payload_types_are_acknowledged(server):
    assert server.command("x", command="/other").status == 200
    assert server.event({"type": "reaction_added", "user": "U1"}).status == 200
    assert (
        server.action(
            {
                "type": "block_actions",
                "team": {"id": "T1"},
                "user": {"id": "U1"},
                "actions": [{"action_id": "retired_button"}],
            }
        ).status
        == 200
    )
    form = urlencode({"ssl_check": "1", "token": "x"})
    assert server.signed(form, "application/x-www-form-urlencoded").status == 200
    challenge = server.signed(json.dumps({"type": "url_verification", "challenge": "c1"}), "application/json")
    assert challenge.status == 200 and json.loads(challenge.body)["challenge"] == "c1"
