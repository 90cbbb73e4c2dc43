"""Signing a request as Slack does (`v0:` HMAC-SHA256 of timestamp and body), for try mode, tests and benchmarks.

Our own few lines rather than slack_sdk's `SignatureVerifier.generate_signature`: that one
decodes a bytes body as UTF-8 first, and the fuzz tests sign bodies that are not UTF-8.
"""

from __future__ import annotations

import hashlib
import hmac
import time


def signature(secret: str, body: str | bytes, timestamp: str) -> str:
    raw = body.encode("utf-8") if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(
    secret: str, body: str | bytes, *, content_type: str, timestamp: int | str | None = None
) -> dict[str, str]:
    """The headers Slack sends with `body`: content type, request timestamp (default now) and signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, body, ts),
    }
