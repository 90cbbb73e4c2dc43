"""The plan reader: word forms, structures, verdicts with their rules, the interface replies use,
its vocabulary checked with file and line, and `python -m bot read`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.coach.reader import (
    aside_removed,
    find_channels,
    load_lexicon,
    read_goal,
    read_plan,
    reader_for,
    sentences,
    welsh_forms,
)
from bot.coach.reader import quantities as q
from bot.yamlfile import ConfigError
from tests.helpers import ROOT

EXAMPLES = yaml.safe_load((ROOT / "tests" / "data" / "reader_examples.yml").read_text())["items"]


def _texts(item: dict) -> list[str]:
    return item["thread"] if "thread" in item else [item["text"]]


@pytest.mark.parametrize("item", EXAMPLES, ids=[" | ".join(_texts(i))[:70] for i in EXAMPLES])
def test_each_category_the_issue_names_is_read_right(deck, item):
    plan = read_plan(deck, _texts(item))
    assert plan.verdict == item["label"], str(plan.rule)
    assert plan.talk == item.get("talk", ""), str(plan.rule)


# -- word forms -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We want 20% more people to have attended a health check by March",
        "Increase attendances at the smoking cessation clinic by a third by June",
        "Raise breastfeeding rates among young mums in Hull by 10% by 2027",
        "Target: 400 new enrolments from adult learners by September",
    ],
)
def test_inflected_forms_of_goal_words_are_read(deck, text):
    assert read_goal([text], deck).stated


def test_welsh_vocabulary_is_matched_in_its_mutated_forms():
    assert {"gofrestru", "nghofrestru", "chofrestru"} <= set(welsh_forms("cofrestru"))
    assert "hamcan" in welsh_forms("amcan")
    assert welsh_forms("chwarae") == ["chwarae"]  # an initial digraph does not mutate
    assert "wefan" in welsh_forms("gwefan") and "nghylchlythyr" in welsh_forms("cylchlythyr")


def test_welsh_goals_and_channels_are_read(deck):
    plan = read_plan(
        deck, ["Rydyn ni eisiau i 500 yn fwy o bobl gofrestru i bleidleisio erbyn mis Mai. Fideo?"]
    )
    assert plan.goal.stated and plan.goal.date == "erbyn mis Mai" and plan.goal.measure == "500"
    assert [c.id for c in plan.channels] == ["video"]


# -- structures -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("before the consultation closes on 14 March", "before the consultation"),
        ("by the end of term", "by the end of term"),
        ("ahead of half term", "ahead of half term"),
        ("end of Q3", "end of Q3"),
        ("Jan-Mar", "Jan-Mar"),
        ("this financial year", "this financial year"),
        ("erbyn mis Mai", "erbyn mis Mai"),
    ],
)
def test_dates_are_structures(text, found):
    assert q.first(text, q.dates(text)) == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("25k more sign-ups", "25k"),
        ("1.5m visits", "1.5m"),
        ("one in four families", "one in four"),
        ("from 40% to 60%", "from 40% to 60%"),
        ("a 10-15% rise", "10-15%"),
        ("double the number", "double"),
    ],
)
def test_quantities_are_structures(text, found):
    assert q.first(text, q.measures(text)) == found


def test_a_date_or_an_age_is_not_a_measure():
    assert q.measures("by 14 March") == []
    assert q.measures("under-25s in year 10") == []


@pytest.mark.parametrize("text, found", [("for under-25s", "under-25s"), ("people aged 16-24", "aged 16-24")])
def test_audiences_are_structures(text, found):
    assert q.first(text, q.audiences(text)) == found


# -- the interface replies use ----------------------------------------------------------------------------


def test_the_goal_sentence_is_alone_and_says_where_it_came_from(deck):
    texts = [
        "Thinking a podcast for the carers strategy",
        "<@U0COACH> Objective is 300 more unpaid carers registering with their GP by March, would LI work?",
    ]
    goal = read_plan(deck, texts).goal
    assert goal.sentence == "Objective is 300 more unpaid carers registering with their GP by March"
    assert goal.message_index == 1
    assert (goal.measure, goal.date) == ("300", "by March")
    assert goal.has_measure and goal.has_date and goal.behaviour


def test_the_thread_says_what_it_already_gave_so_replies_never_ask_again(deck):
    texts = [
        "We want more parents to book their child's flu jab",
        "It has to be by the end of term, the clinics stop then",
        "And mostly the under-5s in Rhyl",
        "<@U0COACH> Facebook?",
    ]
    plan = read_plan(deck, texts)
    assert plan.verdict == "coach" and plan.goal.stated
    assert plan.goal.gaps() == ["measure", "date"]
    assert plan.date_found == "by the end of term"
    assert plan.audience_found == "parents"
    assert plan.measure_found == ""


@pytest.mark.parametrize(
    "text, stated",
    [
        ("It's not about getting people to sign up, it's visibility we're after", False),
        ("We don't have a goal yet but we want more people to sign up", False),
        ("Not just awareness: we want 10% more women over 50 to go for screening by May", True),
        ("Nid ydym eisiau i fwy o bobl gofrestru", False),
    ],
)
def test_negations(deck, text, stated):
    assert read_goal([text], deck).stated is stated


def test_people_in_general_are_not_an_audience(deck):
    assert read_goal(["We want more people to book flu jabs"], deck).gaps() == ["audience", "measure", "date"]
    assert read_goal(["We want more people in Leeds to book flu jabs"], deck).audience == "people in Leeds"


def test_a_withdrawn_goal_is_flagged_and_no_longer_counts(deck):
    plan = read_plan(deck, ["Goal: 200 more blood donors by June", "parking the number for now", "IG then"])
    assert plan.withdrawn and plan.verdict == "nudge" and plan.needs_goal
    assert plan.rule.id == "withdrawn" and "parking the number" in str(plan.rule)
    assert plan.measure_found == ""  # the parked number is not "already given"


def test_not_a_plan_carries_its_kind_and_how_to_topic(deck):
    plan = read_plan(deck, ["<@U0COACH> what makes an objective SMART?"])
    assert (plan.verdict, plan.talk, plan.howto_topic) == ("not_a_plan", "howto", "smart")
    assert not plan.needs_goal and plan.rule.id == "howto.smart"


def test_output_targets_and_awareness_are_nudged_with_their_own_rule(deck):
    assert read_plan(deck, ["Target is 10k followers on IG by Christmas"]).rule.id == "output_only"
    assert read_plan(deck, ["We want to raise awareness of the helpline, posters?"]).rule.id == "weak_goal"
    assert read_plan(deck, ["let's do a TikTok"]).rule.id == "channel_no_goal"


def test_a_measured_awareness_objective_with_a_baseline_is_a_goal(deck):
    text = "Raise awareness of the pension credit helpline among over-75s from 20% to 35% (baseline survey in Jan)"
    assert read_goal([text], deck).rule == "measured_awareness"
    assert not read_goal(["Raise awareness of the helpline among over-75s"], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "the video call is at 2, link in the invite",
        "what app do you use for the rota?",
        "can you check the text of the report before Friday?",
        "in short, the director wants it by Friday",
        "we post too much and nobody reads it",
        "Zoom call with the leader at 3",
        "staff social Friday, who's bringing an Insta-worthy cake?",
    ],
)
def test_words_that_share_a_stem_with_a_channel_name_no_channel(deck, text):
    assert read_plan(deck, [text]).channels == []


def test_the_channels_say_which_words_named_them(deck):
    plan = read_plan(deck, ["Insta or LI? maybe something on social"])
    assert plan.channel_words == [("instagram", "Insta"), ("linkedin", "LI")]


def test_sentences_keep_a_bare_label_with_its_goal_and_drop_the_mention():
    assert sentences("<@U0COACH> Target - 2,000 more over-65s by May. then a podcast") == [
        "Target - 2,000 more over-65s by May.",
        "then a podcast",
    ]


def test_a_question_about_the_goal_is_not_a_bare_label():
    assert sentences("Beth yw'r nod? Mae'r cyngor eisiau i 300 o bobl ifanc gofrestru") == [
        "Beth yw'r nod?",
        "Mae'r cyngor eisiau i 300 o bobl ifanc gofrestru",
    ]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Target - 30% of tenants to open the e-newsletter by May", "output"),
        ("we want 100k site visits in month 1", "output"),
        ("a 1.5% CTR to the choose well page by March", "output"),
        ("Open rate target for the residents' e-bulletin is 45% (currently 31%)", "output_target"),
        ("Aim: 60% of residents to watch the budget video", "output"),
    ],
)
def test_acting_on_the_message_itself_is_an_output(deck, text, rule):
    goal = read_goal([text], deck)
    assert (goal.strength, goal.rule) == ("output", rule)


def test_a_click_through_to_an_action_is_the_way_to_it(deck):
    assert read_goal(["we want 200 more people clicking through to book a jab by Christmas"], deck).stated


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Rydyn ni eisiau eu cael nhw'n ôl i 95% erbyn yr haf", "intention_measure"),
        ("Ni angen 400 o residents ar stad Cefn i ymateb i'r consultation erbyn 28 Mawrth", "count_act"),
        ("cycle trips on the corridor up from 1,900 to 2,600 a day by summer 2026", "outcome_from_to"),
        (
            "more of the Year 12s from the schools we work with in Merthyr and Blaenau Gwent, the ones who'd be first in "
            "their family to go to uni, to actually book onto the March open day",
            "more_people_act",
        ),
    ],
)
def test_goals_written_as_structures_are_read(deck, text, rule):
    goal = read_goal([text], deck)
    assert goal.stated and goal.rule == rule


def test_a_level_reached_is_a_target_and_a_share_of_our_own_work_is_not(deck):
    assert read_goal(["We'd like it back up to 92% by the spring term"], deck).rule == "intention_measure"
    assert not read_goal(["we need the Insta grid 80% planned by Friday"], deck).stated
    assert q.has_baseline("cynyddu nifer y bobl sy'n ailgylchu o 55% i 70% erbyn 2026")


def test_a_bare_direction_is_no_goal_unless_labelled_or_measured(deck):
    assert not read_goal(["need more members for the SU sports clubs this year"], deck).stated
    assert read_goal(["need 200 more members for the SU sports clubs this year"], deck).stated
    assert read_goal(["get people booking smear tests - 500 more women aged 25-49 by summer"], deck).stated


def test_text_speak_and_plural_abbreviations_are_read_as_words(deck):
    lexicon = reader_for(deck).lexicon
    assert lexicon.norm("wot do u do").text == " what do you do "
    assert lexicon.norm("GPs and Year 12s").text == " gp and year # "


def test_what_a_thanks_is_for_and_an_errand_name_no_channel(deck):
    reader = reader_for(deck)
    assert "leaflet" not in aside_removed(reader, "thanks for the steer on the leaflet thing, appreciated")
    assert "intranet" not in aside_removed(reader, "where's the PDF? the link on the intranet is dead")
    assert "TikTok" in aside_removed(reader, "thanks! next we want a TikTok")


@pytest.mark.parametrize(
    "text, found",
    [
        ("before anyone says 'video': who rings the helpline?", []),
        ("rather than a press release, a short video for Insta?", ["video", "instagram"]),
        ("is the volunteers social still on friday?", []),
        ("you keep popping up in our channel", []),
    ],
)
def test_words_that_take_a_channel_off_the_table(deck, text, found):
    assert [c.id for c in find_channels(deck, text)] == found


def test_a_mention_inside_a_message_ends_the_goal_sentence(deck):
    goal = read_plan(deck, ["Target is 500 sign-ups from students by May <@U0COACH> thoughts? TikTok?"]).goal
    assert goal.stated and goal.sentence == "Target is 500 sign-ups from students by May"


def test_a_very_long_thread_is_read_from_its_first_and_latest_messages(deck):
    filler = "Thanks all, I'll pick this up with the team on Monday and come back with some thoughts. " * 45
    texts = ["We want 200 more carers to register with their GP by March", *[filler] * 30, "TikTok?"]
    plan = read_plan(deck, texts)
    assert plan.goal.stated and plan.goal.message_index == 0 and plan.verdict == "coach"
    late = [*[filler] * 30, "Objective: 300 more blood donors by June", "TikTok?"]
    assert read_plan(deck, late).goal.message_index == 30


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), min_size=0, max_size=4))
def test_any_text_is_read_without_error(deck, texts):
    plan = read_plan(deck, texts)
    assert plan.verdict in ("nudge", "coach", "not_a_plan") and plan.rule.id
    assert (plan.verdict == "not_a_plan") == bool(plan.talk)
    assert plan.goal.message_index < max(len(texts), 1)


def test_patterns_are_compiled_once_per_vocabulary_load(deck):
    first = reader_for(deck)
    read_plan(deck, ["let's do a TikTok"])
    assert reader_for(deck) is first


# -- vocabulary as data ----------------------------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path) -> Path:
    shutil.copytree(ROOT / "prompts", tmp_path / "prompts")
    shutil.copytree(ROOT / "config", tmp_path / "config")
    return tmp_path


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def _break(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def test_bad_vocabulary_is_reported_with_file_and_line(workdir):
    path = workdir / "prompts" / "reading.yml"
    line = _break(path, "goal_words:\n  en: [", "goal_words:\n  en: [yes, ")
    with pytest.raises(ConfigError) as info:
        load_lexicon(workdir / "prompts")
    assert info.value.line == line + 1 and "goal_words" in info.value.problem
    result = _run(["check"], workdir)
    assert result.returncode == 1
    assert f"{Path('prompts/reading.yml')}:{line + 1}:" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_section_or_small_talk_kind_is_refused(workdir):
    path = workdir / "prompts" / "reading.yml"
    line = _break(path, "  greeting:\n", "  greetings:\n")
    result = _run(["check"], workdir)
    assert result.returncode == 1 and f"reading.yml:{line}:" in result.stderr and "greetings" in result.stderr


def test_an_editor_can_teach_the_reader_a_new_word(workdir):
    assert _run(["read", "a zine for the youth club"], workdir).stdout.count("channels: none") == 1
    _break(workdir / "prompts" / "channels.yml", "substack,", "substack, zine,")
    assert "a newsletter" in _run(["read", "a zine for the youth club"], workdir).stdout


# -- python -m bot read ------------------------------------------------------------------------------------


def test_read_says_when_a_channel_was_named_only_in_passing(deck):
    from bot.coach.reader.explain import explain

    texts = ["thanks for the steer on the leaflet thing yesterday, appreciated"]
    out = explain(read_plan(deck, texts), texts)
    assert "rule: small_talk.thanks" in out and "only in passing" in out
    texts = ["thanks! now we need a leaflet for the bin changes"]
    assert "only in passing" not in explain(read_plan(deck, texts), texts)


def test_small_talk_that_only_narrates_names_its_channels_in_passing(deck):
    from bot.coach.reader.explain import explain

    texts = ["Morning! just back from recording the podcast, brain is fried"]
    out = explain(read_plan(deck, texts), texts)
    assert "rule: small_talk.greeting" in out and "only in passing" in out
    # a question or a proposal after the greeting puts the channel on the table
    for text in ("Morning! should we record a podcast?", "Morning! let's record a podcast"):
        assert read_plan(deck, [text]).rule.id == "channel_no_goal"


def test_a_plan_measured_only_in_outputs_is_nudged_without_a_channel(deck):
    plan = read_plan(deck, ["Success measures: 40k impressions, 2,000 page views and 500 new followers"])
    assert (plan.verdict, plan.rule.id, plan.channels) == ("nudge", "output_only", [])
    plan = read_plan(deck, ["Goal: 500 more residents signed up to the garden waste service by May"])
    assert plan.verdict == "coach"


def test_read_explains_a_message(workdir):
    result = _run(
        ["read", "<@U0COACH> We need 300 more foster carers to enquire by March - would TikTok help?"],
        workdir,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "verdict: coach" in out and "rule: goal_stated" in out
    assert 'TikTok  "TikTok"' in out
    assert 'sentence: "We need 300 more foster carers to enquire by March"' in out
    assert 'measure:   "300"' in out and 'date:      "by March"' in out


@pytest.mark.parametrize("form", ["lines", "yaml"])
def test_read_explains_a_thread_from_a_file(workdir, form):
    thread = ["Goal is 500 more residents registered by April", "forget the target for now", "FB post then?"]
    path = workdir / "thread.txt"
    path.write_text("\n".join(thread) if form == "lines" else yaml.safe_dump(thread))
    result = _run(["read", "--thread", str(path)], workdir)
    assert result.returncode == 0, result.stderr
    assert "verdict: nudge" in result.stdout and "rule: withdrawn" in result.stdout
    assert 'withdrawn: yes  "forget the target"' in result.stdout


def test_read_with_nothing_to_read_says_how(workdir):
    result = _run(["read"], workdir)
    assert result.returncode == 2 and "python -m bot read" in result.stderr


# -- basics ---------------------------------------------------------------------------------------------


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
