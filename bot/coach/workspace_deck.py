"""A workspace's own deck: the shipped deck with that workspace's edits applied, checked like prompts/.

Admins add questions to a paradox, hide a paradox or one question, or restore the defaults, from
the Home tab; `python -m bot deck import` does the same from a YAML file. Edits are stored as a
log per workspace (which is also the audit log), so the deck is rebuilt from the shipped one plus
the log. `Decks.for_team` asks the store for the workspace's latest edit id on every request (one
indexed query) and rebuilds only when it moved, so an edit made in any process is used by every
process at once, with no restart. Plain Python: the store comes in through the `Storage` protocol.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from bot.coach.deck import Deck, Paradox, Question, load_paradoxes
from bot.coach.storage import DeckEdit, Storage
from bot.coach.text import escape
from bot.coach.words import Words
from bot.yamlfile import Checker, ConfigError, load

QUESTION_MIN = 10  # characters: shorter is not a question anyone can answer
QUESTION_MAX = 300  # and longer does not read as one question in Slack
MAX_QUESTIONS = 40  # per paradox: a hide-question menu holds 100 options, a Home tab 100 blocks

ADD, HIDE_QUESTION, HIDE_PARADOX, SHOW_PARADOX, RESET = (
    "add_question",
    "hide_question",
    "hide_paradox",
    "show_paradox",
    "reset",
)


class EditError(ValueError):
    """An edit that would break the deck; the message says why, for the person who tried it, in the
    language of the words it was raised with (`said` says it in another: the Home may be in two)."""

    def __init__(self, words: Words, key: str, **values: object):
        self.key, self.values = f"deck_admin.errors.{key}", values
        super().__init__(words.say(self.key, **values))

    def said(self, words: Words) -> str:
        return words.say(self.key, **self.values)


def clean_question(text: str, words: Words) -> str:
    """A typed question made one line and checked; raises EditError with what to fix."""
    text = " ".join((text or "").split())
    if len(text) < QUESTION_MIN:
        raise EditError(words, "short", count=QUESTION_MIN)
    if len(text) > QUESTION_MAX:
        raise EditError(words, "long", max=QUESTION_MAX, count=len(text))
    return text


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@dataclass(frozen=True)
class State:
    """What the edits since the last reset say: hidden ids and added questions (raw text)."""

    hidden_paradoxes: frozenset[str]
    hidden_questions: frozenset[str]
    added: tuple[tuple[str, str, str], ...]  # (paradox id, question id, raw text), in order


def state_of(edits: list[DeckEdit]) -> State:
    hidden_p: set[str] = set()
    hidden_q: set[str] = set()
    added: list[tuple[str, str, str]] = []
    for e in edits:
        if e.kind == RESET:
            hidden_p, hidden_q, added = set(), set(), []
        elif e.kind == ADD:
            added.append((e.paradox_id, e.question_id or added_question_id(e.paradox_id, e.id), e.text))
        elif e.kind == HIDE_QUESTION:
            hidden_q.add(e.question_id)
        elif e.kind == HIDE_PARADOX:
            hidden_p.add(e.paradox_id)
        elif e.kind == SHOW_PARADOX:
            hidden_p.discard(e.paradox_id)
    return State(frozenset(hidden_p), frozenset(hidden_q), tuple(added))


def apply(base: Deck, edits: list[DeckEdit]) -> Deck:
    """The shipped deck with the edits applied; channels keep their vocabulary."""
    state = state_of(edits)
    if not (state.hidden_paradoxes or state.hidden_questions or state.added):
        return base  # restored to the defaults
    paradoxes = []
    for p in base.paradoxes:
        if p.id in state.hidden_paradoxes:
            continue
        # Added text is escaped once, here: it is shown in mrkdwn wherever a question is.
        extra = [Question(qid, pid, escape(text)) for pid, qid, text in state.added if pid == p.id]
        questions = tuple(q for q in (*p.questions, *extra) if q.id not in state.hidden_questions)
        if questions:  # never an empty paradox, even if a log were edited by hand
            paradoxes.append(_with_questions(p, questions))
    if not paradoxes:
        return base
    return replace(base, paradoxes=paradoxes)


def _with_questions(p: Paradox, questions: tuple[Question, ...]) -> Paradox:
    return replace(p, questions=questions)


def hidden_paradoxes(base: Deck, deck: Deck) -> list[Paradox]:
    return [p for p in base.paradoxes if p.id not in deck.by_id]


def check_edit(
    base: Deck,
    deck: Deck,
    kind: str,
    paradox_id: str,
    question_id: str = "",
    text: str = "",
    *,
    words: Words | None = None,
) -> dict:
    """The edit as a row to store, once it is known to leave a usable deck; raises EditError otherwise,
    in `words` (default: the shipped deck's)."""
    words = words or base.words
    if paradox_id not in base.by_id:
        raise EditError(words, "no_paradox")
    check = _CHECKS.get(kind)
    if check is None:
        raise EditError(words, "not_an_edit", kind=kind)
    return check(base, deck, paradox_id, question_id, text, words)


def _check_add(base: Deck, deck: Deck, paradox_id: str, _question_id: str, text: str, words: Words) -> dict:
    text = clean_question(text, words)
    paradox = deck.by_id.get(paradox_id) or base.by_id[paradox_id]
    if len(paradox.questions) >= MAX_QUESTIONS:
        raise EditError(words, "full", count=MAX_QUESTIONS)
    if escape(text).lower() in {q.text.lower() for q in paradox.questions}:
        raise EditError(words, "duplicate")
    return {"kind": ADD, "paradox_id": paradox_id, "text": text}


def _check_hide_question(
    _base: Deck, deck: Deck, paradox_id: str, question_id: str, _text: str, words: Words
) -> dict:
    paradox = deck.by_id.get(paradox_id)
    if paradox is None or question_id not in {q.id for q in paradox.questions}:
        raise EditError(words, "question_gone")
    if len(paradox.questions) == 1:
        raise EditError(words, "last_question")
    return {"kind": HIDE_QUESTION, "paradox_id": paradox_id, "question_id": question_id}


def _check_hide_paradox(
    _base: Deck, deck: Deck, paradox_id: str, _question_id: str, _text: str, words: Words
) -> dict:
    if paradox_id not in deck.by_id:
        raise EditError(words, "hidden_already")
    if len(deck.paradoxes) == 1:
        raise EditError(words, "last_paradox")
    return {"kind": HIDE_PARADOX, "paradox_id": paradox_id}


def _check_show_paradox(
    _base: Deck, _deck: Deck, paradox_id: str, _question_id: str, _text: str, _words: Words
) -> dict:
    return {"kind": SHOW_PARADOX, "paradox_id": paradox_id}


_CHECKS = {
    ADD: _check_add,
    HIDE_QUESTION: _check_hide_question,
    HIDE_PARADOX: _check_hide_paradox,
    SHOW_PARADOX: _check_show_paradox,
}


def added_question_id(paradox_id: str, edit_id: int) -> str:
    """Added questions get ids no shipped one can have (those are `<paradox>.<position>`)."""
    return f"{paradox_id}.w{edit_id}"


# -- export and import, in the prompts/paradoxes.yml format ---------------------------------------------


def export_yaml(deck: Deck) -> str:
    """The deck as `paradoxes.yml` would write it; `import_edits` reads it back."""
    items = [
        {
            "id": p.id,
            "title": p.title,
            "sides": list(p.sides),
            "oasis": list(p.oasis),
            "keywords": list(p.keywords),
            "questions": [unescape(q.text) for q in p.questions],
        }
        for p in deck.paradoxes
    ]
    head = "# A workspace's deck, written by `python -m bot deck export`; read back with `deck import`.\n"
    return head + yaml.safe_dump({"paradoxes": items}, sort_keys=False, allow_unicode=True, width=1000)


def import_edits(base: Deck, path: str | Path) -> list[dict]:
    """The edits that make the workspace's deck the file's: a reset, then hides and additions.

    Checked as `python -m bot check` checks prompts/ (ConfigError with file and line), plus what
    an edit in Slack must pass: paradoxes of the shipped deck only, questions of sensible length.
    Titles, sides and keywords stay the shipped ones. Questions matched by text keep their ids.
    """
    paradoxes = load_paradoxes(path, min_questions=1, bilingual=False)
    data = load(path)
    check = Checker(path)
    edits: list[dict] = [{"kind": RESET}]
    in_file = {}
    for node, paradox in zip(data["paradoxes"], paradoxes, strict=True):
        if paradox.id not in base.by_id:
            raise check.fail(node, "id", f"'{paradox.id}' is not a paradox of the shipped deck")
        lines = node["questions"]
        for i, q in enumerate(paradox.questions):
            try:
                clean_question(q.text, base.words)
            except EditError as exc:
                raise check.fail(lines, i, f"question {i + 1} of '{paradox.id}': {exc}") from None
        if len(paradox.questions) > MAX_QUESTIONS:
            raise check.fail(node, "questions", f"'{paradox.id}' has more than {MAX_QUESTIONS} questions")
        in_file[paradox.id] = [" ".join(q.text.split()) for q in paradox.questions]
    for p in base.paradoxes:
        if p.id not in in_file:
            edits.append({"kind": HIDE_PARADOX, "paradox_id": p.id})
            continue
        wanted = in_file[p.id]
        shipped = {" ".join(q.text.split()): q.id for q in p.questions}
        edits += [
            {"kind": HIDE_QUESTION, "paradox_id": p.id, "question_id": qid}
            for text, qid in shipped.items()
            if text not in wanted
        ]
        edits += [
            {"kind": ADD, "paradox_id": p.id, "text": text}
            for text in dict.fromkeys(wanted)
            if text not in shipped
        ]
    if not in_file:
        raise ConfigError(path, None, "the deck needs at least one paradox")
    return edits


class Decks:
    """Each workspace's deck, rebuilt only when its edit log has moved (in any process)."""

    MAX_CACHED = 1000

    def __init__(self, base: Deck, store: Storage):
        self.base = base
        self.store = store
        self._cache: dict[str, tuple[int, Deck]] = {}
        self._lock = threading.Lock()

    def for_team(self, team_id: str) -> Deck:
        version = self.store.deck_version(team_id)
        if version == 0:
            return self.base
        with self._lock:
            hit = self._cache.get(team_id)
        if hit and hit[0] == version:
            return hit[1]
        deck = apply(self.base, self.store.deck_edits(team_id))
        with self._lock:
            if len(self._cache) >= self.MAX_CACHED:
                self._cache.clear()
            self._cache[team_id] = (version, deck)
        return deck
