"""The `/paradox weekly …` and `/paradox digest …` forms, answered in the reply's languages.

The one call the slash command makes for them (bot/listeners/commands/paradox.py), with the languages it
chose (the person's words, else the channel's setting): each language's words from the workspace's
deck, then the weekly subscriptions or the digest make the change once and say it in each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.coach import replies
from bot.coach.command import Command
from bot.coach.storage import Place
from bot.digest import subscriptions as digests
from bot.weekly import subscriptions

if TYPE_CHECKING:
    from bot.services import Services


def handles(cmd: Command) -> bool:
    """A weekly or digest form, or an error reading one (its entry is in their sections)."""
    return cmd.form.is_weekly or cmd.form.is_digest or cmd.problem_key.startswith(("weekly.", "digest."))


def answer(
    cmd: Command, place: Place, user: str, services: Services, langs: tuple[str, ...], *, user_tz: str = ""
) -> replies.Reply:
    words = [services.deck_for(place.team_id, lang).words for lang in langs]
    if cmd.form.is_digest or cmd.problem_key.startswith("digest."):
        return digests.answer(cmd, place.team_id, user, services.store, words, user_tz=user_tz)
    return subscriptions.answer(cmd, place, user, services.store, words, user_tz=user_tz)
