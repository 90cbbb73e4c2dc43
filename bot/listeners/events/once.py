"""Each Events API event handled once: the one place an event id is claimed and finished.

Slack retries an event it thinks went unanswered (after 3 seconds, or on a dropped
connection). `claim_events` is app middleware: the first delivery of an event id claims it in
the store, with the event's body for the ones whose work matters (bot/inbox.py), before Bolt
acknowledges it; a retry of a claimed id is answered 200 and dropped, and an event whose claim
cannot be written gets a 503 so that Slack delivers it again. Bolt runs the listener in a worker
thread after the ack, so the claim is finished by `finishing`, which wraps every event listener,
when that listener returns or raises; on a database error it is left for the inbox to resume.
A claim never finished (the process died) is taken over once its lease runs out.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.inbox import Inbox

EventListener = Callable[[dict, dict, object, object], None]


def claim_events(inbox: Inbox):
    return inbox.middleware()


def finishing(inbox: Inbox, listener: EventListener) -> Callable:
    """`listener(event, body, client, context)`, finishing the event's claim however it ends."""

    def handle_event(event: dict, body: dict, client, context) -> None:
        with inbox.working(str(body.get("event_id") or "")):
            listener(event, body, client, context)

    handle_event.__name__ = getattr(listener, "__name__", "handle_event")
    return handle_event
