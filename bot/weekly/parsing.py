"""Reading days, times and timezones as people type them, in `/paradox weekly` and in the config file."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_ALIASES = (
    {d[:3]: i for i, d in enumerate(DAYS)}
    | {d: i for i, d in enumerate(DAYS)}
    | {
        "tues": 1,
        "weds": 2,
        "thur": 3,
        "thurs": 3,
    }
)
# Welsh day names, typed with or without "dydd" (`/paradox weekly dydd gwener 16:00`, `weekly gwener 16:00`).
WELSH_DAYS = {"llun": 0, "mawrth": 1, "mercher": 2, "iau": 3, "gwener": 4, "sadwrn": 5, "sul": 6}
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_day(word: str) -> int | None:
    welsh = WELSH_DAYS.get(word.strip().lower())
    if welsh is not None:
        return welsh
    return _DAY_ALIASES.get(
        word.strip().lower().rstrip("s") if word.lower() not in _DAY_ALIASES else word.lower()
    )


def parse_time(word: str) -> str | None:
    match = _TIME.match(word.strip().lower())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group(2) is None:
        return None  # a bare "9" is ambiguous: ask for 09:00
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def check_timezone(name: str) -> str | None:
    """The canonical IANA name, or None when it is not one."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-/]{0,63}", name) or ".." in name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # Try the common miscasing ("europe/london") before giving up.
        fixed = "/".join(part[:1].upper() + part[1:] for part in name.lower().split("/"))
        if fixed != name:
            return check_timezone(fixed)
        return None
    return name
