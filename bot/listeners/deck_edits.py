"""One deck edit from Slack, checked and stored; the caller then publishes the editor's Home tab again.

Shared by the deck's menu, buttons and forms. The admin check happens on every path here, not
only when the controls are drawn: a non-admin's request (or a forged one) changes nothing.
"""

from __future__ import annotations

import logging

from bot.coach import workspace_deck as wd
from bot.listeners.admin import NOT_ADMIN, is_admin
from bot.listeners.events.home import publish_home
from bot.services import Services

log = logging.getLogger(__name__)


def edit(services: Services, client, team_id: str, user_id: str, kind: str, paradox_id: str, **more) -> str:
    """Make the edit; return "" when done, else what to tell the person (not an admin, or why not)."""
    if not is_admin(client, user_id):
        return NOT_ADMIN
    if kind == wd.RESET:
        row = {"kind": wd.RESET}
    else:
        try:
            row = wd.check_edit(services.deck, services.deck_for(team_id), kind, paradox_id, **more)
        except wd.EditError as exc:
            return str(exc)
    services.store.add_deck_edits(team_id, user_id, [row])
    log.info("deck of %s edited by %s: %s %s", team_id, user_id, kind, paradox_id)
    return ""


def edit_and_show(
    services: Services, client, team_id: str, user_id: str, kind: str, paradox_id: str, **more
) -> str:
    """`edit`, then the editor's Home tab published with the edit in it."""
    problem = edit(services, client, team_id, user_id, kind, paradox_id, **more)
    if not problem:
        publish_home(services, client, team_id, user_id)
    return problem
