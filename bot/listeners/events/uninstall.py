"""`app_uninstalled` and `tokens_revoked`: forget the workspace, and its installation in OAuth mode."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.services import Services
from bot.slack.ids import team_of

log = logging.getLogger(__name__)


def _forget(app: App, services: Services, body: dict, context) -> None:
    team = team_of(body, context)
    # The installation first: once the workspace's data is gone, so is every way to act for it.
    installations = getattr(app, "installation_store", None)
    if installations is not None:
        installations.delete_all(enterprise_id=body.get("enterprise_id"), team_id=body.get("team_id"))
    services.store.delete_workspace(team)
    log.info("forgot workspace %s after uninstall or token revocation", team)


def uninstalled_listener(app: App, services: Services):
    def on_uninstalled(event: dict, body: dict, client, context) -> None:
        _forget(app, services, body, context)

    return on_uninstalled


def tokens_revoked_listener(app: App, services: Services):
    def on_tokens_revoked(event: dict, body: dict, client, context) -> None:
        if (event.get("tokens") or {}).get("bot"):
            _forget(app, services, body, context)

    return on_tokens_revoked
