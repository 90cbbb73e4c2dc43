"""Modals (the "Plan a campaign" form arrives with the App Home)."""

from __future__ import annotations

import re

from slack_bolt import Ack, App

from bot.services import Services


def register(app: App, services: Services) -> None:
    # A view the app no longer knows (an old modal left open): close it quietly rather than 404.
    @app.view(re.compile(r".*"))
    def other_view(ack: Ack) -> None:
        ack()

    @app.view_closed(re.compile(r".*"))
    def other_view_closed(ack: Ack) -> None:
        ack()
