"""Quantities, dates and audiences as structures, not word lists.

A SMART goal says how much and by when, and for whom. People write those parts in many ways:
"25k", "1.5m", "one in four", "from 40% to 60%", "10-15%", "double"; "by the end of Q3",
"before the consultation closes on 14 March", "Jan-Mar", "this term", "FY25/26", "erbyn mis Mai";
"under-25s", "people aged 16-24", "year 10s", "residents of Wrexham". These are grammar, so they are
regular expressions over the text as typed (lower-cased), built once at import. Named groups of people
(parents, landlords, small firms) are vocabulary and live in `prompts/reading.yml`.

Each finder returns the spans it matched, so the reader can show what it found and blank a date out
before looking for a number ("14 March" is a date, not a measure).
"""

from __future__ import annotations

import re

from bot.coach.reader.forms import welsh_forms

Span = tuple[int, int]

_MONTH_EN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# The Welsh months in their order (goal_dates reads a deadline's month from them too).
WELSH_MONTHS = ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref",
                "tachwedd", "rhagfyr")  # fmt: skip
_MONTH_CY = "|".join(f for m in WELSH_MONTHS for f in welsh_forms(m))
MONTH = rf"(?:{_MONTH_EN}|{_MONTH_CY})"
_SEASON = (
    r"spring|summer|autumn|winter|christmas|xmas|easter|new year|the new year|half[- ]term|freshers(?:'? week)?|"
    r"the (?:summer |school |easter |christmas )?holidays|the summer break|the elections?|polling day|census day|"
    r"the (?:deadline|launch|vote|referendum|census|budget|festival|show|event|match|season|consultation)|"
    r"year[- ]end|gwanwyn|haf|hydref|gaeaf|nadolig|pasg|hanner tymor|"
    # "before the clocks go back", "before the schools break up": a moment everyone knows
    r"the clocks (?:go|change|going)(?: back| forward)?|the schools? (?:break|go back|goes back)(?: up)?"
)
_PERIOD = (
    r"(?:the\s+)?(?:financial|academic|school|calendar|business|uni|university)\s+year|fy\s?\d{2}(?:/\d{2})?|"
    r"(?:the\s+)?(?:autumn|spring|summer|winter)\s+term|term|semester|year|month|quarter|week|fortnight|"
    r"q[1-4]|h[12]|flwyddyn|blwyddyn|tymor|dymor|mis"
)
_NUMWORD = r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|\d+"
_CUE = (
    r"by|before|until|till|til|ahead of|in time for|no later than|within|over|during|this|next|"
    r"end of|start of|beginning of|from|erbyn|cyn|tan|yn ystod|dros"
)
_DATE = re.compile(
    # "by the end of Q3", "before Christmas", "within six months", "over the next year"
    rf"\b(?:{_CUE})\s+(?:the\s+)?(?:(?:end|start|beginning|close|middle|run[- ]up)\s+of\s+(?:the\s+)?)?"
    rf"(?:next\s+|this\s+|coming\s+|current\s+)?(?:mis\s+|diwedd\s+(?:y\s+|yr\s+|mis\s+)?)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b|{MONTH}\b|(?:{_SEASON})\b|(?:{_PERIOD})\b|"
    rf"(?:{_NUMWORD})\s+(?:days|weeks|months|years|terms)\b|20\d\d\b|"
    rf"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)"
    # "14 March", "March 14th", "30 Nov"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_EN})\b|\b(?:{_MONTH_EN})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    # "Jan-Mar", "from January to March", "between May and July"
    rf"|\b(?:from\s+|between\s+)?{MONTH}\s*(?:-|–|to|until|through|and)\s*{MONTH}\b"
    # "end of term", "Q3", "FY25/26", "2025/26", "this academic year", "closes on"
    rf"|\b(?:end|close|start)\s+of\s+(?:the\s+)?(?:term|year|month|quarter|q[1-4]|financial year|school year)\b"
    r"|\b(?:q[1-4]|h[12])\b|\bfy\s?\d{2}(?:/\d{2})?\b|\b20\d\d\s?(?:/|-)\s?\d\d\b"
    r"|\b(?:this|next|the)\s+(?:academic|school|financial)\s+year\b"
    r"|\b(?:closes?|closing|deadline|due|launch(?:es)?)\s+(?:on|is|date)\b|\bdeadline\b"
    # "a quarter" is a period, but "by a quarter" is an amount
    r"|(?<!by )\b(?:per|a|each|every)\s+(?:year|month|quarter|week|term)\b"
    r"|\berbyn\b|\beleni\b|\by flwyddyn nesaf\b"
)

_MEASURE = re.compile(
    # numbers with units: 25k, 1.5m, 40%, 5 points, 10-15%
    r"\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b|k\b|m\b|bn\b|pp\b|percentage points?\b|points\b)"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:-|–|to)\s?\d[\d,]*(?:\.\d+)?\s?%"
    # ratios and fractions: one in four, 1 in 5, a third, half of
    rf"|\b(?:{_NUMWORD})\s+(?:in|out of)\s+(?:{_NUMWORD}|five|ten)\b"
    r"|\b(?:a|one|two)\s+(?:third|quarter|half|fifth|tenth)s?\b|\bhalf\s+of\b|\bby\s+half\b"
    r"|\b(?:double|doubl(?:e|es|ed|ing)|halve|halv(?:es|ed|ing)|tripl(?:e|es|ed|ing)|twice as many|"
    r"half as many|dwbl|dyblu|haneru)\b"
    # from a baseline to a target
    r"|\bfrom\s+\d[\d,.]*\s?%?\s+to\s+\d[\d,.]*\s?%?"
    r"|\b(?:baseline|base line|benchmark|llinell sylfaen|up from|down from|compared (?:to|with) last year|"
    r"on last year|currently (?:at )?\d)"
    # big numbers in words
    r"|\b(?:hundreds|thousands|a hundred|a thousand|a million|a dozen|dozens)\b"
    r"|\b\d[\d,]*(?:\.\d+)?\b"
)
# A level now and the level wanted, in numbers: "from 40% to 60%", "o 40% i 55%", "74% → 85%",
# "31 now, 43 by April", "34 last cycle, want 50", "48% now"
_MOVE = re.compile(
    r"\bfrom\s+\d[\d,.]*\s?%?\s+to\b|\bo\s+\d[\d,.]*\s?%?\s+i\s+\d"
    r"|\d[\d,.]*\s?%\s+(?:now|today|at the moment)"
    # "71% o'r rhai cymwys → 78%": a few words may say of whom
    r"|(?<![£$€\d])\d[\d,.]*\s?[%k]?(?:\s*\([^)]{0,30}\)|[^\d\n→>]{0,40}?)\s*(?:→|->|=>|⇒|➡️?)\s*(?:target\s+)?\d"
    r"|(?<![£$€\d])\d[\d,.]*\s?[%k]?\s+(?:now|today|currently|rŵan|nawr|ar hyn o bryd|ar y funud|ar y foment|"
    r"last (?:year|cycle|time|term|spring|winter))\s*[,;]?\s+(?:want\s+|and\s+|target\s+|i\s+)?\d"
    # "89% ar y funud, angen cyrraedd 95%", "40% now, we need to hit 60%": the wanted level after a few words
    r"|(?<![£$€\d])\d[\d,.]*\s?%\s+(?:now|today|currently|at the moment|rŵan|nawr|ar hyn o bryd|ar y funud|"
    r"ar y foment)\s*[,;.]?\s+(?:[a-z'’]+\s+){0,4}?(?:want|target|need|aim|aiming for|hit|reach|get to|"
    r"cyrraedd|fod yn|isio|eisiau|angen)\s+(?:at least\s+|o leia\s+)?\d"
)
_BASELINE = re.compile(
    _MOVE.pattern + r"|\b(?:baseline|base line|benchmark|llinell sylfaen|up from|down from|"
    r"currently (?:at )?\d|compared (?:to|with)|survey(?:ed)? in|last year(?:'s)? (?:survey|figure))"
)
# Numbers that are names, not amounts: "year 10", "24/7", "999", "Q3", times.
_NOT_A_MEASURE = re.compile(
    r"\byear\s+\d{1,2}s?\b|\b\d+/\d+\b|\b999\b|\b111\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b"
    r"|\b(?:19|20)\d\d\b|\b(?:q|h)[1-4]\b|\bcovid[- ]19\b|\b(?:a|b|m|n)\d+\b|\bgcse|\b\d+g\b"
    r"|\b\d+(?:st|nd|rd|th)\b"
)
_AUDIENCE = re.compile(
    # under-25s, over 65s, aged 16-24, 18-24 year olds, 16 to 24s, year 10s, people in their 20s
    r"\b(?:under|over|aged|ages|age)[\s-]*\d{1,2}s?\b(?:\s*(?:-|–|to|and)\s*\d{1,2}s?\b)?"
    r"|\b\d{1,2}\s*(?:-|–|to)\s*\d{1,2}(?:s\b|\s*(?:year[- ]olds?|yr[- ]?olds?|yos?)\b)"
    r"|\b\d{1,2}(?:\+|s)\b(?!\s*(?:and|to))|\b\d{1,2}\s*(?:year[- ]olds?|yr[- ]?olds?|yos?)\b|\byear\s+\d{1,2}s?\b"
    r"|\bin their (?:teens|twenties|thirties|forties|fifties|sixties|\d0s)\b"
    # residents of Wrexham, people living in Hull, families across the borough
    r"|\b(?:residents|people|families|households|businesses|parents|tenants|young people|pupils|students)\s+"
    r"(?:of|in|from|across|living in|based in|around|who|with|that)\s+\w+"
    r"|\b(?:pobl ifanc|rhieni|trigolion|myfyrwyr|gofalwyr|teuluoedd|busnesau|pobl hŷn|disgyblion)\b"
)


def _spans(pattern: re.Pattern, text: str, skip: list[Span] = ()) -> list[Span]:
    out = []
    for m in pattern.finditer(text):
        if m.end() > m.start() and not any(s <= m.start() < e or s < m.end() <= e for s, e in skip):
            out.append((m.start(), m.end()))
    return out


def low(text: str) -> str:
    """Lower case with curly quotes straightened; same length, so spans index the original."""
    return text.lower().replace("’", "'").replace("‘", "'")


def dates(text: str) -> list[Span]:
    return _spans(_DATE, low(text))


def audiences(text: str) -> list[Span]:
    return _spans(_AUDIENCE, low(text))


def measures(text: str, skip: list[Span] = ()) -> list[Span]:
    """Amounts that could be a target, leaving out dates, ages, names and anything in `skip`."""
    lowered = low(text)
    skip = [*skip, *dates(text), *audiences(text), *_spans(_NOT_A_MEASURE, lowered)]
    return _spans(_MEASURE, lowered, skip)


# The words that make a date a deadline: "by March", "before the clocks go back", "end of Q3", "erbyn Mai";
# without one a date places what is described ("this year", "last year", "from January")
DEADLINE_CUE = re.compile(
    r"\b(?:by|before|until|till|within|end of|ahead of|in time for|erbyn|cyn|diwedd|o fewn)\b", re.I
)


def has_baseline(text: str) -> bool:
    return bool(_BASELINE.search(low(text)))


def has_move(text: str) -> bool:
    """A level now and the level wanted, both in numbers."""
    return bool(_MOVE.search(low(text)))


def first(text: str, spans: list[Span]) -> str:
    return text[spans[0][0] : spans[0][1]] if spans else ""


_MONEY = re.compile(r"[£$€]\s?\d[\d,.]*\s?(?:k|m|bn|million|mil)?\b")
# "SLT have approved 20k for a video": an amount in thousands is money beside a word of spending, unless
# it counts something ("20k people use the service")
_BARE_MONEY = re.compile(r"\b\d[\d,.]*\s?k\b(?!\s+(?!(?:for|on|in|to|left|from|of|towards|i|ar)\b)[a-z])")
_SPENDING = re.compile(
    r"\b(?:budget|pot|left|approved|spend|spent|split|funding|grant|cost|costs|promot\w*|boost\w*|"
    r"cyllideb|arian|pres|gwario|rhannu|hyrwyddo|hybu)\b"
)


def _without_money(text: str) -> str:
    lowered = low(text)
    rest = _MONEY.sub(" ", lowered)
    return _BARE_MONEY.sub(" ", rest) if _SPENDING.search(lowered) else rest


def money_only(text: str) -> bool:
    """Every amount in the text is money ("We've got £18k left in the pot before year end")."""
    rest = _without_money(text)
    return rest != low(text) and not re.search(r"\d", rest)


def spends(text: str) -> bool:
    """Money to spend on comms ("£2k i hyrwyddo'r clinig", "budget £120k"): talk about a plan."""
    lowered = low(text)
    return _without_money(text) != lowered and bool(_SPENDING.search(lowered))


def money(text: str) -> str:
    """The first sum of money in the text, as typed ("£6k", "£1,500"), or ""."""
    m = _MONEY.search(low(text))
    return text[m.start() : m.end()].strip().rstrip(".,") if m else ""
