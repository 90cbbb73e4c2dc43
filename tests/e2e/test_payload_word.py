"""Every slash form is answered, whatever words it carries, "payload" included.

Bolt's own body parser takes any form body in which "payload" appears as an interaction; the
gate parses the body itself and hands Bolt the command (bot/web/server.py, `parse_body`).
"""

from __future__ import annotations

from tests.helpers import kind_of

CASES = [
    ("payload", {}),
    ("goal payload of 500 sign-ups by May", {}),
    ("payload={}", {}),
    ("cost", {"channel_name": "payload-team"}),
    ("help", {"user_name": "payloadbot", "team_domain": "payload"}),
    ("weekly monday 09:00 payload", {}),
]


def test_slash_commands_with_the_word_payload_are_answered(bot):
    for text, fields in CASES:
        resp = bot.command(text, **fields)
        assert resp.status == 200, (text, fields, resp.body[:200])
        assert kind_of(resp.json()) in {"challenge", "help", "goal_recorded", "error", "weekly_status"}


def test_a_real_interaction_is_still_an_interaction(bot):
    first = bot.command("cost").json()
    button = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "another_question"
    )
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "trigger_id": "t.payload",
            "container": {"type": "message", "channel_id": "C1"},
            "channel": {"id": "C1"},
            "response_url": bot.fake.response_url("payload"),
            "actions": [{"action_id": "another_question", "value": button["value"], "block_id": "b"}],
        }
    )
    assert resp.status == 200
    assert kind_of(bot.fake.wait_for(lambda f: f.responses)[-1]) == "challenge"
