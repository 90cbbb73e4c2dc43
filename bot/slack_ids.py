"""Reading who and where out of Slack payloads, tolerating the shapes Slack really sends."""

from __future__ import annotations

from typing import Any


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
    container = body.get("container") or {}
    channel = body.get("channel")
    return str(
        body.get("channel_id")
        or (container.get("channel_id") if isinstance(container, dict) else None)
        or (channel.get("id") if isinstance(channel, dict) else channel)
        or ""
    )


def user_of(body: dict[str, Any]) -> str:
    user = body.get("user")
    return str(body.get("user_id") or (user.get("id") if isinstance(user, dict) else user) or "")
