"""A learned second opinion on what the mention asks, trained on the labelled corpus.

The rules fit the writers they were tuned on (96% on the project's own holdout) far better than
writers nobody on the project had seen (81%): an errand, a bit of sport or a request the coach cannot
do, written in a thread about a plan, looks to the rules like the plan. A linear model reads what rules
cannot list: the shape of an errand, text-speak, Welsh spellings. Its features are the reader's own
structures (the rules' verdict and rule, the small talk found, the goal's strength, where the channels
and the goal are), the mention's words, word pairs and character n-grams, and the thread's words, so it
learns when to trust the rules rather than replacing them.

It is a multinomial logistic regression, fitted with scikit-learn by `python -m bot.dev.reader_model
train` (a development tool) and shipped as plain weights in `model.json`. Applying it is a sum of
weights in plain Python, so the app needs neither numpy nor scikit-learn, every answer is the same
for the same text, and `python -m bot read` can show the features that weighed most.
"""

from __future__ import annotations

import base64
import json
import math
import re
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.coach.reader.readings import PlanReading

MODEL_FILE = Path(__file__).with_name("model.json")
# Bumped whenever `features` changes, so a model trained on other features is refused, not misapplied.
FEATURES_VERSION = 2

# Slack's markup: mentions and channel links carry no words; a link keeps only its label.
_MARKUP = re.compile(r"<[@#!][^>]*>|<(?:https?|mailto):[^>|]*(?:\|([^>]*))?>|https?://\S+")
# A word (with Welsh and English apostrophes), a question or exclamation mark, an emoji or an :emoji:.
_TOKEN = re.compile(r"[\w'’]+|[?!]|[\U0001F300-\U0001FAFF\u2600-\u27BF]|:[a-z0-9_+-]+:")


def tokens(text: str) -> list[str]:
    text = _MARKUP.sub(lambda m: " " + (m.group(1) or "") + " ", text or "")
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _block(found: dict[str, float], prefix: str, keys, weight: float = 1.0) -> None:
    # Each block has the same total weight (L2 norm `weight`) however long the text, so a long thread
    # does not drown the mention, nor a long word list the reader's structures.
    keys = set(keys)
    if keys:
        value = weight / math.sqrt(len(keys))
        for key in keys:
            found[prefix + key] = value


def _char_grams(words: list[str]) -> list[str]:
    grams = []
    for word in words:
        padded = f"<{word}>"
        for n in (3, 4, 5):
            grams += [padded[i : i + n] for i in range(max(1, len(padded) - n + 1))]
    return grams


def features(plan: PlanReading, texts: list[str]) -> dict[str, float]:
    """The features of one reading: the rules' structures, the mention's words, the thread's words."""
    words = tokens(texts[-1])
    found: dict[str, float] = {}
    _block(found, "w:", words)
    _block(found, "b:", [f"{a}_{b}" for a, b in zip(["^", *words], [*words, "$"], strict=True)])
    _block(found, "c:", _char_grams(words))
    _block(found, "t:", [w for text in texts[:-1] for w in tokens(text)], 0.5)
    goal_at = plan.goal.message_index
    structure = {
        "verdict": plan.verdict,
        "rule": plan.rule.id.split(".")[0],
        "rule_id": plan.rule.id,
        "talk": plan.talk or "-",
        "goal": plan.goal.strength,
        "goal_in": "-" if goal_at < 0 else "mention" if goal_at == len(texts) - 1 else "thread",
        "channels": str(bool(plan.channels)),
        "aside": str(plan.aside),
        "withdrawn": str(plan.withdrawn),
        "thread": str(min(len(texts), 4)),
        "question": str("?" in texts[-1]),
        "length": str(min(len(words) // 4, 6)),
    }
    for name, value in structure.items():
        found[f"s:{name}={value}"] = 1.0
    for name, value in plan.mention_facts.items():
        found[f"m:{name}={value}"] = 1.0
    return found


class Model:
    """A linear model over named features: one weight per label for each feature, and a bias per label.

    The weights sit in one flat array of 4-byte floats (a row of one weight per label for each feature),
    found through one index of feature names: a dict of tuples would take several times the memory.
    """

    def __init__(self, labels: tuple[str, ...], index: dict[str, int], table: array, bias: tuple[float, ...]):
        if len(table) != len(index) * len(labels) or len(bias) != len(labels):
            raise ValueError(
                "the weights must hold one number per label for each feature, and the bias one per label"
            )
        self.labels, self.index, self.table, self.bias = labels, index, table, bias

    def row(self, name: str) -> list[float] | None:
        at = self.index.get(name)
        if at is None:
            return None
        n = len(self.labels)
        return list(self.table[at * n : at * n + n])

    def scores(self, found: dict[str, float]) -> dict[str, float]:
        """The probability of each label (softmax of the linear scores)."""
        n, table, index = len(self.labels), self.table, self.index
        totals = list(self.bias)
        # Hot: every mention runs this over a few hundred features, so the loop is kept plain.
        for name, value in found.items():
            at = index.get(name)
            if at is not None:
                at *= n
                for i in range(n):
                    totals[i] += table[at + i] * value
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        whole = sum(exps)
        return {label: e / whole for label, e in zip(self.labels, exps, strict=True)}

    def best(self, found: dict[str, float]) -> tuple[str, float]:
        scores = self.scores(found)
        label = max(self.labels, key=lambda lab: (scores[lab], -self.labels.index(lab)))
        return label, scores[label]

    def reasons(self, found: dict[str, float], label: str, n: int = 4) -> list[str]:
        """The features that pushed most towards `label` (against the other labels' mean), for `read`."""
        i = self.labels.index(label)
        pushes = []
        for name, value in found.items():
            row = self.row(name)
            if row is None:
                continue
            others = (sum(row) - row[i]) / max(1, len(row) - 1)
            pushes.append(((row[i] - others) * value, name))
        pushes.sort(reverse=True)
        return [_readable(name) for push, name in pushes[:n] if push > 0]

    def as_json(self) -> dict:
        names = sorted(self.index, key=self.index.__getitem__)
        # The weights as little-endian 4-byte floats in base64: read back in milliseconds, where a JSON
        # list of a few hundred thousand numbers takes most of a second to parse.
        table = array("f", self.table)
        if sys.byteorder != "little":
            table.byteswap()
        return {
            "labels": list(self.labels),
            "bias": list(self.bias),
            "features": names,
            "weights_f32le": base64.b64encode(table.tobytes()).decode("ascii"),
        }


def _readable(name: str) -> str:
    kind, _, what = name.partition(":")
    return {"w": f'"{what}"', "b": f'"{what.replace("_", " ").strip("^$ ")}"', "c": f"…{what}…"}.get(
        kind, "thread " + what if kind == "t" else "mention " + what if kind == "m" else what
    )


@dataclass(frozen=True)
class Models:
    """The models the reader consults: whether and how the mention is about the plan, and what small talk."""

    verdict: Model
    talk: Model | None = None
    ask: Model | None = None

    def as_json(self) -> dict:
        """The file `load_models` reads (written by `python -m bot.dev.reader_model train`)."""
        parts = {name: model.as_json() for name, model in vars(self).items() if model is not None}
        return {"features_version": FEATURES_VERSION, "models": parts}


def _model(data: dict) -> Model:
    index = {name: i for i, name in enumerate(data["features"])}
    table = array("f", base64.b64decode(data["weights_f32le"]))
    if sys.byteorder != "little":
        table.byteswap()
    return Model(tuple(data["labels"]), index, table, tuple(data["bias"]))


def models_from(data: dict) -> Models:
    if data.get("features_version") != FEATURES_VERSION:
        raise ValueError(
            f"trained on features version {data.get('features_version')}, this reader makes {FEATURES_VERSION}"
        )
    parts = data["models"]
    return Models(
        _model(parts["verdict"]),
        _model(parts["talk"]) if "talk" in parts else None,
        _model(parts["ask"]) if "ask" in parts else None,
    )


@lru_cache(maxsize=4)
def load_models(path: Path = MODEL_FILE) -> Models | None:
    """The shipped models, or None when there is no model file (the rules then decide alone)."""
    if not path.exists():
        return None
    return models_from(json.loads(path.read_text(encoding="utf-8")))
