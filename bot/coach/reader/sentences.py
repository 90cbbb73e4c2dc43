"""Splitting a message into the sentences the reader reads one at a time.

One message often holds a goal, a question and an aside ("Target is 500 sign-ups by May <@U0COACH>
thoughts?"), and each part is read for what it says on its own; the leading mention is no part of any.
"""

from __future__ import annotations

import re

_MENTION = re.compile(r"^(?:\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>|@[\w.-]+)[\s,:;–-]*)+")
# Sentence ends, line breaks, dashes between clauses, bullets, and a mention inside a message
# ("Target is 500 sign-ups by May <@U0COACH> thoughts?" holds a goal and then a question).
_SPLIT = re.compile(r"((?<=[.!?])\s+|\n+|;\s*|\s+[-–—]+\s+|(?<=[.!?])(?=[A-Z])|\s*•\s*|\s+@[\w.-]+[,:]?\s+)")
_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_LABEL_ONLY = re.compile(
    r"^(?:\W*\w+\W*){0,3}?(?:goal|objective|aim|target|kpis?|okr|outcome|ambition|success|nod|amcan|targed)\W*$",
    re.IGNORECASE,
)


def strip_mention(text: str) -> str:
    """The text without the leading `<@U…>` mentions (the bot's own, usually)."""
    return _MENTION.sub("", text).strip()


def sentences(text: str) -> list[str]:
    """Sentences as written, without leading mentions; a bare label ("Target -") joins the next one."""
    pieces = _SPLIT.split(text)
    out: list[str] = []
    joiner = ""  # the separator before this piece, kept when a bare label joins what follows
    for i, piece in enumerate(pieces):
        if i % 2:
            joiner = piece
            continue
        part = strip_mention(_BULLET.sub("", piece.strip()))
        if not part:
            continue
        # "Beth yw'r nod?" asks for the goal; only a bare label ("Target -") introduces one.
        if out and _LABEL_ONLY.match(out[-1]) and not out[-1].rstrip().endswith("?"):
            out[-1] = f"{out[-1]}{joiner if joiner.strip() else ' '}{part}"
        else:
            out.append(part)
    return out
