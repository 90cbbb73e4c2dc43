"""Reading basics: a channel on the table without a goal is gated; a stated goal opens the gate."""

from __future__ import annotations

from bot.coach.reading import read_goal, read_plan


def test_a_channel_without_a_goal_needs_the_goal_first(deck):
    plan = read_plan(deck, ["We want a TikTok"])
    assert [c.name for c in plan.channels] == ["TikTok"] and plan.needs_goal


def test_a_stated_goal_opens_the_gate(deck):
    plan = read_plan(
        deck, ["Thinking Instagram", "Our goal is 40 new fostering households approved by next March"]
    )
    assert plan.channels and plan.goal.stated and not plan.needs_goal
    assert "40 new fostering households" in plan.goal.sentence


def test_no_channel_no_gate(deck):
    assert not read_plan(deck, ["How do we evaluate a campaign?"]).needs_goal


def test_awareness_is_not_a_goal():
    assert not read_goal(["We want to raise awareness of fostering"]).stated


def test_slack_markup_is_read_as_words(deck):
    plan = read_plan(deck, ["<@U123|sam> says <https://tiktok.com|TikTok> <!here>"])
    assert [c.name for c in plan.channels] == ["TikTok"]
