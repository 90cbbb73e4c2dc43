"""When a lead's monthly digest is due: the first working day of the month, at their local time.

Working days are weekdays that are not public holidays in the lead's calendar (the `holidays`
package, when they named one with `/paradox digest on GB-ENG`; otherwise weekdays). Plain Python.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.coach.storage import DigestSubscription
from bot.weekly.schedule import calendar

DIGEST_TIME = time(9, 0)  # local time the digest arrives


def first_working_day(year: int, month: int, holidays_of: str = "") -> date:
    cal = calendar(holidays_of) if holidays_of else {}
    day = date(year, month, 1)
    while day.weekday() >= 5 or day in cal:
        day += timedelta(days=1)
    return day


def due_at(sub: DigestSubscription, year: int, month: int) -> datetime:
    day = first_working_day(year, month, sub.calendar)
    return datetime.combine(day, DIGEST_TIME, tzinfo=ZoneInfo(sub.timezone)).astimezone(UTC)


def due_slot(sub: DigestSubscription, now: datetime, *, catch_up: timedelta) -> str | None:
    """The month ("YYYY-MM") whose digest is due at `now`, if any; a late run catches up within `catch_up`."""
    local = now.astimezone(ZoneInfo(sub.timezone))
    due = due_at(sub, local.year, local.month)
    if due > now or now - due > catch_up or due.timestamp() < sub.created_at:
        return None
    return f"{local.year:04d}-{local.month:02d}"


def next_due(sub: DigestSubscription, now: datetime) -> datetime:
    local = now.astimezone(ZoneInfo(sub.timezone))
    year, month = local.year, local.month
    for _ in range(2):
        due = due_at(sub, year, month)
        if due > now:
            return due
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return due


def month_before(slot: str) -> tuple[int, int]:
    """The month a digest reports on: the one before its slot."""
    year, month = (int(x) for x in slot.split("-"))
    return (year, month - 1) if month > 1 else (year - 1, 12)
