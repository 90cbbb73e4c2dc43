"""Word forms: how the plan reader matches vocabulary against what people actually type.

Why stems and generated forms rather than a lemmatiser's dictionary:

* People write "attended", "attendances", "breastfeeding", "enrolments". The reader needs to know
  that these are forms of words in the vocabulary, not to lemmatise every English word. So the
  vocabulary and the text go through the same normaliser: each word is reduced to its Snowball
  (Porter 2) English stem, and a vocabulary phrase matches when its stems appear in order. This
  costs a few hundred kilobytes (`snowballstemmer` is pure Python, no data files; it uses PyStemmer's
  C code when that is installed) where `simplemma`'s English and Welsh dictionaries were measured
  at about 20 MB and 50 MB resident, which the 100 MB budget for the whole app cannot carry.
* Welsh words change at the start, not the end: "cofrestru" is written "gofrestru" after "i",
  "nghylchlythyr" after "fy". The soft, nasal and aspirate mutations and h-prothesis are regular, so
  the mutated forms of every Welsh vocabulary entry are generated when the vocabulary is loaded
  (`welsh_forms`); Welsh plurals, which are not regular, are listed by editors as entries.
* Irregular English forms ("took up", "gave") are data too: `forms:` in `prompts/reading.yml`, and so
  are words that must not be stemmed (`unstemmed:`: "posts" is a channel where "post the minutes" is not)
  and case-sensitive abbreviations (`abbreviations:`: "LI" is LinkedIn, "li" is nothing).
* A hyphenated word is one word for the goal patterns ("on-call" is not "call") and its parts for the
  channel patterns ("TikTok-style" still names TikTok).

The text and the vocabulary both become a "stem string" (`Norm`: the text as space-separated stems, each
mapped back to the words typed), so one regular expression per word class finds a phrase in any of its
forms. Numbers become `#` (and percentages `#%`) in the stem string, so grammar patterns can say "a
number, then an outcome noun" without caring how the number was written.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
# A Snowball stemmer keeps the word being stemmed in itself: listener threads must take turns with it.
_STEMMER_LOCK = threading.Lock()

# One token: a URL, a #hashtag or @handle (never vocabulary), a number with its unit, a word
# (letters, with an inner apostrophe: "we're", "i'r"), or any other single character.
_TOKEN = re.compile(
    r":[\w+'-]+:|https?://\S+|www\.\S+|\S+\.(?:com|org|uk|gov|net|io)\S*|[#@][\w-]+"
    r"|\d[\d,]*(?:\.\d+)?(?:\s?%|\s?(?:per\s?cent|percent)\b)"
    r"|\d[\d,]*(?:\.\d+)?(?:k|m|bn|pp|st|nd|rd|th|s)?(?![\w])"
    r"|[^\W\d_][\w]*(?:['’-][\w]+)*|\S",
    re.UNICODE,
)
_PERCENT = re.compile(r"^\d[\d,]*(?:\.\d+)?\s?(%|per\s?cent|percent)$")
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:k|m|bn)?$")
_PLURAL_NUMBER = re.compile(r"^\d{1,3}s$")  # "Year 12s", "over-65s"
_PLURAL_CAPS = re.compile(r"^[A-Z]{2,}s$")
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "dozen",
    ]
)

_WELSH_SOFT = [("ll", "l"), ("rh", "r"), ("c", "g"), ("p", "b"), ("t", "d"), ("g", ""), ("b", "f"),
               ("d", "dd"), ("m", "f")]  # fmt: skip
_WELSH_NASAL = [("c", "ngh"), ("p", "mh"), ("t", "nh"), ("g", "ng"), ("b", "m"), ("d", "n")]
_WELSH_ASPIRATE = [("c", "ch"), ("p", "ph"), ("t", "th")]
# An initial digraph is its own letter and does not mutate as its first character would.
_WELSH_DIGRAPHS = ("ch", "ph", "th", "dd", "ff", "ng")


_MUTATIONS = {"soft": _WELSH_SOFT, "nasal": _WELSH_NASAL, "aspirate": _WELSH_ASPIRATE}
MUTATIONS = tuple(_MUTATIONS)


def mutated(phrase: str, kind: str) -> str:
    """The phrase with its first word mutated (`soft`, `nasal` or `aspirate`) when that word does.

    Only a word written in lower case mutates: names and brands ("TikTok", "Radio Cymru") are left as
    written, as Welsh style guides advise for names from other languages.
    """
    first = phrase[:2]
    if not phrase[:1].islower() or first.startswith(_WELSH_DIGRAPHS):
        return phrase
    for radical, result in _MUTATIONS[kind]:
        if phrase.startswith(radical) and len(phrase) > len(radical) and phrase[len(radical)].isalpha():
            return result + phrase[len(radical) :]
    return phrase


# Mutated beginnings no Welsh word has in its own (radical) form, so they can be undone without a dictionary:
# "ddisgyblion" is "disgyblion" after "i"; "nghylchlythyr" is "cylchlythyr" after "fy".
_UNDONE = (("ngh", "c"), ("mh", "p"), ("nh", "t"), ("dd", "d"), ("ng", "g"))


def radical(phrase: str) -> str:
    """The phrase with a mutation of its first word undone where that is certain ("ddisgyblion" ->
    "disgyblion"); said inside the coach's own Welsh sentence, a word keeps the mutation of the team's."""
    for mutated_form, radical_form in _UNDONE:
        if phrase.startswith(mutated_form) and len(phrase) > len(mutated_form) + 1:
            return radical_form + phrase[len(mutated_form) :]
    return phrase


def welsh_forms(phrase: str) -> list[str]:
    """The phrase and the mutated forms of its first word ("cofrestru" -> "gofrestru", ...)."""
    first, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    out = [phrase]
    if first.startswith(_WELSH_DIGRAPHS):
        return out
    for table in (_WELSH_SOFT, _WELSH_NASAL, _WELSH_ASPIRATE):
        for radical, mutated in table:
            if first.startswith(radical) and len(first) > len(radical):
                out.append(mutated + first[len(radical) :] + tail)
                break
    if first[:1] in "aeiouwyâêîôûŵŷ":
        out.append("h" + phrase)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one lower-case word, as the vocabulary and the text both see it."""
    if word in _NUMBER_WORDS:
        return "#"
    if len(word) <= 2 or not word.isalpha():
        return word
    with _STEMMER_LOCK:
        return _STEMMER.stemWord(word)


def _word_key(low: str, keep: frozenset[str]) -> list[str]:
    if low in keep:
        return [low]
    if "'" in low and low.strip("'"):
        head, _, tail = low.partition("'")
        # "carers'", "people's" and "it's" read as "carers", "people", "it"; Welsh "i'r" as "i yr" and
        # "ti'n" as "ti yn"; "we're" and "don't" stay whole.
        if tail in ("s", ""):
            return [stem(head)]
        if tail in ("r", "n"):
            return [stem(head), "yr" if tail == "r" else "yn"]
        return [low]
    return [stem(low)]


def _token_key(raw: str, aliases: dict[str, str], keep: frozenset[str], join: bool) -> list[str]:
    if raw in aliases:
        return [k for word in aliases[raw].split() for k in _word_key(word, keep)]
    low = raw.lower().replace("’", "'")
    if _PERCENT.match(low):
        return ["#%"]
    if _NUMBER.match(low) or _PLURAL_NUMBER.match(low):
        return ["#"]
    if _PLURAL_CAPS.match(raw):
        return [raw[:-1].lower()]  # "GPs", "PCSOs", "SMEs": the plural of an abbreviation
    if low[:1] in "#@:" and len(low) > 1 or "/" in low or "." in low[1:]:
        return ["§"]  # hashtags, handles, links and :emoji: codes are nobody's vocabulary
    if "-" in low.strip("-") and low not in keep:
        parts = [k for part in low.split("-") if part for k in _word_key(part, keep)]
        # Joined, "on-call" is one word and no call; split, "TikTok-style" still names TikTok.
        return ["-".join(parts)] if join else parts
    return _word_key(low, keep)


@dataclass
class Norm:
    """A sentence as stems: `text` is " stem stem ... " and each stem maps back to the words typed."""

    raw: str
    text: str
    starts: list[int]  # offset in `text` where each stem starts
    spans: list[tuple[int, int]]  # the characters of `raw` each stem came from

    def source(self, start: int, end: int) -> str:
        """The words as typed behind a match at text[start:end]."""
        if start >= end:
            return ""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, max(end - 1, start)) - 1, first)
        return self.raw[self.spans[first][0] : self.spans[last][1]]

    def blank(self, start: int, end: int) -> Norm:
        """A copy with text[start:end] replaced by "_" stems, so later patterns skip those words."""
        inner = re.sub(r"[^ ]", "_", self.text[start:end])
        return Norm(self.raw, self.text[:start] + inner + self.text[end:], self.starts, self.spans)


def normalise(
    raw: str,
    aliases: dict[str, str] | None = None,
    keep: frozenset[str] = frozenset(),
    join: bool = True,
    cache: dict[str, list[str]] | None = None,
) -> Norm:
    """The stem string of `raw`. `aliases` are case-sensitive ("LI" -> "linkedin"), `keep` words are not
    stemmed ("posts" is a channel, "post" is not), `join` keeps hyphenated words whole. `cache` remembers
    each token's stems (for one choice of aliases, keep and join)."""
    aliases = aliases or {}
    cache = {} if cache is None else cache
    parts: list[str] = [""]
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    pos = 1
    for match in _TOKEN.finditer(raw):
        token = match.group(0)
        keys = cache.get(token)
        if keys is None:
            if len(cache) > 100_000:
                cache.clear()
            keys = cache[token] = _token_key(token, aliases, keep, join)
        for key in keys:
            starts.append(pos)
            spans.append((match.start(), match.end()))
            parts.append(key)
            pos += len(key) + 1
    parts.append("")
    return Norm(raw, " ".join(parts), starts, spans)


def phrase_stems(phrase: str, aliases: dict[str, str] | None = None, keep=frozenset(), join=True) -> str:
    """A vocabulary phrase as the stem string the text will show ("*" stays a one-word wildcard)."""
    out = []
    for word in phrase.split():
        if word == "*":
            out.append("*")
        else:
            out.extend(normalise(word, aliases, keep, join).text.split())
    return " ".join(out)


def alternation(
    phrases: list[str] | tuple[str, ...], aliases: dict[str, str] | None = None, keep=frozenset(), join=True
) -> str:
    """A regex alternation of stemmed phrases, longest first, matching whole stems only."""
    stems = {phrase_stems(p, aliases, keep, join) for p in phrases}
    stems.discard("")
    if not stems:
        return "(?!x)x"
    ordered = sorted(stems, key=lambda s: (-len(s), s))
    return "(?:" + "|".join(re.escape(s).replace(r"\*", r"[^ ]+") for s in ordered) + ")"


def words_regex(phrases, aliases: dict[str, str] | None = None, keep=frozenset(), join=True) -> re.Pattern:
    return re.compile(r"(?<= )" + alternation(phrases, aliases, keep, join) + r"(?= )")


# -- where a match lies in the words typed ------------------------------------------------------------
# Patterns run over the stem string, but people are shown (and `quantities` reads) the words as typed.


def _first(regex: re.Pattern, norm: Norm) -> str:
    m = regex.search(norm.text)
    return norm.source(m.start() + (norm.text[m.start()] == " "), m.end()).strip() if m else ""


def _raw_spans(norm: Norm, regex: re.Pattern) -> list[tuple[int, int]]:
    out = []
    for m in regex.finditer(norm.text):
        start = m.start() + (norm.text[m.start()] == " ")
        first = next((i for i, st in enumerate(norm.starts) if st >= start), None)
        last = max((i for i, st in enumerate(norm.starts) if st < m.end()), default=None)
        if first is not None and last is not None and last >= first:
            out.append((norm.spans[first][0], norm.spans[last][1]))
    return out


def _token_at(norm: Norm, offset: int) -> int:
    """The index of the stem that covers text[offset]."""
    return max(i for i, start in enumerate(norm.starts) if start <= offset)
