"""What people type after /paradox, read into one form of the contract, or an error that says what to type."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.coach.command import Form
from bot.slash import parse
from bot.weekly.command import MAX_PAUSE_WEEKS, error_reply
from bot.weekly.parsing import check_timezone, parse_day, parse_time

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text, form",
    [
        ("", Form.QUESTION),
        ("   ", Form.QUESTION),
        ("help", Form.HELP),
        ("HELP", Form.HELP),
        ("list", Form.LIST),
        ("goal", Form.GOAL_SHOW),
        ("goal: 300 more carers registered by March", Form.GOAL_SET),
        ("cost", Form.TOPIC),
        ("weekly", Form.WEEKLY_SHOW),
        ("weekly off", Form.WEEKLY_OFF),
        ("weekly resume", Form.WEEKLY_RESUME),
        ("weekly pause 2 weeks", Form.WEEKLY_PAUSE),
        ("weekly holidays GB-ENG", Form.WEEKLY_HOLIDAYS),
        ("weekly monday 09:30", Form.WEEKLY_SET),
        ("we're thinking of a TikTok series", Form.PLAN),
        ("cots", Form.ERROR),
        ("zebra", Form.UNMATCHED),  # one word that is no paradox, command or channel
        ("TikTok", Form.PLAN),  # one word that names a channel is still a plan
        ("forget", Form.FORGET),
        ("Forget  ME", Form.FORGET_ME),
        ("my data", Form.MY_DATA),
        ("MY DATA", Form.MY_DATA),
        ("export", Form.EXPORT),
        # Erasure is never guessed at: near misses are plans or errors, never a forget form.
        ("forget everything about the tiktok plan", Form.PLAN),
        ("forgt", Form.ERROR),
    ],
)
def test_each_form_is_read(deck, text, form):
    assert parse(text, deck).form is form


def test_the_goal_text_is_kept_as_typed(deck):
    assert parse("Goal:  300 more carers by March", deck).text == "300 more carers by March"


def test_a_topic_keyword_names_its_paradox(deck):
    cmd = parse("young", deck)
    assert cmd.form is Form.TOPIC and cmd.text in deck.by_id


def test_a_weekly_subscription_is_read_with_its_timezone(deck):
    cmd = parse("weekly Fri 4pm europe/paris", deck)
    assert (cmd.form, cmd.weekday, cmd.local_time, cmd.timezone) == (
        Form.WEEKLY_SET,
        4,
        "16:00",
        "Europe/Paris",
    )
    assert not cmd.needs_user_timezone
    assert parse("weekly friday 16:00", deck).needs_user_timezone


@pytest.mark.parametrize(
    "text, says",
    [
        ("weekly funday 09:00", "not a day of the week"),
        ("weekly monday", "Give a time"),
        ("weekly monday 9", "not a time I can use"),
        ("weekly monday 09:00 Mars/Olympus", "not a timezone I know"),
        (
            f"weekly pause {MAX_PAUSE_WEEKS + 1} weeks",
            f"1 to {MAX_PAUSE_WEEKS} weeks, not {MAX_PAUSE_WEEKS + 1}",
        ),
        ("weekly pause soon", "how many weeks"),
        ("weekly holidays", "holiday calendar"),
    ],
)
def test_weekly_mistakes_say_what_was_wrong_and_what_to_type(deck, text, says):
    cmd = parse(text, deck)
    assert cmd.form is Form.ERROR and cmd.suggestion
    assert says in error_reply(cmd, deck.words).text  # said in the reply's language: here English


def test_only_the_weekly_forms_are_weekly():
    assert {f for f in Form if f.is_weekly} == {
        Form.WEEKLY_SHOW,
        Form.WEEKLY_SET,
        Form.WEEKLY_OFF,
        Form.WEEKLY_PAUSE,
        Form.WEEKLY_RESUME,
        Form.WEEKLY_HOLIDAYS,
    }


@pytest.mark.parametrize(
    "word, day", [("monday", 0), ("Tues", 1), ("weds", 2), ("thursdays", 3), ("SUN", 6), ("funday", None)]
)
def test_days(word, day):
    assert parse_day(word) == day


@pytest.mark.parametrize(
    "word, hhmm",
    [
        ("09:30", "09:30"),
        ("9.05", "09:05"),
        ("4pm", "16:00"),
        ("12am", "00:00"),
        ("9", None),
        ("24:00", None),
    ],
)
def test_times(word, hhmm):
    assert parse_time(word) == hhmm


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("../etc/passwd", None),
        ("", None),
    ],
)
def test_timezones(name, canonical):
    assert check_timezone(name) == canonical


@pytest.mark.parametrize(
    "text, calendar, welsh",
    [
        ("weekly holidays GB-ENG", "GB-ENG", False),
        ("weekly holidays off", "", False),
        ("weekly gwyliau GB-WLS", "GB-WLS", True),
        ("weekly gwyliau diffodd", "", True),  # the Welsh help's own example: off, not a calendar "DIFFODD"
    ],
)
def test_holidays_are_turned_off_in_either_language(deck, text, calendar, welsh):
    cmd = parse(text, deck)
    assert cmd.form is Form.WEEKLY_HOLIDAYS and cmd.text == calendar and cmd.welsh is welsh


def test_every_form_the_welsh_help_shows_is_one_the_coach_reads(deck):
    """The Welsh help shows the Welsh command words; each must be read as the form the English one is."""
    from bot.coach.words import load_words

    english, welsh = load_words(ROOT / "prompts", "en"), load_words(ROOT / "prompts", "cy")
    for (en_form, _), (cy_form, _) in zip(english.help_forms, welsh.help_forms, strict=True):
        if not en_form.startswith("/paradox ") or "<" in en_form or en_form == cy_form:
            continue
        said = [parse(f.removeprefix("/paradox "), deck).form for f in (en_form, cy_form)]
        assert said[0] is said[1], (en_form, cy_form)
