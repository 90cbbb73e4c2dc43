"""The weekly prompts' and the digest's words as plain Python: every entry said in Welsh and English, Welsh
day names read, dates in Welsh, the prompt Welsh first, the digest's heading in its lead's language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.coach import scorecard
from bot.coach.command import Form
from bot.coach.deck import Deck, load_deck
from bot.coach.storage import ScoreFacts, Subscription
from bot.slash import parse
from bot.weekly.command import error_reply
from bot.weekly.parsing import parse_day
from bot.weekly.rotation import weekly_prompt
from bot.weekly.subscriptions import describe, weekday
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def welsh() -> Deck:
    return load_deck(ROOT / "prompts", "cy")


ERRORS = [
    "weekly funday 09:00",
    "weekly xyzzy 09:00",
    "weekly monday",
    "weekly monday 9",
    "weekly monday 09:00 Mars/Olympus",
    "weekly pause 99 weeks",
    "weekly pause",
    "weekly pause soon",
    "weekly holidays",
]


@pytest.mark.parametrize("text", ERRORS)
def test_every_weekly_error_is_said_in_both_languages_with_the_same_values(deck, welsh, text):
    cmd = parse(text, deck)
    assert cmd.form is Form.ERROR and cmd.problem_key.startswith("weekly.errors.")
    english, cymraeg = error_reply(cmd, deck.words), error_reply(cmd, welsh.words)
    assert english.kind == cymraeg.kind == "error"
    assert english.text != cymraeg.text and "Rhowch gynnig ar" in cymraeg.text and "Try:" in english.text
    for value in ("99", "52", "funday", "Mars/Olympus", "soon"):  # what was typed, and the limits
        assert (value in english.text) is (value in cymraeg.text), value
    if text == "weekly pause":
        assert "('nothing')" in english.text and "('dim byd')" in cymraeg.text


@pytest.mark.parametrize(
    "text, day",
    [
        ("weekly dydd gwener 16:00", 4),
        ("weekly Gwener 16:00", 4),
        ("weekly ddydd Llun 09:30", 0),
        ("weekly sul 10:00 Europe/London", 6),
    ],
)
def test_welsh_day_names_subscribe_and_say_the_command_was_welsh(deck, text, day):
    cmd = parse(text, deck)
    assert (cmd.form, cmd.weekday, cmd.welsh) == (Form.WEEKLY_SET, day, True)
    assert not parse("weekly friday 16:00", deck).welsh


def test_welsh_words_of_the_weekly_and_digest_forms(deck):
    assert parse("weekly pause 2 wythnos", deck).welsh and parse("weekly pause 2 wythnos", deck).weeks == 2
    assert parse("weekly diffodd", deck).form is Form.WEEKLY_OFF
    assert parse("digest ymlaen", deck).form is Form.DIGEST_ON and parse("digest ymlaen", deck).welsh
    assert parse("digest diffodd", deck).form is Form.DIGEST_OFF
    assert parse_day("iau") == 3 and parse_day("mawrth") == 1 and parse_day("gwenr") is None


def test_weekdays_and_dates_are_said_in_the_reply_language(deck, welsh):
    assert (
        weekday(4, "en") == "Friday" and weekday(4, "cy") == "dydd Gwener" and weekday(0, "cy") == "dydd Llun"
    )
    sub = Subscription("T1", "C1", 4, "16:00", "Europe/London", "", "U1", 0.0, "", "", "slack")
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert describe(sub, now, deck.words) == "Friday 4 December at 16:00 (Europe/London)"
    assert describe(sub, now, welsh.words) == "dydd Gwener 4 Rhagfyr am 16:00 (Europe/London)"
    late = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)  # the next one is next year: the year is said
    assert describe(sub, late, welsh.words) == "dydd Gwener 1 Ionawr 2027 am 16:00 (Europe/London)"


def test_the_weekly_prompt_is_welsh_first_with_one_button(deck, welsh):
    question = deck.paradoxes[0].questions[0].id
    reply = weekly_prompt([welsh, deck], question)
    assert reply.block_id == f"weekly:{question}"
    cy, en = reply.text.split("\n\n")
    assert cy.startswith("Paradocs yr wythnos: ") and en.startswith("This week's paradox: ")
    buttons = [b for p in reply.parts if hasattr(p, "buttons") for b in p.buttons]
    assert [(b.text, b.value) for b in buttons] == [("Ongl arall / Another angle", question)]
    english_only = weekly_prompt([deck], question)
    assert english_only.text.startswith("This week's paradox: ") and "\n\n" not in english_only.text


def test_the_digest_heading_and_footer_are_in_the_decks_language(deck, welsh):
    facts = ScoreFacts([], [], [])
    cy = scorecard.digest(facts, welsh, 2026, 12)
    en = scorecard.digest(facts, deck, 2026, 12)
    assert cy.text.startswith("Eich crynodeb paradox-coach ar gyfer mis Rhagfyr 2026")
    assert en.text.startswith("Your paradox-coach digest for December 2026")
    assert cy.block_id == en.block_id == "digest:2026-12"
    assert "Agorwch fy nhab Cartref" in cy.parts[-1].text and "Open my Home tab" in en.parts[-1].text
