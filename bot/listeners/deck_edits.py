"""One deck edit from Slack, checked and stored; the caller then publishes the editor's Home tab again.

Shared by the deck's menu, buttons and forms. The admin check happens on every path here, not
only when the controls are drawn: a non-admin's request (or a forged one) changes nothing. What goes
wrong is said in the Home's languages, as the form or notice it appears in is.
"""

from __future__ import annotations

import logging

from bot.coach import workspace_deck as wd
from bot.coach.home import SEPARATOR, said
from bot.coach.words import Words
from bot.listeners.admin import NOT_ADMIN, is_admin
from bot.listeners.events.home import home_decks, publish_home
from bot.services import Services

log = logging.getLogger(__name__)


def edit(
    services: Services, client, team_id: str, user_id: str, kind: str, paradox_id: str, **more
) -> tuple[str, list[Words]]:
    """Make the edit; return "" when done, else what to tell the person (not an admin, or why not), and
    the words of the Home's languages it is said in."""
    words = [d.words for d in home_decks(services, team_id)]
    if not is_admin(client, user_id):
        return said(words, NOT_ADMIN), words
    if kind == wd.RESET:
        row = {"kind": wd.RESET}
    else:
        try:
            row = wd.check_edit(services.deck, services.deck_for(team_id), kind, paradox_id, **more)
        except wd.EditError as exc:
            return SEPARATOR.join(dict.fromkeys(exc.said(w) for w in words)), words
    services.store.add_deck_edits(team_id, user_id, [row])
    log.info("deck of %s edited by %s: %s %s", team_id, user_id, kind, paradox_id)
    return "", words


def edit_and_show(
    services: Services, client, team_id: str, user_id: str, kind: str, paradox_id: str, **more
) -> tuple[str, list[Words]]:
    """`edit`, then the editor's Home tab published with the edit in it."""
    problem, words = edit(services, client, team_id, user_id, kind, paradox_id, **more)
    if not problem:
        publish_home(services, client, team_id, user_id)
    return problem, words
