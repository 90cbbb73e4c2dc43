"""The one-field "We have a goal" modal, built with slack_sdk.models (so Slack's limits are checked) and read back.

It is in the language of the reply whose button opened it (Welsh, when that reply was in both), and
carries that reply's languages so that the goal's answer is in them too.
"""

from __future__ import annotations

import json

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.coach.words import Words
from bot.listeners.views.metadata import metadata_of

CALLBACK = "goal_typed"
FIELD = "goal"
MAX_GOAL = 600  # enough for a SMART goal; the store bounds it again (settings.goal_chars)


def goal_modal(
    words: Words, channel: str, thread_ts: str, response_url: str = "", langs: tuple[str, ...] = ("en",)
) -> dict:
    """The form for views.open. Where the goal belongs (and, for a private /paradox reply, where to answer)
    travels in private_metadata, since a view_submission carries no channel; so do the reply's languages."""
    say = words.say
    view = View(
        type="modal",
        callback_id=CALLBACK,
        title=say("goal_form.title"),
        submit=say("goal_form.submit"),
        close=say("goal_form.close"),
        blocks=[
            InputBlock(
                block_id=FIELD,
                label=say("goal_form.label"),
                hint=say("goal_form.hint"),
                element=PlainTextInputElement(
                    action_id=FIELD,
                    multiline=True,
                    max_length=MAX_GOAL,
                    placeholder=say("goal_form.placeholder"),
                ),
            )
        ],
        private_metadata=json.dumps(
            {"channel": channel, "thread_ts": thread_ts, "response_url": response_url, "langs": list(langs)}
        ),
    )
    return view.to_dict()


def read_goal_submission(view: dict) -> tuple[str, dict]:
    """What was typed, and the modal's metadata (channel, thread_ts, response_url, langs)."""
    state = ((view or {}).get("state") or {}).get("values") or {}
    text = str(((state.get(FIELD) or {}).get(FIELD) or {}).get("value") or "")
    return text, metadata_of(view)
