"""Replies worded as a person would write them, with fallbacks that say what the blocks say."""

from __future__ import annotations

import re

import pytest

from bot.slack.render import plain
from tests.e2e.test_paradox_command import _button, _click
from tests.helpers import ROOT, kind_of

_ZONE = re.compile(r"\b(?:Europe|America|Australia|Asia|Africa|Pacific)/[A-Za-z_]+")


def test_a_pause_of_one_week_says_1_week(bot):
    bot.command("weekly friday 16:00 Europe/London", channel="CW1")
    msg = bot.command("weekly pause 1 week", channel="CW1").json()
    assert kind_of(msg) == "weekly_status" and msg["text"].startswith("Paused for 1 week.")
    assert "Paused for 3 weeks." in bot.command("weekly pause 3 weeks", channel="CW1").json()["text"]


def test_dates_read_as_friday_4_december(bot):
    msg = bot.command("weekly friday 16:00 Europe/London", channel="CW2").json()
    when = re.search(r"Friday (\d{1,2}) ([A-Z][a-z]+)( \d{4})? at 16:00 \(Europe/London\)", msg["text"])
    assert when, msg["text"]
    assert not when.group(1).startswith("0")  # "4 December", never "04 December"
    assert when.group(3) is None  # the year only when it is not this one (a pause can reach next year)


def test_resume_with_nothing_paused_says_so(bot):
    bot.command("weekly monday 09:30 Europe/London", channel="CW3")
    idle = bot.command("weekly resume", channel="CW3").json()
    assert kind_of(idle) == "weekly_status" and "not paused" in idle["text"]
    assert "nothing to resume" in idle["text"]
    bot.command("weekly pause 2 weeks", channel="CW3")
    back = bot.command("weekly resume", channel="CW3").json()
    assert "back on" in back["text"] and "not paused" not in back["text"]
    assert bot.services.store.subscription("T0001", "CW3").resume_on == ""


@pytest.mark.parametrize("weeks", ["99 weeks", "0 weeks", "53"])
def test_a_pause_out_of_range_gives_the_range(bot, weeks):
    bot.command("weekly monday 09:30 Europe/London", channel="CW4")
    msg = bot.command(f"weekly pause {weeks}", channel="CW4").json()
    assert kind_of(msg) == "error" and "1 to 52 weeks" in msg["text"]
    assert f"not {int(weeks.split()[0])}" in msg["text"]
    assert bot.services.store.subscription("T0001", "CW4").resume_on == ""


def test_an_unknown_word_matched_no_paradox_and_still_gets_a_question(bot):
    msg = bot.command("zebra").json()
    assert kind_of(msg) == "challenge"
    assert "'zebra' matched no paradox" in msg["text"]
    questions = set(q.text for q in bot.services.deck.questions.values())
    assert any(b.get("text", {}).get("text", "").strip("*") in questions for b in msg["blocks"])
    pinged = bot.command("<!channel>").json()
    assert "<!channel>" not in str(pinged) and "&lt;!channel&gt;" in pinged["text"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("we want more carers to register this winter", "challenge"),
        ("TikTok", "goal_nudge"),
        ("hlep", "error"),
    ],
)
def test_a_plan_in_words_is_still_a_plan(bot, text, kind):
    msg = bot.command(text).json()
    assert kind_of(msg) == kind and "matched no paradox" not in msg["text"]


def _says_what_the_blocks_say(msg: dict) -> None:
    for block in msg["blocks"]:
        texts = [block["text"]["text"]] if block["type"] in ("section", "header") else []
        texts += [e["text"] for e in block.get("elements", []) if block["type"] == "context"]
        for text in texts:
            assert plain(text) in msg["text"], (text, msg["text"])


@pytest.mark.parametrize(
    "command",
    [
        "",
        "cost",
        "list",
        "help",
        "goal",
        "goal Get 300 more carers in Kent to register by March 2027",
        "let's do a TikTok",
        "weekly",
        "weekly friday 16:00 Europe/London",
        "weekly pause 99 weeks",
        "zebra",
        "hlep",
    ],
)
def test_every_text_fallback_carries_what_the_blocks_say(bot, command):
    _says_what_the_blocks_say(bot.command(command, channel="CF").json())


def test_fallbacks_carry_the_goal_instruction_and_who_shared(bot):
    nudge = bot.command("let's do a TikTok").json()
    assert kind_of(nudge) == "goal_nudge" and "/paradox goal" in nudge["text"]
    first = bot.command("audience", user="U777", channel="C42").json()
    block, button = _button(first, "share_in_channel")
    _click(bot, block, button, channel="C42", user="U777")
    posted = bot.fake.wait_for(lambda f: f.posted("C42"))[0]
    assert "<@U777>" in posted["text"]
    _says_what_the_blocks_say(posted)


def test_examples_name_a_uk_timezone_first(bot):
    for text in ("help", "weekly friday 16:00 Mars/Olympus"):
        zones = _ZONE.findall(bot.command(text).json()["text"])
        assert zones and zones[0] == "Europe/London", (text, zones)
    readme = _ZONE.findall((ROOT / "README.md").read_text())
    assert readme[0] == "Europe/London"


@pytest.mark.parametrize(
    "text",
    [
        "<!channel>",
        "weekly <!here> 10:00",
        "weekly monday <@U1>",
        "weekly monday 10:00 <!channel>",
        "weekly pause <!everyone>",
        "weekly holidays <!subteam^S1>",
    ],
)
def test_error_replies_escape_what_was_typed(bot, text):
    bot.command("weekly monday 09:30 Europe/London", channel="CE")
    msg = bot.command(text, channel="CE").json()
    for raw in ("<!channel>", "<!here>", "<@U1>", "<!everyone>", "<!subteam"):
        assert raw not in str(msg), msg
    assert "&lt;" in msg["text"]
