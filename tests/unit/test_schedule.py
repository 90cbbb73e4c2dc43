"""When a weekly prompt is due: local time across daylight saving, public holidays, pauses and catch-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.weekly.schedule import Rule, due_now, next_slots


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


LONG_AGO = utc("2020-01-01T00:00:00")


def test_local_time_follows_daylight_saving():
    rule = Rule(weekday=4, local_time="21:00", timezone="Europe/London")
    winter, summer = (
        next_slots(rule, utc("2026-12-01T00:00:00"))[0],
        next_slots(rule, utc("2026-06-01T00:00:00"))[0],
    )
    assert winter.due == utc("2026-12-04T21:00:00") and summer.due == utc("2026-06-05T20:00:00")


def test_a_public_holiday_moves_the_prompt_to_the_next_working_day():
    rule = Rule(weekday=0, local_time="09:00", timezone="Europe/London", calendar="GB-ENG")
    (slot,) = next_slots(rule, utc("2026-04-01T00:00:00"))
    assert slot.nominal == date(2026, 4, 6) and slot.due == utc("2026-04-07T08:00:00")  # Easter Monday


def test_a_pause_skips_the_slots_before_it():
    rule = Rule(weekday=0, local_time="09:00", timezone="UTC", resume_on="2026-01-19")
    assert [s.nominal for s in next_slots(rule, utc("2026-01-01T00:00:00"), 2)] == [
        date(2026, 1, 19),
        date(2026, 1, 26),
    ]
    assert due_now(rule, utc("2026-01-12T09:00:00"), created_at=LONG_AGO, catch_up=timedelta(hours=6)) is None


def test_a_late_slot_is_posted_within_the_catch_up_and_skipped_after():
    rule = Rule(weekday=0, local_time="09:00", timezone="UTC")
    catch_up = timedelta(hours=6)
    assert due_now(rule, utc("2026-01-05T08:59:00"), created_at=LONG_AGO, catch_up=catch_up) is None
    assert due_now(rule, utc("2026-01-05T14:59:00"), created_at=LONG_AGO, catch_up=catch_up).nominal == date(
        2026, 1, 5
    )
    assert due_now(rule, utc("2026-01-05T15:01:00"), created_at=LONG_AGO, catch_up=catch_up) is None


def test_a_slot_due_before_the_subscription_was_made_is_not_posted():
    rule = Rule(weekday=0, local_time="09:00", timezone="UTC")
    made = utc("2026-01-05T10:00:00")
    assert due_now(rule, utc("2026-01-05T10:30:00"), created_at=made, catch_up=timedelta(hours=6)) is None
