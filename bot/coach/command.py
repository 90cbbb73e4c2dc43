"""Parsing what people type after `/paradox` into one form of the contract, or a helpful error."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import Enum

from bot.coach.deck import Deck
from bot.coach.reading import find_channels
from bot.weekly.parsing import DAYS, check_timezone, parse_day, parse_time

_WORDS = ["help", "list", "goal", "weekly"]
MAX_PAUSE_WEEKS = 52


class Form(Enum):
    """The forms of /paradox in the contract, one member each."""

    QUESTION = "question"  # nothing typed: a question from the deck
    TOPIC = "topic"  # a paradox id or keyword
    LIST = "list"
    HELP = "help"
    GOAL_SHOW = "goal_show"
    GOAL_SET = "goal_set"
    WEEKLY_SHOW = "weekly_show"
    WEEKLY_SET = "weekly_set"
    WEEKLY_OFF = "weekly_off"
    WEEKLY_PAUSE = "weekly_pause"
    WEEKLY_RESUME = "weekly_resume"
    WEEKLY_HOLIDAYS = "weekly_holidays"
    PLAN = "plan"  # anything else: a plan in words
    ERROR = "error"  # could not be used; `problem` says why

    @property
    def is_weekly(self) -> bool:
        return self.value.startswith("weekly_")


@dataclass(frozen=True)
class Command:
    form: Form
    text: str = ""  # the goal or plan text, or the topic id
    weekday: int = 0
    local_time: str = ""
    timezone: str = ""  # empty: use the asking user's Slack timezone
    weeks: int = 0
    problem: str = ""  # for errors: what was wrong
    suggestion: list[str] = field(default_factory=list)  # for errors: what to type instead

    @property
    def needs_user_timezone(self) -> bool:
        """A subscription without a timezone takes the asking user's, which only Slack knows."""
        return self.form is Form.WEEKLY_SET and not self.timezone


_WEEKLY_FORM = "/paradox weekly monday 09:30 Europe/London"


def _weekly(args: list[str]) -> Command:
    if not args:
        return Command(Form.WEEKLY_SHOW)
    head = args[0].lower()
    if head in ("off", "stop", "cancel", "unsubscribe") and len(args) == 1:
        return Command(Form.WEEKLY_OFF)
    if head == "resume" and len(args) == 1:
        return Command(Form.WEEKLY_RESUME)
    if head == "pause":
        return _pause(" ".join(args[1:]).lower())
    if head == "holidays":
        return _holidays(args[1:])
    return _subscribe(args)


def _pause(rest: str) -> Command:
    match = re.fullmatch(r"(\d{1,3})(\s+weeks?)?", rest)
    if not match or not 1 <= int(match.group(1)) <= MAX_PAUSE_WEEKS:
        return Command(
            Form.ERROR,
            problem=f"I could not read how many weeks to pause ('{rest or 'nothing'}'): "
            f"give a number from 1 to {MAX_PAUSE_WEEKS}.",
            suggestion=["/paradox weekly pause 2 weeks", "/paradox weekly resume"],
        )
    return Command(Form.WEEKLY_PAUSE, weeks=int(match.group(1)))


def _holidays(args: list[str]) -> Command:
    if len(args) == 1:
        return Command(Form.WEEKLY_HOLIDAYS, text="" if args[0].lower() == "off" else args[0].upper())
    return Command(
        Form.ERROR,
        problem="Name one public-holiday calendar, as a country code with an optional region.",
        suggestion=[
            "/paradox weekly holidays GB-ENG",
            "/paradox weekly holidays US-NY",
            "/paradox weekly holidays off",
        ],
    )


def _subscribe(args: list[str]) -> Command:
    """`weekly <day> <HH:MM> [timezone]`."""
    day = parse_day(args[0])
    if day is None:
        close = difflib.get_close_matches(args[0].lower(), DAYS, n=1)
        hint = f" Did you mean {close[0].capitalize()}?" if close else ""
        return Command(
            Form.ERROR,
            problem=f"'{args[0]}' is not a day of the week.{hint}",
            suggestion=[_WEEKLY_FORM, "/paradox weekly off"],
        )
    if len(args) < 2:
        return Command(
            Form.ERROR, problem="Give a time after the day, as HH:MM (24-hour).", suggestion=[_WEEKLY_FORM]
        )
    local_time = parse_time(args[1])
    if local_time is None:
        return Command(
            Form.ERROR,
            problem=f"'{args[1]}' is not a time I can use: write it as HH:MM, for example 09:30 or 16:00.",
            suggestion=[_WEEKLY_FORM],
        )
    timezone = (check_timezone(args[2]) or "") if len(args) > 2 else ""
    if len(args) > 2 and (not timezone or len(args) > 3):
        bad = " ".join(args[2:])
        return Command(
            Form.ERROR,
            problem=f"'{bad}' is not a timezone I know. Use an IANA name such as Europe/London, "
            "America/New_York or Australia/Sydney, or leave it out to use your Slack timezone.",
            suggestion=[_WEEKLY_FORM, f"/paradox weekly {DAYS[day]} {local_time}"],
        )
    return Command(Form.WEEKLY_SET, weekday=day, local_time=local_time, timezone=timezone)


def parse(text: str, deck: Deck) -> Command:
    """Read the text after `/paradox` (any case, any spacing)."""
    text = " ".join((text or "").split())
    if not text:
        return Command(Form.QUESTION)
    words = text.split(" ")
    head = words[0].lower().rstrip(":")
    if head in ("help", "?", "--help", "-h") and len(words) == 1:
        return Command(Form.HELP)
    if head == "list" and len(words) == 1:
        return Command(Form.LIST)
    if head == "goal":
        rest = text[len(words[0]) :].strip().lstrip(":").strip()
        return Command(Form.GOAL_SET, text=rest) if rest else Command(Form.GOAL_SHOW)
    if head == "weekly":
        return _weekly(words[1:])
    if len(words) <= 2:
        paradox = deck.paradox_for_topic(text)
        if paradox:
            return Command(Form.TOPIC, text=paradox.id)
    if len(words) == 1 and not find_channels(deck, text):
        # One unknown word is most likely a mistyped topic or command, not a plan.
        vocabulary = _WORDS + list(deck.keyword_index)
        close = difflib.get_close_matches(head, vocabulary, n=2, cutoff=0.75)
        if close:
            suggestion = [f"/paradox {c}" for c in close] + ["/paradox list"]
            return Command(
                Form.ERROR,
                problem=f"I don't know '{words[0]}'. Did you mean {' or '.join(close)}?",
                suggestion=suggestion,
            )
    return Command(Form.PLAN, text=text)
