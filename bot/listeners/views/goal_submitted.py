"""The "We have a goal" modal submitted: record what was typed as the goal, answer where the nudge was.

In the languages the form carries (those of the nudge it was opened from), Welsh first; recorded once.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.coach.coach import Place
from bot.listeners.views.goal_modal import FIELD, read_goal_submission
from bot.listeners.views.metadata import languages_of
from bot.services import Services
from bot.slack.delivery import deliver
from bot.slack.ids import team_of, user_of
from bot.slack.render import message

log = logging.getLogger(__name__)


def goal_submitted_listener(services: Services):
    def goal_submitted(ack: Ack, body: dict, view: dict, client, context) -> None:
        text, metadata = read_goal_submission(view)
        team, user = team_of(body, context), user_of(body)
        langs = languages_of(metadata)
        words = services.deck_for(team, langs[0]).words
        if not text.strip():
            ack(response_action="errors", errors={FIELD: words.say("goal_form.empty")})
            return
        channel = str(metadata.get("channel") or "")
        if not channel:
            ack(response_action="errors", errors={FIELD: words.say("goal_form.lost")})
            return
        ack()
        thread_ts = str(metadata.get("thread_ts") or "")
        place = Place.in_thread(team, channel, thread_ts) if thread_ts else Place.in_channel(team, channel)
        view_id = str(view.get("id") or "")
        seed = view_id or channel
        reply = services.answer_in(team, langs, lambda coach: coach.goal_typed(place, text, user, seed=seed))
        if thread_ts:
            deliver(
                client, channel, message(reply), key=f"goal:{view_id}", thread_ts=thread_ts, what="typed goal"
            )
            return
        # A /paradox nudge was private: so is the answer, through the command's response_url.
        response_url = str(metadata.get("response_url") or "")
        try:
            if response_url:
                WebhookClient(response_url, timeout=services.settings.api_timeout).send(
                    replace_original=True, **message(reply)
                )
            else:
                client.chat_postEphemeral(channel=channel, user=user, **message(reply))
        except (SlackApiError, OSError) as exc:
            log.warning("could not answer the typed goal in %s: %s", channel, exc.__class__.__name__)

    return goal_submitted
