"""A workspace's own deck as plain Python: edits applied to the shipped deck, checked, cached by version."""

from __future__ import annotations

import pytest

from bot.coach import workspace_deck as wd
from bot.coach.storage import DeckEdit


def _edit(n, kind, pid="", qid="", text=""):
    return DeckEdit(n, kind, pid, qid, text, "UADMIN", float(n))


def test_edits_since_the_last_reset_make_the_deck(deck):
    edits = [
        _edit(1, wd.HIDE_PARADOX, "pace"),
        _edit(2, wd.RESET),
        _edit(3, wd.ADD, "cost", text="Who pays for <this> & when?"),
        _edit(4, wd.HIDE_QUESTION, "cost", "cost.1"),
        _edit(5, wd.HIDE_PARADOX, "reach"),
        _edit(6, wd.HIDE_PARADOX, "skill"),
        _edit(7, wd.SHOW_PARADOX, "skill"),
    ]
    mine = wd.apply(deck, edits)
    assert [p.id for p in mine.paradoxes] == [p.id for p in deck.paradoxes if p.id != "reach"]
    cost = mine.by_id["cost"]
    assert "cost.1" not in {q.id for q in cost.questions}
    assert (
        cost.questions[-1].id == "cost.w3"
        and cost.questions[-1].text == "Who pays for &lt;this&gt; &amp; when?"
    )
    assert mine.paradox_for_topic("reach") is None and mine.channels == deck.channels
    assert wd.apply(deck, [*edits, _edit(8, wd.RESET)]) is deck


def test_checks_refuse_what_would_break_the_deck(deck):
    with pytest.raises(wd.EditError, match="at least 10"):
        wd.check_edit(deck, deck, wd.ADD, "cost", text="   Why?  ")
    with pytest.raises(wd.EditError, match="not in the deck"):
        wd.check_edit(deck, deck, wd.ADD, "invented", text="A perfectly good question?")
    one = wd.apply(
        deck,
        [
            _edit(i + 1, wd.HIDE_QUESTION, "pace", q.id)
            for i, q in enumerate(deck.by_id["pace"].questions[1:])
        ],
    )
    with pytest.raises(wd.EditError, match="hide the paradox instead"):
        wd.check_edit(deck, one, wd.HIDE_QUESTION, "pace", one.by_id["pace"].questions[0].id)
    last = wd.apply(deck, [_edit(i + 1, wd.HIDE_PARADOX, p.id) for i, p in enumerate(deck.paradoxes[1:])])
    with pytest.raises(wd.EditError, match="last paradox"):
        wd.check_edit(deck, last, wd.HIDE_PARADOX, deck.paradoxes[0].id)
    assert wd.check_edit(deck, deck, wd.ADD, "cost", text="  Who  pays\nlater? ") == {
        "kind": wd.ADD,
        "paradox_id": "cost",
        "text": "Who pays later?",
    }


class _Log:
    def __init__(self):
        self.edits: list[DeckEdit] = []
        self.reads = 0

    def deck_version(self, team_id):
        return max((e.id for e in self.edits), default=0)

    def deck_edits(self, team_id):
        self.reads += 1
        return list(self.edits)


def test_decks_rebuild_only_when_the_log_moves(deck):
    log = _Log()
    decks = wd.Decks(deck, log)
    assert decks.for_team("T1") is deck and log.reads == 0
    log.edits.append(_edit(1, wd.HIDE_PARADOX, "pace"))
    first = decks.for_team("T1")
    assert "pace" not in first.by_id and decks.for_team("T1") is first and log.reads == 1
    log.edits.append(_edit(2, wd.SHOW_PARADOX, "pace"))  # written by another process
    assert "pace" in decks.for_team("T1").by_id and log.reads == 2
