"""The Home tab's menu beside each paradox: open "Add a question" or "Hide a question", or hide the paradox.

The forms and refusals are in the Home's languages (`home_decks`)."""

from __future__ import annotations

import logging

from slack_bolt import Ack
from slack_sdk.errors import SlackApiError

from bot.coach import workspace_deck as wd
from bot.coach.home import said
from bot.listeners.admin import NOT_ADMIN, is_admin
from bot.listeners.deck_edits import edit_and_show
from bot.listeners.events.home import home_decks
from bot.listeners.views.deck_modals import add_modal, hide_modal, notice_modal
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import team_of, user_of

log = logging.getLogger(__name__)


def open_view(client, trigger_id: str, view: dict) -> None:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("could not open a deck form: %s", slack_error(exc)[1] or "error")


def chosen(body: dict) -> str:
    action = (body.get("actions") or [{}])[0] or {}
    return str((action.get("selected_option") or {}).get("value") or action.get("value") or "")


def deck_menu_listener(services: Services):
    def deck_menu(ack: Ack, body: dict, client, context) -> None:
        ack()
        team, user, trigger = team_of(body, context), user_of(body), str(body.get("trigger_id") or "")
        op, _, paradox_id = chosen(body).partition(":")
        decks = home_decks(services, team)
        words = [d.words for d in decks]
        if not is_admin(client, user):
            open_view(client, trigger, notice_modal(said(words, NOT_ADMIN), words))
            return
        if any(paradox_id not in d.by_id for d in decks):
            open_view(client, trigger, notice_modal(said(words, "deck_admin.hidden_now"), words))
        elif op == "add":
            open_view(client, trigger, add_modal(decks, paradox_id))
        elif op == "hideq":
            open_view(client, trigger, hide_modal(decks, paradox_id))
        elif op == "hidep":
            problem, words = edit_and_show(services, client, team, user, wd.HIDE_PARADOX, paradox_id)
            if problem:
                open_view(client, trigger, notice_modal(problem, words))

    return deck_menu
