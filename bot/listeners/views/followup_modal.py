"""The optional one-field "What did you see?" form after Met / Partly / Not met on a goal follow-up.

Built with slack_sdk.models (so Slack's limits are checked). A view_submission carries no channel, so the
goal, the follow-up message to update and its languages travel in private_metadata.
"""

from __future__ import annotations

import json

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.coach.words import Words
from bot.listeners.views.metadata import languages_of, metadata_of

CALLBACK = "followup_note"
FIELD = "note"
MAX_NOTE = 500


def note_modal(words: Words, goal_id: int, channel: str, ts: str, langs: tuple[str, ...]) -> dict:
    say = words.say
    view = View(
        type="modal",
        callback_id=CALLBACK,
        title=say("followup.modal.title"),
        submit=say("followup.modal.submit"),
        close=say("followup.modal.close"),
        blocks=[
            InputBlock(
                block_id=FIELD,
                label=say("followup.modal.label"),
                hint=say("followup.modal.hint"),
                optional=True,
                element=PlainTextInputElement(action_id=FIELD, multiline=True, max_length=MAX_NOTE),
            )
        ],
        private_metadata=json.dumps({"goal": goal_id, "channel": channel, "ts": ts, "langs": list(langs)}),
    )
    return view.to_dict()


def read_note(view: dict) -> tuple[str, dict]:
    """What was typed ("" when nothing), and the metadata (goal, channel, ts, langs)."""
    state = ((view or {}).get("state") or {}).get("values") or {}
    text = str(((state.get(FIELD) or {}).get(FIELD) or {}).get("value") or "").strip()
    metadata = metadata_of(view)
    metadata["langs"] = languages_of(metadata)
    return text[:MAX_NOTE], metadata
