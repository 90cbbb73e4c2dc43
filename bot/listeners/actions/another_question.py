"""The "Another question" button on a private /paradox reply: replace it with a different question."""

from __future__ import annotations

from slack_bolt import Ack, Respond

from bot.coach.coach import Place
from bot.listeners.actions.values import button_value, message_text
from bot.services import Services
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message


def another_question_listener(services: Services):
    def another_question(ack: Ack, body: dict, respond: Respond, context) -> None:
        ack()
        previous = button_value(body)
        seed = str(body.get("trigger_id") or previous)
        place = Place.personal(team_of(body, context), channel_of(body), user_of(body))
        langs = services.languages_for(place.team_id, place.channel_id, message_text(body), [])
        reply = services.answer_in(
            place.team_id, langs, lambda coach: coach.another_angle(place, previous, seed, buttons=True)
        )
        respond(replace_original=True, **message(reply))

    return another_question
