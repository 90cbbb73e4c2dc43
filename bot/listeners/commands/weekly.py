"""The `/paradox weekly …` forms."""

from __future__ import annotations

from bot.coach import replies
from bot.render import message


def answer(cmd, ack, respond, client, place, user, services) -> None:
    ack(**message(replies.error("Weekly prompts are not available yet.", ["/paradox help"])))
