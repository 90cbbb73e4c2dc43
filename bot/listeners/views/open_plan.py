"""Opening the "Plan a campaign" modal: from the Home tab's button, or from a message (drafted from it).

From the Home tab it is in the workspace's default language (`auto`: English); from a message, in
that message's language as the channel would answer it. `both` makes a Welsh form whose brief is in
both languages, Welsh first.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError

from bot.coach.brief import prefill
from bot.coach.language import reply_languages
from bot.listeners.views.plan_modal import plan_modal
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import team_of

log = logging.getLogger(__name__)


def open_plan(
    client,
    services: Services,
    team: str,
    trigger_id: str,
    langs: tuple[str, ...],
    values: dict | None = None,
    channel: str = "",
) -> None:
    """Open the modal; the trigger_id works once and only for 3 seconds, so this runs right after ack()."""
    words = services.deck_for(team, langs[0]).words
    try:
        client.views_open(trigger_id=trigger_id, view=plan_modal(words, values, langs=langs, channel=channel))
    except SlackApiError as exc:
        log.warning("could not open the planning form: %s", slack_error(exc)[1] or "error")


def plan_from_home_listener(services: Services):
    def plan_from_home(ack: Ack, body: dict, client, context) -> None:
        ack()
        team = team_of(body, context)
        langs = reply_languages(services.store.workspace_language(team), None)
        open_plan(client, services, team, str(body.get("trigger_id") or ""), langs)

    return plan_from_home


def plan_from_message_listener(services: Services):
    def plan_from_message(ack: Ack, body: dict, client, context) -> None:
        ack()
        team = team_of(body, context)
        text = str((body.get("message") or {}).get("text") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        langs = services.languages_for(team, channel, text, [])
        trigger = str(body.get("trigger_id") or "")
        open_plan(client, services, team, trigger, langs, prefill(services.deck_for(team), text), channel)

    return plan_from_message
