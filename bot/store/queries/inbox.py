"""Event claims and the durable inbox: each Slack event answered exactly once, and resumed if a process dies (bot/inbox.py)."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.store.queries.base import StoreBase
from bot.store.schema import events, inbox


class InboxQueries(StoreBase):
    """Claims on event ids, and the bodies of acknowledged work until it is answered."""

    def claim_event(
        self,
        team_id: str,
        event_id: str,
        *,
        now: float | None = None,
        lease: float = 120,
        body: str | None = None,
    ) -> str:
        """Truthy for exactly one caller per event id, across threads and processes.

        Returns "new" for a first claim, "taken_over" for a claim taken over from a process that
        stopped renewing it (after `lease` seconds; it may have posted already), "" otherwise.
        With `body`, the payload is stored in the inbox in the same transaction as the claim, so
        that work acknowledged to Slack can always be resumed (see bot/inbox.py).
        """
        now = time.time() if now is None else now
        with self._tx() as conn:
            row = {"event_id": event_id, "team_id": team_id, "claimed_at": now, "done_at": None}
            if self._insert_if_absent(conn, events, row):
                if body is not None:
                    conn.execute(inbox.insert(), {"event_id": event_id, "team_id": team_id, "body": body})
                return "new"
            if not _take_over(conn, event_id, now, lease):
                return ""
            if body is not None:
                self._upsert(
                    conn,
                    inbox,
                    {"event_id": event_id, "team_id": team_id, "body": body, "attempts": 1},
                    ["event_id"],
                    ["body"],
                )
            return "taken_over"

    def finish_event(self, event_id: str, *, now: float | None = None) -> None:
        """Mark the work done and drop its stored payload (message text is kept no longer than needed)."""
        with self._tx() as conn:
            conn.execute(_FINISH, {"id": event_id, "done": time.time() if now is None else now})
            conn.execute(_DROP_BODY, {"id": event_id})

    def renew_claims(self, event_ids: list[str], *, now: float | None = None) -> None:
        """Keep the lease of work this process is still doing, so nobody else takes it over."""
        if not event_ids:
            return
        with self._tx() as conn:
            conn.execute(
                events.update()
                .where(events.c.event_id.in_(event_ids), events.c.done_at.is_(None))
                .values(claimed_at=time.time() if now is None else now)
            )

    def take_over_stale(self, lease: float, *, now: float | None = None, limit: int = 20) -> list[dict]:
        """Claim unfinished work whose lease ran out; each row goes to exactly one caller.

        Returns dicts with event_id, team_id, body and attempts (counting this one).
        """
        now = time.time() if now is None else now
        with self.engine.connect() as conn:
            stale = conn.execute(
                sa.select(inbox.c.event_id)
                .join(events, events.c.event_id == inbox.c.event_id)
                .where(events.c.done_at.is_(None), events.c.claimed_at < now - lease)
                .order_by(events.c.claimed_at)
                .limit(limit)
            ).all()
        out = []
        for (event_id,) in stale:
            with self._tx() as conn:
                if not _take_over(conn, event_id, now, lease):
                    continue  # another process took it first
                row = conn.execute(
                    inbox.update()
                    .where(inbox.c.event_id == event_id)
                    .values(attempts=inbox.c.attempts + 1)
                    .returning(inbox.c.event_id, inbox.c.team_id, inbox.c.body, inbox.c.attempts)
                ).first()
                if row is not None:
                    out.append(dict(row._mapping))
        return out

    def unfinished_events(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(inbox)).scalar_one()

    EVENT_MEMORY = 7 * 86400  # Slack retries for minutes; a week of event ids is plenty

    def purge_events(self, older_than: float | None = None, *, finished_before: float | None = None) -> int:
        """Forget event ids claimed before `older_than` (default: a week ago), and finished ones
        before `finished_before` (the inbox's `keep_finished_hours`)."""
        if older_than is None:
            older_than = time.time() - self.EVENT_MEMORY
        gone = events.c.claimed_at < older_than
        if finished_before is not None:
            gone = sa.or_(gone, events.c.done_at < finished_before)
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute(events.delete().where(gone).returning(events.c.event_id))]
            for start in range(0, len(ids), 500):
                conn.execute(inbox.delete().where(inbox.c.event_id.in_(ids[start : start + 500])))
            return len(ids)


# Built once, values bound at execution: these run on every event, and building the expression
# cost more than running it.
_FINISH = events.update().where(events.c.event_id == sa.bindparam("id")).values(done_at=sa.bindparam("done"))
_DROP_BODY = inbox.delete().where(inbox.c.event_id == sa.bindparam("id"))


def _take_over(conn, event_id: str, now: float, lease: float) -> bool:
    """Claim unfinished work whose lease ran out: the UPDATE re-checks its WHERE on the locked row,
    so of two processes taking over the same work, one wins."""
    taken = conn.execute(
        events.update()
        .where(events.c.event_id == event_id, events.c.done_at.is_(None), events.c.claimed_at < now - lease)
        .values(claimed_at=now)
        .returning(events.c.event_id)
    )
    return taken.first() is not None
