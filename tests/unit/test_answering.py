"""Answering the question asked (issue 22): the thread's facts, slotted questions, and replies that name the
options weighed, quote the goal as written, and keep the how-to to a first nudge."""

from __future__ import annotations

import pytest

from bot.coach.answering import answer
from bot.coach.choosing import gaps
from bot.coach.coach import Place
from bot.coach.deck import load_paradoxes
from bot.coach.facts import clean_goal, facts_of, goal_action
from bot.coach.reader import read_plan
from bot.yamlfile import ConfigError
from tests.unit.test_coach import coach  # noqa: F401  (the coach on a memory store)

PARADOX = """paradoxes:
  - id: cost
    title: Free and ruinous
    sides: [It costs nothing to post., It costs a great deal to do well.]
    oasis: [implementation]
    keywords: [cost]
    questions: [One?, Two?, Three?, Four?]
    slotted:
      - text: "Would {channel} or {other_channel} spend {budget} better?"
        for: [choice, budget]
"""


def _deck_file(tmp_path, text):
    path = tmp_path / "paradoxes.yml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the deck format ----------------------------------------------------------------------------------------


def test_slotted_questions_load_with_their_slots_and_asks(tmp_path):
    (paradox,) = load_paradoxes(_deck_file(tmp_path, PARADOX), bilingual=False)
    (q,) = paradox.slotted
    assert q.id == "cost.s1" and q.slots == ("channel", "other_channel", "budget")
    assert q.answers == ("choice", "budget")


def test_a_slot_that_does_not_exist_is_rejected_with_its_line(tmp_path):
    path = _deck_file(tmp_path, PARADOX.replace("{budget}", "{money}"))
    with pytest.raises(ConfigError) as err:
        load_paradoxes(path, bilingual=False)
    assert "unknown slot '{money}'" in str(err.value) and "paradoxes.yml:9:" in str(err.value), str(err.value)


def test_an_ask_that_does_not_exist_is_rejected(tmp_path):
    with pytest.raises(ConfigError, match="unknown ask 'price'"):
        load_paradoxes(
            _deck_file(tmp_path, PARADOX.replace("[choice, budget]", "[choice, price]")), bilingual=False
        )


def test_a_slotted_question_is_used_only_when_every_fact_it_names_is_known(tmp_path):
    (q,) = load_paradoxes(_deck_file(tmp_path, PARADOX), bilingual=False)[0].slotted
    assert q.fill({"channel": "radio", "other_channel": "bus backs"}) is None
    filled = q.fill({"channel": "radio", "other_channel": "bus backs", "budget": "£6k"})
    assert filled == "Would radio or bus backs spend £6k better?"


def test_the_shipped_deck_has_sixty_slotted_questions_across_the_ten_paradoxes(deck):
    assert sum(len(p.slotted) for p in deck.paradoxes) >= 60
    assert all(p.slotted for p in deck.paradoxes)


# -- the thread's facts ------------------------------------------------------------------------------------


def test_the_goal_is_quoted_as_written_without_slack_quote_marks_or_bold():
    assert clean_goal("&gt; *Goal:* 300 more foster carer enquiries by 31 January.") == (
        "Goal: 300 more foster carer enquiries by 31 January"
    )
    assert goal_action("Goal: 300 more foster carer enquiries by 31 January") == (
        "300 more foster carer enquiries by 31 January"
    )
    # its aside is not part of the goal, and a preamble before a colon is not either
    assert (
        goal_action("Aim: 600 students apply by 28 Feb (we had 410 last year)")
        == "600 students apply by 28 Feb"
    )
    assert clean_goal("What we've agreed with them: get no-access down from 14% to 5% by March") == (
        "get no-access down from 14% to 5% by March"
    )


def _facts(deck, texts):
    return facts_of(deck, read_plan(deck, texts), texts)


@pytest.mark.parametrize(
    ("mention", "options"),
    [
        ("<@U0COACH> radio or roadside signs? can't afford both", ("radio", "roadside signs")),
        (
            "<@U0COACH> careers evening at HQ or targeted LinkedIn ads? which would you back",
            ("careers evening at HQ", "targeted LinkedIn ads"),
        ),
        (
            "<@U0COACH> taflen drwy'r drws ta hysbysebion Facebook?",
            ("taflen drwy'r drws", "hysbysebion Facebook"),
        ),
        (
            "<@U0COACH> LinkedIn ads, Indeed or a jobs fair - which one?",
            ("LinkedIn ads", "Indeed", "a jobs fair"),
        ),
        ("<@U0COACH> we're torn between bus backs and local radio. Which?", ("bus backs", "local radio")),
        # a question said before the options is not one of them
        ("<@U0COACH> be ti'n feddwl, posteri ta neges destun?", ("posteri", "neges destun")),
        ("<@U0COACH> what do you reckon, door drops or bus backs?", ("door drops", "bus backs")),
        # "or both", "neu'r ddau" and "something else" sit beside the options
        ("<@U0COACH> datganiad, fideo, neu'r ddau?", ("datganiad", "fideo")),
        ("<@U0COACH> Mailchimp ta rwbath arall?", ()),
        # a verdict asked for is not a choice of options
        ("<@U0COACH> syniad da ta gwastraff arian?", ()),
        ("<@U0COACH> good idea or a waste of money?", ()),
    ],
)
def test_the_options_are_the_words_the_team_weighed(deck, mention, options):
    texts = ["Goal: 200 more households signed up to the flood alerts by March", mention]
    assert _facts(deck, texts).options == options


def test_which_one_weighs_the_options_named_above_it(deck):
    texts = ["Two ideas: door drops or parish magazine ads", "<@U0COACH> which one?"]
    assert _facts(deck, texts).options == ("door drops", "parish magazine ads")


def test_a_plan_that_lists_channels_weighs_no_options(deck):
    texts = ["<@U0COACH> plan is: a blog a day, IG stories or a LinkedIn post. thoughts?"]
    assert _facts(deck, texts).options == ()


def test_a_channel_named_as_how_a_scam_reaches_people_is_not_what_the_mention_is_about(deck):
    texts = [
        "Pensioners are getting scam texts on WhatsApp pretending to be the council",
        "Goal: 300 more over-75s signed up to the call-blocker scheme by April",
        "<@U0COACH> posts or radio?",
    ]
    facts = _facts(deck, texts)
    assert facts.options == ("posts", "radio") and "WhatsApp" not in facts.channels


def test_the_budget_is_money_to_spend_not_a_sum_the_plan_is_about(deck):
    texts = [
        "Arrears are up £310k on last year",
        "We've got £6k left in the budget for this",
        "<@U0COACH> split?",
    ]
    assert _facts(deck, texts).budget == "£6k"
    assert _facts(deck, texts[:1] + texts[2:]).budget == ""


# -- the answer ---------------------------------------------------------------------------------------------


def test_a_choice_is_answered_by_a_question_that_names_both_options(deck):
    texts = [
        "Goal: 200 more households signed up to the flood alerts by March",
        "<@U0COACH> radio or roadside signs?",
    ]
    plan = read_plan(deck, texts)
    found = answer(deck, plan, facts_of(deck, plan, texts), set(), "seed")
    assert found is not None and {"channel", "other_channel"} <= set(found.question.slots)
    assert "radio" in found.text and "roadside signs" in found.text


def test_three_options_are_not_answered_by_a_question_naming_two(deck):
    texts = ["Goal: 40 new drivers by June", "<@U0COACH> LinkedIn ads, Indeed or a jobs fair?"]
    plan = read_plan(deck, texts)
    assert answer(deck, plan, facts_of(deck, plan, texts), set(), "seed") is None


def _in_turn(deck, texts, n):
    """The answers to the same mention n times in one thread (each remembered as asked), until none fits."""
    plan = read_plan(deck, texts)
    facts = facts_of(deck, plan, texts)
    asked: set[str] = set()
    found = []
    for i in range(n):
        one = answer(deck, plan, facts, asked, f"s{i}")
        if one is None:
            break
        found.append(one)
        asked.add(one.question.id)
    return found


def test_a_question_already_asked_in_the_thread_is_not_asked_again(deck):
    texts = ["Goal: 200 more households signed up to the flood alerts by March", "<@U0COACH> radio or signs?"]
    # more than the ten paradoxes: a repeat would come round again without the guard
    ids = [found.question.id for found in _in_turn(deck, texts, 12)]
    assert len(ids) == 12 and len(set(ids)) == 12


# -- the coach's replies ------------------------------------------------------------------------------------


def test_a_choice_with_no_goal_is_nudged_naming_both_options(coach):  # noqa: F811
    reply = coach.thread(
        Place.in_thread("T1", "C1", "1.0"), ["<@U0COACH> radio or roadside signs?"], "U1", "s"
    )
    assert reply.kind == "goal_nudge"
    assert "radio" in reply.text.lower() and "roadside signs" in reply.text


def test_the_how_to_goes_only_on_a_first_nudge_in_a_thread(coach):  # noqa: F811
    place = Place.in_thread("T1", "C1", "2.0")
    first = coach.thread(place, ["We want a TikTok", "<@U0COACH> thoughts?"], "U1", "s", turn=0)
    later = coach.thread(place, ["We want a TikTok", "<@U0COACH> thoughts?", "and?"], "U1", "s", turn=1)
    assert "/paradox goal" in str(first.parts) and "/paradox goal" not in str(later.parts)


def test_a_nudge_answers_how_to_measure_by_asking_what_it_is_for(coach, deck):  # noqa: F811
    texts = ["We're launching an alumni newsletter next month", "<@U0COACH> how should we measure it?"]
    assert read_plan(deck, texts).ask == "measure"
    reply = coach.thread(Place.in_thread("T1", "C1", "3.0"), texts, "U1", "s")
    assert reply.kind == "goal_nudge" and "measure" in reply.text.lower(), reply.text


def test_a_goal_reply_names_the_options_and_quotes_the_goal_alone(coach):  # noqa: F811
    texts = [
        "&gt; Goal: 200 more households signed up to the flood alerts by March",
        "<@U0COACH> radio or roadside signs?",
    ]
    reply = coach.thread(Place.in_thread("T1", "C1", "4.0"), texts, "U1", "s")
    assert reply.kind == "goal_recorded"
    assert ">Goal: 200 more households" in reply.parts[0].text and "&gt;" not in reply.parts[0].text
    assert "radio" in reply.text and "roadside signs" in reply.text
    assert "Hello" not in reply.text and "Thanks for bringing me in" not in reply.text


def test_options_that_are_groups_of_people_get_an_audience_answer_naming_them(coach, deck):  # noqa: F811
    texts = [
        "Goal: 400 more members renewing online by June",
        "<@U0COACH> do we tell members or staff first?",
    ]
    facts = _facts(deck, texts)
    assert facts.options == ("members", "staff") and facts.groups
    reply = coach.thread(Place.in_thread("T1", "C1", "5.0"), texts, "U1", "s")
    assert "Members or staff?" in reply.text and "Audience insight" in str(reply.parts)


def test_options_that_are_times_are_not_channels(deck):
    texts = ["Goal: 400 more members renewing online by June", "<@U0COACH> too early or too late?"]
    assert _facts(deck, texts).options == ()


@pytest.mark.parametrize(
    "goal",
    [
        "We need 60% of over-75s to have had the RSV jab before the clocks go back",
        "Nod: 200 yn fwy o rieni'n cofrestru cyn hanner tymor",
        "Goal: 300 more carers registered in FY25/26",
        "Target is 500 more households on direct debit in Q3",
        "Aim: 150 more students using the careers service by the end of the summer term",
    ],
)
def test_a_date_in_any_form_people_write_it_is_not_asked_for_again(deck, goal):
    assert "date" not in gaps(read_plan(deck, [goal, "<@U0COACH> thoughts?"]))


@pytest.mark.parametrize(
    "goal",
    [
        "Goal: food waste recycling up to 60% among flats and terraces by March",
        "Goal: 30 more mosques hosting a health check day by Ramadan",
    ],
)
def test_a_goal_that_counts_a_group_is_not_asked_who(deck, goal):
    assert "audience" not in gaps(read_plan(deck, [goal, "<@U0COACH> thoughts?"]))


def test_a_nudge_says_back_the_deadline_and_budget_and_asks_only_for_what_is_missing(coach):  # noqa: F811
    texts = [
        "We've got £6k left in the budget for the bus safety push before March",
        "<@U0COACH> posters or radio?",
    ]
    reply = coach.thread(Place.in_thread("T1", "C1", "6.0"), texts, "U1", "s")
    assert reply.kind == "goal_nudge"
    assert "£6k" in reply.text and "before March" in reply.text and "by when" not in reply.text.lower()


def test_ok_to_send_gets_a_check_of_the_draft_not_an_awareness_lecture(coach, deck):  # noqa: F811
    texts = [
        "We want to raise awareness of the new bulky waste booking line",
        "Draft post: 'Book your bulky waste collection online from 1 May at our website'",
        "<@U0COACH> ok to send?",
    ]
    assert read_plan(deck, texts).ask == "sanity"
    reply = coach.thread(Place.in_thread("T1", "C1", "7.0"), texts, "U1", "s")
    assert "first line" in reply.text and "became aware" not in reply.text


def test_how_to_measure_is_never_answered_with_a_question_weighing_two_channels(deck):
    texts = [
        "Goal: 200 more households signed up to flood alerts by March. Plan: radio and roadside signs",
        "<@U0COACH> how do we know if it was our comms that did it?",
    ]
    assert read_plan(deck, texts).ask == "measure"
    for found in _in_turn(deck, texts, 10):
        assert "other_channel" not in found.question.slots, found.text
        assert found.step in deck.paradox_of(found.question.id).oasis  # the lead names the question's step


def test_a_count_under_a_number_is_not_people_under_that_age(deck):
    texts = [
        "Goal: no-access gas appointments down from 150 to under 50 a quarter by March",
        "<@U0COACH> thoughts?",
    ]
    assert "under 50" not in _facts(deck, texts).audience


def test_a_start_date_is_not_said_back_as_a_deadline(coach):  # noqa: F811
    texts = ["New bin collection days from January, £3k left in the budget", "<@U0COACH> leaflets or radio?"]
    reply = coach.thread(Place.in_thread("T1", "C1", "8.0"), texts, "U1", "s")
    assert "£3k" in reply.text and "deadline" not in reply.text


def test_a_thread_that_gives_the_baseline_is_not_asked_where_things_stand(deck):
    texts = [
        "Objective: 60 new foster carer enquiries by the end of March (we had 35 last year)",
        "<@U0COACH> how do we measure this properly?",
    ]
    answers = _in_turn(deck, texts, 8)
    assert answers  # it still answers, with another question
    for found in answers:
        assert "stand today" not in found.text, found.text


def test_a_deadline_the_reader_reads_is_said_back_as_one(coach):  # noqa: F811
    texts = [
        "£2k for the fostering push, it has to land within 6 weeks",
        "<@U0COACH> thoughts on a press release?",
    ]
    reply = coach.thread(Place.in_thread("T1", "C1", "9.0"), texts, "U1", "s")
    assert "a deadline (within 6 weeks)" in reply.text, reply.text
