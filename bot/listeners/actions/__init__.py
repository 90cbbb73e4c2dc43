"""Buttons: "Another question" and "Share in channel"."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond

from bot.coach import replies
from bot.coaching import Place
from bot.delivery import deliver
from bot.render import message
from bot.services import Services
from bot.slack_ids import channel_of, team_of, user_of

log = logging.getLogger(__name__)


def _value(body: dict) -> str:
    actions = body.get("actions") or [{}]
    return str((actions[0] or {}).get("value") or "")


def register(app: App, services: Services) -> None:
    @app.action(replies.ANOTHER)
    def another_question(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        place = Place(team_of(body, context), channel_of(body))
        user = user_of(body)
        seed = str(body.get("trigger_id") or _value(body))
        reply = services.coach.another(place, user, _value(body), seed)
        respond(replace_original=True, **message(reply))

    @app.action(replies.ANOTHER_ANGLE)
    def another_angle(ack: Ack, body: dict, client) -> None:
        """A different question from the weekly prompt's paradox, posted in its thread."""
        ack()
        message_ts = str(
            (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts") or ""
        )
        channel = channel_of(body)
        place = Place(team_of(body, None), channel, message_ts)
        lead = f"Another angle, from <@{user_of(body)}>:"
        reply = services.coach.another_angle(place, _value(body), seed=message_ts, lead=lead)
        key = f"angle:{body.get('trigger_id') or message_ts}"
        deliver(client, channel, message(reply), key=key, thread_ts=message_ts, what="another angle")

    @app.action(replies.SHARE)
    def share_in_channel(ack: Ack, body: dict, respond: Respond, client) -> None:
        ack()
        reply = services.coach.shared(_value(body), user_of(body))
        if reply is None:
            respond(**message(replies.error("That question is no longer in the deck.", ["/paradox"])))
            return
        key = f"share:{body.get('trigger_id') or _value(body)}"
        sent = deliver(client, channel_of(body), message(reply), key=key, what="shared question")
        if not sent.ok:
            problem = (
                "I can't post in this conversation. Invite me first, then share again."
                if sent.error in ("not_in_channel", "channel_not_found", "restricted_action")
                else f"Slack would not take the post ({sent.error}). Please try again in a minute."
            )
            respond(replace_original=False, **message(replies.error(problem, ["/invite @paradox-coach"])))
            return
        respond(delete_original=True)
