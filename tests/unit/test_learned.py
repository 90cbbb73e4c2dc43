"""The reader's learned part (bot/coach/reader/learned.py): its features, its weights as exported from
scikit-learn, the shipped model file, and how its word is weighed against the rules'."""

from __future__ import annotations

import json
import math
from array import array

import pytest

from bot.coach.reader import learned
from bot.coach.reader.readings import COACH, NOT_A_PLAN, NUDGE, PlanReading
from bot.coach.reader.verdict import _weighed, apply_models, read_by_rules, read_plan
from bot.dev import reader_model


def _plan(verdict: str = COACH) -> PlanReading:
    return PlanReading(verdict=verdict)


def test_slack_markup_is_not_read_as_words():
    words = learned.tokens("<@U0COACH> see <https://example.org/x|the brief> and <#C123|campaigns>, ok? 🙏")
    assert words == ["see", "the", "brief", "and", "ok", "?", "🙏"]


def test_features_are_the_same_for_the_same_text_and_each_block_weighs_the_same():
    texts = ["we want a TikTok", "<@U0COACH> where's the Canva login?"]
    first, again = learned.features(_plan(), texts), learned.features(_plan(), texts)
    assert first == again
    for prefix in ("w:", "b:", "c:"):  # the mention's words, pairs and character n-grams: norm 1
        assert math.isclose(math.sqrt(sum(v * v for k, v in first.items() if k.startswith(prefix))), 1.0)
    assert "w:canva" in first and "t:tiktok" in first and "w:tiktok" not in first
    assert first["s:verdict=coach"] == 1.0


def _toy_rows():
    rows = [{"w:login": 1.0}, {"w:printer": 1.0}, {"w:tiktok": 1.0}, {"w:leaflet": 1.0}]
    rows += [{"w:login": 1.0, "s:goal=stated": 1.0}, {"w:tiktok": 1.0, "s:goal=stated": 1.0}]
    labels = [NOT_A_PLAN, NOT_A_PLAN, NUDGE, NUDGE, NOT_A_PLAN, COACH]
    return rows * 3, labels * 3


@pytest.mark.parametrize("two_labels", [False, True])
def test_exported_weights_give_scikit_learns_probabilities(two_labels):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = _toy_rows()
    if two_labels:
        labels = [lab if lab == NOT_A_PLAN else "plan" for lab in labels]
    model = reader_model.fit(rows, labels, 4.0)
    vectors = DictVectorizer()
    clf = LogisticRegression(C=4.0, max_iter=5000).fit(vectors.fit_transform(rows), labels)
    for row in rows[:6]:
        expected = dict(zip(clf.classes_, clf.predict_proba(vectors.transform([row]))[0], strict=True))
        got = model.scores(row)
        assert set(got) == set(expected)
        for label in got:
            assert got[label] == pytest.approx(expected[label], abs=2e-3)


def test_a_model_round_trips_through_its_file(tmp_path):
    rows, labels = _toy_rows()
    models = learned.Models(reader_model.fit(rows, labels, 4.0))
    path = tmp_path / "model.json"
    path.write_text(json.dumps(models.as_json()))
    loaded = learned.load_models(path)
    assert loaded.verdict.scores(rows[0]) == pytest.approx(models.verdict.scores(rows[0]), abs=1e-4)


def test_a_model_trained_on_other_features_is_refused(tmp_path):
    rows, labels = _toy_rows()
    data = learned.Models(reader_model.fit(rows, labels, 4.0)).as_json()
    data["features_version"] = learned.FEATURES_VERSION - 1
    with pytest.raises(ValueError, match="features version"):
        learned.models_from(data)


def test_the_shipped_model_loads_and_keeps_inside_its_footprint():
    models = learned.load_models()
    assert models is not None and models.talk is not None and models.ask is not None
    assert set(models.verdict.labels) == {NUDGE, COACH, NOT_A_PLAN}
    assert "cannot_do" in models.talk.labels and "choice" in models.ask.labels
    assert learned.MODEL_FILE.stat().st_size < 20 * 2**20
    weights = sum(len(m.table) for m in (models.verdict, models.talk, models.ask))
    assert weights * 4 < 8 * 2**20  # 4-byte floats: the weights stay a few MB in memory


def _fixed(label: str, p: float, labels=(COACH, NOT_A_PLAN, NUDGE)) -> learned.Model:
    """A model that says `label` with probability about `p` whatever it reads (its bias alone)."""
    rest = math.log((1 - p) / (len(labels) - 1))
    bias = tuple(math.log(p) if lab == label else rest for lab in labels)
    return learned.Model(tuple(labels), {}, array("f"), bias)


def test_an_errand_the_model_is_sure_of_gets_small_talk_whatever_the_thread_holds(deck):
    texts = ["Goal: 300 more foster carer enquiries by March", "<@U0COACH> who has the Canva login?"]
    talk = _fixed("off_topic", 0.9, ("cannot_do", "off_topic", "thanks"))
    plan = apply_models(
        deck, read_by_rules(deck, texts), texts, learned.Models(_fixed(NOT_A_PLAN, 0.8), talk)
    )
    assert (plan.verdict, plan.talk, plan.rules_verdict) == (NOT_A_PLAN, "off_topic", COACH)
    assert plan.rule.id == "learned.off_topic"


def test_the_rules_keep_their_word_on_whether_a_goal_stands(deck):
    texts = ["We need 150 tenants to reply to the damp survey by 3 May - door knocking or a leaflet?"]
    plan = apply_models(deck, read_by_rules(deck, texts), texts, learned.Models(_fixed(NUDGE, 0.95)))
    assert plan.verdict == COACH and not plan.needs_goal  # the rules read a stated goal


def test_how_sure_the_model_must_be_to_overrule_the_rules():
    def scores(nudge, coach, not_a_plan):
        return {NUDGE: nudge, COACH: coach, NOT_A_PLAN: not_a_plan}

    assert _weighed(COACH, scores(0.2, 0.3, 0.5)) == NOT_A_PLAN
    assert _weighed(COACH, scores(0.2, 0.4, 0.4)) == COACH
    assert _weighed(COACH, scores(0.95, 0.04, 0.01)) == COACH  # whether a goal stands is the rules' to read
    assert _weighed(NUDGE, scores(0.01, 0.95, 0.04)) == NUDGE
    assert (
        _weighed(NOT_A_PLAN, scores(0.55, 0.1, 0.35)) == NOT_A_PLAN
    )  # a plan found in small talk needs more
    assert _weighed(NOT_A_PLAN, scores(0.7, 0.1, 0.2)) == NUDGE


def test_read_plan_uses_the_shipped_model_unless_told_not_to(deck):
    texts = [
        "Goal: 300 more foster carer enquiries by March",
        "<@U0COACH> can you summarise this thread for Sue?",
    ]
    assert read_plan(deck, texts, models=False).rules_verdict == ""
    assert read_plan(deck, texts).rules_verdict != ""


def test_read_says_the_mention_came_first_and_what_the_rules_alone_said(deck):
    from bot.coach.reader.explain import explain

    texts = ["Goal: 300 more foster carer enquiries by March", "<@U0COACH> who has the Canva login?"]
    talk = _fixed("off_topic", 0.9, ("cannot_do", "off_topic", "thanks"))
    plan = apply_models(
        deck, read_by_rules(deck, texts), texts, learned.Models(_fixed(NOT_A_PLAN, 0.8), talk)
    )
    shown = explain(plan, texts)
    assert "mention first: not about the plan (off_topic), so the thread is not weighed" in shown
    assert "the rules alone said coach" in shown
    assert "mention first" not in explain(read_by_rules(deck, texts), texts)  # the rules alone: no such line
