"""Weekly prompts: channels' subscriptions, and the claims that post each one exactly once a week."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.coach.storage import Subscription
from bot.store.queries.base import StoreBase, at
from bot.store.schema import sends, subscriptions


class WeeklyQueries(StoreBase):
    """Subscriptions by channel, and one send claim per channel and slot (digests use them too)."""

    def save_subscription(self, sub: Subscription) -> None:
        with self._tx() as conn:
            row = dict(sub.__dict__)
            row["stopped_at"] = (sub.stopped_at or time.time()) if sub.stopped_reason else None
            keys = ["team_id", "channel_id"]
            self._upsert(conn, subscriptions, row, keys, [k for k in row if k not in keys])

    def subscription(self, team_id: str, channel_id: str) -> Subscription | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(subscriptions).where(*at(subscriptions, team_id, channel_id))
            ).first()
        return Subscription(**row._mapping) if row else None

    def subscriptions(self, team_id: str | None = None, *, limit: int | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).order_by(subscriptions.c.team_id, subscriptions.c.channel_id)
        if team_id is not None:
            query = query.where(*at(subscriptions, team_id))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [Subscription(**r._mapping) for r in conn.execute(query).all()]

    def delete_subscription(self, team_id: str, channel_id: str) -> bool:
        with self._tx() as conn:
            gone = conn.execute(
                subscriptions.delete()
                .where(*at(subscriptions, team_id, channel_id))
                .returning(subscriptions.c.channel_id)
            ).all()
            return bool(gone)

    def update_subscription(self, team_id: str, channel_id: str, **values) -> None:
        if "stopped_reason" in values and "stopped_at" not in values:
            # Retention counts from when posting stopped; resuming clears it.
            values["stopped_at"] = time.time() if values["stopped_reason"] else None
        with self._tx() as conn:
            conn.execute(
                subscriptions.update().where(*at(subscriptions, team_id, channel_id)).values(**values)
            )

    # -- weekly sends --------------------------------------------------------------------------------

    def claim_send(
        self,
        team_id: str,
        channel_id: str,
        slot: str,
        worker: str,
        *,
        now: float | None = None,
        lease: float = 300,
    ) -> tuple[bool, int]:
        """Claim the weekly slot for posting. Returns (won, attempt number).

        Exactly one caller wins a fresh slot. A claim left unconfirmed for `lease` seconds (its
        process died mid-post) can be won again; the winner must then check the channel for
        the earlier post before posting, since the first attempt may have reached Slack.
        """
        now = time.time() if now is None else now
        # Each statement alone is enough: the insert has one winner, and the take-over's UPDATE
        # re-checks its WHERE on the locked row, so two takers of a stale claim cannot both win.
        with self._each_statement() as conn:
            row = {
                "team_id": team_id,
                "channel_id": channel_id,
                "slot": slot,
                "claimed_at": now,
                "claimed_by": worker,
                "attempts": 1,
                "sent_at": None,
                "message_ts": None,
                "question_id": "",
                "outcome": "",
            }
            if self._insert_if_absent(conn, sends, row):
                return True, 1
            taken = conn.execute(
                sends.update()
                .where(
                    *at(sends, team_id, channel_id, slot=slot, outcome=""),
                    sends.c.claimed_at < now - lease,
                )
                .values(claimed_at=now, claimed_by=worker, attempts=sends.c.attempts + 1)
                .returning(sends.c.attempts)
            ).first()
            return (True, taken[0]) if taken else (False, 0)

    def finish_send(
        self,
        team_id: str,
        channel_id: str,
        slot: str,
        *,
        outcome: str,
        message_ts: str = "",
        question_id: str = "",
    ) -> None:
        with self._each_statement() as conn:
            conn.execute(
                sends.update()
                .where(*at(sends, team_id, channel_id, slot=slot))
                .values(
                    outcome=outcome,
                    message_ts=message_ts or None,
                    question_id=question_id,
                    sent_at=time.time(),
                )
            )

    def sent_questions(self, team_id: str, channel_id: str) -> list[str]:
        """Question ids already posted to a channel, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sends.c.question_id)
                .where(*at(sends, team_id, channel_id, outcome="sent"))
                .order_by(sends.c.slot)
            ).all()
        return [r[0] for r in rows]

    def sent_questions_by_channel(self, team_id: str) -> dict[str, list[str]]:
        """`sent_questions` for every channel of a workspace in one query (a fan-out's)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sends.c.channel_id, sends.c.question_id)
                .where(*at(sends, team_id, outcome="sent"))
                .order_by(sends.c.channel_id, sends.c.slot)
            ).all()
        found: dict[str, list[str]] = {}
        for channel_id, question_id in rows:
            found.setdefault(channel_id, []).append(question_id)
        return found

    def send_record(self, team_id: str, channel_id: str, slot: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sends).where(*at(sends, team_id, channel_id, slot=slot))).first()
        return dict(row._mapping) if row else None
