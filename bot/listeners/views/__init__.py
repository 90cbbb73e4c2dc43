"""Modals: "Plan a campaign" (from the Home tab or a message shortcut, submitted as a brief), "We have a goal",
a goal follow-up's "What did you see?", and the deck's forms."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions.goal_result import followup_note_listener
from bot.listeners.views import followup_modal, goal_modal
from bot.listeners.views.deck_modals import ADD_CALLBACK, HIDE_CALLBACK
from bot.listeners.views.deck_submitted import deck_add_listener, deck_hide_listener
from bot.listeners.views.goal_submitted import goal_submitted_listener
from bot.listeners.views.open_plan import plan_from_home_listener, plan_from_message_listener
from bot.listeners.views.plan_modal import CALLBACK, SHORTCUT
from bot.listeners.views.plan_submitted import plan_submitted_listener
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.action("plan_campaign")(plan_from_home_listener(services))
    app.shortcut(SHORTCUT)(plan_from_message_listener(services))
    app.view(CALLBACK)(plan_submitted_listener(services))
    app.view(goal_modal.CALLBACK)(goal_submitted_listener(services))
    app.view(followup_modal.CALLBACK)(followup_note_listener(services))
    app.view(ADD_CALLBACK)(deck_add_listener(services))
    app.view(HIDE_CALLBACK)(deck_hide_listener(services))
