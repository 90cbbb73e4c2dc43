"""The /paradox slash command."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond

from bot.coach import replies
from bot.coach.command import parse
from bot.coaching import Place
from bot.render import message
from bot.services import Services
from bot.slack_ids import team_of

log = logging.getLogger(__name__)

SORRY = replies.error(
    "Sorry, I couldn't answer that just now. The problem is on my side, not yours: please try again in a minute.",
    ["/paradox help"],
)


def register(app: App, services: Services) -> None:
    from bot.listeners.commands import weekly

    @app.command("/paradox")
    def paradox(ack: Ack, body: dict, respond: Respond, client, context) -> None:
        place = Place(team_of(body, context), str(body.get("channel_id") or ""))
        user = str(body.get("user_id") or "")
        seed = str(body.get("trigger_id") or "") or f"{user}:{body.get('channel_id')}"
        try:
            cmd = parse(str(body.get("text") or ""), services.deck)
            if cmd.form.startswith("weekly"):
                weekly.answer(cmd, ack, respond, client, place, user, services)
                return
            reply = services.coach.command(cmd, place, user, seed)
        except Exception:
            log.exception("could not answer /paradox")
            reply = SORRY
        ack(**message(reply))
