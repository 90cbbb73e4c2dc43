"""The deck's two small forms, opened from the Home tab's menus: add a question, hide a question.

Built with slack_sdk.models (so Slack's limits are checked); the paradox id rides in private_metadata.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.coach.deck import Paradox
from bot.coach.workspace_deck import QUESTION_MAX, QUESTION_MIN, unescape

ADD_CALLBACK = "deck_add_question"
HIDE_CALLBACK = "deck_hide_question"
FIELD = "question"  # the block and action id of each form's one field


def _about(paradox: Paradox) -> ContextBlock:
    return ContextBlock(
        elements=[MarkdownTextObject(text=f"*{paradox.title}*: {paradox.sides[0]} {paradox.sides[1]}"[:3000])]
    )


def add_modal(paradox: Paradox) -> dict:
    return _one_field_form(
        paradox,
        ADD_CALLBACK,
        ("Add a question", "Add it"),
        InputBlock(
            block_id=FIELD,
            label="The question, as the coach should ask it",
            hint="One question a comms team planning real work can answer. Shown to everyone in this workspace.",
            element=PlainTextInputElement(
                action_id=FIELD, multiline=True, min_length=QUESTION_MIN, max_length=QUESTION_MAX
            ),
        ),
    )


def hide_modal(paradox: Paradox) -> dict:
    options = [Option(text=_short(unescape(q.text)), value=q.id) for q in paradox.questions[:100]]
    return _one_field_form(
        paradox,
        HIDE_CALLBACK,
        ("Hide a question", "Hide it"),
        InputBlock(
            block_id=FIELD,
            label="The question the coach should stop asking",
            element=StaticSelectElement(action_id=FIELD, placeholder="Choose a question", options=options),
        ),
    )


def _one_field_form(
    paradox: Paradox, callback_id: str, title_and_submit: tuple[str, str], field: InputBlock
) -> dict:
    """Both deck forms: the paradox they edit (in private_metadata too), then their one field."""
    title, submit = title_and_submit
    view = View(
        type="modal",
        callback_id=callback_id,
        title=title,
        submit=submit,
        close="Cancel",
        private_metadata=paradox.id,
        blocks=[_about(paradox), field],
    )
    return view.to_dict()


def notice_modal(text: str) -> dict:
    view = View(
        type="modal",
        title="The deck",
        close="OK",
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
    return str((view or {}).get("private_metadata") or ""), str(chosen or value.get("value") or "")
