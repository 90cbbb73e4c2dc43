"""Reading `/paradox digest …`: on (with an optional public-holiday calendar), off, or show.

`on` and `off` are the contract's words; `ymlaen` and `diffodd` are read too, and answered in Welsh. An
error names its entry in prompts/schedule.yml (`digest.errors.…`), said in the reply's language.
"""

from __future__ import annotations

from bot.coach.command import Command, Form
from bot.coach.text import quote

_ON = {"on": False, "start": False, "subscribe": False, "ymlaen": True}
_OFF = {"off": False, "stop": False, "cancel": False, "unsubscribe": False, "diffodd": True}


def parse_digest(args: list[str]) -> Command:
    """The words after `/paradox digest`."""
    head = args[0].lower() if args else ""
    if not args:
        return Command(Form.DIGEST_SHOW)
    if head in _OFF and len(args) == 1:
        return Command(Form.DIGEST_OFF, welsh=_OFF[head])
    if head in _ON and len(args) <= 2:
        return Command(Form.DIGEST_ON, text=args[1].upper() if len(args) == 2 else "", welsh=_ON[head])
    return Command(
        Form.ERROR,
        text=quote(" ".join(args), 60),
        problem_key="digest.errors.unread",
        suggestion=["/paradox digest on", "/paradox digest on GB-ENG", "/paradox digest off"],
    )
