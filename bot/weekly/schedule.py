"""When a weekly prompt is due: local day and time, daylight saving, public holidays, pauses, catch-up.

Plain Python. A slot is one week's prompt: its nominal local date (the key that makes it
once-per-week) and the UTC moment it is due, after moving off a public holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@dataclass(frozen=True)
class Rule:
    weekday: int  # Monday = 0
    local_time: str  # HH:MM
    timezone: str
    calendar: str = ""  # "GB-ENG", "US-NY", "" for none
    resume_on: str = ""  # ISO date: slots before it are skipped


@dataclass(frozen=True)
class Slot:
    nominal: date  # the local date the rule names; the once-a-week key
    due: datetime  # UTC


class CalendarError(ValueError):
    pass


@lru_cache(maxsize=64)
def calendar(name: str):
    """The public holidays of `COUNTRY[-SUBDIVISION]`, e.g. GB-ENG, GB-SCT, US-NY, DE."""
    country, _, subdiv = name.upper().partition("-")
    try:
        return holidays.country_holidays(country, subdiv=subdiv or None)
    except (NotImplementedError, KeyError, ValueError) as exc:
        raise CalendarError(str(exc)) from None


def _local(day: date, hhmm: str, tz: ZoneInfo) -> datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    # zoneinfo resolves the clock change for us: a time in the spring gap lands an hour later.
    return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)


def slot_for(rule: Rule, nominal: date) -> Slot:
    tz = ZoneInfo(rule.timezone)
    day = nominal
    if rule.calendar:
        cal = calendar(rule.calendar)
        if day in cal:
            day += timedelta(days=1)
            while day in cal or day.weekday() >= 5:
                day += timedelta(days=1)  # the next working day, at the same local time
    return Slot(nominal, _local(day, rule.local_time, tz))


def _nominal_on_or_before(rule: Rule, moment: datetime) -> date:
    local_day = moment.astimezone(ZoneInfo(rule.timezone)).date()
    return local_day - timedelta(days=(local_day.weekday() - rule.weekday) % 7)


def latest_slot(rule: Rule, now: datetime) -> Slot | None:
    """The most recent slot already due at `now` (a holiday can push a slot past the next nominal day)."""
    start = _nominal_on_or_before(rule, now)
    for weeks in range(0, 3):
        slot = slot_for(rule, start - timedelta(weeks=weeks))
        if slot.due <= now:
            return slot
    return None


def next_slots(rule: Rule, after: datetime, count: int = 1) -> list[Slot]:
    """The next `count` slots due after `after`, honouring a pause (resume_on)."""
    out: list[Slot] = []
    nominal = _nominal_on_or_before(rule, after) - timedelta(weeks=1)
    resume = date.fromisoformat(rule.resume_on) if rule.resume_on else None
    while len(out) < count:
        slot = slot_for(rule, nominal)
        if slot.due > after and (resume is None or slot.nominal >= resume):
            out.append(slot)
        nominal += timedelta(weeks=1)
    return out


def due_now(rule: Rule, now: datetime, *, created_at: datetime, catch_up: timedelta) -> Slot | None:
    """The slot to post at `now`, if any.

    Catch-up rule: a slot is posted if it is less than `catch_up` late; an older one is skipped and
    the channel waits for next week. Only the latest slot is ever considered, so missed weeks never
    arrive in a burst.
    """
    slot = latest_slot(rule, now)
    if slot is None or slot.due < created_at or now - slot.due > catch_up:
        return None
    if rule.resume_on and slot.nominal < date.fromisoformat(rule.resume_on):
        return None
    return slot
