"""Reading the `/paradox weekly …` forms: subscribe, show, off, pause, resume, holidays, or a helpful error."""

from __future__ import annotations

import difflib
import re

from bot.coach.command import Command, Form
from bot.coach.text import quote
from bot.weekly.parsing import DAYS, check_timezone, parse_day, parse_time

MAX_PAUSE_WEEKS = 52
_ECHO = 60  # the most of someone's input an error quotes back (escaped: it may carry <!here>)


_WEEKLY_FORM = "/paradox weekly monday 09:30 Europe/London"


def parse_weekly(args: list[str]) -> Command:
    """The words after `/paradox weekly`."""
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
    match = re.fullmatch(r"(\d{1,6})(\s+weeks?)?", rest)
    if match and not 1 <= int(match.group(1)) <= MAX_PAUSE_WEEKS:
        return Command(
            Form.ERROR,
            problem=f"I can pause weekly prompts for 1 to {MAX_PAUSE_WEEKS} weeks, not {int(match.group(1))}. "
            "To stop them altogether, use `/paradox weekly off`.",
            suggestion=["/paradox weekly pause 2 weeks", f"/paradox weekly pause {MAX_PAUSE_WEEKS} weeks"],
        )
    if not match:
        return Command(
            Form.ERROR,
            problem=f"I could not read how many weeks to pause ('{quote(rest, _ECHO) or 'nothing'}'): "
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
            problem=f"'{quote(args[0], _ECHO)}' is not a day of the week.{hint}",
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
            problem=f"'{quote(args[1], _ECHO)}' is not a time I can use: write it as HH:MM, for example 09:30 or 16:00.",
            suggestion=[_WEEKLY_FORM],
        )
    timezone = (check_timezone(args[2]) or "") if len(args) > 2 else ""
    if len(args) > 2 and (not timezone or len(args) > 3):
        bad = " ".join(args[2:])
        return Command(
            Form.ERROR,
            problem=f"'{quote(bad, _ECHO)}' is not a timezone I know. Use an IANA name such as Europe/London, "
            "America/New_York or Australia/Sydney, or leave it out to use your Slack timezone.",
            suggestion=[_WEEKLY_FORM, f"/paradox weekly {DAYS[day]} {local_time}"],
        )
    return Command(Form.WEEKLY_SET, weekday=day, local_time=local_time, timezone=timezone)
