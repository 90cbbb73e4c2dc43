"""When a goal's follow-up is due: 10:00 on the first working day after its date, where its setter is.

Plain Python. "Working day": not a Saturday or Sunday, and not a public holiday of the channel's calendar
when its weekly prompt has one (`/paradox weekly holidays GB-WLS`), the same calendars as weekly prompts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.weekly.schedule import CalendarError, calendar

DEFAULT_TIMEZONE = "Europe/London"  # the setter's timezone when Slack does not say
LOCAL_TIME = time(10, 0)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def first_working_day_after(day: date, calendar_name: str = "") -> date:
    try:
        holidays = calendar(calendar_name) if calendar_name else {}
    except CalendarError:
        holidays = {}  # a calendar code that no longer exists: weekends only
    day += timedelta(days=1)
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day


def followup_at(after: date, timezone: str = "", calendar_name: str = "") -> datetime:
    """The UTC moment of the follow-up for a goal dated `after`."""
    local = datetime.combine(first_working_day_after(after, calendar_name), LOCAL_TIME, tzinfo=zone(timezone))
    return local.astimezone(UTC)
