"""The coach's wording around questions (greetings, goal nudges, SMART follow-ups) from `prompts/nudges.yml`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from bot.yamlfile import Checker, ConfigError, line_of, load

_LISTS = ("greeting", "goal_nudge", "weak_goal", "output_goal")
_SMART = ("audience", "measure", "date")


@dataclass(frozen=True)
class Nudges:
    lines: dict[str, tuple[str, ...]]
    smart: dict[str, tuple[str, ...]]

    def pick(self, key: str, seed: str, **values: str) -> str:
        options = self.lines[key] if key in self.lines else self.smart[key]
        return random.Random(f"{key}:{seed}").choice(options).format(**values)


def load_nudges(prompts_dir: str | Path) -> Nudges:
    path = Path(prompts_dir) / "nudges.yml"
    data = load(path)
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping of lists")
    lines = {key: tuple(check.texts(data, key, "the nudges")) for key in _LISTS}
    for key, options in lines.items():
        for text in options:
            try:
                text.format(channel="TikTok")
            except (KeyError, IndexError, ValueError) as exc:
                raise check.fail(
                    data, key, f"a line in '{key}' has a bad placeholder ({exc}); only {{channel}} is known"
                ) from None
    smart_node = check.mapping(data.get("smart"), "'smart'", data, "smart")
    smart = {key: tuple(check.texts(smart_node, key, "'smart'")) for key in _SMART}
    return Nudges(lines, smart)
