"""The question deck and channel vocabulary, loaded from `prompts/` and checked line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.coach.language import fill
from bot.coach.reader import Lexicon, load_lexicon, welsh_forms
from bot.coach.reader.forms import MUTATIONS
from bot.coach.words import Words, load_words
from bot.yamlfile import Checker, ConfigError, line_of, load

OASIS_STEPS = {
    "objectives": "Objectives",
    "audience": "Audience insight",
    "strategy": "Strategy and idea",
    "implementation": "Implementation",
    "scoring": "Scoring",
}
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


# What a question can ask for, so it is not asked when the plan already says it; and what it takes for granted.
ASKS = ("goal", "audience", "measure", "date")
NEEDS = ("channel",)
# The thread's facts a slotted question can name (`bot.coach.facts`), and what a mention can ask the coach
# (the reader's `ask`): a slotted question says which asks it answers.
SLOTS = ("goal_action", "audience", "channel", "other_channel", "date", "budget")
ASK_TYPES = ("choice", "gaps", "next", "sanity", "measure", "budget", "timing", "audience", "opinion")
_SLOT = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Question:
    id: str  # "<paradox id>.<1-based position>", or "<paradox id>.s<n>" for a slotted question
    paradox_id: str
    text: str
    asks: tuple[str, ...] = ()  # what it asks for: left out once the plan says it
    needs: tuple[str, ...] = ()  # what it assumes ("this channel"): left out while the plan lacks it
    slots: tuple[
        str, ...
    ] = ()  # the thread's facts it names ({channel}, {date}...): used only when all are known
    answers: tuple[str, ...] = ()  # the asks it answers (choice, budget...); () for any

    def fill(self, values: dict[str, str]) -> str | None:
        """The text with its slots filled from `values` (already escaped), or None when one is unknown."""
        if any(not values.get(slot) for slot in self.slots):
            return None
        return fill(self.text, values)


@dataclass(frozen=True)
class Paradox:
    id: str
    title: str
    sides: tuple[str, str]
    oasis: tuple[str, ...]
    keywords: tuple[str, ...]
    questions: tuple[Question, ...]
    slotted: tuple[Question, ...] = ()  # questions that name the thread's facts, for replies in a thread


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    patterns: tuple[str, ...]
    paradoxes: tuple[str, ...]


@dataclass
class Deck:
    paradoxes: list[Paradox]
    channels: list[Channel] = field(default_factory=list)
    not_followed_by: tuple[str, ...] = ()
    lexicon: Lexicon | None = None  # the plan reader's vocabulary (prompts/reading.yml)
    words: Words | None = None  # the fixed words around the questions, in the deck's language

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.paradoxes}
        self.questions = {q.id: q for p in self.paradoxes for q in (*p.questions, *p.slotted)}
        self.channel_by_id = {c.id: c for c in self.channels}
        # Keyword -> paradox ids, so "/paradox young" and words in a plan find their paradox.
        self.keyword_index: dict[str, list[str]] = {}
        for p in self.paradoxes:
            for word in (p.id, *p.keywords):
                self.keyword_index.setdefault(word.lower(), []).append(p.id)

    def paradox_for_topic(self, topic: str) -> Paradox | None:
        topic = topic.strip().lower()
        if topic in self.by_id:
            return self.by_id[topic]
        ids = self.keyword_index.get(topic)
        if not ids and topic.endswith("s"):
            ids = self.keyword_index.get(topic[:-1])
        return self.by_id[ids[0]] if ids else None

    @property
    def lang(self) -> str:
        return self.words.lang if self.words else "en"

    def paradox_of(self, question_id: str) -> Paradox:
        return self.by_id[self.questions[question_id].paradox_id]


def load_paradoxes(
    path: str | Path, *, min_questions: int = 4, lang: str = "en", bilingual: bool = True
) -> list[Paradox]:
    """Read and check a `paradoxes.yml`; raise ConfigError with file and line.

    `lang`: the language of the words read. `bilingual`: every word must be there in Welsh and English
    (the shipped deck); a workspace's exported deck is in the words its admins wrote, one language.
    """
    data = load(path)
    check = Checker(path, lang, one_language=not bilingual)
    if not isinstance(data, dict) or "paradoxes" not in data:
        raise ConfigError(path, line_of(data), "the file must have a top-level 'paradoxes:' list")
    items = data["paradoxes"]
    if not isinstance(items, list) or not items:
        raise check.fail(data, "paradoxes", "'paradoxes' must be a non-empty list")
    seen: dict[str, int | None] = {}
    out = []
    for i, node in enumerate(items):
        node = check.mapping(node, f"paradox {i + 1}", items, i)
        what = f"paradox {i + 1}"
        pid = check.text(node, "id", what)
        what = f"paradox '{pid}'"
        if not _ID.match(pid):
            raise check.fail(node, "id", f"the id '{pid}' must be lower case letters, digits, - or _")
        if pid in seen:
            raise check.fail(node, "id", f"duplicate id '{pid}' (first used on line {seen[pid]})")
        seen[pid] = line_of(node, "id")
        sides = _says(check, node, "sides", what)
        if len(sides) != 2:
            raise check.fail(
                node, "sides", f"'sides' in {what} must have exactly two entries, it has {len(sides)}"
            )
        oasis = check.texts(node, "oasis", what)
        for step in oasis:
            if step not in OASIS_STEPS:
                raise check.fail(
                    node,
                    "oasis",
                    f"unknown OASIS step '{step}' in {what}; use one of {', '.join(OASIS_STEPS)}",
                )
        questions = _load_questions(check, node, pid, what, min_questions)
        slotted = _load_slotted(check, node, pid, what)
        out.append(
            Paradox(
                id=pid,
                title=check.say(node, "title", what, same_in_both=check.one_language),
                sides=(sides[0], sides[1]),
                oasis=tuple(oasis),
                keywords=tuple(k.lower() for k in check.texts(node, "keywords", what)),
                questions=questions,
                slotted=slotted,
            )
        )
    return out


def _slots_of(check: Checker, item: dict, text: str, where: str) -> tuple[str, ...]:
    """The slots a slotted question names, each known, with known mutation marks, and at least one."""
    slots = tuple(dict.fromkeys(s.split(":", 1)[0] for s in _SLOT.findall(text)))
    for mark in {m.partition(":")[2] for m in _SLOT.findall(text)} - {"", *MUTATIONS}:
        raise check.fail(
            item, "text", f"unknown mutation ':{mark}' in {where}; use one of {', '.join(MUTATIONS)}"
        )
    for slot in slots:
        if slot not in SLOTS:
            raise check.fail(
                item, "text", f"unknown slot '{{{slot}}}' in {where}; use one of {', '.join(SLOTS)}"
            )
    if text.count("{") != text.count("}"):
        raise check.fail(item, "text", f"unbalanced braces in {where}")
    if not slots:
        raise check.fail(item, "text", f"{where} names no slot; put it under 'questions' instead")
    return slots


def _load_slotted(check: Checker, node: dict, pid: str, what: str) -> tuple[Question, ...]:
    """`slotted:` questions: `text:` naming the thread's facts in braces, and `for:` the asks they answer."""
    items = node.get("slotted") or []
    if not isinstance(items, list):
        raise check.fail(node, "slotted", f"'slotted' in {what} must be a list of questions")
    out = []
    for n, item in enumerate(items, 1):
        where = f"slotted question {n} of {what}"
        if not isinstance(item, dict):
            raise check.fail(items, n - 1, f"{where} must be a mapping with 'text' and 'for'")
        text = check.say(item, "text", where, same_in_both=check.one_language)
        slots = _slots_of(check, item, text, where)
        answers = tuple(check.texts(item, "for", where, required=False))
        for ask in answers:
            if ask not in ASK_TYPES:
                raise check.fail(
                    item, "for", f"unknown ask '{ask}' in {where}; use one of {', '.join(ASK_TYPES)}"
                )
        out.append(Question(f"{pid}.s{n}", pid, text, slots=slots, answers=answers))
    return tuple(out)


def _load_questions(check: Checker, node: dict, pid: str, what: str, least: int = 4) -> tuple[Question, ...]:
    """A question is text, or `{text: ..., asks: [...], needs: [...]}` to say what it asks for and assumes."""
    items = node.get("questions")
    if not isinstance(items, list) or len(items) < least:
        raise check.fail(
            node, "questions" if "questions" in node else None, f"{what} needs at least {least} questions"
        )
    out = []
    for n, item in enumerate(items, 1):
        if isinstance(item, dict) and "text" not in item and set(item) & {"en", "cy"}:
            text, asks, needs = check.said(item, items, n - 1, f"question {n} of {what}"), (), ()
        elif isinstance(item, dict):
            text = check.say(item, "text", f"question {n} of {what}", same_in_both=check.one_language)
            asks = tuple(check.texts(item, "asks", f"question {n} of {what}", required=False))
            needs = tuple(check.texts(item, "needs", f"question {n} of {what}", required=False))
            for key, values, known in (("asks", asks, ASKS), ("needs", needs, NEEDS)):
                for value in values:
                    if value not in known:
                        raise check.fail(
                            item,
                            key,
                            f"unknown '{value}' in '{key}' of question {n}; use one of {', '.join(known)}",
                        )
        elif isinstance(item, str) and item.strip():
            text = check.said(item, items, n - 1, f"question {n} of {what}", same_in_both=check.one_language)
            asks, needs = (), ()
        else:
            raise check.fail(items, n - 1, f"question {n} of {what} must be text or a mapping with 'text'")
        out.append(Question(f"{pid}.{n}", pid, text, asks, needs))
    return tuple(out)


def _says(check: Checker, node: dict, key: str, what: str) -> list[str]:
    if check.one_language:
        return check.texts(node, key, what, min_items=2)
    return check.says(node, key, what, min_items=2)


def _load_channels(
    path: Path, paradox_ids: set[str], lang: str = "en"
) -> tuple[list[Channel], tuple[str, ...]]:
    data = load(path)
    check = Checker(path, lang)
    if not isinstance(data, dict) or not isinstance(data.get("channels"), list):
        raise ConfigError(path, line_of(data), "the file must have a top-level 'channels:' list")
    seen: set[str] = set()
    out = []
    for i, node in enumerate(data["channels"]):
        node = check.mapping(node, f"channel {i + 1}", data["channels"], i)
        cid = check.text(node, "id", f"channel {i + 1}")
        what = f"channel '{cid}'"
        if cid in seen:
            raise check.fail(node, "id", f"duplicate channel id '{cid}'")
        seen.add(cid)
        paradoxes = check.texts(node, "paradoxes", what)
        for pid in paradoxes:
            if pid not in paradox_ids:
                raise check.fail(node, "paradoxes", f"{what} names the paradox '{pid}', which the deck lacks")
        # Welsh words match in their mutated forms too ("fideo", "gylchlythyr", "nghylchlythyr").
        welsh = [f for w in check.texts(node, "welsh", what, required=False) for f in welsh_forms(w.lower())]
        out.append(
            Channel(
                id=cid,
                # a brand's name is the same in both languages ("TikTok"); others are not ("a podcast")
                name=check.say(node, "name", what, same_in_both=True),
                patterns=tuple(p.lower() for p in check.texts(node, "patterns", what)) + tuple(welsh),
                paradoxes=tuple(paradoxes),
            )
        )
    ignore = check.texts(data, "not_followed_by", "the vocabulary", required=False)
    return out, tuple(w.lower() for w in ignore)


def load_deck(prompts_dir: str | Path, lang: str = "en", *, lexicon: Lexicon | None = None) -> Deck:
    """Load and check `paradoxes.yml`, `channels.yml` and `reading.yml`; raise ConfigError with file and line.

    `lang`: the language of the deck's words; `lexicon`: the reader's vocabulary when already loaded
    (the same for both languages: the reader reads Welsh and English whatever the reply is in).
    """
    prompts_dir = Path(prompts_dir)
    paradoxes = load_paradoxes(prompts_dir / "paradoxes.yml", lang=lang)
    channels, ignore = _load_channels(prompts_dir / "channels.yml", {p.id for p in paradoxes}, lang)
    words = load_words(prompts_dir, lang)
    return Deck(paradoxes, channels, ignore, lexicon or load_lexicon(prompts_dir), words)
