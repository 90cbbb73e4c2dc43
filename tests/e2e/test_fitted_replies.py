"""Replies never ask for what the plan already says, quote the goal alone and credit its author, start
sentences with capitals, and vary from one follow-up to the next; end to end over HTTP."""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest

from tests.helpers import kind_of


def _replies(bot, root: str, n: int = 1, channel: str = "C1") -> list[dict]:
    def found(f):
        got = [m for m in f.posted(channel) if m.get("thread_ts") == root]
        return got if len(got) >= n else None

    return bot.fake.wait_for(found)


def _body(message: dict) -> str:
    return json.dumps(message["blocks"])


@pytest.mark.parametrize(
    "messages, absent",
    [
        (
            [
                "We want to increase sign-ups to the energy scheme by 20%",
                "It has to land before the consultation closes on 14 March",
            ],
            "By when",
        ),
        (["We want to increase sign-ups to the energy scheme by 20% by the end of term"], "By when"),
        (
            [
                "We want to increase sign-ups to the energy scheme by 20% by March.",
                "It's really for under-25s",
            ],
            "Who exactly",
        ),
    ],
)
def test_the_smart_prompts_never_ask_for_what_the_thread_said(bot, messages, absent):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": t} for t in messages])
    bot.mention("go", thread_ts=root)
    reply = _replies(bot, root)[0]
    assert kind_of(reply) == "goal_recorded"
    assert absent not in _body(reply)


def test_the_smart_prompts_ask_for_what_is_missing(bot):
    root = bot.fake.add_thread(
        "C1", [{"user": "U1", "text": "We want to increase sign-ups to the energy scheme by 20%"}]
    )
    bot.mention("go", thread_ts=root)
    body = _body(_replies(bot, root)[0])
    # the counterpart: both really are missing here, and the reply asks for one of them (one at a time)
    assert ("By when" in body) != ("Who exactly" in body)


def test_without_a_channel_no_question_assumes_one(bot):
    root = bot.fake.add_thread(
        "C1", [{"user": "U1", "text": "Our goal is 40 new fostering households approved by next March"}]
    )
    for n in range(1, 9):
        bot.mention("more?", thread_ts=root)
        _replies(bot, root, n)
    asked = bot.services.store.asked_in("T0001", "C1", root)
    assumes_a_channel = {q.id for q in bot.services.deck.questions.values() if "channel" in q.needs}
    assert len(asked) == 8 and not asked & assumes_a_channel  # a new question on every reply
    assert "this channel" not in " ".join(m["text"] for m in bot.fake.posted("C1"))


def test_the_goal_is_quoted_alone_and_credited_to_the_person_who_wrote_it(bot):
    root = bot.fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": "Thinking Instagram for the fostering campaign"},
            {"user": "U2", "text": "Our goal is 40 new fostering households approved by next March"},
        ],
    )
    bot.mention("next?", thread_ts=root, user="U3")
    reply = _replies(bot, root)[0]
    assert "<@U2>" in reply["blocks"][0]["text"]["text"] and "<@U3>" not in reply["blocks"][0]["text"]["text"]
    assert bot.services.store.goal_for("T0001", "C1", root).user_id == "U2"


def test_a_goal_stated_in_the_mention_is_quoted_without_the_mention(bot):
    root = "1760003000.000100"
    bot.mention("our goal is 40 more over-65s in Rhyl booking flu jabs by December", ts=root, user="U4")
    reply = _replies(bot, root)[0]
    quoted = reply["blocks"][0]["text"]["text"].split("\n>", 1)[1]
    assert quoted.startswith("our goal is 40 more over-65s") and "UBOT" not in quoted
    assert "<@U4>" in reply["blocks"][0]["text"]["text"]
    assert bot.services.store.goal_for("T0001", "C1", root).text.startswith("our goal is")


def test_every_sentence_the_coach_writes_starts_with_a_capital(bot):
    texts = []
    for i in range(12):
        root = f"17600040{i:02d}.000100"
        bot.mention("we want a podcast", ts=root)
        texts.append(_replies(bot, root)[0]["text"])
    assert any("A podcast could work well" in t for t in texts)  # the line that starts with the channel
    for text in texts:
        assert not re.search(r"(^|[.!?] )a podcast", text), text


def test_openers_and_paradoxes_vary_across_follow_ups_in_one_thread(bot):
    root = bot.fake.add_thread(
        "C1",
        [{"user": "U1", "text": "Our goal is 40 new fostering households approved by next March. TikTok?"}],
    )
    bot.mention("go", thread_ts=root)
    assert kind_of(_replies(bot, root)[0]) == "goal_recorded"  # answered before the follow-ups start
    leads, paradoxes = [], []
    for n in range(2, 6):
        bot.mention("more?", thread_ts=root)
        reply = _replies(bot, root, n)[-1]
        assert kind_of(reply) == "challenge"
        leads.append(reply["blocks"][0]["text"]["text"].split("\n")[0])
        context = next(b for b in reply["blocks"] if b["type"] == "context")
        paradoxes.append(context["elements"][0]["text"].split("_")[1])
    assert all(a != b for a, b in pairwise(leads)), leads
    assert all(a != b for a, b in pairwise(paradoxes)), paradoxes
    assert len(set(paradoxes)) == len(paradoxes)
