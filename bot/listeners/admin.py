"""Who may edit the workspace's deck and set its language: Slack's own workspace admins and owners
(users.info), asked each time."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.slack.delivery import slack_error

log = logging.getLogger(__name__)

NOT_ADMIN = "deck_admin.not_admin"  # what a non-admin is told, in prompts/home.yml


def is_admin(client, user_id: str) -> bool:
    """True for a workspace admin or owner; False when Slack says otherwise or will not say."""
    if not user_id:
        return False
    try:
        user = (client.users_info(user=user_id) or {}).get("user") or {}
    except SlackApiError as exc:
        log.warning("could not tell whether %s is an admin: %s", user_id, slack_error(exc)[1] or "error")
        return False
    except OSError as exc:
        log.warning("could not tell whether %s is an admin: %s", user_id, exc.__class__.__name__)
        return False
    return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
