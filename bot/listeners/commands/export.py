"""`/paradox export`: a workspace admin gets everything the bot stores for the workspace, in a DM.

Only an admin or owner (Slack's `users.info` `is_admin`/`is_owner`, asked each time, so a demoted
admin loses it at once) may have it. The files go to a direct message with that person rather
than the channel the command was typed in, where others would see them.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.coach import privacy, replies
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.store.export import export_files

log = logging.getLogger(__name__)


def is_admin(client, user: str) -> bool:
    info = client.users_info(user=user)
    person = info.get("user") or {}
    return bool(person.get("is_admin") or person.get("is_owner"))


def export_to_dm(client, services: Services, team: str, user: str) -> replies.Reply:
    try:
        if not user or not is_admin(client, user):
            return privacy.export_refused()
        data = services.store.export_workspace(team)
        files = export_files(team, data)
        dm = client.conversations_open(users=user)["channel"]["id"]
        client.files_upload_v2(
            channel=dm,
            file_uploads=[{"content": content, "filename": name, "title": name} for name, content in files],
            initial_comment="Everything paradox-coach stores for this workspace, as JSON and as one CSV per "
            "table. docs/privacy.md says what each column is.",
        )
    except SlackApiError as exc:
        code = slack_error(exc)[1] or "error"
        log.warning("could not send the export to %s: %s", user, code)
        return privacy.export_failed(code)
    except (SlackClientError, OSError) as exc:  # the upload URL refused the bytes, or the network
        log.warning("could not send the export to %s: %s", user, exc.__class__.__name__)
        return privacy.export_failed(exc.__class__.__name__)
    log.info("sent the export of workspace %s to %s", team, user)
    return privacy.export_sent({name: len(rows) for name, rows in data.items()})
