"""Buttons: "Another question" and "Share in channel"."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.coaching import Place
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
        previous = services.deck.questions.get(_value(body))
        services.store.mark_asked(place.team_id, channel, message_ts, [previous.id] if previous else [])
        questions = services.coach.ask(place, [previous.paradox_id] if previous else [], seed=message_ts)
        reply = replies.challenge(services.deck, questions, lead=f"Another angle, from <@{user_of(body)}>:")
        client.chat_postMessage(channel=channel, thread_ts=message_ts or None, **message(reply))

    @app.action(replies.SHARE)
    def share_in_channel(ack: Ack, body: dict, respond: Respond, client) -> None:
        ack()
        reply = services.coach.shared(_value(body), user_of(body))
        if reply is None:
            respond(**message(replies.error("That question is no longer in the deck.", ["/paradox"])))
            return
        try:
            client.chat_postMessage(channel=channel_of(body), **message(reply))
        except SlackApiError as exc:
            code = exc.response.get("error", "unknown_error") if exc.response is not None else "unknown_error"
            log.warning("could not share a question in %s: %s", channel_of(body), code)
            problem = (
                "I can't post in this conversation. Invite me first, then share again."
                if code in ("not_in_channel", "channel_not_found", "restricted_action")
                else f"Slack would not take the post ({code}). Please try again in a minute."
            )
            respond(replace_original=False, **message(replies.error(problem, ["/invite @paradox-coach"])))
            return
        respond(delete_original=True)
