"""Each Events API event handled once: the one place an event id is claimed and finished.

Slack retries an event it thinks went unanswered (after 3 seconds, or on a dropped
connection). `claim_events` is app middleware: the first delivery of an event id claims it in
the store and goes on to the listener; a retry of a claimed id is answered 200 and dropped.
Bolt acknowledges events before their listener runs (in a worker thread), so the claim is
finished by `finishing`, which wraps every event listener, when that listener returns or
raises. A claim never finished (the process died) can be taken over after its lease.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse

from bot.slack_ids import team_of
from bot.store import Store

log = logging.getLogger(__name__)

EventListener = Callable[[dict, dict, object, object], None]


def claim_events(store: Store):
    def claim_event(body, next, logger):
        if not isinstance(body, dict) or body.get("type") != "event_callback":
            return next()
        if not isinstance(body.get("event"), dict):
            return BoltResponse(status=200, body="")  # nothing to handle; Bolt would answer 404
        event_id = body.get("event_id")
        if event_id and not store.claim_event(team_of(body), str(event_id)):
            logger.info("event %s was already handled; ignoring Slack's retry", event_id)
            return BoltResponse(status=200, body="")
        return next()

    return claim_event


def finishing(store: Store, listener: EventListener) -> Callable:
    """`listener(event, body, client, context)`, finishing the event's claim however it ends."""

    def handle_event(event: dict, body: dict, client, context) -> None:
        try:
            listener(event, body, client, context)
        finally:
            event_id = str(body.get("event_id") or "")
            if event_id:
                store.finish_event(event_id)

    handle_event.__name__ = getattr(listener, "__name__", "handle_event")
    return handle_event
