"""The coach on any store with the `Storage` methods: here a dict, so no database and no Slack."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.coach.answers import load_answers
from bot.coach.coach import Coach, Place
from bot.coach.nudges import load_nudges
from bot.coach.storage import Goal, PersonalData, ScoreFacts, Subscription
from bot.slash import parse
from tests.helpers import ROOT


class MemoryStore:
    def __init__(self):
        self.goals: list[Goal] = []
        self.asked: dict[tuple[str, str, str], set[str]] = {}
        self.threads: dict[tuple[str, str, str], list[tuple[bool, bool]]] = {}

    def record_goal(self, team_id, channel_id, thread_ts, text, user_id, *, due_on="") -> Goal:
        goal = Goal(team_id, channel_id, thread_ts, text, user_id, float(len(self.goals)))
        self.goals.append(goal)
        return goal

    def _at(self, team_id, channel_id, thread_ts):
        return [
            g
            for g in self.goals
            if (g.team_id, g.channel_id, g.thread_ts) == (team_id, channel_id, thread_ts)
        ]

    def goal_for(self, team_id, channel_id, thread_ts=""):
        for place in dict.fromkeys([thread_ts, ""]):
            found = [g for g in self._at(team_id, channel_id, place) if g.forgotten_at is None]
            if found:
                return found[-1]
        return None

    def forget_goal(self, team_id, channel_id, thread_ts):
        live = [g for g in self._at(team_id, channel_id, thread_ts) if g.forgotten_at is None]
        self.goals = [replace(g, forgotten_at=1.0) if g in live else g for g in self.goals]
        return live[-1] if live else None

    def forgotten_goals(self, team_id, channel_id, thread_ts):
        return [g.text for g in self._at(team_id, channel_id, thread_ts) if g.forgotten_at is not None]

    def recent_goals(self, team_id, limit=10):
        return [g for g in reversed(self.goals) if g.team_id == team_id][:limit]

    def asked_in(self, team_id, channel_id, thread_ts):
        return set(self.asked.get((team_id, channel_id, thread_ts), set()))

    def mark_asked(self, team_id, channel_id, thread_ts, question_ids):
        self.asked.setdefault((team_id, channel_id, thread_ts), set()).update(question_ids)

    def forget_asked(self, team_id, channel_id, thread_ts):
        self.asked.pop((team_id, channel_id, thread_ts), None)

    def subscriptions(self, team_id=None, *, limit=None) -> list[Subscription]:
        return []

    def data_about(self, team_id, user_id) -> PersonalData:
        goals = [g for g in reversed(self.goals) if (g.team_id, g.user_id) == (team_id, user_id)]
        memory = {c: len(q) for (t, c, k), q in self.asked.items() if (t, k) == (team_id, f"u:{user_id}")}
        return PersonalData(user_id, goals, memory, [])

    def forget_channel(self, team_id, channel_id):
        kept = [g for g in self.goals if (g.team_id, g.channel_id) != (team_id, channel_id)]
        gone, self.goals = len(self.goals) - len(kept), kept
        keys = [k for k in self.asked if k[:2] == (team_id, channel_id)]
        return {"goals": gone, "questions": sum(len(self.asked.pop(k)) for k in keys)}

    def forget_user(self, team_id, user_id):
        kept = [g for g in self.goals if (g.team_id, g.user_id) != (team_id, user_id)]
        gone, self.goals = len(self.goals) - len(kept), kept
        keys = [k for k in self.asked if (k[0], k[2]) == (team_id, f"u:{user_id}")]
        return {"goals": gone, "questions": sum(len(self.asked.pop(k)) for k in keys), "subscriptions": 0}

    def note_thread(self, team_id, channel_id, thread_ts, *, nudged, goal):
        self.threads.setdefault((team_id, channel_id, thread_ts), []).append((nudged, goal))

    def score_facts(self, team_id, since):
        return ScoreFacts([], [], [])

    def deck_version(self, team_id):
        return 0

    def deck_edits(self, team_id):
        return []


@pytest.fixture
def coach(deck) -> Coach:
    return Coach(deck, load_nudges(ROOT / "prompts"), MemoryStore(), answers=load_answers(ROOT / "prompts"))


def test_a_personal_place_keeps_its_memory_under_the_key_stored_since_version_1():
    assert Place.personal("T1", "C1", "U7").memory_key == "u:U7"
    assert Place.in_thread("T1", "C1", "1750000000.000100").memory_key == "1750000000.000100"
    assert Place.personal("T1", "C1", "U7").thread_ts == ""  # the person is not smuggled into the thread


def test_private_questions_are_remembered_per_person(coach, deck):
    here = Place.in_channel("T1", "C1")
    first = coach.command(parse("cost", deck), here, "U1", "s1")
    assert coach.store.asked_in("T1", "C1", "u:U1") == set(first.question_ids)
    assert coach.store.asked_in("T1", "C1", "u:U2") == set()


def test_a_thread_with_a_channel_and_no_goal_is_nudged(coach):
    reply = coach.thread(Place.in_thread("T1", "C1", "1.0"), ["We want a TikTok"], "U1", "s")
    assert reply.kind == "goal_nudge"


def test_a_goal_stated_in_a_thread_is_recorded_once_then_coached(coach):
    thread = Place.in_thread("T1", "C1", "1.0")
    texts = ["Thinking Instagram", "Our goal is 40 new fostering households approved by next March"]
    assert coach.thread(thread, texts, "U1", "a").kind == "goal_recorded"
    assert coach.store.goal_for("T1", "C1", "1.0").thread_ts == "1.0"
    asked_before = coach.store.asked_in("T1", "C1", "1.0")
    again = coach.thread(thread, [*texts, "more?"], "U1", "b")
    assert again.kind == "challenge" and again.question_ids
    assert not set(again.question_ids) & asked_before


def test_a_goal_read_from_a_thread_is_its_authors_not_the_askers(coach):
    thread = Place.in_thread("T1", "C1", "1.0")
    texts = ["Thinking Instagram", "Our goal is 40 new fostering households approved by next March", "ok"]
    coach.thread(thread, texts, "U9", "a", authors=["U1", "U2", "U3"])
    assert coach.store.goal_for("T1", "C1", "1.0").user_id == "U2"
    # Without authors (a thread Slack would not let us read), the asker is all we know.
    coach.thread(Place.in_thread("T1", "C1", "2.0"), texts[1:2], "U9", "b")
    assert coach.store.goal_for("T1", "C1", "2.0").user_id == "U9"


def test_my_data_then_forget_me_through_the_core(coach, deck):
    here = Place.in_channel("T1", "C1")
    coach.command(parse("goal 40 new carers approved by March", deck), here, "U1", "s")
    coach.command(parse("cost", deck), here, "U1", "s")
    shown = coach.privacy(parse("my data", deck).form, here, "U1")
    assert shown.kind == "privacy" and "1 goal you wrote" in shown.text
    ask = coach.privacy(parse("forget me", deck).form, here, "U1")
    assert ask.block_id == "privacy:confirm_forget_me" and coach.store.goals  # only asked, nothing erased
    done = coach.forget_me("T1", "U1")
    assert "1 goal" in done.text and not coach.store.goals
    assert coach.privacy(parse("my data", deck).form, here, "U1").block_id == "privacy:my_data"


def test_the_core_imports_neither_slack_nor_sqlalchemy():
    import subprocess
    import sys

    core = [
        "bot.coach." + m
        for m in ("coach", "brief", "home", "command", "choosing", "replies", "storage", "privacy")
    ]
    code = (
        f"import sys\nfor m in {core!r}: __import__(m)\n"
        "print(sorted({k.split('.')[0] for k in sys.modules} & {'slack_sdk', 'slack_bolt', 'sqlalchemy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_coachs_sentences_start_with_capitals_even_after_a_filled_in_name():
    from bot.coach.nudges import capitalised

    assert capitalised("a podcast could work well. a podcast could help? yes! TikTok too") == (
        "A podcast could work well. A podcast could help? Yes! TikTok too"
    )


def test_thanks_in_a_thread_are_a_reaction_and_ask_nothing(coach):
    from bot.coach.replies import Reaction

    thread = Place.in_thread("T1", "C1", "9.0")
    assert coach.thread(thread, ["Let's do a TikTok", "<@UBOT> cheers!"], "U1", "s") == Reaction("+1")
    assert coach.store.asked_in("T1", "C1", "9.0") == set() and coach.store.goals == []


def test_a_line_that_asks_for_what_is_known_is_not_used(coach):
    known = {"audience", "measure", "date"}
    for seed in map(str, range(30)):
        line = coach.nudges.pick("goal_nudge", seed, known, channel="TikTok")
        assert "who are they" not in line and "by when" not in line
    assert {coach.nudges.turn("opener", "1.0", n) for n in range(4)} == {
        line.text for line in coach.nudges.lines["opener"]
    }
