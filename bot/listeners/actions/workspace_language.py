"""The Home tab's language buttons: an admin sets the workspace's default language, and sees the Home in it.

The default is what a channel with no language of its own answers in, and what the Home is shown in.
Only admins see the buttons; the check is made here again, so a forged click changes nothing.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack

from bot.coach.home import said
from bot.coach.language import SETTINGS
from bot.listeners.actions.deck_menu import chosen, open_view
from bot.listeners.admin import is_admin
from bot.listeners.events.home import home_decks, publish_home
from bot.listeners.views.deck_modals import notice_modal
from bot.services import Services
from bot.slack.ids import team_of, user_of
from bot.store.queries.languages import WORKSPACE

log = logging.getLogger(__name__)


def workspace_language_listener(services: Services):
    def workspace_language(ack: Ack, body: dict, client, context) -> None:
        ack()
        team, user, setting = team_of(body, context), user_of(body), chosen(body)
        if not is_admin(client, user):
            words = [d.words for d in home_decks(services, team)]
            notice = notice_modal(said(words, "home.language.not_admin"), words, title="home.language.title")
            open_view(client, str(body.get("trigger_id") or ""), notice)
            return
        if setting not in SETTINGS:
            log.warning("ignored a workspace language that is not one: %r", setting[:20])
            return
        services.store.set_language(team, WORKSPACE, setting, user)
        log.info("default language of %s set to %s by %s", team, setting, user)
        publish_home(services, client, team, user)

    return workspace_language
