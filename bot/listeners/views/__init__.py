"""Modals (the "Plan a campaign" form arrives with the App Home)."""

from __future__ import annotations

from slack_bolt import App

from bot.services import Services


def register(app: App, services: Services) -> None:
    return None
