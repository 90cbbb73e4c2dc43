"""The channels a message puts on the table, and the paradoxes its words hint at.

Channel words are matched with hyphenated words split ("TikTok-style" still names TikTok), once the same
words used in another sense are blanked out ("channel the funding into", "the staff social", "before
anyone says video", "the leadership campaign"), since a channel named there is no plan.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.coach.reader.compiled import Reader, reader_for
from bot.coach.reader.forms import Norm
from bot.coach.text import plain

if TYPE_CHECKING:
    from bot.coach.deck import Channel, Deck


def _channel_norm(reader: Reader, text: str) -> Norm:
    norm = reader.lexicon.norm(plain(text), join=False)
    for regex in (reader.not_channels, reader.politics_split, reader.social_event, reader.dismissed):
        for m in regex.finditer(norm.text):
            norm = norm.blank(m.start(), m.end())
    return norm


def channel_matches(deck: Deck, text: str) -> list[tuple[Channel, str]]:
    """Channels named in `text` with the words that named them, in order of first mention, each once."""
    reader = reader_for(deck)
    norm = _channel_norm(reader, text)
    found: list[tuple[int, Channel, str]] = []
    for cid, pattern in reader.channel_res:
        m = pattern.search(norm.text)
        if m:
            found.append((m.start(), reader.channels[cid], norm.source(m.start(), m.end())))
    found.sort(key=lambda x: x[0])
    # "social media" is the umbrella: drop it when a specific platform is also named.
    specific = [(c, w) for _, c, w in found if c.id != "social_media"]
    return specific or [(c, w) for _, c, w in found]


def _merge_channels(per_message: list[list[tuple[Channel, str]]]) -> list[tuple[Channel, str]]:
    """Channels across messages, in order of first mention, each once; the umbrella last of all."""
    seen: dict[str, tuple[Channel, str]] = {}
    for found in per_message:
        for channel, words in found:
            seen.setdefault(channel.id, (channel, words))
    specific = [m for m in seen.values() if m[0].id != "social_media"]
    return specific or list(seen.values())


def find_channels(deck: Deck, text: str) -> list[Channel]:
    """Channels named in `text`, in order of first mention, each once."""
    return [c for c, _ in channel_matches(deck, text)]


def find_topics(deck: Deck, text: str) -> list[str]:
    """Paradox ids whose keywords appear in `text`, most mentioned first."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z][a-z'-]+", plain(text).lower()):
        for pid in deck.keyword_index.get(word, ()):
            counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts, key=lambda p: -counts[p])
