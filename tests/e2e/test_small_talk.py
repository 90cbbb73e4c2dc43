"""Mentions and /paradox texts that carry no plan get a small answer over real HTTP: a reaction for thanks,
a short `help` otherwise; never a challenge question or a goal nudge."""

from __future__ import annotations

import json

import pytest

from tests.helpers import kind_of, wait_until_handled


def _mention(bot, text: str, *, thread_ts: str | None = None, ts: str | None = None) -> str:
    event_id = f"Ev{bot.next_id()}small"
    assert bot.mention(text, thread_ts=thread_ts, ts=ts, event_id=event_id).status == 200
    wait_until_handled(bot.services.store, event_id)
    return event_id


def _nothing_coached(bot, root: str) -> None:
    assert bot.services.store.asked_in("T0001", "C1", root) == set()  # no challenge question was picked
    for msg in bot.fake.posted("C1"):
        assert kind_of(msg) not in ("challenge", "goal_nudge")
        assert "We have a goal" not in json.dumps(msg["blocks"])


@pytest.mark.parametrize("text", ["cheers!", "thanks so much 🙏", "diolch yn fawr"])
def test_thanks_get_an_emoji_reaction_and_no_message(bot, text):
    ts = f"17600{bot.next_id():05d}.000100"
    _mention(bot, text, ts=ts)
    assert bot.fake.reacted("C1") == [{"channel": "C1", "timestamp": ts, "name": "+1"}]
    assert bot.fake.posted("C1") == []
    _nothing_coached(bot, ts)


def test_thanks_under_a_plan_react_to_the_thanks_itself(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "Let's do a TikTok for the bus routes"}])
    ts = "1760000500.000200"
    _mention(bot, "thanks!", thread_ts=root, ts=ts)
    assert [r["timestamp"] for r in bot.fake.reacted("C1")] == [ts]
    assert bot.fake.posted("C1") == []


@pytest.mark.parametrize(
    "text, suffix",
    [
        ("hi there", "greeting"),
        ("good morning!", "greeting"),
        ("what can you do?", "capabilities"),
        ("where are the brand guidelines?", "off_topic"),
        ("oops, meant to post that elsewhere", "off_topic"),
        ("what about the other thing", "unclear"),
    ],
)
def test_greetings_capabilities_and_off_topic_get_a_short_help(bot, text, suffix):
    ts = f"17601{bot.next_id():05d}.000100"
    _mention(bot, text, ts=ts)
    (reply,) = bot.fake.posted("C1")
    assert reply["thread_ts"] == ts and reply["blocks"][0]["block_id"] == f"help:{suffix}"
    assert len(reply["blocks"]) == 1  # one short line, no buttons
    assert bot.fake.reacted() == []
    _nothing_coached(bot, ts)


@pytest.mark.parametrize(
    "text, topic, fact",
    [
        (
            "what makes an objective SMART?",
            "smart",
            "Specific, Measurable, Achievable, Relevant and Time-bound",
        ),
        (
            "what's the difference between outputs and outcomes?",
            "outputs_outcomes",
            "Outcomes are what they did",
        ),
        ("how does OASIS work?", "oasis", "Audience insight"),
        (
            "what's the difference between an aim and an objective?",
            "aim_objective",
            "The aim is the broad change",
        ),
        ("can you explain evaluation?", "evaluation", "inputs, outputs, outtakes, outcomes, impact"),
    ],
)
def test_a_how_to_question_gets_a_short_correct_answer(bot, text, topic, fact):
    ts = f"17602{bot.next_id():05d}.000100"
    _mention(bot, text, ts=ts)
    (reply,) = bot.fake.posted("C1")
    assert reply["blocks"][0]["block_id"] == f"help:howto.{topic}"
    assert fact in reply["text"]
    _nothing_coached(bot, ts)


@pytest.mark.parametrize(
    "text, suffix",
    [
        ("thanks", "thanks"),
        ("hello", "greeting"),
        ("what's the difference between an aim and an objective?", "howto.aim_objective"),
        ("where's the logo?", "off_topic"),
    ],
)
def test_paradox_small_talk_gets_help_not_a_question(bot, text, suffix):
    reply = bot.command(text, user="U9").json()
    assert reply["blocks"][0]["block_id"] == f"help:{suffix}"
    assert bot.services.store.asked_in("T0001", "C1", "u:U9") == set()


def test_paradox_words_with_no_plan_and_no_small_talk_still_get_a_question(bot):
    reply = bot.command("how do we get more people involved", user="U8").json()
    assert kind_of(reply) == "challenge"  # typed to /paradox on purpose: a question, as before


@pytest.mark.parametrize(
    "mention, suffix",
    [
        ("does anyone know where the room booking form lives?", "off_topic"),
        ("can you summarise this thread for Sue before Friday?", "cannot_do"),
        ("what a goal last night though ⚽", "off_topic"),
    ],
)
def test_a_mention_about_something_else_in_a_goal_thread_is_answered_not_coached(bot, mention, suffix):
    # The mention is read first: an errand, a request the coach cannot do or sport, in a thread that
    # holds a goal and a channel, gets its own short answer, not "I've noted the goal" or a question.
    root = bot.fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": "Goal: 300 more foster carer enquiries from Kent by 31 March"},
            {"user": "U2", "text": "thinking radio plus a TikTok series"},
        ],
    )
    _mention(bot, mention, thread_ts=root)
    (reply,) = bot.fake.posted("C1")
    assert reply["thread_ts"] == root and reply["blocks"][0]["block_id"] == f"help:{suffix}"
    _nothing_coached(bot, root)
