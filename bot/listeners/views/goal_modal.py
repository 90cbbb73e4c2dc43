"""The one-field "We have a goal" modal, built with slack_sdk.models (so Slack's limits are checked) and read back."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

CALLBACK = "goal_typed"
FIELD = "goal"
MAX_GOAL = 600  # enough for a SMART goal; the store bounds it again (settings.goal_chars)


def goal_modal(channel: str, thread_ts: str, response_url: str = "") -> dict:
    """The form for views.open. Where the goal belongs (and, for a private /paradox reply, where to answer)
    travels in private_metadata, since a view_submission carries no channel."""
    view = View(
        type="modal",
        callback_id=CALLBACK,
        title="Our goal",
        submit="Record the goal",
        close="Cancel",
        blocks=[
            InputBlock(
                block_id=FIELD,
                label="What is the goal?",
                hint="Who should do what differently, by how much, by when.",
                element=PlainTextInputElement(
                    action_id=FIELD,
                    multiline=True,
                    max_length=MAX_GOAL,
                    placeholder="For example: 300 more carers in Gwynedd register for respite support by March",
                ),
            )
        ],
        private_metadata=json.dumps(
            {"channel": channel, "thread_ts": thread_ts, "response_url": response_url}
        ),
    )
    return view.to_dict()


def read_goal_submission(view: dict) -> tuple[str, dict]:
    """What was typed, and the modal's metadata (channel, thread_ts, response_url)."""
    state = ((view or {}).get("state") or {}).get("values") or {}
    text = str(((state.get(FIELD) or {}).get(FIELD) or {}).get("value") or "")
    try:
        metadata = json.loads((view or {}).get("private_metadata") or "{}")
    except ValueError:
        metadata = {}
    return text, metadata if isinstance(metadata, dict) else {}
