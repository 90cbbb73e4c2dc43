"""The buttons on the private `forget` / `forget me` confirmations: erase, or cancel.

Whom and where come from who pressed and where, never from the button's value: a `forget me`
button erases only the data of the person pressing it.
"""

from __future__ import annotations

from slack_bolt import Ack, Respond

from bot.coach import privacy
from bot.coach.coach import Place
from bot.services import Services
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message


def forget_channel_listener(services: Services):
    def forget_channel(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        channel = channel_of(body)
        if not channel:
            return
        reply = services.coach.forget_channel(Place.in_channel(team_of(body, context), channel))
        respond(replace_original=True, **message(reply))

    return forget_channel


def forget_me_listener(services: Services):
    def forget_me(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        user = user_of(body)
        if not user:
            return
        respond(replace_original=True, **message(services.coach.forget_me(team_of(body, context), user)))

    return forget_me


def cancel_listener(services: Services):
    def cancel(ack: Ack, respond: Respond) -> None:
        ack()
        respond(replace_original=True, **message(privacy.cancelled()))

    return cancel
