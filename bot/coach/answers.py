"""The small answers to mentions that carry no plan (thanks, greetings, how-to questions), from `prompts/answers.yml`.

The reader (`bot.coach.reader`) decides that a mention is small talk and of which kind; this module
holds what the coach says back, so editors can change it without code.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from bot.yamlfile import Checker, ConfigError, line_of, load

KINDS = ("thanks", "greeting", "capabilities", "off_topic", "cannot_do", "unclear")
HOWTO_TOPICS = ("smart", "outputs_outcomes", "evaluation", "oasis", "aim_objective", "other")
_EMOJI = re.compile(r"^[a-z0-9_+'-]{1,64}$")


@dataclass(frozen=True)
class Answers:
    reaction: str  # the emoji name thanks get, without colons
    lines: dict[str, tuple[str, ...]]  # by small-talk kind
    howto: dict[str, str]  # by how-to topic

    def line(self, kind: str, seed: str) -> str:
        return random.Random(f"{kind}:{seed}").choice(self.lines[kind])

    def howto_answer(self, topic: str) -> str:
        return self.howto.get(topic) or self.howto["other"]


def load_answers(prompts_dir: str | Path, lang: str = "en") -> Answers:
    path = Path(prompts_dir) / "answers.yml"
    data = load(path)
    check = Checker(path, lang)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping")
    reaction = check.text(data, "reaction", "the answers").strip(":")
    if not _EMOJI.match(reaction):
        raise check.fail(data, "reaction", f"'{reaction}' is not an emoji name (such as +1 or thumbsup)")
    lines = {
        kind: tuple(" ".join(t.split()) for t in check.says(data, kind, "the answers")) for kind in KINDS
    }
    node = check.mapping(data.get("howto"), "'howto'", data, "howto")
    for topic in node:  # first, so a misspelt topic is named as such rather than as a missing one
        if topic not in HOWTO_TOPICS:
            raise check.fail(
                node, topic, f"unknown how-to topic '{topic}'; use one of {', '.join(HOWTO_TOPICS)}"
            )
    howto = {topic: " ".join(check.say(node, topic, "'howto'").split()) for topic in HOWTO_TOPICS}
    return Answers(reaction, lines, howto)
