"""The workspace's own deck: its edits, appended and never rewritten, and the latest edit's id."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.coach.storage import DeckEdit
from bot.store.queries.base import StoreBase, at
from bot.store.schema import deck_edits


class DeckQueries(StoreBase):
    """Deck edits by workspace, in order; the newest id tells every process when to rebuild."""

    def add_deck_edits(
        self, team_id: str, user_id: str, edits: list[dict], *, now: float | None = None
    ) -> None:
        """Append edits (dicts of kind, paradox_id, question_id, text) in one transaction."""
        now = time.time() if now is None else now
        with self._tx() as conn:
            for edit in edits:
                row = {"paradox_id": "", "question_id": "", "text": "", **edit}
                conn.execute(
                    deck_edits.insert().values(team_id=team_id, user_id=user_id, created_at=now, **row)
                )

    def deck_version(self, team_id: str) -> int:
        """The workspace's latest edit id (0 for the shipped deck): one indexed look-up, cheap per request."""
        with self.engine.connect() as conn:
            return conn.execute(_DECK_VERSION, {"team": team_id}).scalar_one()

    def deck_edits(self, team_id: str) -> list[DeckEdit]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(deck_edits).where(*at(deck_edits, team_id)).order_by(deck_edits.c.id)
            ).all()
        return [
            DeckEdit(r.id, r.kind, r.paradox_id, r.question_id, r.text, r.user_id, r.created_at) for r in rows
        ]


# Built once, values bound at execution: it runs on every request.
_DECK_VERSION = sa.select(sa.func.coalesce(sa.func.max(deck_edits.c.id), 0)).where(
    deck_edits.c.team_id == sa.bindparam("team")
)
