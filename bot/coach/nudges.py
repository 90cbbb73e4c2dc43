"""The coach's wording around questions (greetings, openers, goal nudges, SMART follow-ups) from `prompts/nudges.yml`."""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from bot.yamlfile import Checker, ConfigError, line_of, load

_LISTS = ("greeting", "opener", "goal_nudge", "weak_goal", "output_goal")
_SMART = ("audience", "measure", "date")
ASKABLE = ("audience", "measure", "date")

# A sentence of ours that starts with a filled-in name ("a podcast could work well") still starts with a capital.
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")


def capitalised(text: str) -> str:
    """Every sentence of the coach's own wording starts with a capital letter."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


@dataclass(frozen=True)
class Line:
    text: str
    asks: tuple[str, ...] = ()  # what the line asks for (audience, measure, date): not asked once known


@dataclass(frozen=True)
class Nudges:
    lines: dict[str, tuple[Line, ...]]
    smart: dict[str, tuple[str, ...]]

    def options(self, key: str, known: frozenset[str] | set[str] = frozenset()) -> list[Line]:
        if key in self.smart:
            return [Line(t) for t in self.smart[key]]
        lines = self.lines[key]
        return [line for line in lines if not set(line.asks) & set(known)] or list(lines)

    def pick(self, key: str, seed: str, known: frozenset[str] | set[str] = frozenset(), **values: str) -> str:
        """One line, the same for the same seed; never one asking for what is `known`."""
        options = self.options(key, known)
        return capitalised(random.Random(f"{key}:{seed}").choice(options).text.format(**values))

    def turn(
        self, key: str, seed: str, n: int, known: frozenset[str] | set[str] = frozenset(), **values: str
    ) -> str:
        """The line for the n-th reply in one place: consecutive replies never repeat one (when there are two)."""
        options = self.options(key, known)
        start = zlib.crc32(f"{key}:{seed}".encode())
        return capitalised(options[(start + n) % len(options)].text.format(**values))


def _line(check: Checker, data: dict, key: str, i: int, item) -> Line:
    if isinstance(item, dict):
        text = check.text(item, "text", f"line {i + 1} of '{key}'")
        asks = tuple(check.texts(item, "asks", f"line {i + 1} of '{key}'", required=False))
        for value in asks:
            if value not in ASKABLE:
                raise check.fail(
                    item, "asks", f"unknown '{value}' in 'asks'; use one of {', '.join(ASKABLE)}"
                )
        return Line(text, asks)
    if isinstance(item, str) and item.strip():
        return Line(item.strip())
    raise check.fail(
        data[key], i, f"line {i + 1} of '{key}' must be text, or a mapping with 'text' and 'asks'"
    )


def load_nudges(prompts_dir: str | Path) -> Nudges:
    path = Path(prompts_dir) / "nudges.yml"
    data = load(path)
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping of lists")
    lines: dict[str, tuple[Line, ...]] = {}
    for key in _LISTS:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            raise check.fail(data, key if key in data else None, f"the nudges need a non-empty list '{key}'")
        lines[key] = tuple(_line(check, data, key, i, item) for i, item in enumerate(items))
        for i, line in enumerate(lines[key]):
            try:
                line.text.format(channel="TikTok")
            except (KeyError, IndexError, ValueError) as exc:
                raise check.fail(
                    items, i, f"a line in '{key}' has a bad placeholder ({exc}); only {{channel}} is known"
                ) from None
    smart_node = check.mapping(data.get("smart"), "'smart'", data, "smart")
    smart = {key: tuple(check.texts(smart_node, key, "'smart'")) for key in _SMART}
    return Nudges(lines, smart)
