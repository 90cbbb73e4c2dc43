"""Posting a message exactly once, whatever Slack answers.

slack_sdk's retry handlers resend blindly. That is right for a 429 (Slack stored nothing) but not
for a 5xx or a dropped connection, which can follow a post Slack did store. So every message
carries a key in its metadata, and before resending after an ambiguous failure we look for that
key in the channel (or thread). 429s wait out Retry-After; messages Slack finds too big are sent
again without blocks (never unchanged); permanent errors stop at once. Each outcome is logged as
one line, never a traceback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

log = logging.getLogger(__name__)

PERMANENT = {
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "restricted_action",
    "missing_scope",
    "not_authed",
    "ekm_access_denied",
    "team_access_not_granted",
    "cannot_dm_bot",
    "user_not_found",
    "thread_not_found",
}
TOO_BIG = {"msg_too_long", "invalid_blocks", "msg_blocks_too_long", "invalid_metadata_format"}
RETRYABLE = {
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "ratelimited",
    "rate_limited",
}
MAX_ATTEMPTS = 6


def make_client(api_url: str, token: str | None, timeout: float = 10) -> WebClient:
    """A Web API client on SLACK_API_URL.

    Only 429s are retried inside the client (Slack stored nothing, so resending is safe); 5xx and
    connection errors surface to `deliver()`, which checks before resending. The handler sleeps,
    so this client is used off the 3-second ack path.
    """
    return WebClient(
        token=token,
        base_url=api_url,
        timeout=timeout,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )


@dataclass(frozen=True)
class Delivered:
    ts: str = ""  # the message's ts when it is in Slack
    error: str = ""  # a permanent error, or "gave_up" after transient ones

    @property
    def ok(self) -> bool:
        return bool(self.ts)


def slack_error(exc: SlackApiError) -> tuple[int, str, float]:
    """HTTP status, Slack error code and Retry-After seconds of a failed call."""
    resp = exc.response
    status = getattr(resp, "status_code", 0) or 0
    try:
        code = str(resp.get("error") or "") if resp is not None else ""
    except (AttributeError, TypeError):
        code = ""
    headers = getattr(resp, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after") or "1"
    if isinstance(value, list):
        value = value[0] if value else "1"
    try:
        wait = float(value)
    except (TypeError, ValueError):
        wait = 1.0
    return status, code, wait


def find(client: WebClient, channel: str, key: str, *, thread_ts: str = "", since: float = 0.0) -> str:
    """The ts of a message of ours carrying `key` in its metadata, or ""."""
    cursor = None
    # A reply sits at the newest end of its thread, and threads page from the oldest: walk them.
    for _ in range(50 if thread_ts else 1):
        try:
            if thread_ts:
                page = client.conversations_replies(
                    channel=channel, ts=thread_ts, include_all_metadata=True, limit=1000, cursor=cursor
                )
            else:
                page = client.conversations_history(
                    channel=channel,
                    oldest=f"{max(since - 3600, 0):.6f}",
                    include_all_metadata=True,
                    limit=200,
                )
        except (SlackApiError, OSError) as exc:
            if isinstance(exc, SlackApiError) and slack_error(exc)[1] == "thread_not_found":
                return ""  # nothing posted there yet
            log.warning("could not look in %s for an earlier post: %s", channel, _describe(exc))
            return ""
        for msg in page.get("messages") or []:
            meta = msg.get("metadata") or {}
            if (meta.get("event_payload") or {}).get("key") == key:
                return str(msg.get("ts") or "")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor or not page.get("has_more"):
            break
    return ""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        status, code, _ = slack_error(exc)
        return f"{code or 'error'} (HTTP {status})"
    return exc.__class__.__name__


def deliver(
    client: WebClient,
    channel: str,
    body: dict,
    *,
    key: str,
    event_type: str = "paradox_message",
    thread_ts: str = "",
    payload: dict | None = None,
    sleep: Callable[[float], None] = time.sleep,
    what: str = "message",
    look_first: bool = False,
) -> Delivered:
    """Post `body` (text and blocks) to `channel` once; see the module docstring.

    `look_first`: the work may have run before (resumed after a crash): post only if no message
    with this key is there yet.
    """
    if look_first:
        ts = find(client, channel, key, thread_ts=thread_ts, since=time.time() - 86400)
        if ts:
            log.info("%s to %s was already posted before a restart; not posting it again", what, channel)
            return Delivered(ts=ts)
    return _post_once(client, channel, body, key, event_type, thread_ts, payload, sleep, what)


def _post_once(client, channel, body, key, event_type, thread_ts, payload, sleep, what) -> Delivered:
    metadata = {"event_type": event_type, "event_payload": {"key": key, **(payload or {})}}
    started = time.time()
    extra = {"thread_ts": thread_ts} if thread_ts else {}
    for attempt in range(MAX_ATTEMPTS):
        try:
            resp = client.chat_postMessage(channel=channel, metadata=metadata, **extra, **body)
            return Delivered(ts=str(resp.get("ts") or ""))
        except SlackApiError as exc:
            status, code, wait = slack_error(exc)
            if status == 429 or code in ("ratelimited", "rate_limited"):
                log.info("%s to %s rate-limited; waiting %.0f s as Slack asks", what, channel, wait)
                sleep(min(wait, 60))
                continue
            if code in PERMANENT:
                log.warning("%s to %s not posted: Slack said %s", what, channel, code)
                return Delivered(error=code)
            if code in TOO_BIG and "blocks" in body:
                log.warning("%s to %s refused as %s; sending the plain text instead", what, channel, code)
                body = {"text": body["text"][:3000]}
                continue
            if status < 500 and code not in RETRYABLE:
                log.warning("%s to %s not posted: Slack said %s", what, channel, code or f"HTTP {status}")
                return Delivered(error=code or f"http_{status}")
            log.warning(
                "%s to %s: Slack answered %s; checking before trying again", what, channel, _describe(exc)
            )
            pause = min(0.5 * 2**attempt, 8)
        except OSError as exc:  # timeouts and dropped connections (URLError is an OSError)
            log.warning("%s to %s: %s; checking before trying again", what, channel, _describe(exc))
            # A request that timed out may still be landing: give it one more timeout before looking.
            pause = max(min(0.5 * 2**attempt, 8), float(client.timeout))
        # Only ambiguous failures reach here: the post may be in Slack already.
        sleep(pause)
        ts = find(client, channel, key, thread_ts=thread_ts, since=started)
        if ts:
            return Delivered(ts=ts)
    log.warning("%s to %s not confirmed after %d attempts", what, channel, MAX_ATTEMPTS)
    return Delivered(error="gave_up")
