"""The date a goal names (bot/coach/goal_dates.py) and when its follow-up is due (bot/followup/schedule.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.coach.followup import MAX_ASKS, next_ask_after
from bot.coach.goal_dates import goal_date, phrase_date
from bot.coach.storage import Goal
from bot.followup.schedule import first_working_day_after, followup_at

TODAY = date(2026, 12, 8)  # a Tuesday

PHRASES = [
    ("31 January", date(2027, 1, 31)),
    ("by 31 January", date(2027, 1, 31)),
    ("by 31st of January 2028", date(2028, 1, 31)),
    ("January 31st", date(2027, 1, 31)),
    ("before the consultation closes on 14 March", date(2027, 3, 14)),
    ("14/02/2027", date(2027, 2, 14)),
    ("by 2027-05-01", date(2027, 5, 1)),
    ("end of March", date(2027, 3, 31)),
    ("by the end of March", date(2027, 3, 31)),
    ("by May", date(2027, 5, 31)),
    ("by December", date(2026, 12, 31)),
    ("Q3", date(2027, 9, 30)),
    ("by the end of Q4", date(2026, 12, 31)),
    ("Q1 2028", date(2028, 3, 31)),
    ("H1", date(2027, 6, 30)),
    ("end of the financial year", date(2027, 3, 31)),
    ("by FY27/28", date(2028, 3, 31)),
    ("in 2027/28", date(2028, 3, 31)),
    ("end of the academic year", date(2027, 7, 31)),
    ("by the end of term", date(2026, 12, 20)),
    ("by the end of the summer term", date(2027, 7, 20)),
    ("summer half term", date(2027, 6, 4)),  # the week of the late May bank holiday (31 May 2027)
    ("by October half term", date(2027, 10, 29)),
    ("by half term", date(2027, 2, 19)),
    ("by Christmas", date(2026, 12, 25)),
    ("before Easter", date(2027, 3, 28)),
    ("by the summer", date(2027, 8, 31)),
    ("within six months", date(2027, 6, 8)),
    ("in 3 weeks", date(2026, 12, 29)),
    ("this month", date(2026, 12, 31)),
    ("next month", date(2027, 1, 31)),
    ("next quarter", date(2027, 3, 31)),
    ("by the end of the year", date(2026, 12, 31)),
    ("by Friday", date(2026, 12, 11)),
    ("by 2028", date(2028, 12, 31)),
    # Welsh
    ("erbyn diwedd mis Mawrth", date(2027, 3, 31)),
    ("31 Ionawr", date(2027, 1, 31)),
    ("erbyn 31 Ionawr", date(2027, 1, 31)),
    ("erbyn mis Mai", date(2027, 5, 31)),
    ("erbyn y Nadolig", date(2026, 12, 25)),
    ("erbyn yr haf", date(2027, 8, 31)),
    ("erbyn diwedd y flwyddyn ariannol", date(2027, 3, 31)),
    ("erbyn diwedd y tymor", date(2026, 12, 20)),
    ("erbyn hanner tymor yr haf", date(2027, 6, 4)),
    ("eleni", date(2026, 12, 31)),
    ("erbyn diwedd y flwyddyn nesaf", date(2027, 12, 31)),
    ("ymhen tri mis", None),  # Welsh number words are not read: no date rather than a guess
    # unknown: no date
    ("soon", None),
    ("as soon as possible", None),
    ("raise awareness", None),
]


@pytest.mark.parametrize(("phrase", "expected"), PHRASES)
def test_every_date_form(phrase, expected):
    assert phrase_date(phrase, TODAY) == expected


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        ("300 more foster carer enquiries by 31 January", date(2027, 1, 31)),
        (
            "400 yn fwy o aelwydydd yn Wrecsam yn archebu bin gwastraff bwyd erbyn diwedd mis Mawrth",
            date(2027, 3, 31),
        ),
        ("We may get 40% more sign-ups by summer half term", date(2027, 6, 4)),
        ("20% more visits to the site in Q3", date(2027, 9, 30)),
        ("500 people may register, so March on", None),  # "may" and "march" as verbs are not dates
        ("Get more people to foster", None),
    ],
)
def test_the_date_in_a_goal_sentence(goal, expected):
    assert goal_date(goal, TODAY) == expected


def test_the_follow_up_is_at_ten_on_the_first_working_day_after_the_date():
    # Sunday 31 January 2027: Monday 1 February at 10:00 London (GMT)
    assert followup_at(date(2027, 1, 31)) == datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
    # Friday 11 June 2027 in New York: Monday 14 June, 10:00 EDT = 14:00 UTC
    assert followup_at(date(2027, 6, 11), "America/New_York") == datetime(2027, 6, 14, 14, 0, tzinfo=UTC)
    # summer time in London: 10:00 BST = 09:00 UTC
    assert followup_at(date(2027, 6, 14)) == datetime(2027, 6, 15, 9, 0, tzinfo=UTC)
    # an unknown timezone is London's
    assert followup_at(date(2027, 1, 31), "Not/AZone") == datetime(2027, 2, 1, 10, 0, tzinfo=UTC)


def test_holidays_of_the_channels_calendar_are_skipped():
    # 24 December 2026 (Thursday): 25 and 26 (Saturday), 27, 28 (Boxing Day substitute) are not working days
    assert first_working_day_after(date(2026, 12, 24)) == date(2026, 12, 25)  # no calendar: weekends only
    assert first_working_day_after(date(2026, 12, 24), "GB-WLS") == date(2026, 12, 29)
    # Easter Monday 2027 (29 March) in England
    assert first_working_day_after(date(2027, 3, 28), "GB-ENG") == date(2027, 3, 30)
    assert first_working_day_after(date(2027, 3, 28), "NO-SUCH") == date(2027, 3, 29)


def test_too_early_asks_again_after_four_weeks_at_most_twice():
    goal = Goal("T", "C", "", "x", "U", 0.0, due_on="2027-01-31")
    assert next_ask_after(Goal(**{**goal.__dict__, "asks": 1}), "too_early", TODAY) == "2027-01-05"
    assert next_ask_after(Goal(**{**goal.__dict__, "asks": 2}), "too_early", TODAY) == "2027-01-05"
    assert next_ask_after(Goal(**{**goal.__dict__, "asks": MAX_ASKS}), "too_early", TODAY) == ""
    assert next_ask_after(Goal(**{**goal.__dict__, "asks": 1}), "met", TODAY) == ""
