"""The buttons on the private `forget` / `forget me` confirmations: erase, or cancel.

Whom and where come from who pressed and where, never from the button's value: a `forget me`
button erases only the data of the person pressing it. The answer is in the language of the reply
the button sat on: erased once, then said in each of its languages (Welsh first).
"""

from __future__ import annotations

from slack_bolt import Ack, Respond

from bot.coach import privacy, replies
from bot.coach.words import Words
from bot.listeners.actions.values import press_languages
from bot.services import Services
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message


def _words(services: Services, body: dict, team: str) -> list[Words]:
    """The words of each language the pressed reply was in (the channel's setting; in `auto`, the reply's
    language, which these private replies carry on their buttons)."""
    return [
        services.deck_for(team, lang).words
        for lang in press_languages(services, team, channel_of(body), body)
    ]


def forget_channel_listener(services: Services):
    def forget_channel(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        channel, team = channel_of(body), team_of(body, context)
        if not channel:
            return
        words = _words(services, body, team)
        gone = services.store.forget_channel(team, channel)
        reply = replies.together([privacy.forgotten_channel(channel, gone, w) for w in words])
        respond(replace_original=True, **message(reply))

    return forget_channel


def forget_me_listener(services: Services):
    def forget_me(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        user, team = user_of(body), team_of(body, context)
        if not user:
            return
        words = _words(services, body, team)
        gone = services.store.forget_user(team, user)
        respond(
            replace_original=True, **message(replies.together([privacy.forgotten_me(gone, w) for w in words]))
        )

    return forget_me


def cancel_listener(services: Services):
    def cancel(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        words = _words(services, body, team_of(body, context))
        respond(replace_original=True, **message(replies.together([privacy.cancelled(w) for w in words])))

    return cancel
