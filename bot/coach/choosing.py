"""Choosing the next challenge question: fitted to what the plan leaves open, never repeated."""

from __future__ import annotations

import random

from bot.coach.deck import Deck, Question
from bot.coach.reading import PlanReading

# What a goal can leave open, and the paradoxes whose questions probe it.
GAP_PARADOXES = {
    "goal": ["value", "pace"],
    "audience": ["audience", "reach"],
    "measure": ["value", "quality"],
    "date": ["pace", "value"],
}


def preferred_paradoxes(deck: Deck, plan: PlanReading) -> list[str]:
    """Paradox ids in the order a plan makes them most useful."""
    prefer: list[str] = []
    if not plan.goal.stated:
        prefer += GAP_PARADOXES["goal"]
    else:
        for gap in plan.goal.gaps():
            prefer += GAP_PARADOXES[gap]
    for channel in plan.channels:
        prefer += list(channel.paradoxes)
    prefer += plan.topics
    return [p for p in dict.fromkeys(prefer) if p in deck.by_id]


def pick_questions(
    deck: Deck, prefer: list[str], asked: set[str], seed: str, count: int = 1
) -> tuple[list[Question], bool]:
    """Pick up to `count` questions not yet asked, one per paradox, preferred paradoxes first.

    Returns the questions and whether the deck had run out (the caller then forgets what was
    asked, so the cycle starts again). Deterministic for a given seed.
    """
    rng = random.Random(seed)
    everything = [q.id for p in deck.paradoxes for q in p.questions]
    ran_out = sum(1 for q in everything if q not in asked) < count
    if ran_out:
        asked = set()
    others = [p.id for p in deck.paradoxes if p.id not in prefer]
    rng.shuffle(others)
    order = [p for p in prefer if p in deck.by_id] + others
    picked: list[Question] = []
    # Two passes: one question per paradox first, then a second from the same ones if still short.
    for _ in range(2):
        for pid in order:
            if len(picked) == count:
                return picked, ran_out
            left = [q for q in deck.by_id[pid].questions if q.id not in asked and q not in picked]
            if left:
                picked.append(left[rng.randrange(len(left))])
    return picked, ran_out
