"""Monthly digests: which leads asked for one, with their timezone and holiday calendar."""

from __future__ import annotations

import sqlalchemy as sa

from bot.coach.storage import DigestSubscription
from bot.store.queries.base import StoreBase, at
from bot.store.schema import digests


class DigestQueries(StoreBase):
    """One digest subscription per lead and workspace."""

    def save_digest(self, sub: DigestSubscription) -> None:
        with self._tx() as conn:
            row = dict(sub.__dict__)
            self._upsert(conn, digests, row, ["team_id", "user_id"], ["timezone", "calendar", "language"])

    def delete_digest(self, team_id: str, user_id: str) -> bool:
        with self._tx() as conn:
            gone = conn.execute(
                digests.delete().where(*at(digests, team_id, user_id=user_id)).returning(digests.c.user_id)
            ).all()
            return bool(gone)

    def digest_of(self, team_id: str, user_id: str) -> DigestSubscription | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(digests).where(*at(digests, team_id, user_id=user_id))).first()
        return DigestSubscription(**row._mapping) if row else None

    def digests(self) -> list[DigestSubscription]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(digests).order_by(digests.c.team_id, digests.c.user_id)).all()
        return [DigestSubscription(**r._mapping) for r in rows]
