"""The coach's wording around questions (greetings, openers, goal nudges, SMART follow-ups) from `prompts/nudges.yml`."""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from bot.coach.deck import ASK_TYPES
from bot.coach.language import fill
from bot.yamlfile import Checker, ConfigError, line_of, load

_LISTS = ("opener", "goal_nudge", "weak_goal", "output_goal", "choice_nudge", "choice_prefix")
# The placeholders a line may use: the channel (or the options weighed) and the OASIS step answered.
_PLACEHOLDERS = {"channel": "TikTok", "other_channel": "radio", "step": "Scoring"}
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
    # by ask: the line before the answering question, and a goal nudge that answers the ask
    leads: dict[str, tuple[Line, ...]] = field(default_factory=dict)
    ask_nudges: dict[str, tuple[Line, ...]] = field(default_factory=dict)

    def lead(self, ask: str, seed: str, n: int, **values: str) -> str:
        """The line before the answering question; a different one on each reply in one place."""
        lines = self.leads.get(ask) or ()
        if not lines:
            return ""
        start = zlib.crc32(f"lead:{ask}:{seed}".encode())
        return capitalised(fill(lines[(start + n) % len(lines)].text, values))

    def options(self, key: str, known: frozenset[str] | set[str] = frozenset()) -> list[Line]:
        if key in self.smart:
            return [Line(t) for t in self.smart[key]]
        lines = self.ask_nudges[key.split(".", 1)[1]] if key.startswith("ask_nudge.") else self.lines[key]
        return [line for line in lines if not set(line.asks) & set(known)] or list(lines)

    def pick(self, key: str, seed: str, known: frozenset[str] | set[str] = frozenset(), **values: str) -> str:
        """One line, the same for the same seed; never one asking for what is `known`."""
        options = self.options(key, known)
        return capitalised(fill(random.Random(f"{key}:{seed}").choice(options).text, values))

    def turn(
        self, key: str, seed: str, n: int, known: frozenset[str] | set[str] = frozenset(), **values: str
    ) -> str:
        """The line for the n-th reply in one place: consecutive replies never repeat one (when there are two)."""
        options = self.options(key, known)
        start = zlib.crc32(f"{key}:{seed}".encode())
        return capitalised(fill(options[(start + n) % len(options)].text, values))


def _line(check: Checker, data: dict, key: str, i: int, item) -> Line:
    if isinstance(item, dict) and "text" not in item and set(item) & {"en", "cy"}:
        return Line(check.said(item, data[key], i, f"line {i + 1} of '{key}'"))
    if isinstance(item, dict):
        text = check.say(item, "text", f"line {i + 1} of '{key}'")
        asks = tuple(check.texts(item, "asks", f"line {i + 1} of '{key}'", required=False))
        for value in asks:
            if value not in ASKABLE:
                raise check.fail(
                    item, "asks", f"unknown '{value}' in 'asks'; use one of {', '.join(ASKABLE)}"
                )
        return Line(text, asks)
    if isinstance(item, str) and item.strip():
        return Line(check.said(item, data[key], i, f"line {i + 1} of '{key}'"))
    raise check.fail(
        data[key], i, f"line {i + 1} of '{key}' must be text, or a mapping with 'text' and 'asks'"
    )


def load_nudges(prompts_dir: str | Path, lang: str = "en") -> Nudges:
    path = Path(prompts_dir) / "nudges.yml"
    data = load(path)
    check = Checker(path, lang)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping of lists")
    lines: dict[str, tuple[Line, ...]] = {}
    for key in _LISTS:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            raise check.fail(data, key if key in data else None, f"the nudges need a non-empty list '{key}'")
        lines[key] = _checked(check, data, key, items)
    smart_node = check.mapping(data.get("smart"), "'smart'", data, "smart")
    smart = {key: tuple(check.says(smart_node, key, "'smart'")) for key in _SMART}
    lead_node = check.mapping(data.get("lead"), "'lead'", data, "lead")
    leads = {}
    for ask in ASK_TYPES:
        items = lead_node.get(ask)
        if not isinstance(items, list) or not items:
            raise check.fail(
                lead_node, ask if ask in lead_node else None, f"'lead' needs a non-empty list '{ask}'"
            )
        leads[ask] = _checked(check, lead_node, ask, items)
    asked_node = check.mapping(data.get("ask_nudge"), "'ask_nudge'", data, "ask_nudge")
    ask_nudges = {}
    for ask, items in asked_node.items():
        if ask not in ASK_TYPES:
            raise check.fail(
                asked_node, ask, f"unknown ask '{ask}' in 'ask_nudge'; use one of {', '.join(ASK_TYPES)}"
            )
        if not isinstance(items, list) or not items:
            raise check.fail(asked_node, ask, f"'ask_nudge' needs a non-empty list for '{ask}'")
        ask_nudges[ask] = _checked(check, asked_node, ask, items)
    return Nudges(lines, smart, leads, ask_nudges)


def _checked(check: Checker, data: dict, key: str, items: list) -> tuple[Line, ...]:
    lines = tuple(_line(check, data, key, i, item) for i, item in enumerate(items))
    for i, line in enumerate(lines):
        try:
            fill(line.text, _PLACEHOLDERS)
        except (KeyError, IndexError, ValueError) as exc:
            known = ", ".join(f"{{{k}}}" for k in _PLACEHOLDERS)
            raise check.fail(
                items, i, f"a line in '{key}' has a bad placeholder ({exc}); only {known} are known"
            ) from None
    return lines
