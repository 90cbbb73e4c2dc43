"""Goals as managers write them, and the lines that look like goals but are not (issue 21, second round).

Each structure is read from its grammar, in English and in Welsh: a level now and the level wanted, a
number of people in post, a finding from research, a result already reached, a group named as the
target, a goal that belongs to other work, and a goal withdrawn by its number.
"""

from __future__ import annotations

import pytest

from bot.coach.reader import read_goal, read_plan, reader_for
from bot.coach.reader.goal_sentence import read_sentence


@pytest.mark.parametrize(
    "text",
    [
        "Pension credit take-up among eligible over-80s: 61% → 70% by 31 March",
        "Blue badge renewals online: 48% now, 75% by March",
        "Taliadau drwy ddebyd uniongyrchol: 58% → 66% erbyn diwedd Mawrth",
        "Specials in post, east division: 31 now, 43 by April",
    ],
)
def test_a_level_now_and_the_level_wanted_is_a_goal_without_a_verb(deck, text):
    goal = read_goal([text], deck)
    assert goal.stated and goal.rule == "baseline_target", goal


def test_a_level_moved_on_an_output_counts_an_output(deck):
    assert read_goal(["Instagram followers: 8.2k → 11k by June"], deck).rule == "output_level"
    # a number like "the baseline" is not a level moved
    assert not read_goal(["the data team can't give us a baseline until next year"], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "We need 24 new retained firefighters in post across the north by April",
        "Mentoring scheme: 40 mentors trained and matched by Easter",
        "Angen 12 gweithiwr cymdeithasol newydd mewn swydd erbyn Ionawr",
    ],
)
def test_a_number_of_people_in_post_by_a_date_is_a_goal(deck, text):
    goal = read_goal([text], deck)
    assert goal.stated and goal.rule == "count_in_post", goal


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Resident survey: 57% of households don't know they can book a bulky collection online", "finding"),
        ("Ymchwil newydd: dim ond 31% o rieni sy'n gwybod am y cynnig gofal plant", "finding"),
        ("Quick recap of the summer fair: target was 3,000 visitors, we got 3,350", "past_result"),
        ("Llongyfarchiadau! nod oedd 150 o wirfoddolwyr a gyrhaeddon ni 170", "past_result"),
    ],
)
def test_a_finding_or_a_result_already_reached_is_no_goal(deck, text, rule):
    goal = read_sentence(text, reader_for(deck))
    assert not goal.stated and goal.rule == rule, goal


def test_a_finding_beside_a_target_date_or_a_result_cited_as_a_baseline_leaves_the_goal(deck):
    assert read_goal(
        ["Trust in the council from 38% to 45% by next March (baseline: residents' survey)"], deck
    ).stated
    cited = "Objective: 300 new monthly donors by 30 June (we got 190 in the same window last year)"
    assert read_goal([cited], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "Target = dads 30-50 in the valleys wards",
        "Targed = pobl ifanc 16-25 sy ddim yn dod i'r theatr",
        "Target = students at the two colleges, September",
    ],
)
def test_a_target_that_names_a_group_is_an_audience_not_a_goal(deck, text):
    goal = read_sentence(text, reader_for(deck))
    assert not goal.stated and goal.rule in ("audience_target", ""), goal
    assert (
        read_sentence("Target = dads 30-50 in the valleys wards", reader_for(deck)).rule == "audience_target"
    )
    # a target that counts people acting stays a goal
    assert read_goal(["Target = 400 dads booking a health check by March"], deck).stated


@pytest.mark.parametrize(
    "thread",
    [
        [
            "Reminder the apprenticeships goal is 900 enrolments by Sept",
            "Separate thing: the awards video and a LinkedIn series",
        ],
        [
            "FYI the county target is 4,000 Dementia Friends by 2027 but that's the ICB's, not ours",
            "we're doing window stickers",
        ],
        [
            "Atgoffa: nod y dreth gyngor ydi 70% ar ddebyd uniongyrchol erbyn Mawrth",
            "Ond rŵan: yr amserlen biniau newydd, llythyr i bob tŷ a post ar FB",
        ],
    ],
)
def test_a_goal_that_belongs_to_other_work_is_set_aside(deck, thread):
    plan = read_plan(deck, [*thread, "<@U0COACH> thoughts?"])
    assert not plan.goal.stated, plan.goal
    assert plan.verdict == "nudge", plan.rule


def test_a_goal_stated_after_the_switch_is_this_works_goal(deck):
    thread = [
        "Flu goal is 70% of staff by Dec",
        "Separate thing: the awards. Goal is 300 nominations by 1 May",
    ]
    assert "300 nominations" in read_goal(thread, deck).sentence


@pytest.mark.parametrize(
    "thread",
    [
        ["Goal: 800 more people registered as organ donors by Easter", "scratch the 800, we've no baseline"],
        ["Nod: 30% yn fwy o bobl yn cofrestru erbyn yr haf", "na, anghofiwch y 30% am rŵan"],
        ["Objective was 'cut complaints by 25%' but I've taken it out for now"],
    ],
)
def test_a_goal_withdrawn_by_its_number_or_taken_out_is_withdrawn(deck, thread):
    plan = read_plan(deck, [*thread, "so posters and a video <@U0COACH> ok?"])
    assert plan.verdict == "nudge" and not plan.goal.stated, plan.rule


# -- round three: money, places filled, people wanted, findings in time, a level said across a clause ------


@pytest.mark.parametrize(
    "text",
    [
        "We've got £9k left in the road safety pot before year end",
        "Cabinet have approved 15k for a new fostering video",
        "Mae £2,500 gyda ni i hyrwyddo'r ganolfan ieuenctid cyn y Pasg",
    ],
)
def test_money_to_spend_is_a_budget_not_a_goal(deck, text):
    goal = read_sentence(text, reader_for(deck))
    assert not goal.stated and goal.rule == "budget", goal


def test_money_to_raise_is_still_a_goal(deck):
    assert read_goal(["Our goal is to raise £40k from new regular donors by June"], deck).stated


def test_a_budget_is_planning_talk_with_nothing_else_said(deck):
    plan = read_plan(
        deck, ["Ma'r cyngor 'di rhoi £800 i ni i hyrwyddo'r caffi trwsio", "<@U0COACH> syniadau?"]
    )
    assert plan.verdict == "coach", plan.rule


@pytest.mark.parametrize(
    "text",
    [
        "Community safety want to fill 150 of the spare self-defence class places by half term",
        "Angen recriwtio 30 o bobl i'r cynllun cyfeillio erbyn mis Tachwedd",
        "We need 14 more on-call firefighters at the two valley stations by next April",
        "Mae'r tîm angen 40 yn rhagor o ofalwyr maeth erbyn diwedd y flwyddyn",
    ],
)
def test_places_filled_and_people_wanted_by_a_date_are_goals(deck, text):
    assert read_goal([text], deck).stated


def test_places_filled_last_year_are_news(deck):
    assert not read_goal(["the team filled 150 places on the course last year"], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "From the tenant survey this year: 48% didn't know repairs can be reported online",
        "Only 12% of our care leavers from the two western wards went to college last year",
        "We've had 340 fly-tipping reports from the industrial estate this year",
    ],
)
def test_a_finding_placed_in_time_is_still_a_finding(deck, text):
    goal = read_sentence(text, reader_for(deck))
    assert not goal.stated and goal.rule == "finding", goal


def test_a_finding_with_a_deadline_to_reach_is_a_goal(deck):
    text = "The parent survey says 30% book online; we want 55% booking online by September"
    assert read_goal([text], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "Hawlio'r lwfans gofalwyr: 64% o'r rhai cymwys → 72% erbyn mis Mawrth",
        "Bowel screening uptake is 54% at the moment, we need to hit 62% by the end of March",
        "Brechlyn MMR1 erbyn 2 oed: 89% ar y funud, angen cyrraedd 95% erbyn yr haf",
        "Mae'r nifer sy'n dod i'r sesiynau yn 40% ar hyn o bryd; dylai fod yn 55% erbyn yr haf",
    ],
)
def test_a_level_now_and_wanted_across_a_clause_is_a_goal(deck, text):
    assert read_goal([text], deck).stated


@pytest.mark.parametrize(
    "text",
    [
        "Target = mums who stopped breastfeeding in the first fortnight",
        "Targed = rhieni plant 4 oed sy' heb gofrestru am le meithrin",
        "Target = people living alone over 75, about 2,400 households",
    ],
)
def test_a_target_naming_a_group_by_what_it_does_is_an_audience(deck, text):
    goal = read_sentence(text, reader_for(deck))
    assert goal.rule == "audience_target", goal


@pytest.mark.parametrize(
    "text",
    [
        "Success = 600 toolkit downloads and a mention in the trade press",
        "Nod: cyrraedd 30,000 o bobl yn y sir cyn y gwyliau",
        "success is 5k people watching the explainer film by polling day",
    ],
)
def test_counts_of_what_was_published_or_seen_are_outputs(deck, text):
    assert read_goal([text], deck).strength == "output"


def test_a_goal_withdrawn_in_welsh_is_withdrawn(deck):
    plan = read_plan(
        deck,
        [
            "Nod: 120 o ddysgwyr newydd yn cofrestru erbyn Ionawr",
            "dydi'r nod 'na ddim wedi'i gytuno eto, tynnwch y nod allan am rŵan",
            "Felly posteri a fideo ar Facebook <@U0COACH> be ti'n feddwl?",
        ],
    )
    assert plan.verdict == "nudge" and plan.withdrawn, plan.rule


def test_a_goal_set_beside_the_work_belongs_to_other_work(deck):
    plan = read_plan(
        deck,
        [
            "For context, the active travel programme target is 15 schools with a walking bus by 2027.",
            "This sits alongside it",
            "Banners on the railings and a Facebook live with the head <@U0COACH> anything missing?",
        ],
    )
    assert plan.verdict == "nudge", plan.rule


# -- which line is the goal: the one the judges of the replies said was quoted wrong ------------------------


def test_in_a_list_of_key_results_the_first_is_the_goal(deck):
    text = (
        "Objective: more families using the holiday food scheme\n"
        "KR1: 1,800 children booked onto a session by 20 July\n"
        "KR2: 300 families back for a second session by 31 August\n"
        "KR3: 500 clicks on the booking page"
    )
    assert read_goal([text], deck).sentence.startswith("KR1: 1,800 children booked")


def test_a_later_line_in_the_same_message_wins_when_it_says_how_much_and_by_when(deck):
    text = "Ops want more people applying to be retained firefighters. They need 60 new applications by next May."
    assert read_goal([text], deck).sentence.startswith("They need 60 new applications")


@pytest.mark.parametrize(
    "text",
    [
        "Currently 41% of tenants pay by direct debit.",
        "Ar hyn o bryd mae tua 22% o gwynion yn dod drwy'r wefan.",
    ],
)
def test_where_things_stand_today_is_no_goal(deck, text):
    assert not read_goal([text], deck).stated


def test_a_baseline_in_brackets_leaves_the_goal_standing(deck):
    text = "Our bit: get 85% of people sent a notice to apply within the 6-week window (currently around 70%)"
    assert read_goal([text], deck).stated
