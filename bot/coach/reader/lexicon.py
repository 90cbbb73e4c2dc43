"""The plan reader's vocabulary: `prompts/reading.yml`, checked and compiled.

Editors change the vocabulary without reading code, so every problem is reported with its file and line.
Everything is compiled once per vocabulary load: `Lexicon` holds one regular expression per word class,
run over a stem string (`forms`), so a reading costs a handful of regex searches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.coach.reader.forms import Norm, alternation, normalise, welsh_forms, words_regex
from bot.yamlfile import Checker, ConfigError, line_of, load

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
    "findings": "a statistic from research, not a goal: 'survey says', 'our research', 'only'",
    "past_results": "a result already reached or a past goal: 'target was', 'we hit', 'last year's target'",
    "other_campaign": "a goal that belongs to other work: 'separate thing', 'not ours', 'ar wahân'",
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
