"""The goal gate measured on a labelled set of realistic planning messages and threads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.coach.deck import load_deck
from bot.coach.reader import read_plan
from tests.helpers import ROOT

DATA = yaml.safe_load((Path(__file__).parent.parent / "data" / "plans.yml").read_text())["items"]
HOLDOUT = yaml.safe_load((Path(__file__).parent.parent / "data" / "plans_holdout.yml").read_text())["items"]
TARGET = 0.95


def _texts(item: dict) -> list[str]:
    return item["thread"] if "thread" in item else [item["text"]]


def gate_accuracy(items: list[dict] = DATA) -> tuple[float, list[tuple[str, str, str]]]:
    deck = load_deck(ROOT / "prompts")
    wrong = []
    for item in items:
        got = "nudge" if read_plan(deck, _texts(item)).needs_goal else "pass"
        if got != item["gate"]:
            wrong.append((item["gate"], got, " | ".join(_texts(item))))
    return 1 - len(wrong) / len(items), wrong


def test_the_labelled_set_is_big_and_varied():
    assert len(DATA) >= 120
    assert sum(1 for i in DATA if "thread" in i) >= 15
    assert sum(1 for i in DATA if i.get("note") == "hard") >= 40
    deck = load_deck(ROOT / "prompts")
    named = {c.id for i in DATA for c in read_plan(deck, _texts(i)).channels}
    assert len(named) >= 25  # many different channels and formats


def test_the_gate_meets_its_target_on_the_labelled_set():
    accuracy, wrong = gate_accuracy()
    print(f"\ngoal gate: {accuracy:.1%} right on {len(DATA)} labelled items")
    for expected, got, text in wrong:
        print(f"  expected {expected}, got {got}: {text}")
    assert accuracy >= TARGET, f"{accuracy:.1%} < {TARGET:.0%}; wrong: {wrong}"


@pytest.mark.parametrize(
    "text, gaps",
    [
        ("We want 500 more parents in Leeds to book flu jabs by December", []),
        ("We want more people to book flu jabs", ["audience", "measure", "date"]),
        ("Get 40 small firms to apply for the grant", ["date"]),
    ],
)
def test_smart_gaps_of_a_stated_goal(text, gaps):
    reading = read_plan(load_deck(ROOT / "prompts"), [text]).goal
    assert reading.stated
    assert reading.gaps() == gaps


def test_the_gate_meets_its_target_on_plans_it_was_not_tuned_on():
    accuracy, wrong = gate_accuracy(HOLDOUT)
    print(f"\ngoal gate (held out): {accuracy:.1%} right on {len(HOLDOUT)} items")
    for expected, got, text in wrong:
        print(f"  expected {expected}, got {got}: {text}")
    assert len(HOLDOUT) >= 30
    assert accuracy >= TARGET, f"{accuracy:.1%} < {TARGET:.0%}; wrong: {wrong}"
