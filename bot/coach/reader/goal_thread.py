"""Which goal stands across a thread: the strongest one stated, a later one winning a tie.

A goal is often said over two sentences ("Engagement rate on our TikTok is down to 2.1% - goal is to get
it back to 5%") or taken back later ("parking the number for now"), so sentences are read in order and
beside their neighbours, and a withdrawal clears what came before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.coach.reader.compiled import Reader, _fallback_reader, reader_for
from bot.coach.reader.forms import Norm, _token_at
from bot.coach.reader.goal_sentence import _negated, read_sentence
from bot.coach.reader.readings import NONE, OUTPUT, STATED, WEAK, GoalReading
from bot.coach.reader.sentences import sentences
from bot.coach.text import plain

if TYPE_CHECKING:
    from bot.coach.deck import Deck

_RANK = {STATED: 3, WEAK: 2, OUTPUT: 1, NONE: 0}


@dataclass
class _GoalTrack:
    best: GoalReading = field(default_factory=GoalReading)
    withdrawn: bool = False
    withdrawal: str = ""
    before_last: str = NONE  # the goal's strength before the last message


def _track_goal(reader: Reader, texts: list[str]) -> _GoalTrack:
    """The strongest goal across messages (a later one wins a tie); a withdrawal clears what came before,
    and so does a switch to other work."""
    track = _GoalTrack()
    for index, text in enumerate(texts):
        if index == len(texts) - 1:
            track.before_last = track.best.strength
        parts = sentences(plain(text))
        for i, sentence in enumerate(parts):
            rest = _set_aside(reader, track, sentence)
            if not rest:
                continue
            found = _in_context(reader, parts, i, rest, index)
            # within one message the first goal is the goal ("KR1: 340 deposits … KR2: refusals under 8%"
            # lists the goal, then what serves it) unless a later one says more of how much and by when; a
            # later message can still restate or replace it
            same_message = track.best.stated and track.best.message_index == index
            if same_message and _fullness(found) <= _fullness(track.best):
                continue
            if found.strength != NONE and _RANK[found.strength] >= _RANK[track.best.strength]:
                track.best = found
                if found.stated:
                    track.withdrawn, track.withdrawal = False, ""
    return track


def _fullness(goal: GoalReading) -> int:
    """How much of a SMART goal a reading has: stated, with an amount, with a date."""
    return (_RANK[goal.strength] == _RANK[STATED]) + bool(goal.measure) + bool(goal.date)


def _set_aside(reader: Reader, track: _GoalTrack, sentence: str) -> str:
    """Clear the goal a sentence withdraws or hands to other work; the words left to read for a goal."""
    norm = reader.lexicon.norm(sentence)
    pulled = reader.withdraw.search(norm.text) or (
        track.best.stated and reader.withdraw_that.search(norm.text)
    )
    if pulled and not _negated(norm, pulled.start()):
        if track.best.stated:
            track.withdrawn = True
            track.withdrawal = norm.source(pulled.start(), pulled.end()).strip()
        track.best = GoalReading()
        # "Scrap that goal, we'll use the one SLT signed off: 800 bookings by February"
        sentence = _after(norm, pulled)
        if not sentence:
            return ""
        norm = reader.lexicon.norm(sentence)
    # "Separate thing: the awards", "… by 2026, but that's the ICB's, not ours": a goal before the
    # switch belongs to other work; one after it is this work's
    switches = list(reader.other_campaign.finditer(norm.text))
    if switches:
        track.best = GoalReading()
        track.withdrawn, track.withdrawal = False, ""
        sentence = _after(norm, switches[-1])
    return sentence


def _after(norm: Norm, found: re.Match) -> str:
    """The words of a sentence after a match in its stem string, as written."""
    return norm.raw[norm.spans[_token_at(norm, found.end() - 1)][1] :].lstrip(" ,;:-–)")


def _in_context(reader: Reader, parts: list[str], i: int, sentence: str, index: int) -> GoalReading:
    """What sentence `i` of a message says about the goal, read beside its neighbours."""
    found = read_sentence(sentence, reader, index)
    if found.rule in _LEVEL_RULES and i > 0 and _refers_back(found.sentence):
        found = _level_of_output(reader, parts[i - 1], found)
    if found.rule == "bare_outcome" and i + 1 < len(parts):
        # "get people booking their smear tests - 500 more women aged 25-49 by summer": the
        # direction in one clause, its amount in the next
        joined = read_sentence(f"{sentence}, {parts[i + 1]}", reader, index)
        found = joined if joined.stated else found
    return found


_LEVEL_RULES = ("label_measure", "intention_measure")
# "goal is to get it back to 5%", "we want that up to 40% by June": the level belongs to what came before
_REFERS_BACK = re.compile(
    r"\b(?:get|bring|push|take|put|move|grow|raise|lift|have|cael)\s+(?:it|that|this|them|hi|fe|e)\b"
    r"|\b(?:it|that|this|them|hi|fe)\s+(?:back|up|down|'n ôl|yn ôl|i fyny)\b",
    re.I,
)


def _refers_back(sentence: str) -> bool:
    return bool(_REFERS_BACK.search(sentence))


def _level_of_output(reader: Reader, before: str, found: GoalReading) -> GoalReading:
    """A level whose "it" is an output named in the sentence before ("Engagement rate on our TikTok is
    down to 2.1% - goal is to get it back to 5%") counts an output, not people acting."""
    norm = reader.lexicon.norm(before)
    output = reader.output_nouns.search(norm.text)
    if output is None or reader.audiences.search(norm.text):
        return found
    what = norm.source(output.start(), output.end()).strip()
    return GoalReading(
        OUTPUT,
        found.sentence,
        found.audience,
        found.measure,
        found.date,
        what,
        found.message_index,
        "output_level",
    )


def read_goal(texts: list[str], deck: Deck | None = None) -> GoalReading:
    """The strongest goal statement across messages; a later one wins a tie."""
    reader = reader_for(deck) if deck is not None else _fallback_reader()
    return _track_goal(reader, texts).best
