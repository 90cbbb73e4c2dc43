"""When the monthly digest is due: the first working day, public holidays, the lead's timezone, catch-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.coach.command import Form
from bot.coach.storage import DigestSubscription
from bot.digest.command import parse_digest
from bot.digest.schedule import due_slot, first_working_day, month_before, next_due

CATCH_UP = timedelta(hours=6)


def _sub(tz="Europe/London", calendar="", created=0.0) -> DigestSubscription:
    return DigestSubscription("T1", "U1", tz, calendar, created)


@pytest.mark.parametrize(
    ("year", "month", "calendar", "expected"),
    [
        (2027, 1, "", date(2027, 1, 1)),  # a Friday
        (2027, 1, "GB-ENG", date(2027, 1, 4)),  # New Year's Day is a bank holiday
        (2027, 1, "GB-SCT", date(2027, 1, 5)),  # Scotland also keeps 2 January (moved to Monday 4th)
        (2026, 8, "", date(2026, 8, 3)),  # 1 August 2026 is a Saturday
        (2027, 5, "GB-ENG", date(2027, 5, 4)),  # Saturday 1st, bank holiday Monday 3rd
        (2027, 5, "", date(2027, 5, 3)),
    ],
)
def test_the_first_working_day(year, month, calendar, expected):
    assert first_working_day(year, month, calendar) == expected


def test_due_at_nine_local_and_caught_up_within_the_window():
    london, new_york = _sub(), _sub(tz="America/New_York")
    at = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)
    assert due_slot(london, at, catch_up=CATCH_UP) == "2027-01"
    assert due_slot(london, at - timedelta(minutes=1), catch_up=CATCH_UP) is None
    assert due_slot(new_york, at, catch_up=CATCH_UP) is None  # 04:00 in New York
    assert due_slot(new_york, at + timedelta(hours=5), catch_up=CATCH_UP) == "2027-01"
    assert due_slot(london, at + timedelta(hours=7), catch_up=CATCH_UP) is None  # too late: next month
    # A July slot in London is 08:00 UTC (summer time).
    assert due_slot(london, datetime(2027, 7, 1, 8, 0, tzinfo=UTC), catch_up=CATCH_UP) == "2027-07"


def test_a_subscription_made_after_this_months_digest_waits_for_the_next():
    made = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    sub = _sub(created=made.timestamp())
    assert due_slot(sub, made + timedelta(minutes=5), catch_up=CATCH_UP) is None
    assert next_due(sub, made) == datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def test_a_digest_reports_the_month_before_its_slot():
    assert month_before("2027-01") == (2026, 12) and month_before("2026-08") == (2026, 7)


@pytest.mark.parametrize(
    ("words", "form", "text"),
    [
        ([], Form.DIGEST_SHOW, ""),
        (["on"], Form.DIGEST_ON, ""),
        (["ON", "gb-eng"], Form.DIGEST_ON, "GB-ENG"),
        (["off"], Form.DIGEST_OFF, ""),
        (["sometimes"], Form.ERROR, "sometimes"),  # the words quoted back in the error
        (["ymlaen"], Form.DIGEST_ON, ""),
    ],
)
def test_the_digest_words(words, form, text):
    cmd = parse_digest(words)
    assert cmd.form is form and cmd.text == text
