"""The Home tab's deck buttons for admins: show a hidden paradox again, restore the default deck."""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach import workspace_deck as wd
from bot.listeners.actions.deck_menu import chosen, open_view
from bot.listeners.deck_edits import edit_and_show
from bot.listeners.views.deck_modals import notice_modal
from bot.services import Services
from bot.slack.ids import team_of, user_of


def _press(services: Services, kind: str):
    def pressed(ack: Ack, body: dict, client, context) -> None:
        ack()
        problem, words = edit_and_show(
            services, client, team_of(body, context), user_of(body), kind, chosen(body)
        )
        if problem:
            open_view(client, str(body.get("trigger_id") or ""), notice_modal(problem, words))

    return pressed


def deck_show_listener(services: Services):
    deck_show = _press(services, wd.SHOW_PARADOX)
    deck_show.__name__ = "deck_show"
    return deck_show


def deck_restore_listener(services: Services):
    deck_restore = _press(services, wd.RESET)
    deck_restore.__name__ = "deck_restore"
    return deck_restore
