"""Logging with secrets and message text kept out: tokens, signing secrets and Web API bodies never
reach a log line, at any level.

slack_sdk logs every Web API request and response body at DEBUG (and slack_bolt some payloads),
and those bodies are people's messages: the threads the coach reads. `WebBodies` keeps what an
operator debugging needs (the line's start, the URL, the status) and replaces the rest by its size.
"""

from __future__ import annotations

import logging
import re

_TOKENS = re.compile(r"\b(xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]+")


# The fields of slack_sdk's request/response lines that carry no message text.
_KEPT_FIELDS = re.compile(r"\b(url|status): ([^,\s]+)")
_LIBRARIES = ("slack_sdk", "slack_bolt", "slack")
_SHORT = 160  # a library line this short, with no payload in it, is kept as it is


class WebBodies(logging.Filter):
    """Replaces the payloads in Slack libraries' log lines by their size."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(_LIBRARIES):
            return True
        text = record.getMessage()
        if len(text) <= _SHORT and "{" not in text and "[" not in text:
            return True
        head = re.split(r" - |: |\(|\{|\[", text, maxsplit=1)[0].strip()
        kept = ", ".join(f"{k}: {v}" for k, v in _KEPT_FIELDS.findall(text))
        record.msg = f"{head}{' - ' + kept if kept else ''} ({len(text)} characters of payload not logged)"
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes tokens and known secrets from the whole line (tracebacks included)."""

    def __init__(self, fmt: str, secrets: list[str]):
        super().__init__(fmt)
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return _TOKENS.sub(lambda m: m.group(1) + "-[redacted]", text)


def setup(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets))
    handler.addFilter(WebBodies())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # waitress logs every queue build-up at WARNING; that is for the operator only when real.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
