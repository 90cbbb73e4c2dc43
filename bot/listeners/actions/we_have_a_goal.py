"""The "We have a goal" button on a goal nudge: open the one-field form for the goal.

The form is in the language of the nudge the button sat on (the channel's setting; in `auto`, the
language of the nudge's words), and carries it to the answer.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError

from bot.coach.replies import place_of_button
from bot.listeners.actions.values import button_value, press_languages
from bot.listeners.views.goal_modal import goal_modal
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import channel_of, team_of

log = logging.getLogger(__name__)


def we_have_a_goal_listener(services: Services):
    def we_have_a_goal(ack: Ack, body: dict, client, context) -> None:
        ack()
        thread_ts = place_of_button(button_value(body))
        channel, team = channel_of(body), team_of(body, context)
        # A private /paradox nudge is answered through its response_url; a thread's, in the thread.
        response_url = "" if thread_ts else str(body.get("response_url") or "")
        langs = press_languages(services, team, channel, body)
        words = services.deck_for(team, langs[0]).words
        view = goal_modal(words, channel, thread_ts, response_url, langs)
        try:
            # The trigger_id works once and only for 3 seconds, so this runs right after ack().
            client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
        except SlackApiError as exc:
            log.warning("could not open the goal form: %s", slack_error(exc)[1] or "error")

    return we_have_a_goal
