"""Opening the "Plan a campaign" modal: from the Home tab's button, or from a message (drafted from it)."""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError

from bot.coach.brief import prefill
from bot.listeners.views.plan_modal import plan_modal
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import team_of

log = logging.getLogger(__name__)


def open_plan(client, trigger_id: str, values: dict | None = None, channel: str = "") -> None:
    """Open the modal; the trigger_id works once and only for 3 seconds, so this runs right after ack()."""
    try:
        client.views_open(trigger_id=trigger_id, view=plan_modal(values, channel=channel))
    except SlackApiError as exc:
        log.warning("could not open the planning form: %s", slack_error(exc)[1] or "error")


def plan_from_home(ack: Ack, body: dict, client) -> None:
    ack()
    open_plan(client, str(body.get("trigger_id") or ""))


def plan_from_message_listener(services: Services):
    def plan_from_message(ack: Ack, body: dict, client, context) -> None:
        ack()
        text = str((body.get("message") or {}).get("text") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        open_plan(
            client,
            str(body.get("trigger_id") or ""),
            prefill(services.deck_for(team_of(body, context)), text),
            channel,
        )

    return plan_from_message
