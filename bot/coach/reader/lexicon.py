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

Everything is compiled once per vocabulary load: `Lexicon` holds one regular expression per word
class, run over a "stem string" (the text as space-separated stems), so a reading costs a handful of
regex searches. Numbers become `#` (and percentages `#%`) in the stem string, so grammar patterns can
say "a number, then an outcome noun" without caring how the number was written.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from bot.yamlfile import Checker, ConfigError, line_of, load

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


# -- the vocabulary file ------------------------------------------------------------------------------

# Every list the reader uses, and what it is for (shown by `python -m bot check` when one is missing).
WORD_CLASSES = {
    "goal_verbs": "what people should do differently (register, book, attend, recycle ...)",
    "outcome_nouns": "counts of people acting (sign-ups, referrals, attendances ...)",
    "people_verbs": "verbs that ask someone to act: get, encourage, persuade (… to register)",
    "change_verbs": "verbs that change a count: increase, cut, halve, boost",
    "more_words": "more, fewer, extra: the comparison before an action",
    "audiences": "named groups of people (parents, carers, landlords, small firms ...)",
    "goal_words": "the words for a goal: goal, objective, aim, target, KPI",
    "labels": "phrases that introduce a goal: 'success looks like', 'what we need is', 'Target -'",
    "intentions": "phrases of intent, a goal only with an action after them: 'we want', 'trying to'",
    "own_plan": "words that make a question about the team's own plan, not campaign craft: our, this campaign",
    "we_words": "we and us: the team's own plan when the thread already has one",
    "withdraw_verbs": "verbs that withdraw a goal: forget, park, scrap (the target)",
    "withdrawals": "whole phrases that withdraw a goal: 'no target for now'",
    "no_goal": "phrases saying there is no goal yet: 'goals TBC', 'not sure what the aim is'",
    "awareness": "awareness and attitude words (aware, awareness, trust, perceptions)",
    "soft_aims": "aims that ask nobody to act: 'get the word out', 'raise our profile'",
    "output_nouns": "counts of outputs, not outcomes: followers, posts, views, impressions",
    "output_verbs": "what people do with a message itself, an outtake: open, click, read, watch, visit",
    "output_objects": "what those verbs act on when they count an output: the email, the newsletter, the page",
    "planning_words": "campaign-planning talk with no channel: budget, launch, sign-off, insight",
    "not_channels": "channel words in another sense: 'channel * into', 'go live date', 'zoom call'",
    "dismissals": "phrases that take the channel after them off the table: 'before anyone says', 'rather than'",
    "sport": "'goal' in the sporting sense: match, striker, own goal",
    "politics": "'campaign' in the political sense: election campaign, party names, leadership race",
}
SMALL_TALK = ("thanks", "greeting", "capabilities", "off_topic")
# Also under small_talk: misposts (read as off_topic even beside planning words), filler words, and
# errands (a file looked for, a link broken: a channel named there is a place, not a plan), and
# proposals (words that ask for or propose something: without one, thanks or a greeting only narrates).
SMALL_TALK_EXTRA = ("mispost", "filler", "errand", "proposal")
HOWTO_TOPICS = ("smart", "outputs_outcomes", "evaluation", "oasis", "aim_objective", "other")


@dataclass
class Lexicon:
    """The reader's vocabulary, compiled: one regex per word class, over stem strings."""

    words: dict[str, list[str]]  # class -> phrases as written (English and Welsh forms)
    aliases: dict[str, str]  # case-sensitive abbreviations -> what they stand for ("LI" -> "linkedin")
    small_talk: dict[str, list[str]]
    howto: dict[str, list[str]]
    question_words: list[str]
    keep: frozenset[str] = frozenset()  # words read as written, not stemmed
    source: str = ""
    compiled: dict[str, str] = field(default_factory=dict)  # class -> alternation source
    regex: dict[str, re.Pattern] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, phrases in self.words.items():
            self.compiled[name] = alternation(phrases, self.aliases, self.keep)
            self.regex[name] = re.compile(r"(?<= )" + self.compiled[name] + r"(?= )")
        self.talk_regex = {k: words_regex(v, self.aliases, self.keep) for k, v in self.small_talk.items()}
        self.howto_regex = {k: words_regex(v, self.aliases, self.keep) for k, v in self.howto.items()}
        self._norms: dict[tuple[str, bool], Norm] = {}
        self._joined: dict[str, list[str]] = {}
        self._split: dict[str, list[str]] = {}
        self.question_regex = re.compile(
            r"^ " + alternation(self.question_words, self.aliases, self.keep) + r"(?= )"
        )

    def norm(self, raw: str, join: bool = True) -> Norm:
        """The stem string of `raw`, remembered: a thread is read again at every mention in it."""
        key = (raw, join)
        found = self._norms.pop(key, None)
        if found is None:
            if len(self._norms) >= 2048:
                self._norms.pop(next(iter(self._norms)))  # the least recently used
            tokens = self._joined if join else self._split
            found = normalise(raw, self.aliases, self.keep, join, tokens)
        self._norms[key] = found
        return found

    def alt(self, name: str, join: bool = True) -> str:
        if join:
            return self.compiled[name]
        return alternation(self.words[name], self.aliases, self.keep, join=False)

    def split_alt(self, phrases) -> str:
        """An alternation for the channel matcher, which splits hyphenated words."""
        return alternation(phrases, self.aliases, self.keep, join=False)


def _phrases(check: Checker, node: dict, key: str, what: str) -> list[str]:
    """An English/Welsh pair of lists (`en:`, `cy:`); Welsh entries gain their mutated forms."""
    node = check.mapping(node.get(key), f"'{key}'", node, key)
    unknown = set(node) - {"en", "cy"}
    if unknown:
        raise check.fail(node, sorted(unknown)[0], f"'{key}' takes 'en:' and 'cy:' lists only")
    out: list[str] = []
    for lang in ("en", "cy"):
        for phrase in check.texts(node, lang, f"'{key}'", required=lang == "en"):
            phrase = " ".join(phrase.split())
            if phrase.strip("* ") == "":
                raise check.fail(node, lang, f"'{key}' has an entry that is only wildcards")
            out.extend(welsh_forms(phrase.lower()) if lang == "cy" else [phrase.lower()])
    return out


def _expand_forms(phrases: list[str], forms: dict[str, list[str]]) -> list[str]:
    out = list(phrases)
    for phrase in phrases:
        words = phrase.split()
        for i, word in enumerate(words):
            for form in forms.get(word, ()):
                out.append(" ".join([*words[:i], form, *words[i + 1 :]]))
    return list(dict.fromkeys(out))


def _load_forms(check: Checker, data: dict) -> dict[str, list[str]]:
    node = check.mapping(data.get("forms", {}), "'forms'", data, "forms")
    return {str(k).lower(): [f.lower() for f in check.texts(node, k, f"forms of '{k}'")] for k in node}


def _load_aliases(check: Checker, data: dict) -> dict[str, str]:
    node = check.mapping(data.get("abbreviations", {}), "'abbreviations'", data, "abbreviations")
    aliases = {}
    for short, long in node.items():
        if not isinstance(long, str) or not long.strip() or not str(short).strip():
            raise check.fail(node, short, f"the abbreviation '{short}' must stand for some words")
        aliases[str(short)] = long.strip().lower()
    return aliases


def _load_spellings(check: Checker, data: dict) -> dict[str, str]:
    """Text-speak ("u", "wot", "r"): read as the word it stands for, in lower case or capitalised."""
    node = check.mapping(data.get("spellings", {}), "'spellings'", data, "spellings")
    out = {}
    for short, long in node.items():
        if not isinstance(long, str) or not long.strip() or not str(short).strip():
            raise check.fail(node, short, f"the spelling '{short}' must stand for some words")
        for form in (str(short).lower(), str(short).capitalize()):
            out[form] = long.strip().lower()
    return out


def _load_words(check: Checker, data: dict, forms: dict[str, list[str]]) -> dict[str, list[str]]:
    words = {}
    for name, meaning in WORD_CLASSES.items():
        if name not in data:
            raise check.fail(data, None, f"the section '{name}' is missing ({meaning})")
        words[name] = _expand_forms(_phrases(check, data, name, name), forms)
    # Welsh puts no "to" before the verb ("annog pobl i gofrestru"), so some patterns need its words apart.
    node = data["people_verbs"]
    welsh = check.texts(node, "cy", "'people_verbs'", required=False) if isinstance(node, dict) else []
    words["people_verbs_cy"] = [f for w in welsh for f in welsh_forms(w.lower())]
    return words


def _load_small_talk(check: Checker, data: dict) -> dict[str, list[str]]:
    talk = check.mapping(data.get("small_talk"), "'small_talk'", data, "small_talk")
    kinds = (*SMALL_TALK, *SMALL_TALK_EXTRA)
    for kind in talk:
        if kind not in kinds:
            raise check.fail(talk, kind, f"unknown small talk '{kind}'; use one of {', '.join(kinds)}")
    for kind in SMALL_TALK:
        if kind not in talk:
            raise check.fail(talk, None, f"'small_talk' is missing '{kind}'")
    return {kind: _phrases(check, talk, kind, f"small_talk {kind}") if kind in talk else [] for kind in kinds}


def _load_howto(check: Checker, data: dict) -> dict[str, list[str]]:
    node = check.mapping(data.get("howto"), "'howto'", data, "howto")
    for topic in node:
        if topic not in HOWTO_TOPICS:
            raise check.fail(
                node, topic, f"unknown how-to topic '{topic}'; use one of {', '.join(HOWTO_TOPICS)}"
            )
    return {topic: _phrases(check, node, topic, f"howto {topic}") for topic in node}


def load_lexicon(prompts_dir: str | Path) -> Lexicon:
    """Load and check `reading.yml`; raise ConfigError with file and line on any problem."""
    path = Path(prompts_dir) / "reading.yml"
    data = load(path)
    check = Checker(path)
    if not isinstance(data, dict):
        raise ConfigError(path, line_of(data), "the file must be a mapping of word lists")
    known = {
        *WORD_CLASSES,
        *("forms", "abbreviations", "spellings", "unstemmed", "small_talk", "howto", "question_words"),
    }
    for key in data:
        if key not in known:
            raise check.fail(
                data, key, f"unknown section '{key}'; the sections are {', '.join(sorted(known))}"
            )
    return Lexicon(
        _load_words(check, data, _load_forms(check, data)),
        {**_load_spellings(check, data), **_load_aliases(check, data)},
        _load_small_talk(check, data),
        _load_howto(check, data),
        _phrases(check, data, "question_words", "question_words"),
        frozenset(w.lower() for w in check.texts(data, "unstemmed", "the vocabulary", required=False)),
        str(path),
    )
