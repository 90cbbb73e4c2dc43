"""What people type after `/paradox`, read into one `Form` of the contract, or an error that says what to type.

The weekly words are the weekly package's (`bot.weekly.command`), the digest's its own
(`bot.digest.command`); the rest the coach's
(`bot.coach.command`). This module only folds the spacing and chooses between them.
"""

from __future__ import annotations

from bot.coach.command import Command, parse_coaching
from bot.coach.deck import Deck
from bot.digest.command import parse_digest
from bot.weekly.command import parse_weekly


def parse(text: str, deck: Deck) -> Command:
    """Read the text after `/paradox` (any case, any spacing)."""
    text = " ".join((text or "").split())
    words = text.split(" ")
    if words[0].lower().rstrip(":") == "weekly":
        return parse_weekly(words[1:])
    if words[0].lower().rstrip(":") == "digest":
        return parse_digest(words[1:])
    return parse_coaching(text, deck)
