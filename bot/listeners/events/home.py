"""`app_home_opened`: publish the Home tab the coach builds, with permalinks to the goals' threads.

Admins (users.info) get the deck's edit controls and log; everyone else sees the deck as it is.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.coach.home import home
from bot.coach.storage import Goal
from bot.listeners.admin import is_admin
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import USER_ID, checked, team_of
from bot.slack.render import home_view

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


def publish_home(services: Services, client, team_id: str, user_id: str) -> None:
    """Build and publish one person's Home tab (after it is opened, or after a deck edit)."""
    admin = is_admin(client, user_id)
    reply = home(
        services.deck_for(team_id),
        services.store,
        team_id,
        _linker(client),
        base=services.deck,
        admin=admin,
        privacy_line=services.coach.privacy_line,
    )
    try:
        client.views_publish(user_id=user_id, view=home_view(reply))
    except SlackApiError as exc:
        log.warning("could not publish the Home tab for %s: %s", user_id, slack_error(exc)[1] or "error")


def home_listener(services: Services):
    def on_home_opened(event: dict, body: dict, client, context) -> None:
        user = checked(event.get("user"), USER_ID)
        if event.get("tab") not in (None, "home") or not user:
            return
        publish_home(services, client, team_of(body, context), user)

    return on_home_opened
