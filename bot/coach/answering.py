"""Answering the question a mention asks: which OASIS step it bears on, and the question that answers it.

A comms lead who asks "radio or roadside signs?" wants the question that would decide between them for
this goal and this audience, not a question drawn at random from the deck. So the reader's `ask` (choice,
gaps, measure, budget, timing, audience, next, sanity, opinion) picks the step, the step and the channels
pick the paradoxes, and a slotted question names the thread's facts (`bot.coach.facts`). A slotted question
is used only when every fact it names is known; otherwise the caller falls back to the deck's plain
questions. Plain Python, deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bot.coach.deck import OASIS_STEPS, Deck, Question
from bot.coach.facts import Facts
from bot.coach.reader import PlanReading

# The OASIS step an ask bears on; "gaps", "next", "sanity" and "opinion" go to the step the plan lacks.
STEP_FOR_ASK = {
    "choice": "strategy",
    "measure": "scoring",
    "budget": "implementation",
    "timing": "implementation",
    "audience": "audience",
    "sanity": "implementation",  # a check before sending is a check of the thing being sent
}


@dataclass(frozen=True)
class Answer:
    step: str  # the OASIS step the answer bears on (objectives, audience, strategy, implementation, scoring)
    question: Question  # the deck's question (its id is what the coach remembers as asked)
    text: str  # the question as said: its slots filled with the thread's facts


def missing_step(plan: PlanReading, facts: Facts) -> str:
    """The first OASIS step the plan leaves open, in OASIS order."""
    if not plan.goal.stated:
        return "objectives"
    if not facts.audience:
        return "audience"
    if not (plan.goal.measure or plan.measure_found):
        return "scoring"
    if not facts.date:
        return "implementation"
    return "scoring" if plan.ask in ("sanity", "gaps") else "strategy"


def step_for(plan: PlanReading, facts: Facts) -> str:
    if facts.groups:
        return "audience"
    if plan.ask == "choice" and len(facts.options) < 2:
        return missing_step(plan, facts)  # "which first?" with nothing named weighs no options
    return STEP_FOR_ASK.get(plan.ask) or missing_step(plan, facts)


def _ask_of(plan: PlanReading, facts: Facts) -> str | None:
    """The ask a question must answer, from what the mention weighs; None when no slotted question fits."""
    if facts.groups:
        return "audience"  # "members or staff?" weighs who, not which channel
    if len(facts.options) > 2:
        return None  # a question naming two of three options would misread the choice: the caller names all
    if len(facts.options) == 2:
        return "choice"  # a choice is answered only by a question that names both options
    return plan.ask or "opinion"


# A question asking where things stand today, for a thread that has said so already
_ASKS_BASELINE = re.compile(r"\b(?:stand today|baseline|where .{0,40} stands? (?:today|now))\b", re.I)


def _fits(q: Question, ask: str, asked: set[str], facts: Facts) -> bool:
    if q.id in asked or (q.answers and ask not in q.answers):
        return False
    if facts.baseline and _ASKS_BASELINE.search(q.text):
        return False
    # a choice names both options; a question naming two ("justify X over Y") answers only a choice
    return {"channel", "other_channel"} <= set(q.slots) if ask == "choice" else "other_channel" not in q.slots


def answer(
    deck: Deck, plan: PlanReading, facts: Facts, asked: set[str], seed: str, *, prefer: list[str] = ()
) -> Answer | None:
    """The slotted question that answers the mention, or None when no question's facts are all known.

    `prefer`: paradox ids in the order the plan makes them most useful (`choosing.preferred_paradoxes`)."""
    ask = _ask_of(plan, facts)
    if ask is None:
        return None
    step = step_for(plan, facts)
    values = facts.values()
    rng = random.Random(f"answer:{seed}")
    # follow-ups in one thread move between paradoxes: one already asked from here comes later
    used = {qid.split(".", 1)[0] for qid in asked}
    best: list[tuple[tuple[int, int, int, int, float], Question, str]] = []
    for paradox in deck.paradoxes:
        for q in paradox.slotted:
            text = q.fill(values) if _fits(q, ask, asked, facts) else None
            if text is None:
                continue
            rank = (
                0 if step in paradox.oasis else 1,
                1 if paradox.id in used else 0,
                0 if q.answers else 1,  # made for this ask before any-ask questions
                prefer.index(paradox.id) if paradox.id in prefer else len(prefer),
                rng.random(),
            )
            best.append((rank, q, text))
    if not best:
        return None
    _, question, text = min(best, key=lambda item: item[0])
    # the step said in the lead is the one the question is about ("The gap is Scoring" then a Scoring question)
    oasis = deck.paradox_of(question.id).oasis
    return Answer(step if step in oasis else oasis[0], question, text)


def step_name(step: str) -> str:
    return OASIS_STEPS.get(step, step)
