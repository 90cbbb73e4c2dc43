"""Buttons: "Another question", "Share in channel" and the weekly prompt's "Another angle"."""

from __future__ import annotations

from slack_bolt import App

from bot.coach import replies
from bot.listeners.actions.another_angle import another_angle_listener
from bot.listeners.actions.another_question import another_question_listener
from bot.listeners.actions.share import share_listener
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.action(replies.ANOTHER)(another_question_listener(services))
    app.action(replies.ANOTHER_ANGLE)(another_angle_listener(services))
    app.action(replies.SHARE)(share_listener(services))
