"""Reading the `/paradox weekly …` forms: subscribe, show, off, pause, resume, holidays, or a helpful error.

The forms are English, as the contract has them; Welsh day names and a few Welsh words are read too
(`weekly dydd gwener 16:00`, `weekly pause 2 wythnos`), and a command that uses them is answered in Welsh.
An error names its entry in prompts/schedule.yml (`weekly.errors.…`) and the values it needs, so that it
is said in the reply's language (`error_reply`).
"""

from __future__ import annotations

import difflib
import re

from bot.coach import replies
from bot.coach.command import Command, Form
from bot.coach.text import quote
from bot.coach.words import Words
from bot.weekly.parsing import DAYS, WELSH_DAYS, check_timezone, parse_day, parse_time

MAX_PAUSE_WEEKS = 52
_ECHO = 60  # the most of someone's input an error quotes back (escaped: it may carry <!here>)

_WEEKLY_FORM = "/paradox weekly monday 09:30 Europe/London"

# The Welsh words of the weekly forms (the English ones are the contract's).
_OFF = {"off": False, "stop": False, "cancel": False, "unsubscribe": False, "diffodd": True, "stopio": True}
_RESUME = {"resume": False, "ailgychwyn": True, "ailddechrau": True}
_PAUSE = {"pause": False, "oedi": True}
_HOLIDAYS = {"holidays": False, "gwyliau": True}
_WEEKS = re.compile(r"(\d{1,6})(?:\s+(weeks?|wythnos|wythnosau))?")


def parse_weekly(args: list[str]) -> Command:
    """The words after `/paradox weekly`."""
    if not args:
        return Command(Form.WEEKLY_SHOW)
    head = args[0].lower()
    if head in _OFF and len(args) == 1:
        return Command(Form.WEEKLY_OFF, welsh=_OFF[head])
    if head in _RESUME and len(args) == 1:
        return Command(Form.WEEKLY_RESUME, welsh=_RESUME[head])
    if head in _PAUSE:
        return _pause(" ".join(args[1:]).lower(), welsh=_PAUSE[head])
    if head in _HOLIDAYS:
        return _holidays(args[1:], welsh=_HOLIDAYS[head])
    if head in ("dydd", "ddydd") and len(args) > 1 and args[1].lower() in WELSH_DAYS:
        return _subscribe(args[1:], welsh=True)
    return _subscribe(args, welsh=args[0].lower() in WELSH_DAYS)


def _error(key: str, suggestion: list[str], *, welsh: bool, **values) -> Command:
    """An error said later in the reply's language: `weekly.errors.<key>`, with the values it names."""
    return Command(
        Form.ERROR, problem_key=f"weekly.errors.{key}", suggestion=suggestion, welsh=welsh, **values
    )


def _pause(rest: str, *, welsh: bool) -> Command:
    match = _WEEKS.fullmatch(rest)
    welsh = welsh or bool(match and (match.group(2) or "").startswith("wythnos"))
    if match and not 1 <= int(match.group(1)) <= MAX_PAUSE_WEEKS:
        return _error(
            "pause_range",
            ["/paradox weekly pause 2 weeks", f"/paradox weekly pause {MAX_PAUSE_WEEKS} weeks"],
            welsh=welsh,
            weeks=int(match.group(1)),
        )
    if not match:
        return _error(
            "pause_unread",
            ["/paradox weekly pause 2 weeks", "/paradox weekly resume"],
            welsh=welsh,
            text=quote(rest, _ECHO),
        )
    return Command(Form.WEEKLY_PAUSE, weeks=int(match.group(1)), welsh=welsh)


def _holidays(args: list[str], *, welsh: bool) -> Command:
    if len(args) == 1:
        off = args[0].lower() in _OFF  # "holidays off", "gwyliau diffodd"
        welsh = welsh or _OFF.get(args[0].lower(), False)
        return Command(Form.WEEKLY_HOLIDAYS, text="" if off else args[0].upper(), welsh=welsh)
    return _error(
        "holidays_form",
        [
            "/paradox weekly holidays GB-ENG",
            "/paradox weekly holidays US-NY",
            "/paradox weekly holidays off",
        ],
        welsh=welsh,
    )


def _subscribe(args: list[str], *, welsh: bool) -> Command:
    """`weekly <day> <HH:MM> [timezone]`."""
    day = parse_day(args[0])
    if day is None:
        close = difflib.get_close_matches(args[0].lower(), DAYS + list(WELSH_DAYS), n=1)
        return _error(
            "not_a_day_close" if close else "not_a_day",
            [_WEEKLY_FORM, "/paradox weekly off"],
            welsh=welsh or bool(close and close[0] in WELSH_DAYS),
            text=quote(args[0], _ECHO),
            close=tuple(c.capitalize() for c in close),
        )
    if len(args) < 2:
        return _error("no_time", [_WEEKLY_FORM], welsh=welsh)
    local_time = parse_time(args[1])
    if local_time is None:
        return _error("bad_time", [_WEEKLY_FORM], welsh=welsh, text=quote(args[1], _ECHO))
    timezone = (check_timezone(args[2]) or "") if len(args) > 2 else ""
    if len(args) > 2 and (not timezone or len(args) > 3):
        return _error(
            "bad_timezone",
            [_WEEKLY_FORM, f"/paradox weekly {DAYS[day]} {local_time}"],
            welsh=welsh,
            text=quote(" ".join(args[2:]), _ECHO),
        )
    return Command(Form.WEEKLY_SET, weekday=day, local_time=local_time, timezone=timezone, welsh=welsh)


def error_reply(cmd: Command, words: Words) -> replies.Reply:
    """A weekly form that could not be used, said in `words`' language: why, and what to type instead."""
    problem = words.say(
        cmd.problem_key,
        text=cmd.text or words.say("weekly.errors.nothing"),
        weeks=cmd.weeks,
        most=MAX_PAUSE_WEEKS,
        day=cmd.close[0] if cmd.close else "",
    )
    return replies.error(problem, cmd.suggestion, words)
