"""The privacy replies, the forms and Slack's confirm dialog say their words in the language they are given:
counts with their nouns, the privacy line, the Welsh forms of the privacy commands, the brief's fields."""

from __future__ import annotations

import json

import pytest

from bot.coach import privacy, replies
from bot.coach.brief import FIELDS, objective_hint
from bot.coach.command import Form, parse_coaching
from bot.coach.storage import Goal, PersonalData
from bot.coach.words import load_words
from bot.listeners.views import goal_modal, metadata, plan_modal
from bot.slack.render import blocks
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def cy():
    return load_words(ROOT / "prompts", "cy")


@pytest.fixture(scope="module")
def en():
    return load_words(ROOT / "prompts", "en")


def _dialog(button: replies.Button) -> dict:
    (rendered,) = blocks(replies.Reply("privacy", "x", [replies.Actions([button])]))
    return rendered["elements"][0]["confirm"]


def test_the_confirm_dialog_says_the_words_its_button_carries(cy, en):
    welsh = privacy.confirm_forget_me(PersonalData("U1", [], {}, []), cy)
    (erase,) = [b for p in welsh.parts if isinstance(p, replies.Actions) for b in p.buttons if b.style]
    dialog = _dialog(erase)
    assert dialog["title"]["text"] == "Ydych chi'n siŵr?"
    assert (dialog["confirm"]["text"], dialog["deny"]["text"]) == ("Ydw", "Canslo")
    assert dialog["text"]["text"].endswith("Does dim modd dadwneud hyn.")
    # a button built without them (the deck's controls, say) keeps Slack's English defaults
    plain = _dialog(replies.Button("deck_restore", "Restore", "v", "Restore the deck", confirm="Sure?"))
    assert (plain["title"]["text"], plain["confirm"]["text"], plain["deny"]["text"]) == (
        "Are you sure?",
        "Yes",
        "Cancel",
    )


@pytest.mark.parametrize(
    "noun, n, english, welsh",
    [
        ("goal", 1, "1 goal", "1 nod"),
        ("goal", 3, "3 goals", "3 nod"),
        ("goal", 0, "0 goals", "0 nod"),
        ("remembered", 2, "2 remembered questions", "2 cwestiwn ar gof"),
        ("weekly", 5, "5 weekly prompts", "5 neges wythnosol"),
        ("day", 90, "90 days", "90 diwrnod"),
    ],
)
def test_a_count_says_its_noun_in_each_language(cy, en, noun, n, english, welsh):
    assert privacy.counted(en, noun, n) == english and privacy.counted(cy, noun, n) == welsh


def test_every_count_and_field_the_code_names_is_in_both_languages(cy, en):
    nouns = ("goal", "question", "remembered", "weekly", "deck_edit", "edit", "language", "day", "month")
    for words in (cy, en):
        for noun in nouns:
            assert privacy.counted(words, noun, 1) and privacy.counted(words, noun, 2)
        for field in FIELDS:
            assert field.label(words) and field.hint(words)
    assert [f.label(cy) for f in FIELDS] != [f.label(en) for f in FIELDS]


def test_the_privacy_line_says_the_retention_in_the_words_language(cy, en):
    english = privacy.summary_line(en, "https://example.gov.uk/p", 396, 30)
    assert "goals (with who wrote them) for 13 months" in english and "for 30 days" in english
    assert english.endswith("<https://example.gov.uk/p|How your data is handled>.")
    welsh = privacy.summary_line(cy, "", 396, 1)
    assert welsh.startswith("Preifatrwydd:") and "am 13 mis" in welsh and "am 1 diwrnod" in welsh
    assert welsh.endswith("Manylion (yn Saesneg): docs/privacy.md.") and "/paradox fy nata" in welsh


def test_my_data_and_forget_me_in_welsh_name_everything_held(cy):
    goal = Goal("T1", "C1", "1.2", "Nod <!here> & mwy", "U1", 0.0)
    data = PersonalData("U1", [goal], {"C1": 2}, ["C2"], digest=True, deck_edits=1, languages=["", "C3"])
    shown = privacy.my_data(data, cy, "LLINELL")
    said = json.dumps([getattr(p, "text", "") for p in shown.parts], ensure_ascii=False)
    assert "Nod &lt;!here&gt; &amp; mwy" in said and "<!here>" not in said  # quoted back escaped
    assert "<#C1> (mewn edefyn)" in said and "<#C1>: 2 cwestiwn" in said and "Crynodeb misol" in said
    assert "1 newid" in said and "iaith ddiofyn y gweithle" in said and said.endswith('LLINELL"]')
    assert shown.text == (
        "Beth rwy'n ei gadw amdanoch chi: 1 nod a ysgrifennwyd gennych chi; 2 cwestiwn o'ch atebion "
        "/paradox sydd ar gof; a'ch enw ar 1 neges wythnosol."
    )
    gone = {"goals": 1, "questions": 2, "subscriptions": 0, "digests": 1, "deck_edits": 3, "languages": 1}
    assert privacy.forgotten_me(gone, cy).text == (
        "Wedi'u dileu: 1 nod a ysgrifennwyd gennych chi; 2 cwestiwn ar gof. Tynnwyd eich enw oddi ar "
        "0 neges wythnosol, ac oddi ar 3 newid i'r casgliad, ac oddi ar 1 gosodiad iaith; stopiwyd eich "
        "crynodeb misol. Does dim byd arall amdanoch chi wedi'i gadw yma."
    )


def test_an_erase_button_says_the_language_of_its_reply(cy, en):
    for words in (cy, en):
        reply = privacy.confirm_forget("C1", words)
        values = [b.value for p in reply.parts if isinstance(p, replies.Actions) for b in p.buttons]
        assert [replies.language_of_button(v) for v in values] == [words.lang, words.lang]
    assert replies.language_of_button("forget_me") is None and replies.language_of_button("x:fr") is None


@pytest.mark.parametrize(
    "typed, form, welsh",
    [
        ("anghofio", Form.FORGET, True),
        ("Anghofio Fi", Form.FORGET_ME, True),
        ("fy nata", Form.MY_DATA, True),
        ("fy data", Form.MY_DATA, True),
        ("allforio", Form.EXPORT, True),
        ("forget me", Form.FORGET_ME, False),
        ("my data", Form.MY_DATA, False),
    ],
)
def test_the_privacy_commands_have_welsh_forms(deck, typed, form, welsh):
    cmd = parse_coaching(typed, deck)
    assert (cmd.form, cmd.welsh) == (form, welsh)


def test_a_near_welsh_form_is_never_taken_for_an_erasure(deck):
    assert parse_coaching("anghofio fi plis", deck).form not in (Form.FORGET, Form.FORGET_ME)


def test_the_objective_prompt_is_in_the_words_language(cy, en):
    assert objective_hint("We want more parents to book flu jabs", en).startswith(
        "Could you add a number and"
    )
    assert objective_hint("Rydyn ni eisiau i fwy o rieni archebu brechiad ffliw", cy).startswith(
        "Allech chi ychwanegu nifer a dyddiad"
    )


def test_the_forms_carry_their_languages_and_read_back_only_known_ones(cy):
    view = goal_modal.goal_modal(cy, "C1", "1.2", "", ("cy", "en"))
    assert view["title"]["text"] == "Ein nod"
    _, carried = goal_modal.read_goal_submission(view)
    assert metadata.languages_of(carried) == ("cy", "en")
    assert metadata.languages_of({"langs": "cy"}) == ("en",) and metadata.languages_of({}) == ("en",)
    plan = plan_modal.plan_modal(cy, langs=("cy",), channel="C1")
    assert plan["title"]["text"] == "Cynllunio ymgyrch" and plan["close"]["text"] == "Canslo"
    assert metadata.languages_of(json.loads(plan["private_metadata"])) == ("cy",)
    assert metadata.languages_of({"langs": ["fr", 3]}) == ("en",)
