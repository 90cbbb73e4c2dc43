"""The deck's two small forms, opened from the Home tab's menus: add a question, hide a question; and the
notice that says why an edit could not be made.

In the Home's languages: `decks` (or `words`) are the workspace's deck in each, Welsh first. A modal's
title, submit and close hold 24 characters, so where both languages do not fit the title says "Y
casgliad / The deck" and the field below names the form in both. Built with slack_sdk.models (so Slack's
limits are checked); the paradox id rides in private_metadata.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.coach.deck import Deck, Paradox
from bot.coach.home import said
from bot.coach.words import Words
from bot.coach.workspace_deck import QUESTION_MAX, QUESTION_MIN, unescape

ADD_CALLBACK = "deck_add_question"
HIDE_CALLBACK = "deck_hide_question"
FIELD = "question"  # the block and action id of each form's one field
MODAL_TEXT = 24  # Slack's longest modal title, submit or close
OPTIONS = 100  # and the most options a select holds


def _words(decks: list[Deck]) -> list[Words]:
    return [d.words for d in decks]


def _fits(words: list[Words], key: str, fallback: str = "deck_admin.title") -> str:
    """A modal's title or button in every language, or, when that is too long, `fallback`'s."""
    text = said(words, key)
    return text if len(text) <= MODAL_TEXT else said(words, fallback)


def _about(paradoxes: list[Paradox]) -> ContextBlock:
    """The paradox being edited, in each language."""
    texts = dict.fromkeys(f"*{p.title}*: {p.sides[0]} {p.sides[1]}"[:3000] for p in paradoxes)
    return ContextBlock(elements=[MarkdownTextObject(text=t) for t in texts])


def add_modal(decks: list[Deck], paradox_id: str) -> dict:
    words = _words(decks)
    return _one_field_form(
        decks,
        paradox_id,
        ADD_CALLBACK,
        (_fits(words, "deck_admin.add.title"), _fits(words, "deck_admin.add.submit")),
        InputBlock(
            block_id=FIELD,
            label=said(words, "deck_admin.add.label"),
            hint=said(words, "deck_admin.add.hint", sep="\n"),
            element=PlainTextInputElement(
                action_id=FIELD, multiline=True, min_length=QUESTION_MIN, max_length=QUESTION_MAX
            ),
        ),
    )


def hide_modal(decks: list[Deck], paradox_id: str) -> dict:
    """The paradox's questions to choose from: in one language a list, in two a group per language (the
    same questions, so that everyone reads them in their own)."""
    words = _words(decks)
    paradoxes = [d.by_id[paradox_id] for d in decks]
    if len(decks) == 1:
        choices = {"options": _options(paradoxes[0], "")}
    else:
        each = OPTIONS // len(decks)
        choices = {
            "option_groups": [
                OptionGroup(
                    label=d.words.say(f"home.language.names.{d.lang}"), options=_options(p, d.lang)[:each]
                )
                for d, p in zip(decks, paradoxes, strict=True)
            ]
        }
    return _one_field_form(
        decks,
        paradox_id,
        HIDE_CALLBACK,
        (_fits(words, "deck_admin.hide.title"), _fits(words, "deck_admin.hide.submit")),
        InputBlock(
            block_id=FIELD,
            label=said(words, "deck_admin.hide.label"),
            element=StaticSelectElement(
                action_id=FIELD, placeholder=_fits(words, "deck_admin.hide.placeholder"), **choices
            ),
        ),
    )


def _options(paradox: Paradox, lang: str) -> list[Option]:
    # An option's value must be unique in its select: in two languages it carries the language too.
    prefix = f"{lang}:" if lang else ""
    return [Option(text=_short(unescape(q.text)), value=prefix + q.id) for q in paradox.questions[:OPTIONS]]


def _one_field_form(
    decks: list[Deck], paradox_id: str, callback_id: str, title_and_submit: tuple[str, str], field: InputBlock
) -> dict:
    """Both deck forms: the paradox they edit (in private_metadata too), then their one field."""
    title, submit = title_and_submit
    view = View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close=_fits(_words(decks), "deck_admin.cancel"),
        private_metadata=paradox_id,
        blocks=[_about([d.by_id[paradox_id] for d in decks]), field],
    )
    return view.to_dict()


def notice_modal(text: str, words: list[Words], title: str = "deck_admin.title") -> dict:
    """Why something could not be done (`text`, already in the Home's languages)."""
    view = View(
        type="modal",
        title=_fits(words, title),
        close=_fits(words, "deck_admin.ok"),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )
    return view.to_dict()


def _short(text: str) -> str:
    return text if len(text) <= 75 else text[:74] + "…"


def read(view: dict) -> tuple[str, str]:
    """The paradox id and the field's value (typed text, or the chosen question's id)."""
    field = (((view or {}).get("state") or {}).get("values") or {}).get(FIELD) or {}
    value = field.get(FIELD) or {}
    chosen = (value.get("selected_option") or {}).get("value")
    if chosen:
        return str((view or {}).get("private_metadata") or ""), str(chosen).rpartition(":")[2]
    return str((view or {}).get("private_metadata") or ""), str(value.get("value") or "")
