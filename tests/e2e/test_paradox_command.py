"""/paradox end to end: every form, both buttons, signatures, Block Kit validity, escaping."""

from __future__ import annotations

import json
import time

import pytest
from slack_sdk.models.blocks import Block

from tests.helpers import SECRET, kind_of


def assert_valid_message(msg: dict) -> None:
    """A message the bot sends: text fallback, Block Kit that slack_sdk accepts, a named first block."""
    assert msg.get("text", "").strip(), "every message needs a text fallback"
    assert 0 < len(msg["blocks"]) <= 50
    for raw in msg["blocks"]:
        block = Block.parse(raw)
        assert block is not None, raw
        block.validate_json()  # raises on any Block Kit limit
    assert msg["blocks"][0]["block_id"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", "challenge"),
        ("cost", "challenge"),
        ("COST", "challenge"),
        ("young", "challenge"),
        ("deliberation", "challenge"),
        ("list", "list"),
        ("LIST", "list"),
        ("help", "help"),
        ("we're going to do a TikTok", "goal_nudge"),
        ("we should blog it", "goal_nudge"),
        ("how do we get 200 more carers to register by March?", "challenge"),
        ("cots", "error"),
        ("goal", "goal_recorded"),
        ("forget", "privacy"),
        ("forget me", "privacy"),
        ("my data", "privacy"),
    ],
)
def test_every_form_answers_with_its_kind(bot, text, kind):
    resp = bot.command(text)
    assert resp.status == 200
    msg = resp.json()
    assert_valid_message(msg)
    assert kind_of(msg) == kind
    assert msg.get("response_type", "ephemeral") == "ephemeral"  # private to the person who asked


def test_topic_question_comes_from_that_paradox(bot):
    for topic, paradox in [("cost", "cost"), ("young", "audience"), ("deliberation", "deliberation")]:
        msg = bot.command(topic).json()
        assert msg["blocks"][0]["block_id"].startswith(f"challenge:{paradox}.")
        question = bot.services.deck.questions[msg["blocks"][0]["block_id"].split(":")[1]]
        assert question.text in msg["text"]


def test_list_shows_both_sides_of_all_ten(bot):
    msg = bot.command("list").json()
    body = json.dumps(msg["blocks"])
    assert len(bot.services.deck.paradoxes) == 10
    for p in bot.services.deck.paradoxes:
        assert p.sides[0] in body and p.sides[1] in body


def test_help_lists_every_form_with_examples(bot):
    body = json.dumps(bot.command("help").json()["blocks"])
    for form in ["/paradox list", "/paradox goal", "/paradox weekly", "/paradox cost", "weekly off", "pause"]:
        assert form in body


def test_typo_gets_an_error_that_says_what_to_type(bot):
    msg = bot.command("hlep").json()
    assert kind_of(msg) == "error"
    assert "/paradox help" in msg["text"]


def test_goal_nudge_is_a_question_not_a_refusal(bot):
    msg = bot.command("let's do a TikTok").json()
    assert kind_of(msg) == "goal_nudge"
    assert "TikTok" in msg["text"] and "?" in msg["text"]
    for scold in ("must", "wrong", "should not", "can't", "don't"):
        assert scold not in msg["text"].lower()


def _button(msg: dict, action_id: str) -> tuple[dict, dict]:
    for block in msg["blocks"]:
        for el in block.get("elements", []) if block["type"] == "actions" else []:
            if el["action_id"] == action_id:
                assert el["accessibility_label"]
                return block, el
    raise AssertionError(f"no {action_id} button")


def _click(bot, block, element, *, channel="C1", user="U1", response_url=None):
    return bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001", "domain": "example"},
            "user": {"id": user},
            "api_app_id": "A0001",
            "token": "legacy",
            "trigger_id": f"t.{time.time()}",
            "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
            "channel": {"id": channel, "name": "campaign-planning"},
            "response_url": response_url or bot.fake.response_url("click"),
            "actions": [
                {
                    "type": "button",
                    "action_id": element["action_id"],
                    "block_id": block.get("block_id", ""),
                    "value": element["value"],
                    "action_ts": str(time.time()),
                }
            ],
        }
    )


def test_another_question_replaces_the_reply_with_a_fresh_one(bot):
    first = bot.command("cost").json()
    block, button = _button(first, "another_question")
    resp = _click(bot, block, button)
    assert resp.status == 200
    replaced = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert replaced["replace_original"] in (True, "true")
    assert_valid_message(replaced)
    assert kind_of(replaced) == "challenge"
    assert replaced["blocks"][0]["block_id"] != first["blocks"][0]["block_id"]


def test_share_posts_publicly_and_says_who_shared(bot):
    first = bot.command("audience", user="U777", channel="C42").json()
    block, button = _button(first, "share_in_channel")
    assert _click(bot, block, button, channel="C42", user="U777").status == 200
    posted = bot.fake.wait_for(lambda f: f.posted("C42"))[0]
    assert_valid_message(posted)
    assert "<@U777>" in json.dumps(posted["blocks"])
    question = bot.services.deck.questions[button["value"]]
    assert question.text in posted["text"]
    deleted = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert deleted.get("delete_original") in (True, "true")


def test_share_where_the_bot_cannot_post_explains_what_to_do(bot):
    from bot.dev.fakeslack import Fault

    first = bot.command("cost").json()
    block, button = _button(first, "share_in_channel")
    bot.fake.fail("chat.postMessage", Fault(error="channel_not_found"))
    _click(bot, block, button)
    reply = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(reply) == "error" and "Invite me" in reply["text"]


@pytest.mark.parametrize(
    "text", ["<!channel> let's do a TikTok", "goal <!here> <@U123> & <!subteam^S1> more"]
)
def test_user_text_that_pings_is_never_echoed_raw(bot, text):
    msg = bot.command(text).json()
    body = json.dumps(msg)
    for raw in ("<!channel>", "<!here>", "<@U123>", "<!subteam^S1>"):
        assert raw not in body
    if text.startswith("goal"):
        assert "&lt;!here&gt;" in body and "&amp;" in body


def test_forged_unsigned_and_stale_requests_get_401_and_send_nothing(bot):
    from urllib.parse import urlencode

    body = urlencode(
        {
            "command": "/paradox",
            "text": "cost",
            "team_id": "T0001",
            "channel_id": "C1",
            "user_id": "U1",
            "response_url": bot.fake.response_url("x"),
            "trigger_id": "t",
        }
    )
    ctype = "application/x-www-form-urlencoded"
    assert bot.signed(body, ctype, secret="not-the-secret").status == 401
    assert bot.post(body.encode(), {"Content-Type": ctype}).status == 401
    assert bot.signed(body, ctype, timestamp=int(time.time()) - 60 * 6).status == 401
    assert bot.signed(body, ctype, timestamp=int(time.time()) + 60 * 6).status == 401
    good = bot.signed(body, ctype)
    assert good.status == 200 and SECRET not in good.body.decode()
    time.sleep(0.2)
    assert bot.fake.posted() == [] and bot.fake.responses == []


def test_ack_is_well_within_three_seconds(bot):
    times = [bot.command(text).elapsed for text in ["", "cost", "list", "help", "plan a TikTok"] * 4]
    assert max(times) < 3.0
