"""The plan reader measured on the labelled corpus (tests/data/corpus_*.yml): nudge, coach or not_a_plan.

The corpus was written by people who never saw the reader's vocabulary (see its brief). The tune files
are what the reader was tuned on; a holdout file, when present, is the honest figure. Every miss is
printed with the rule that decided it, so `python -m pytest -s tests/unit/test_corpus.py` is also the
report of what to fix next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from bot.coach.deck import load_deck
from bot.coach.reader import read_plan
from tests.helpers import ROOT

FILES = sorted((ROOT / "tests" / "data").glob("corpus_*.yml"))
ACCURACY, PRECISION, RECALL = 0.95, 0.93, 0.93


@dataclass
class Score:
    total: int = 0
    right: int = 0
    nudged: int = 0  # the reader said nudge
    should_nudge: int = 0  # the label says nudge
    nudged_right: int = 0
    talk_total: int = 0
    talk_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        return self.nudged_right / self.nudged if self.nudged else 1.0

    @property
    def recall(self) -> float:
        return self.nudged_right / self.should_nudge if self.should_nudge else 1.0

    def line(self, name: str) -> str:
        talk = f", talk {self.talk_right}/{self.talk_total}" if self.talk_total else ""
        return (
            f"{name}: {self.accuracy:.1%} right on {self.total} ({self.right}), nudge precision "
            f"{self.precision:.1%} recall {self.recall:.1%}{talk}"
        )


def score(items: list[dict]) -> Score:
    deck = load_deck(ROOT / "prompts")
    s = Score()
    for item in items:
        texts = item["thread"] if "thread" in item else [item["text"]]
        plan = read_plan(deck, texts)
        label = item["label"]
        s.total += 1
        s.right += plan.verdict == label
        s.nudged += plan.verdict == "nudge"
        s.should_nudge += label == "nudge"
        s.nudged_right += plan.verdict == label == "nudge"
        if label == "not_a_plan" and item.get("talk"):
            s.talk_total += 1
            s.talk_right += plan.talk == item["talk"]
        if plan.verdict != label:
            s.misses.append(f"  expected {label}, got {plan.verdict} [{plan.rule}]: {' | '.join(texts)}")
        elif label == "not_a_plan" and item.get("talk") and plan.talk != item["talk"]:
            s.misses.append(
                f"  (talk) expected {item['talk']}, got {plan.talk} [{plan.rule}]: {' | '.join(texts)}"
            )
    return s


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _scored_as_one(paths: list[Path], name: str) -> Score:
    """Several files scored as one set (each file's figure printed too): one writer's cases are too few
    to tell 93% from 95%."""
    items = []
    for path in paths:
        part = _items(path)
        print("\n" + score(part).line(path.name))
        items += part
    s = score(items)
    print(s.line(name))
    return s


TUNE = [p for p in FILES if "holdout" not in p.name]
HOLDOUT = [p for p in FILES if "holdout" in p.name]


@pytest.mark.parametrize("path", TUNE, ids=[p.name for p in TUNE])
def test_the_reader_meets_its_targets_on_the_files_it_was_tuned_on(path):
    s = score(_items(path))
    print("\n" + s.line(path.name))
    print("\n".join(s.misses))
    assert s.accuracy >= ACCURACY, s.line(path.name)


def test_the_reader_meets_its_targets_on_the_holdout():
    # The holdout files are one set (two writers' cases, 240 in all), scored together: a single
    # writer's 120 cases are too few to tell 93% from 95%. Each file's figure is printed as well.
    assert HOLDOUT, "tests/data/corpus_holdout_*.yml is missing"
    s = _scored_as_one(HOLDOUT, "holdout, all files")
    print("\n".join(s.misses))
    assert s.accuracy >= ACCURACY, s.line("holdout")
    assert s.precision >= PRECISION and s.recall >= RECALL, s.line("holdout")


# The second corpus (tests/data/CORPUS.md): twenty-eight writers the reader was tuned on, and a final
# holdout by four fresh writers given only the label definitions, never tuned on and measured once (issue
# 21's third round). Floors sit just under the figures measured then, not at the 95% target per class
# (leave-one-writer-out is `python -m bot.dev.reader_model lowo`: too slow for a test).
WRITERS = sorted((ROOT / "tests" / "data" / "writers").glob("*.yml"))
FINAL_HOLDOUT = sorted((ROOT / "tests" / "data" / "holdout").glob("*.yml"))
WRITERS_FLOOR = 0.965  # issue 21's third round: 97.1% (3,690 of 3,800)
FINAL_HOLDOUT_FLOOR = 0.945  # issue 21's third round, measured once: 94.8% (474 of 500)


def test_the_reader_holds_its_figure_on_the_writers_it_was_tuned_on():
    assert len(WRITERS) >= 20, "tests/data/writers/*.yml is missing"
    s = _scored_as_one(WRITERS, "writers, all files")
    print("\n".join(s.misses))
    assert s.accuracy >= WRITERS_FLOOR, s.line("writers")


def test_the_reader_holds_its_figure_on_the_final_holdout():
    assert len(FINAL_HOLDOUT) >= 4, "tests/data/holdout/*.yml is missing"
    s = _scored_as_one(FINAL_HOLDOUT, "final holdout")  # misses are not printed: nobody tunes on this set
    assert s.accuracy >= FINAL_HOLDOUT_FLOOR, s.line("final holdout")


def test_the_scorer_counts_what_it_should():
    items = [
        {"label": "nudge", "text": "let's do a TikTok"},
        {"label": "coach", "text": "let's do a TikTok"},
        {"label": "not_a_plan", "talk": "thanks", "text": "cheers!"},
    ]
    s = score(items)
    assert (s.total, s.right, s.nudged, s.should_nudge, s.nudged_right) == (3, 2, 2, 1, 1)
    assert (s.precision, s.recall) == (0.5, 1.0) and s.talk_right == 1 and len(s.misses) == 1
