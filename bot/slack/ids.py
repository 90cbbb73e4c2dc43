"""Reading who and where out of Slack payloads, tolerating the shapes Slack really sends."""

from __future__ import annotations

import re
from typing import Any

# Slack's id shapes. Ids go into messages as <@U…> and <#C…>, so anything else from a payload
# (which an attacker with a signing secret, or a bug, could fill) is dropped rather than pasted.
USER_ID = re.compile(r"^[UW][A-Z0-9]{1,31}$")
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{1,31}$")


def checked(value: Any, shape: re.Pattern) -> str:
    text = str(value or "")
    return text if shape.match(text) else ""


def team_of(body: dict[str, Any], context: Any = None) -> str:
    """The workspace key for storage: the team, or the enterprise for org-wide installs."""
    for value in (
        getattr(context, "team_id", None) if context is not None else None,
        body.get("team_id"),
        (body.get("team") or {}).get("id") if isinstance(body.get("team"), dict) else None,
        getattr(context, "enterprise_id", None) if context is not None else None,
        body.get("enterprise_id"),
    ):
        if value:
            return str(value)
    return "unknown"


def channel_of(body: dict[str, Any]) -> str:
    """The channel id, or "" when there is none of Slack's shape."""
    container = body.get("container") or {}
    channel = body.get("channel")
    found = (
        body.get("channel_id")
        or (container.get("channel_id") if isinstance(container, dict) else None)
        or (channel.get("id") if isinstance(channel, dict) else channel)
        or ""
    )
    return checked(found, CHANNEL_ID)


def user_of(body: dict[str, Any]) -> str:
    """The user id, or "" when there is none of Slack's shape."""
    user = body.get("user")
    return checked(body.get("user_id") or (user.get("id") if isinstance(user, dict) else user), USER_ID)
