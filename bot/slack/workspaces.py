"""Which token speaks for which workspace, for work that does not start from a Slack request.

A request carries its workspace, and Bolt finds that workspace's token itself. The weekly
prompts (`post-due`, `scheduler`) and their pause notices start from a database row instead:
in multi-workspace (OAuth) mode there is no SLACK_BOT_TOKEN, and each workspace's bot token is
in the installation store that the OAuth flow filled (slack_sdk's SQLAlchemy store, on the
bot's own database). In single-workspace mode every team uses SLACK_BOT_TOKEN.
"""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient

from bot.settings import Settings
from bot.slack.delivery import make_client

log = logging.getLogger(__name__)


def installation_store(settings: Settings, engine):
    # Imported here: only multi-workspace installs need it, and it is slow to import.
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    store = SQLAlchemyInstallationStore(client_id=settings.client_id, engine=engine)
    if not settings.token_keys:
        return store
    from bot.slack.tokens import SealedInstallationStore

    return SealedInstallationStore(store, settings.token_keys)


class Clients:
    """A Web API client per workspace; None for a workspace with no installation."""

    TTL = 60.0  # seconds a looked-up token is reused (the scheduler asks every minute)

    def __init__(self, settings: Settings, engine=None):
        self.settings = settings
        self._store = installation_store(settings, engine) if settings.oauth else None
        if self._store is not None:
            self._store.create_tables()  # as the web process does: post-due may run before it ever has
        self._single = None if settings.oauth else self._client(settings.bot_token or None)
        self._cache: dict[str, tuple[float, WebClient | None]] = {}
        self._lock = threading.Lock()

    def _client(self, token: str | None) -> WebClient:
        return make_client(self.settings.api_url, token, self.settings.api_timeout)

    def for_team(self, team_id: str) -> WebClient | None:
        if self._store is None:
            return self._single
        with self._lock:
            hit = self._cache.get(team_id)
            if hit and time.monotonic() - hit[0] < self.TTL:
                return hit[1]
        # Storage keys a workspace by its team, or by its enterprise for an org-wide install.
        if team_id.startswith("E"):
            bot = self._store.find_bot(enterprise_id=team_id, team_id=None, is_enterprise_install=True)
        else:
            bot = self._store.find_bot(enterprise_id=None, team_id=team_id)
        client = self._client(bot.bot_token) if bot and bot.bot_token else None
        with self._lock:
            self._cache[team_id] = (time.monotonic(), client)
        return client
