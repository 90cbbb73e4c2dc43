"""The coach answers the question it was asked (issue 22), end to end over HTTP: a choice gets the options
named back, the goal is quoted as written, and the how-to comes once a thread."""

from __future__ import annotations

import json

from tests.helpers import kind_of


def _replies(bot, root: str, n: int = 1, channel: str = "C1") -> list[dict]:
    def found(f):
        got = [m for m in f.posted(channel) if m.get("thread_ts") == root]
        return got if len(got) >= n else None

    return bot.fake.wait_for(found)


def test_a_choice_under_a_goal_is_answered_naming_both_options(bot):
    root = bot.fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": "&gt; Goal: 250 more households signed up to flood alerts by March"},
            {"user": "U2", "text": "Budget is £4k"},
        ],
    )
    bot.mention("local radio or roadside signs? can't afford both", thread_ts=root)
    reply = _replies(bot, root)[0]
    body = json.dumps(reply["blocks"])
    assert kind_of(reply) == "goal_recorded"
    assert "local radio" in reply["text"] and "roadside signs" in reply["text"]
    quoted = reply["blocks"][0]["text"]["text"].split("\n>", 1)[1]
    assert quoted.startswith("Goal: 250 more households") and "&gt;" not in quoted
    assert "OASIS" in body and "/paradox goal" not in body


def test_a_choice_with_no_goal_names_the_options_and_the_how_to_comes_once(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "Bus safety push for the spring"}])
    bot.mention("TikTok or bus shelter posters?", thread_ts=root)
    first = _replies(bot, root)[0]
    assert kind_of(first) == "goal_nudge"
    assert "TikTok" in first["text"] and "bus shelter posters" in first["text"]
    assert "/paradox goal" in json.dumps(first["blocks"])
    # Slack's conversations.replies holds the first mention too
    bot.fake.threads[("C1", root)].append({"user": "U1", "text": "<@UBOT> TikTok or bus shelter posters?"})
    bot.mention("so which one?", thread_ts=root)
    second = _replies(bot, root, 2)[-1]
    assert kind_of(second) == "goal_nudge" and "/paradox goal" not in json.dumps(second["blocks"])
    assert second["text"] != first["text"]  # follow-ups vary
