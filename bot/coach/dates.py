"""Dates and times said in the reply's language: "Friday 4 December", "dydd Gwener 4 Rhagfyr".

Babel carries CLDR's Welsh month and day names (and their grammar), which no hand-written table should
try to keep; the coach only lowers the capital CLDR gives "Dydd", because Welsh writes the day's name
mid-sentence as "dydd Gwener".
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime

_LOCALES = {"cy": "cy", "en": "en_GB"}


def day(when: date, lang: str, *, year: bool = False) -> str:
    """The weekday, day and month (and year): "Friday 4 December 2026", "dydd Gwener 4 Rhagfyr 2026"."""
    text = format_date(when, "EEEE d MMMM y" if year else "EEEE d MMMM", locale=_LOCALES.get(lang, "en_GB"))
    return _lowered(text, lang)


def month(when: date, lang: str) -> str:
    """The month and year: "December 2026", "Rhagfyr 2026"."""
    return format_date(when, "LLLL y", locale=_LOCALES.get(lang, "en_GB"))


def moment(when: datetime, lang: str) -> str:
    """A day and time, for logs people read: "4 Dec 2026 16:00", "4 Rhag 2026 16:00"."""
    return format_datetime(when, "d MMM y HH:mm", locale=_LOCALES.get(lang, "en_GB"))


def _lowered(text: str, lang: str) -> str:
    return text[0].lower() + text[1:] if lang == "cy" and text.startswith("Dydd") else text
