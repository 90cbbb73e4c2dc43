"""Logging with secrets redacted: tokens and signing secrets never reach a log line, at any level."""

from __future__ import annotations

import logging
import re

_TOKENS = re.compile(r"\b(xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]+")


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
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # waitress logs every queue build-up at WARNING; that is for the operator only when real.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
