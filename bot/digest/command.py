"""Reading `/paradox digest …`: on (with an optional public-holiday calendar), off, or show."""

from __future__ import annotations

from bot.coach.command import Command, Form
from bot.coach.text import quote


def parse_digest(args: list[str]) -> Command:
    """The words after `/paradox digest`."""
    head = args[0].lower() if args else ""
    if not args:
        return Command(Form.DIGEST_SHOW)
    if head in ("off", "stop", "cancel", "unsubscribe") and len(args) == 1:
        return Command(Form.DIGEST_OFF)
    if head in ("on", "start", "subscribe") and len(args) <= 2:
        return Command(Form.DIGEST_ON, text=args[1].upper() if len(args) == 2 else "")
    return Command(
        Form.ERROR,
        problem=f"I could not read '{quote(' '.join(args), 60)}' after digest: say on or off.",
        suggestion=["/paradox digest on", "/paradox digest on GB-ENG", "/paradox digest off"],
    )
