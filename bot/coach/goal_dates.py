"""The calendar date a goal names: "by 31 January", "end of Q3", "erbyn diwedd mis Mawrth".

The plan reader only finds *where* a goal says "by when" (`reader.quantities.dates`); following a goal
through needs the day itself, to ask how it went once that day has passed. Plain Python and regular
expressions: the phrases are grammar, a closed set, and a wrong guess costs one early or late message,
so a phrase this module cannot place gives no date at all rather than a guess (that goal is simply not
followed up, and its recorded reply says so).

Choices where English is loose, written down once here:
* a month alone ("by March", "erbyn mis Mawrth") means the end of that month;
* Q1-Q4 and H1/H2 are calendar quarters and halves; "the financial year" is the UK one, ending 31 March;
* a school term or half term is the one in England and Wales next ending on or after today (the usual
  dates, not a council's own calendar): the follow-up is a day or two late at worst;
* a season ends with its last month (summer: 31 August); a date with no year is the next one to come.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date, timedelta

from dateutil.easter import easter

from bot.coach.reader.forms import welsh_forms
from bot.coach.reader.quantities import WELSH_MONTHS, low
from bot.coach.reader.quantities import dates as date_spans

_EN_MONTHS = [
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sept?(?:ember)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
]
_CY_MONTHS = WELSH_MONTHS
# One alternative per month, each a named group, so a match says which month it was.
_MONTH = (
    "(?:"
    + "|".join(
        f"(?P<m{i + 1}_{{tag}}>{en}|{'|'.join(welsh_forms(cy))})"
        for i, (en, cy) in enumerate(zip(_EN_MONTHS, _CY_MONTHS, strict=True))
    )
    + ")"
)


def _month_pattern(tag: str) -> str:
    return _MONTH.replace("{tag}", tag)


def _month_of(match: re.Match, tag: str) -> int:
    return next(i for i in range(1, 13) if match.group(f"m{i}_{tag}"))


_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|af|ain|ed|fed|eg)?"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"
_NUMBER = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
}

_NUMERIC = re.compile(
    r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:20)?\d\d)\b|\b(?P<iso>20\d\d-\d\d-\d\d)\b"
)
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_month_pattern('a')}\b{_YEAR}")
_MONTH_DAY = re.compile(rf"\b{_month_pattern('b')}\s+{_DAY}\b{_YEAR}")
_HALF_TERM = re.compile(
    r"\b(?:(?P<which>summer|may|whitsun|october|autumn|february|spring|feb|oct)\s+)?half[- ]?term\b"
    r"|\bhanner\s+tymor(?:\s+(?P<cy>yr?\s+haf|yr?\s+hydref|y\s+gwanwyn|mis\s+mai|mis\s+hydref|mis\s+chwefror))?\b"
)
_TERM = re.compile(
    r"\b(?:(?P<which>autumn|spring|summer)\s+)?term\b|\b(?:tymor|dymor)\b(?!\s+ariannol)(?:\s+(?P<cy>yr?\s+haf|yr?\s+hydref|y\s+gwanwyn))?"
)
_FY = re.compile(
    r"\bfy\s?(?P<a>\d\d)(?:/(?P<b>\d\d))?\b|\bfinancial\s+year\b|\bblwyddyn\s+ariannol\b|\bflwyddyn\s+ariannol\b"
    r"|\b(?P<y1>20\d\d)\s?[/-]\s?(?P<y2>\d\d)\b"
)
_ACADEMIC = re.compile(r"\b(?:academic|school|uni|university)\s+year\b|\bflwyddyn\s+academaidd\b")
_QUARTER = re.compile(r"\b(?P<kind>q|h)(?P<n>[1-4])\b(?:\s+(?P<year>20\d\d))?")
_PERIOD = re.compile(
    r"\b(?P<when>this|next|the|current|coming|end of the|end of|yr?|diwedd y|diwedd yr)\s+"
    r"(?P<unit>year|month|quarter|week|flwyddyn|mis|chwarter|wythnos)\b(?P<next>\s+nesaf)?"
    r"|\b(?P<eleni>eleni)\b|\b(?P<yearend>year[- ]end)\b"
)
_WITHIN = re.compile(
    r"\b(?:within|in|over|during|for|mewn|ymhen|o fewn|dros)\s+(?:the\s+)?(?:next\s+|coming\s+)?"
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)\s+"
    r"(?P<unit>days?|weeks?|months?|years?|diwrnod|wythnos|mis|blynedd|mlynedd)\b"
)
# A month alone needs a word saying it is a deadline ("by March", "end of May", "erbyn mis Mai", "diwedd
# Mawrth"): "may" and "march" are verbs as well.
_MONTH_ALONE = re.compile(
    r"\b(?:by|before|until|till|end of|in|during|through|by the end of|erbyn|cyn|tan|diwedd|mis|ym mis|"
    r"yn ystod)\s+(?:the\s+)?(?:end\s+of\s+)?(?:mis\s+)?(?:diwedd\s+(?:mis\s+)?)?"
    rf"(?:next\s+|this\s+)?{_month_pattern('c')}\b{_YEAR}"
)
_SEASON = re.compile(
    r"\b(?P<season>christmas|xmas|nadolig|easter|pasg|spring|gwanwyn|summer|haf|autumn|winter|gaeaf|new year|"
    r"blwyddyn newydd|yr hydref)\b"
)
_WEEKDAY = re.compile(
    r"\b(?:by|before|until|till|on|erbyn|cyn|tan|dydd)\s+(?:next\s+|this\s+)?"
    r"(?P<day>mon|tues|wednes|thurs|fri|satur|sun|llun|mawrth|mercher|iau|gwener|sadwrn|sul)(?:day)?\b"
)
_BARE_YEAR = re.compile(r"\b(?:by|before|in|until|during|end of|erbyn|cyn|diwedd)\s+(?P<year>20\d\d)\b")

_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
_SEASON_WORD = {
    "gwanwyn": "spring",
    "haf": "summer",
    "yr hydref": "autumn",
    "gaeaf": "winter",
}
_WEEKDAYS = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"]
_WEEKDAYS_CY = ["llun", "mawrth", "mercher", "iau", "gwener", "sadwrn", "sul"]


def goal_date(text: str, today: date) -> date | None:
    """The date a goal's sentence names (the first the reader finds that can be placed), else None."""
    lowered = low(text)
    for start, _end in date_spans(text):
        # from the phrase to the end of the sentence: "by summer half term" is found as "by summer"
        found = phrase_date(lowered[start : start + 60], today)
        if found is not None:
            return found
    # "31 Ionawr" with no "erbyn": not one of the reader's phrases, but a date all the same
    return phrase_date(lowered, today, strict=True)


def phrase_date(phrase: str, today: date, *, strict: bool = False) -> date | None:
    """The calendar date a date phrase names ("end of March", "Q3", "31 Ionawr"), else None.

    `strict`: only forms that cannot be anything but a date (a day and a month, a numeric date); for a
    whole sentence, where "summer" or "term" may not be a deadline at all.
    """
    text = low(phrase).strip()
    finders = _STRICT if strict else _FINDERS
    for finder in finders:
        found = finder(text, today)
        if found is not None:
            return found
    return None


def _next_on_or_after(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date with that month and day: in `year` when given, else the next on or after today."""
    day = min(day, _calendar.monthrange(year or today.year, month)[1])
    if year is not None:
        return _safe(year, month, day)
    found = _safe(today.year, month, day)
    if found is not None and found < today:
        found = _safe(today.year + 1, month, min(day, _calendar.monthrange(today.year + 1, month)[1]))
    return found


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def _numeric(text: str, today: date) -> date | None:
    m = _NUMERIC.search(text)
    if m is None:
        return None
    if m.group("iso"):
        return _safe(*(int(x) for x in m.group("iso").split("-")))
    year = int(m.group("year"))
    return _safe(year + 2000 if year < 100 else year, int(m.group("month")), int(m.group("day")))


def _day_month(text: str, today: date) -> date | None:
    for pattern, tag in ((_DAY_MONTH, "a"), (_MONTH_DAY, "b")):
        m = pattern.search(text)
        if m is not None and 1 <= int(m.group("day")) <= 31:
            year = int(m.group("year")) if m.group("year") else None
            return _next_on_or_after(today, _month_of(m, tag), int(m.group("day")), year)
    return None


def _half_term(text: str, today: date) -> date | None:
    m = _HALF_TERM.search(text)
    if m is None:
        return None
    which = (m.group("which") or m.group("cy") or "").replace("yr ", "").replace("y ", "").replace("mis ", "")
    kinds = {
        "summer": "may",
        "may": "may",
        "whitsun": "may",
        "haf": "may",
        "mai": "may",
        "october": "oct",
        "oct": "oct",
        "autumn": "oct",
        "hydref": "oct",
        "february": "feb",
        "feb": "feb",
        "spring": "feb",
        "gwanwyn": "feb",
        "chwefror": "feb",
    }
    wanted = kinds.get(which.strip())
    candidates = []
    for year in (today.year, today.year + 1):
        ends = {
            "feb": _half_term_end(year, 2),
            "may": _half_term_end(year, 5),
            "oct": _half_term_end(year, 10),
        }
        candidates += [end for kind, end in ends.items() if wanted in (None, kind)]
    return min(d for d in candidates if d >= today)


def _half_term_end(year: int, month: int) -> date:
    """The Friday ending a half-term week: the week of the late May bank holiday (the last Monday of May),
    the last full week of October, and the third week of February."""
    if month == 5:
        last = _month_end(year, 5)
        monday = last - timedelta(days=last.weekday())
    elif month == 10:
        last = _month_end(year, 10)
        monday = last - timedelta(days=(last.weekday() - 0) % 7)
        if monday + timedelta(days=4) > last:
            monday -= timedelta(weeks=1)
    else:
        first = date(year, 2, 1)
        monday = first + timedelta(days=(0 - first.weekday()) % 7) + timedelta(weeks=2)
    return monday + timedelta(days=4)


def _term(text: str, today: date) -> date | None:
    m = _TERM.search(text)
    if m is None:
        return None
    which = (m.group("which") or m.group("cy") or "").replace("yr ", "").replace("y ", "").strip()
    kind = {"haf": "summer", "hydref": "autumn", "gwanwyn": "spring"}.get(which, which)
    candidates = []
    for year in (today.year, today.year + 1):
        # the Friday before Easter ends the spring term, near enough; summer ends about 20 July
        ends = {
            "spring": easter(year) - timedelta(days=2),
            "summer": date(year, 7, 20),
            "autumn": date(year, 12, 20),
        }
        candidates += [end for name, end in ends.items() if kind in ("", name)]
    return min(d for d in candidates if d >= today)


def _financial_year(text: str, today: date) -> date | None:
    m = _FY.search(text)
    if m is None:
        return None
    if m.group("b"):
        return date(2000 + int(m.group("b")), 3, 31)
    if m.group("a"):
        return date(2000 + int(m.group("a")), 3, 31)
    if m.group("y1"):
        end = int(m.group("y2"))
        start = int(m.group("y1"))
        if end != (start + 1) % 100:
            return None  # "2025-26" yes; "2026-05" is not a year span
        return date(start + 1, 3, 31)
    return _next_on_or_after(today, 3, 31)


def _academic_year(text: str, today: date) -> date | None:
    return _next_on_or_after(today, 7, 31) if _ACADEMIC.search(text) else None


def _quarter(text: str, today: date) -> date | None:
    m = _QUARTER.search(text)
    if m is None:
        return None
    n = int(m.group("n"))
    if m.group("kind") == "h" and n > 2:
        return None
    month = n * 3 if m.group("kind") == "q" else n * 6
    if m.group("year"):
        return _month_end(int(m.group("year")), month)
    end = _month_end(today.year, month)
    return end if end >= today else _month_end(today.year + 1, month)


def _period(text: str, today: date) -> date | None:
    m = _PERIOD.search(text)
    if m is None:
        return None
    if m.group("eleni") or m.group("yearend"):
        return date(today.year, 12, 31)
    unit = {"flwyddyn": "year", "mis": "month", "chwarter": "quarter", "wythnos": "week"}.get(
        m.group("unit"), m.group("unit")
    )
    ahead = 1 if m.group("when") == "next" or m.group("next") else 0
    if unit == "year":
        return date(today.year + ahead, 12, 31)
    if unit == "month":
        month = today.month + ahead
        return _month_end(today.year + (month - 1) // 12, (month - 1) % 12 + 1)
    if unit == "quarter":
        month = ((today.month - 1) // 3 + 1 + ahead) * 3
        return _month_end(today.year + (month - 1) // 12, (month - 1) % 12 + 1)
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    return friday + timedelta(weeks=ahead)


def _within(text: str, today: date) -> date | None:
    m = _WITHIN.search(text)
    if m is None:
        return None
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _NUMBER[raw]
    unit = m.group("unit")
    if unit.startswith(("day", "diwrnod")):
        return today + timedelta(days=n)
    if unit.startswith(("week", "wythnos")):
        return today + timedelta(weeks=n)
    if unit.startswith(("year", "blynedd", "mlynedd")):
        n *= 12
    month = today.month + n
    year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, min(today.day, _calendar.monthrange(year, month)[1]))


def _month_alone(text: str, today: date) -> date | None:
    m = _MONTH_ALONE.search(text)
    if m is None:
        return None
    month = _month_of(m, "c")
    if m.group("year"):
        return _month_end(int(m.group("year")), month)
    end = _month_end(today.year, month)
    return end if end >= today else _month_end(today.year + 1, month)


def _season(text: str, today: date) -> date | None:
    m = _SEASON.search(text)
    if m is None:
        return None
    word = m.group("season")
    if word in ("christmas", "xmas", "nadolig"):
        return _next_on_or_after(today, 12, 25)
    if word in ("new year", "blwyddyn newydd"):
        return _next_on_or_after(today, 1, 1)
    if word in ("easter", "pasg"):
        this = easter(today.year)
        return this if this >= today else easter(today.year + 1)
    month, day = _SEASON_END[_SEASON_WORD.get(word, word)]
    return _next_on_or_after(today, month, day)


def _weekday(text: str, today: date) -> date | None:
    m = _WEEKDAY.search(text)
    if m is None:
        return None
    name = m.group("day")
    wanted = _WEEKDAYS.index(name) if name in _WEEKDAYS else _WEEKDAYS_CY.index(name)
    return today + timedelta(days=(wanted - today.weekday() - 1) % 7 + 1)


def _bare_year(text: str, today: date) -> date | None:
    m = _BARE_YEAR.search(text)
    return date(int(m.group("year")), 12, 31) if m else None


# Most particular first: "31 March" before "March", "summer half term" before "summer", "end of term"
# before "end of the year".
_FINDERS = (
    _numeric,
    _day_month,
    _half_term,
    _financial_year,
    _academic_year,
    _term,
    _quarter,
    _month_alone,
    _within,
    _period,
    _season,
    _weekday,
    _bare_year,
)
_STRICT = (_numeric, _day_month)
