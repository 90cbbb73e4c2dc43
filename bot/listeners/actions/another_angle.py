"""The "Another angle" button on a weekly prompt: a different question from its paradox, in its thread."""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach.coach import Place
from bot.delivery import deliver
from bot.listeners.actions.values import button_value
from bot.render import message
from bot.services import Services
from bot.slack_ids import channel_of, team_of, user_of


def another_angle_listener(services: Services):
    def another_angle(ack: Ack, body: dict, client) -> None:
        ack()
        message_ts = str(
            (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts") or ""
        )
        channel = channel_of(body)
        place = Place.in_thread(team_of(body, None), channel, message_ts)
        lead = f"Another angle, from <@{user_of(body)}>:"
        reply = services.coach.another_angle(place, button_value(body), seed=message_ts, lead=lead)
        key = f"angle:{body.get('trigger_id') or message_ts}"
        deliver(client, channel, message(reply), key=key, thread_ts=message_ts, what="another angle")

    return another_angle
