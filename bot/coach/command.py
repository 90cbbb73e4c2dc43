"""Parsing what people type after `/paradox` into one form of the contract, or a helpful error."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.coach.deck import Deck
from bot.coach.reading import find_channels

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_ALIASES = (
    {d[:3]: i for i, d in enumerate(DAYS)}
    | {d: i for i, d in enumerate(DAYS)}
    | {
        "tues": 1,
        "weds": 2,
        "thur": 3,
        "thurs": 3,
    }
)
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")
_WORDS = ["help", "list", "goal", "weekly"]
MAX_PAUSE_WEEKS = 52


@dataclass(frozen=True)
class Command:
    form: str  # question, topic, list, help, goal_show, goal_set, weekly_show, weekly_set, weekly_off,
    #            weekly_pause, weekly_resume, weekly_holidays, plan, error
    text: str = ""  # the goal or plan text, or the topic id
    weekday: int = 0
    local_time: str = ""
    timezone: str = ""  # empty: use the asking user's Slack timezone
    weeks: int = 0
    problem: str = ""  # for errors: what was wrong
    suggestion: list[str] = field(default_factory=list)  # for errors: what to type instead


def parse_day(word: str) -> int | None:
    return _DAY_ALIASES.get(
        word.strip().lower().rstrip("s") if word.lower() not in _DAY_ALIASES else word.lower()
    )


def parse_time(word: str) -> str | None:
    match = _TIME.match(word.strip().lower())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group(2) is None:
        return None  # a bare "9" is ambiguous: ask for 09:00
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def check_timezone(name: str) -> str | None:
    """The canonical IANA name, or None when it is not one."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-/]{0,63}", name) or ".." in name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # Try the common miscasing ("europe/london") before giving up.
        fixed = "/".join(part[:1].upper() + part[1:] for part in name.lower().split("/"))
        if fixed != name:
            return check_timezone(fixed)
        return None
    return name


_WEEKLY_FORM = "/paradox weekly monday 09:30 Europe/London"


def _weekly(args: list[str]) -> Command:
    if not args:
        return Command("weekly_show")
    head = args[0].lower()
    if head in ("off", "stop", "cancel", "unsubscribe") and len(args) == 1:
        return Command("weekly_off")
    if head == "resume" and len(args) == 1:
        return Command("weekly_resume")
    if head == "pause":
        rest = " ".join(args[1:]).lower()
        match = re.fullmatch(r"(\d{1,3})(\s+weeks?)?", rest)
        if not match or not 1 <= int(match.group(1)) <= MAX_PAUSE_WEEKS:
            return Command(
                "error",
                problem=f"I could not read how many weeks to pause ('{rest or 'nothing'}'): "
                f"give a number from 1 to {MAX_PAUSE_WEEKS}.",
                suggestion=["/paradox weekly pause 2 weeks", "/paradox weekly resume"],
            )
        return Command("weekly_pause", weeks=int(match.group(1)))
    if head == "holidays":
        if len(args) == 2:
            return Command("weekly_holidays", text="" if args[1].lower() == "off" else args[1].upper())
        return Command(
            "error",
            problem="Name one public-holiday calendar, as a country code with an optional region.",
            suggestion=[
                "/paradox weekly holidays GB-ENG",
                "/paradox weekly holidays US-NY",
                "/paradox weekly holidays off",
            ],
        )
    day = parse_day(args[0])
    if day is None:
        close = difflib.get_close_matches(head, DAYS, n=1)
        hint = f" Did you mean {close[0].capitalize()}?" if close else ""
        return Command(
            "error",
            problem=f"'{args[0]}' is not a day of the week.{hint}",
            suggestion=[_WEEKLY_FORM, "/paradox weekly off"],
        )
    if len(args) < 2:
        return Command(
            "error", problem="Give a time after the day, as HH:MM (24-hour).", suggestion=[_WEEKLY_FORM]
        )
    local_time = parse_time(args[1])
    if local_time is None:
        return Command(
            "error",
            problem=f"'{args[1]}' is not a time I can use: write it as HH:MM, for example 09:30 or 16:00.",
            suggestion=[_WEEKLY_FORM],
        )
    timezone = ""
    if len(args) > 2:
        timezone = check_timezone(args[2]) or ""
        if not timezone or len(args) > 3:
            bad = " ".join(args[2:])
            return Command(
                "error",
                problem=f"'{bad}' is not a timezone I know. Use an IANA name such as Europe/London, "
                "America/New_York or Australia/Sydney, or leave it out to use your Slack timezone.",
                suggestion=[_WEEKLY_FORM, f"/paradox weekly {DAYS[day]} {local_time}"],
            )
    return Command("weekly_set", weekday=day, local_time=local_time, timezone=timezone)


def parse(text: str, deck: Deck) -> Command:
    """Read the text after `/paradox` (any case, any spacing)."""
    text = " ".join((text or "").split())
    if not text:
        return Command("question")
    words = text.split(" ")
    head = words[0].lower().rstrip(":")
    if head in ("help", "?", "--help", "-h") and len(words) == 1:
        return Command("help")
    if head == "list" and len(words) == 1:
        return Command("list")
    if head == "goal":
        rest = text[len(words[0]) :].strip().lstrip(":").strip()
        return Command("goal_set", text=rest) if rest else Command("goal_show")
    if head == "weekly":
        return _weekly(words[1:])
    if len(words) <= 2:
        paradox = deck.paradox_for_topic(text)
        if paradox:
            return Command("topic", text=paradox.id)
    if len(words) == 1 and not find_channels(deck, text):
        # One unknown word is most likely a mistyped topic or command, not a plan.
        vocabulary = _WORDS + list(deck.keyword_index)
        close = difflib.get_close_matches(head, vocabulary, n=2, cutoff=0.75)
        if close:
            suggestion = [f"/paradox {c}" for c in close] + ["/paradox list"]
            return Command(
                "error",
                problem=f"I don't know '{words[0]}'. Did you mean {' or '.join(close)}?",
                suggestion=suggestion,
            )
    return Command("plan", text=text)
