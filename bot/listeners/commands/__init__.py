"""Slash commands: `/paradox` in every form."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.paradox import paradox_command
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.command("/paradox")(paradox_command(services))
