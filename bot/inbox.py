"""The durable inbox: a mention acknowledged to Slack is answered, even if this process dies.

Slack never retries an event that got a 200, so once the bot has acked a mention, the answer is
its own responsibility. The claim that de-duplicates Slack's retries (`paradox_events`) is written
in the same transaction as the event's body (`paradox_inbox`), before the ack. The process doing
the work renews the claim's lease while it runs; when it finishes, the body is deleted at once
(it holds message text). A claim whose lease runs out (the process was killed, or the database
went away mid-work) is taken over by whichever running process looks first: at start-up and then
every few seconds. The stored body goes back through Bolt as a request flagged `RESUMED` that
skips the claim, so it runs the same listener code, and the listener looks in the thread for its
`reply:{event_id}` metadata before posting: a reply that reached Slack before the crash is not
posted again.

Interactions whose work after the ack posts a message (`DURABLE_ACTIONS`, `DURABLE_VIEWS`) are
claimed the same way under `ix:{trigger_id}` (Slack gives every interaction its own). Only
events and interactions whose work matters are stored; other events are only claimed (against
Slack's retries) and finished when their listener ends. Finished claims are forgotten after
`inbox.keep_finished_hours`.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from slack_bolt import BoltResponse
from slack_bolt.request import BoltRequest

from bot.coach import replies
from bot.slack.ids import team_of
from bot.store import Store
from bot.web.dbhealth import DB_ERRORS, DatabaseHealth

log = logging.getLogger(__name__)

RESUMED = "paradox_resumed"  # context flag: this work may have run before, look before posting
DURABLE = {"app_mention"}
DURABLE_ACTIONS = {replies.ANOTHER_ANGLE, replies.SHARE}
# The plan form's callback id (bot/listeners/views/plan_modal.py; importing it here would be circular).
DURABLE_VIEWS = {"plan_campaign"}
PURGE_EVERY = 600  # seconds between purges of finished claims and expired rows
MAX_ATTEMPTS = 5  # a body that fails this often is a bug, not an outage: stop and say so
# Claims are renewed for at most this long: work that never reported back (a listener that was
# never reached) then lapses and is resumed, and after MAX_ATTEMPTS given up.
MAX_WORK_SECONDS = 600
# What resuming needs of an event body. Dropped: rich-text blocks, attachments and files (the
# coach reads `text`) and the legacy verification token.
_DROP_EVENT_KEYS = ("blocks", "attachments", "files")
_DROP_KEYS = ("token",)


def interaction_id(body: dict) -> str:
    """The claim id of a durable interaction, or "" for one that is not kept."""
    kind = body.get("type")
    if kind == "block_actions":
        actions = body.get("actions")
        first = actions[0] if isinstance(actions, list) and actions else None
        durable = isinstance(first, dict) and first.get("action_id") in DURABLE_ACTIONS
    elif kind == "view_submission":
        view = body.get("view") or {}
        durable = isinstance(view, dict) and view.get("callback_id") in DURABLE_VIEWS
    else:
        return ""
    trigger = str(body.get("trigger_id") or "")
    return f"ix:{trigger}" if durable and trigger and len(trigger) <= 61 else ""


def slim(body: dict) -> str:
    kept = {k: v for k, v in body.items() if k not in _DROP_KEYS}
    if isinstance(kept.get("event"), dict):
        kept["event"] = {k: v for k, v in kept["event"].items() if k not in _DROP_EVENT_KEYS}
    return json.dumps(kept, separators=(",", ":"))


class Inbox:
    def __init__(
        self,
        store: Store,
        health: DatabaseHealth,
        *,
        lease: float = 30,
        keep_finished_hours: float = 24,
        retention=None,
    ):
        self.store = store
        # `Settings.retention`: the periodic purge below also deletes whatever has outlived it.
        self.retention = retention
        self.health = health
        self.lease = lease
        self.keep_finished = keep_finished_hours * 3600
        self._in_flight: dict[str, float] = {}  # claim id -> when this process started on it
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._resuming = True
        self._thread: threading.Thread | None = None

    # -- claiming (Bolt middleware, before the ack) ------------------------------------------------

    def middleware(self):
        def claim(body, context, next):
            kind = body.get("type") if isinstance(body, dict) else None
            if kind == "event_callback":
                return self._claim_event(body, context, next)
            if kind in ("block_actions", "view_submission"):
                return self._claim_interaction(body, context, next)
            return next()

        return claim

    def _claim(self, team: str, claim_id: str, body: str | None) -> str | BoltResponse:
        """The claim's state, or the 503 to answer when it cannot be written."""
        try:
            state = self.store.claim_event(team, claim_id, lease=self.lease, body=body)
        except DB_ERRORS as exc:
            # Never ack what could not be claimed: a 5xx makes Slack deliver it again.
            self.health.failed(exc)
            return BoltResponse(status=503, body="database unavailable; please retry")
        self.health.ok()
        return state

    def _claim_event(self, body: dict, context, next):
        event = body.get("event")
        if not isinstance(event, dict):
            return BoltResponse(status=200, body="")  # nothing to handle; Bolt would answer 404
        event_id = str(body.get("event_id") or "")
        if not event_id or context.get(RESUMED):
            return next()  # resumed work was claimed when it was taken over
        durable = event.get("type") in DURABLE
        state = self._claim(team_of(body), event_id, slim(body) if durable else None)
        if isinstance(state, BoltResponse):
            return state
        if not state:
            context.logger.info("event %s was already handled; ignoring Slack's retry", event_id)
            return BoltResponse(status=200, body="")
        if state == "taken_over":
            context[RESUMED] = True
        if durable:
            self._started(event_id)  # renewed until `working` finishes it
        return next()

    def _claim_interaction(self, body: dict, context, next):
        claim_id = interaction_id(body)
        if not claim_id or context.get(RESUMED):
            return next()
        state = self._claim(team_of(body), claim_id, slim(body))
        if isinstance(state, BoltResponse):
            return state
        if state == "taken_over":
            context[RESUMED] = True
        if state:
            self._started(claim_id)
        # An existing claim: Slack does not retry interactions, so not a duplicate, just not kept.
        return next()

    # -- the one place work is finished ----------------------------------------------------------

    @contextmanager
    def working(self, event_id: str) -> Iterator[None]:
        """Around a listener's work: finished when it ends, left for resuming on a database error.

        A database error means the work may not be done; the claim is left to lapse and the work
        resumes once the database is back. Any other exception is a bug: finishing the claim
        stops it repeating (the error handler logs it).
        """
        try:
            yield
        except DB_ERRORS as exc:
            self.health.failed(exc)
            self._stopped(event_id)
            return
        except BaseException:
            self._finish_quietly(event_id)
            raise
        self._finish_quietly(event_id)

    def _started(self, event_id: str) -> None:
        with self._lock:
            self._in_flight[event_id] = time.monotonic()

    def _stopped(self, event_id: str) -> None:
        with self._lock:
            self._in_flight.pop(event_id, None)

    def _finish_quietly(self, event_id: str) -> None:
        self._stopped(event_id)
        if not event_id:
            return
        try:
            self.store.finish_event(event_id)
        except DB_ERRORS as exc:
            # The reply is out but the claim stays open: the resumed attempt finds the reply and stops.
            self.health.failed(exc)

    # -- resuming ------------------------------------------------------------------------------------

    def renew(self) -> None:
        now = time.monotonic()
        with self._lock:
            for event_id, started in list(self._in_flight.items()):
                if now - started > MAX_WORK_SECONDS:
                    log.warning(
                        "event %s still not finished after %d s; letting its claim lapse",
                        event_id,
                        now - started,
                    )
                    del self._in_flight[event_id]
            ids = sorted(self._in_flight)
        self.store.renew_claims(ids)

    def resume_stale(self, app) -> int:
        """Take over unfinished work whose lease ran out and run it again; returns how many."""
        taken = self.store.take_over_stale(self.lease)
        for row in taken:
            event_id = row["event_id"]
            if row["attempts"] > MAX_ATTEMPTS:
                log.error("event %s failed %d times; giving up on it", event_id, row["attempts"] - 1)
                self._finish_quietly(event_id)
                continue
            log.info("resuming event %s (attempt %d)", event_id, row["attempts"])
            self._started(event_id)
            try:
                # socket_mode: the body was verified when it arrived, and is not re-signed here.
                request = BoltRequest(
                    body=json.loads(row["body"]), mode="socket_mode", context={RESUMED: True}
                )
                response = app.dispatch(request)
            except Exception:
                self._stopped(event_id)
                raise
            if response.status != 200:
                self._stopped(event_id)  # not taken this time (the database again): the lease lapses
        return len(taken)

    def purge(self, now: float | None = None) -> int:
        """Forget finished claims, and (with a retention) every row past its retention period."""
        now = time.time() if now is None else now
        gone = self.store.purge_events(finished_before=now - self.keep_finished)
        if self.retention is not None:
            expired = self.store.purge_expired(self.retention, now)
            if any(expired.values()):
                log.info("retention: deleted %s", ", ".join(f"{n} {k}" for k, n in expired.items() if n))
        return gone

    def start(self, app, *, sweeps: Callable[[], bool] | None = None) -> None:
        """Renew this process's leases and resume stale work, in a background thread.

        `sweeps` says whether this process is the one that resumes others' work and purges (one
        per machine among web workers, bot/web/workers.py); every process renews its own leases.
        """
        interval = max(0.2, min(self.lease / 3, 10.0))
        sweeps = sweeps or (lambda: True)

        def loop() -> None:
            last_purge = 0.0
            while True:
                try:
                    self.renew()
                    if sweeps():
                        if self._resuming:
                            self.resume_stale(app)
                        if time.monotonic() - last_purge > PURGE_EVERY:
                            self.purge()
                            last_purge = time.monotonic()
                    self.health.ok()
                except DB_ERRORS as exc:
                    self.health.failed(exc)
                except Exception:
                    log.exception("the inbox could not resume work; trying again shortly")
                if self._stop.wait(interval):
                    return

        self._thread = threading.Thread(target=loop, name="inbox", daemon=True)
        self._thread.start()

    def pause(self) -> None:
        """Shutting down: keep renewing this process's claims, take over no others."""
        self._resuming = False

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
