"""Events: mentions in campaign threads, the Home tab, and uninstalls; each finishes its event's claim."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.home import home_listener
from bot.listeners.events.mention import mention_listener
from bot.listeners.events.once import finishing
from bot.listeners.events.uninstall import tokens_revoked_listener, uninstalled_listener
from bot.services import Services


def register(app: App, services: Services) -> None:
    inbox = services.inbox
    app.event("app_mention")(finishing(inbox, mention_listener(services)))
    app.event("app_uninstalled")(finishing(inbox, uninstalled_listener(app, services)))
    app.event("tokens_revoked")(finishing(inbox, tokens_revoked_listener(app, services)))
    app.event("app_home_opened")(finishing(inbox, home_listener(services)))
