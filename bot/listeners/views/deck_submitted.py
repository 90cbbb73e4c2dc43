"""The deck's forms submitted: add the question, or hide the one chosen; refused inline when it cannot be,
in the Home's languages."""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach import workspace_deck as wd
from bot.listeners.deck_edits import edit
from bot.listeners.events.home import publish_home
from bot.listeners.views.deck_modals import FIELD, read
from bot.services import Services
from bot.slack.ids import team_of, user_of


def _submitted(services: Services, kind: str, field: str):
    def submitted(ack: Ack, body: dict, view: dict, client, context) -> None:
        paradox_id, value = read(view)
        team, user = team_of(body, context), user_of(body)
        problem, _ = edit(services, client, team, user, kind, paradox_id, **{field: value})
        if problem:
            ack(response_action="errors", errors={FIELD: problem})
            return
        ack()  # the form closes; the Home tab behind it then shows the edit
        publish_home(services, client, team, user)

    return submitted


def deck_add_listener(services: Services):
    deck_add = _submitted(services, wd.ADD, "text")
    deck_add.__name__ = "deck_add"
    return deck_add


def deck_hide_listener(services: Services):
    deck_hide = _submitted(services, wd.HIDE_QUESTION, "question_id")
    deck_hide.__name__ = "deck_hide"
    return deck_hide
