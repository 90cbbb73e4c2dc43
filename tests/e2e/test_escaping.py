"""Markup is never echoed raw: user text quoted back is escaped on every path, errors included,
and ids from interaction payloads are checked for Slack's shape before they go into a message."""

from __future__ import annotations

import json

from tests.helpers import kind_of

PINGS = ("<!here>", "<!channel>", "<!everyone>", "<@U", "<!subteam", "<https://", "<#")
MARKUP = ["<!here>", "<!channel>", "<@U0BOSS|boss>", "<https://evil.example|click>", "<!subteam^S1>"]
FORMS = [
    "weekly {m} 09:00",
    "weekly monday {m}",
    "weekly monday 09:00 {m}",
    "weekly pause {m} weeks",
    "weekly holidays {m}",
    "{m}",
    "nosuchtopic{m}",
]


def _raw(msg: dict) -> str:
    return json.dumps({k: msg.get(k) for k in ("text", "blocks")})


def test_error_replies_escape_what_was_typed(bot):
    for form in FORMS:
        for markup in MARKUP:
            resp = bot.command(form.format(m=markup), channel="CESC")
            assert resp.status == 200
            msg = resp.json() if resp.body else bot.fake.wait_for(lambda f: f.responses)[-1]
            for ping in PINGS:
                assert ping not in _raw(msg), (form, kind_of(msg), msg["text"])


def test_another_angle_checks_the_user_id_before_mentioning_it(bot):
    from bot.slack.ids import channel_of, user_of

    assert user_of({"user": {"id": "U0123ABC"}}) == "U0123ABC"
    assert user_of({"user": {"id": "<!channel>"}}) == ""
    assert user_of({"user_id": "W0123ABC"}) == "W0123ABC"
    assert channel_of({"channel": {"id": "C0123|x"}}) == ""
    assert channel_of({"container": {"channel_id": "G0123ABC"}}) == "G0123ABC"
    assert channel_of({"channel_id": "D0123ABC"}) == "D0123ABC"


def test_a_forged_user_id_in_a_button_never_reaches_a_public_post(bot):
    first = bot.command("cost", channel="C1").json()
    button = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "share_in_channel"
    )
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U1> <!channel"},
            "trigger_id": "t.esc",
            "container": {"type": "message", "channel_id": "C1"},
            "channel": {"id": "C1"},
            "response_url": bot.fake.response_url("esc"),
            "actions": [{"action_id": "share_in_channel", "value": button["value"], "block_id": "b"}],
        }
    )
    assert resp.status == 200
    bot.fake.wait_for(lambda f: f.responses)
    for post in bot.fake.posted("C1"):
        for ping in PINGS[:4]:
            assert ping not in _raw(post)
