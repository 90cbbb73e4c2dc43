"""Choosing questions: preferred paradoxes first, one per paradox, never repeated, the same for a seed."""

from __future__ import annotations

from bot.coach.choosing import pick_questions, preferred_paradoxes
from bot.coach.reader import read_plan


def test_the_same_seed_gives_the_same_questions(deck):
    assert pick_questions(deck, [], set(), "seed-1", 3) == pick_questions(deck, [], set(), "seed-1", 3)


def test_preferred_paradoxes_come_first_one_question_each(deck):
    questions, ran_out = pick_questions(deck, ["cost", "audience"], set(), "s", 2)
    assert [deck.paradox_of(q.id).id for q in questions] == ["cost", "audience"] and not ran_out


def test_nothing_asked_is_asked_again_until_the_deck_runs_out(deck):
    asked: set[str] = set()
    total = sum(len(p.questions) for p in deck.paradoxes)  # slotted questions are not in the rotation
    for n in range(total):
        (question,), ran_out = pick_questions(deck, ["cost"], asked, f"s{n}", 1)
        assert question.id not in asked and not ran_out
        asked.add(question.id)
    assert len(asked) == total
    _, ran_out = pick_questions(deck, ["cost"], asked, "again", 1)
    assert ran_out  # the caller then forgets what was asked and the cycle starts again


def test_a_goal_without_a_date_prefers_the_paradoxes_that_probe_timing(deck):
    plan = read_plan(deck, ["Get 40 small firms to apply for the grant"])
    assert preferred_paradoxes(deck, plan)[:2] == ["pace", "value"]


def test_a_plan_without_a_goal_prefers_value_and_pace_then_its_channels(deck):
    plan = read_plan(deck, ["We want a TikTok"])
    prefer = preferred_paradoxes(deck, plan)
    assert prefer[:2] == ["value", "pace"]
    assert set(plan.channels[0].paradoxes) <= set(prefer)
