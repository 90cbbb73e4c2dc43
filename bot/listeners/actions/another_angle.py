"""The "Another angle" button on a weekly prompt: a different question from its paradox, in its thread."""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach.coach import Place
from bot.inbox import RESUMED, interaction_id
from bot.listeners.actions.values import button_value, message_text
from bot.services import Services
from bot.slack.delivery import deliver
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message


def another_angle_listener(services: Services):
    def another_angle(ack: Ack, body: dict, client, context) -> None:
        ack()
        # Claimed with its body before the ack (bot/inbox.py): resumed if this process dies.
        with services.inbox.working(interaction_id(body)):
            _another_angle(body, client, context)

    def _another_angle(body: dict, client, context) -> None:
        message_ts = str(
            (body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts") or ""
        )
        channel = channel_of(body)
        place = Place.in_thread(team_of(body, None), channel, message_ts)
        user = user_of(body)  # "" unless it has Slack's shape: it is pasted into a public post
        langs = services.languages_for(place.team_id, channel, message_text(body), [])
        reply = services.answer_in(
            place.team_id,
            langs,
            lambda coach: coach.another_angle(
                place,
                button_value(body),
                seed=message_ts,
                lead=coach.words.say("angle.from", user=user) if user else coach.words.say("angle.plain"),
            ),
        )
        key = f"angle:{body.get('trigger_id') or message_ts}"
        deliver(
            client,
            channel,
            message(reply),
            key=key,
            thread_ts=message_ts,
            what="another angle",
            look_first=bool(context.get(RESUMED)),
        )

    return another_angle
