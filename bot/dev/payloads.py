"""Slack-shaped request bodies: the slash command form, the Events API envelope, a mention, a button press,
a modal submission.

The one set of builders used by try mode, the tests and the benchmarks, so they all send what
Slack sends. Each returns the body and its content type, ready for `signing.signed_headers`.
"""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def command(
    text: str,
    *,
    response_url: str = "",
    trigger_id: str = "",
    team: str = "T0001",
    channel: str = "C1",
    user: str = "U1",
    **fields: str,
) -> tuple[str, str]:
    """A `/paradox` slash command; `fields` override or add form fields (for example command="/other")."""
    form = {
        "token": "legacy",
        "team_id": team,
        "team_domain": "example",
        "channel_id": channel,
        "channel_name": "campaign-planning",
        "user_id": user,
        "user_name": "someone",
        "command": "/paradox",
        "text": text,
        "api_app_id": "A0001",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }
    form.update(fields)
    return urlencode(form), FORM


def event(
    inner: dict,
    *,
    team: str = "T0001",
    event_id: str | None = None,
    kind: str = "event_callback",
    bot_user: str = "UBOT",
) -> tuple[str, str]:
    """An Events API callback wrapping `inner`, as Slack posts it."""
    body = {
        "token": "legacy",
        "team_id": team,
        "api_app_id": "A0001",
        "event": inner,
        "type": kind,
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": bot_user, "is_bot": True}],
    }
    return json.dumps(body), JSON


def mention_event(text: str, *, ts: str, channel: str = "C1", user: str = "U1", thread_ts: str = "") -> dict:
    """An `app_mention` event: `text` as typed after the mention (`<@UBOT>` is put in front)."""
    inner = {"type": "app_mention", "user": user, "text": f"<@UBOT> {text}", "channel": channel, "ts": ts}
    inner["event_ts"] = ts
    if thread_ts:
        inner["thread_ts"] = thread_ts
    return inner


def interaction(payload: dict) -> tuple[str, str]:
    """An interactivity request (button, modal, shortcut): the payload as one form field."""
    return urlencode({"payload": json.dumps(payload)}), FORM


def button_press(
    action_id: str,
    value: str,
    *,
    trigger_id: str,
    response_url: str,
    team: str = "T0001",
    channel: str = "C1",
    user: str = "U1",
    block_id: str = "",
    **where: dict,
) -> dict:
    """A block_actions payload for one button: on an ephemeral message unless `where` says otherwise.

    `where` replaces or adds the keys that say where the button was: `container` (a posted
    message's, with its `message_ts`, or a view's), `message` (the posted message) or `view`.
    """
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "example"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": trigger_id,
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
        "channel": {"id": channel, "name": "campaign-planning"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "action_ts": str(time.time()),
            }
        ],
    }
    payload.update(where)
    return payload


def message_container(channel: str, ts: str, thread_ts: str = "") -> dict:
    """The `container` of a button on a message the bot posted (not an ephemeral one)."""
    container = {"type": "message", "channel_id": channel, "message_ts": ts, "is_ephemeral": False}
    if thread_ts:
        container["thread_ts"] = thread_ts
    return container


def view_submission(
    view: dict, values: dict, *, trigger_id: str, team: str = "T0001", user: str = "U1"
) -> dict:
    """A view_submission payload: `view` as opened, with `values` as Slack's state (block -> action -> value)."""
    return {
        "type": "view_submission",
        "team": {"id": team, "domain": "example"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": trigger_id,
        "view": {"id": "V0001", "team_id": team, **view, "state": {"values": values}},
    }
