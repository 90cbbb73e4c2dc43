"""`/paradox export`: a workspace admin gets everything the bot stores for the workspace, in a DM.

Only an admin or owner (Slack's `users.info` `is_admin`/`is_owner`, asked each time, so a demoted
admin loses it at once) may have it. The files go to a direct message with that person rather
than the channel the command was typed in, where others would see them. The reply and the words
beside the files follow the person, like the other private replies (`langs`, Welsh first).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.coach import privacy, replies
from bot.coach.words import Words
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.store.export import export_files

log = logging.getLogger(__name__)


def is_admin(client, user: str) -> bool:
    info = client.users_info(user=user)
    person = info.get("user") or {}
    return bool(person.get("is_admin") or person.get("is_owner"))


def export_to_dm(
    client, services: Services, team: str, user: str, langs: tuple[str, ...] = ("en",)
) -> replies.Reply:
    words = [services.deck_for(team, lang).words for lang in langs]

    def said(reply: Callable[[Words], replies.Reply]) -> replies.Reply:
        return replies.together([reply(w) for w in words])

    try:
        if not user or not is_admin(client, user):
            return said(privacy.export_refused)
        data = services.store.export_workspace(team)
        files = export_files(team, data)
        dm = client.conversations_open(users=user)["channel"]["id"]
        client.files_upload_v2(
            channel=dm,
            file_uploads=[{"content": content, "filename": name, "title": name} for name, content in files],
            initial_comment="\n\n".join(privacy.export_comment(w) for w in words),
        )
    except SlackApiError as exc:
        code = slack_error(exc)[1] or "error"
        log.warning("could not send the export to %s: %s", user, code)
        return said(lambda w: privacy.export_failed(code, w))
    except (SlackClientError, OSError) as exc:  # the upload URL refused the bytes, or the network
        name = exc.__class__.__name__
        log.warning("could not send the export to %s: %s", user, name)
        return said(lambda w: privacy.export_failed(name, w))
    log.info("sent the export of workspace %s to %s", team, user)
    counts = {name: len(rows) for name, rows in data.items()}
    return said(lambda w: privacy.export_sent(counts, w))
