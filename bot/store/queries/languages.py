"""Reply languages: a channel's (`/paradox language`) and the workspace's default (the App Home)."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.store.queries.base import StoreBase, at
from bot.store.schema import languages

WORKSPACE = ""  # the channel_id of a workspace's default


class LanguageQueries(StoreBase):
    """One setting per channel, and one per workspace; none means `auto`."""

    def set_language(self, team_id: str, channel_id: str, language: str, user_id: str) -> None:
        """Set a channel's language (`channel_id` "" for the workspace's default). A channel's `auto` is kept
        as a row too: it means "follow the writer" even where the workspace's default is Welsh."""
        with self._tx() as conn:
            row = {
                "team_id": team_id,
                "channel_id": channel_id,
                "language": language,
                "set_by": user_id,
                "set_at": time.time(),
            }
            self._upsert(conn, languages, row, ["team_id", "channel_id"], ["language", "set_by", "set_at"])

    def language_of(self, team_id: str, channel_id: str) -> str:
        """The channel's setting, else the workspace's, else `auto`."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(languages.c.channel_id, languages.c.language).where(
                    languages.c.team_id == team_id, languages.c.channel_id.in_([channel_id, WORKSPACE])
                )
            ).all()
        found = dict(rows)
        return found.get(channel_id) or found.get(WORKSPACE) or "auto"

    def workspace_language(self, team_id: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(languages.c.language).where(*at(languages, team_id, WORKSPACE))
            ).first()
        return row[0] if row else "auto"
