"""`app_home_opened`: publish the Home tab the coach builds, with permalinks to the goals' threads.

The Home is in the workspace's default language (`bot.coach.home.languages`); the deck's forms and
refusals opened from it use the same (`home_decks`). Admins (users.info) get the deck's edit controls
and log, and the workspace's language buttons; everyone else sees the deck and the language as they are.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.coach import home as home_tab
from bot.coach.deck import Deck
from bot.coach.language import LANGUAGES
from bot.coach.storage import Goal
from bot.listeners.admin import is_admin
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import USER_ID, checked, team_of
from bot.slack.render import home_view

log = logging.getLogger(__name__)


def _linker(client):
    """Each goal's thread permalink ("" when it has none or Slack will not say), asked once per goal
    however many languages the Home is in."""
    found: dict[tuple[str, str], str] = {}

    def link(goal: Goal) -> str:
        if not goal.thread_ts:
            return ""
        key = (goal.channel_id, goal.thread_ts)
        if key not in found:
            try:
                found[key] = client.chat_getPermalink(channel=goal.channel_id, message_ts=goal.thread_ts)[
                    "permalink"
                ]
            except (SlackApiError, OSError, KeyError):
                found[key] = ""
        return found[key]

    return link


def home_decks(services: Services, team_id: str) -> list[Deck]:
    """The workspace's deck in each of its Home's languages, Welsh first: their words say the deck's
    forms and refusals as the Home does."""
    setting = services.store.workspace_language(team_id)
    return [services.deck_for(team_id, lang) for lang in home_tab.languages(setting)]


def _pages(services: Services, team_id: str) -> dict[str, home_tab.Page]:
    return {
        lang: home_tab.Page(
            services.deck_for(team_id, lang),
            services.decks_by_lang.get(lang, services.decks).base,
            services.coaches.get(lang, services.coach).privacy_line,
        )
        for lang in LANGUAGES
    }


def publish_home(services: Services, client, team_id: str, user_id: str) -> None:
    """Build and publish one person's Home tab (after it is opened, or after an edit made from it)."""
    admin = is_admin(client, user_id)
    reply = home_tab.home(
        services.store,
        team_id,
        _pages(services, team_id),
        _linker(client),
        setting=services.store.workspace_language(team_id),
        admin=admin,
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
