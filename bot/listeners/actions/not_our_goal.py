"""The "That's not our goal" button on a recorded goal: forget it for the thread (or channel) and say so."""

from __future__ import annotations

from slack_bolt import Ack, Respond

from bot.coach.coach import Place
from bot.coach.replies import place_of_button
from bot.listeners.actions.values import button_value, press_languages
from bot.services import Services
from bot.slack.delivery import deliver
from bot.slack.ids import channel_of, team_of
from bot.slack.render import message


def not_our_goal_listener(services: Services):
    def not_our_goal(ack: Ack, body: dict, respond: Respond, client, context) -> None:
        ack()
        thread_ts = place_of_button(button_value(body))
        channel, team = channel_of(body), team_of(body, context)
        place = Place.in_thread(team, channel, thread_ts) if thread_ts else Place.in_channel(team, channel)
        langs = press_languages(services, team, channel, body)
        reply = services.answer_in(team, langs, lambda coach: coach.forget_goal(place))
        if not thread_ts:
            respond(replace_original=True, **message(reply))  # the private /paradox goal reply
            return
        key = f"forgot:{body.get('trigger_id') or thread_ts}"
        deliver(client, channel, message(reply), key=key, thread_ts=thread_ts, what="goal forgotten")

    return not_our_goal
