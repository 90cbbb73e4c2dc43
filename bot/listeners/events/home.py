"""`app_home_opened`: publish the Home tab the coach builds, with permalinks to the goals' threads."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.coach.home import home
from bot.coach.storage import Goal
from bot.delivery import slack_error
from bot.render import home_view
from bot.services import Services
from bot.slack_ids import team_of

log = logging.getLogger(__name__)


def _linker(client):
    def link(goal: Goal) -> str:
        # A permalink to the thread the goal was stated in; the channel when there is none.
        if goal.thread_ts:
            try:
                found = client.chat_getPermalink(channel=goal.channel_id, message_ts=goal.thread_ts)
                return f"<#{goal.channel_id}> (<{found['permalink']}|thread>)"
            except (SlackApiError, OSError, KeyError):
                pass
        return f"<#{goal.channel_id}>"

    return link


def home_listener(services: Services):
    def on_home_opened(event: dict, body: dict, client, context) -> None:
        if event.get("tab") not in (None, "home") or not event.get("user"):
            return
        view = home_view(
            home(
                services.deck,
                services.store,
                team_of(body, context),
                _linker(client),
                services.coach.privacy_line,
            )
        )
        try:
            client.views_publish(user_id=str(event["user"]), view=view)
        except SlackApiError as exc:
            log.warning(
                "could not publish the Home tab for %s: %s", event["user"], slack_error(exc)[1] or "error"
            )

    return on_home_opened
