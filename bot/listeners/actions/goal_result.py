"""The buttons on a goal follow-up (Met, Partly, Not met, Too early to say), and the "What did you see?" form.

A press records the result, who gave it and when, and the follow-up is updated to say so; Met, Partly and
Not met then open the optional one-field form; "Too early to say" sets the goal's next ask four weeks on
(`bot.coach.followup.next_ask_after`), which the scheduler posts like the first.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError

from bot.coach import followup, replies
from bot.listeners.actions.values import button_value, press_languages
from bot.listeners.views.followup_modal import note_modal, read_note
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import channel_of, team_of
from bot.slack.render import message

log = logging.getLogger(__name__)


def answered_message(services: Services, team: str, goal, langs: tuple[str, ...]) -> dict:
    """The follow-up as answered, in the languages it was posted in."""
    words = [services.deck_for(team, lang).words for lang in langs]
    return message(replies.together([followup.answered(goal, w) for w in words]))


def update(client, channel: str, ts: str, body: dict) -> None:
    try:
        client.chat_update(channel=channel, ts=ts, **body)
    except SlackApiError as exc:
        log.warning("could not update a goal follow-up: %s", slack_error(exc)[1] or "error")


def followup_result_listener(services: Services):
    def followup_result(ack: Ack, body: dict, client, context) -> None:
        ack()
        goal_id, result, _lang = followup.button_value(button_value(body))
        channel, team = channel_of(body), team_of(body, context)
        user = str((body.get("user") or {}).get("id") or "")
        ts = str(
            ((body.get("container") or {}).get("message_ts")) or (body.get("message") or {}).get("ts") or ""
        )
        langs = press_languages(services, team, channel, body)
        store = services.store
        goal = store.goal_by_id(team, goal_id) if result else None
        if goal is None or goal.forgotten_at is not None:
            text = services.deck_for(team, langs[0]).words.say("followup.gone")
            update(client, channel, ts, {"text": text, "blocks": []})
            return
        today = datetime.now(UTC).date()
        goal = store.record_result(team, goal_id, result, user, followup.next_ask_after(goal, result, today))
        if result in followup.FINAL:
            words = services.deck_for(team, langs[0]).words
            try:
                # the trigger_id works once and only for 3 seconds: open the form before anything slow
                client.views_open(
                    trigger_id=str(body.get("trigger_id") or ""),
                    view=note_modal(words, goal_id, channel, ts, langs),
                )
            except SlackApiError as exc:
                log.warning("could not open the result form: %s", slack_error(exc)[1] or "error")
        update(client, channel, ts, answered_message(services, team, goal, langs))

    return followup_result


def followup_note_listener(services: Services):
    def followup_note(ack: Ack, body: dict, client, context) -> None:
        ack()
        note, metadata = read_note(body.get("view") or {})
        team = team_of(body, context)
        if not note or not str(metadata.get("goal") or "").isdigit():
            return  # the form is optional: submitting it empty changes nothing
        goal = services.store.record_result_note(team, int(metadata["goal"]), note)
        if goal is not None and metadata.get("channel") and metadata.get("ts"):
            body = answered_message(services, team, goal, metadata["langs"])
            update(client, str(metadata["channel"]), str(metadata["ts"]), body)

    return followup_note
