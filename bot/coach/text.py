"""Text helpers: escaping for Slack mrkdwn, reading Slack markup as plain words, bounding length."""

from __future__ import annotations

import re

_SLACK_TOKEN = re.compile(r"<([^<>]*)>")


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters.

    Incoming text carries `<!channel>`, `<@U123>` and `<!subteam^S1>` raw; once escaped they show as
    text and notify nobody.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """Turn Slack's markup into the words a person sees, for reading a plan.

    `<@U123>` becomes "@someone", `<!here>` "@here", `<https://x|label>` "label".
    """

    def one(match: re.Match) -> str:
        inner = match.group(1)
        label = inner.split("|", 1)[1] if "|" in inner else ""
        if inner.startswith("@"):
            return "@" + (label or "someone")
        if inner.startswith("#"):
            return "#" + (label or "channel")
        if inner.startswith("!"):
            return "@" + (label or inner[1:].split("^", 1)[0])
        return label or inner

    text = _SLACK_TOKEN.sub(one, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def bound(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)].rstrip() + "…"


def quote(text: str, limit: int) -> str:
    """User text made safe to show back: bounded, escaped, on one line."""
    return escape(" ".join(bound(text, limit).split()))
