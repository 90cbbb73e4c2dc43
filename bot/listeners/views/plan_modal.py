"""The "Plan a campaign" modal from the brief's fields: built with slack_sdk.models (so Slack's limits are checked) and read back.

A modal is in one language (Welsh, when the brief is to be in both); the languages of the brief it
posts travel in its private_metadata, with the channel it was opened from.
"""

from __future__ import annotations

import hashlib
import json

from slack_sdk.models.blocks import (
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.coach.brief import FIELDS
from bot.coach.text import escape
from bot.coach.words import Words
from bot.listeners.views.metadata import metadata_of

CALLBACK = "plan_campaign"
SHORTCUT = "plan_goal_first"
MAX_INPUT = 3000  # Slack's plain_text_input limit


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def plan_modal(
    words: Words,
    values: dict[str, str] | None = None,
    *,
    langs: tuple[str, ...] = ("en",),
    channel: str = "",
    hint: str = "",
    warned: str = "",
) -> dict:
    """The modal as a dict for views.open / views.update / response_action update, in `words`' language.

    `langs` are the brief's languages; `hint` is the gentle prompt about the objective, shown under
    it; `warned` remembers which objective was already prompted, so submitting it again posts it as it is.
    """
    say = words.say
    values = values or {}
    blocks: list = [SectionBlock(block_id="intro", text=MarkdownTextObject(text=say("plan_form.intro")))]
    for field in FIELDS:
        blocks.append(
            InputBlock(
                block_id=field.key,
                label=field.label(words),
                hint=field.hint(words),
                optional=field.optional,
                element=PlainTextInputElement(
                    action_id=field.key,
                    multiline=field.multiline,
                    initial_value=(values.get(field.key) or "")[:MAX_INPUT] or None,
                    max_length=MAX_INPUT,
                ),
            )
        )
        if field.key == "objective" and hint:
            blocks.append(
                ContextBlock(
                    block_id="objective_hint",
                    elements=[MarkdownTextObject(text=f":bulb: {escape(hint)} {say('plan_form.again')}")],
                )
            )
    blocks.append(
        InputBlock(
            block_id="post_to",
            label=say("plan_form.post_to"),
            element=ConversationSelectElement(
                action_id="post_to",
                initial_conversation=channel or None,
                default_to_current_conversation=None if channel else True,
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
            ),
        )
    )
    metadata = json.dumps({"channel": channel, "warned": warned, "langs": list(langs)})
    view = View(
        type="modal",
        callback_id=CALLBACK,
        title=say("plan_form.title"),
        submit=say("plan_form.submit"),
        close=say("plan_form.close"),
        blocks=blocks,
        private_metadata=metadata,
    )
    return view.to_dict()  # validates every field limit


def read_submission(view: dict) -> tuple[dict[str, str], str, dict]:
    """The typed fields, the chosen channel, and the modal's private metadata."""
    state = ((view or {}).get("state") or {}).get("values") or {}
    fields = {}
    for field in FIELDS:
        value = ((state.get(field.key) or {}).get(field.key) or {}).get("value")
        fields[field.key] = str(value or "")
    channel = str(((state.get("post_to") or {}).get("post_to") or {}).get("selected_conversation") or "")
    return fields, channel, metadata_of(view)
