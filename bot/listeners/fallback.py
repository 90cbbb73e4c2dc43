"""Catch-alls, registered after every real listener: anything Slack sends gets a 200, never a 404.

Bolt answers 404 to a request no listener matches (an old button, a command or event a workspace
admin added to the app). Bolt tries listeners in registration order, so these must come last.
"""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.coach import replies
from bot.coach.text import quote
from bot.inbox import Inbox
from bot.listeners.events.once import finishing
from bot.slack.render import message

ANY = re.compile(r".*")


def _ignore_event(event: dict, body: dict, client, context) -> None:
    return None  # events the manifest does not ask for: acknowledged, ignored


def register(app: App, inbox: Inbox) -> None:
    @app.command(ANY)
    def other_command(ack: Ack, body: dict) -> None:
        command = quote(str(body.get("command") or "that"), 40)
        ack(**message(replies.error(f"I only answer /paradox, not {command}.", ["/paradox help"])))

    @app.action(ANY)
    def other_action(ack: Ack) -> None:
        ack()

    @app.shortcut(ANY)
    def other_shortcut(ack: Ack) -> None:
        ack()

    @app.options(ANY)
    def other_options(ack: Ack) -> None:
        ack(options=[])

    @app.view(ANY)
    def other_view(ack: Ack) -> None:
        ack()  # an old modal left open: close it quietly

    @app.view_closed(ANY)
    def other_view_closed(ack: Ack) -> None:
        ack()

    app.event(ANY)(finishing(inbox, _ignore_event))
