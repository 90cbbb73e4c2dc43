"""Events: mentions in campaign threads, and uninstalls."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.coaching import Place
from bot.delivery import deliver, slack_error
from bot.render import home_view, message
from bot.services import Services
from bot.slack_ids import team_of

log = logging.getLogger(__name__)


def _is_bot(msg: dict) -> bool:
    return bool(
        msg.get("bot_id") or msg.get("subtype") in ("bot_message", "message_changed", "message_deleted")
    )


def read_thread(client, channel: str, root_ts: str, limit: int) -> list[dict]:
    """The thread's messages, oldest first, at most `limit` of them (paged by cursor)."""
    out: list[dict] = []
    cursor = None
    while len(out) < limit:
        page = client.conversations_replies(
            channel=channel, ts=root_ts, limit=min(200, limit - len(out)), cursor=cursor
        )
        out += page.get("messages") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor or not page.get("has_more", True):
            break
    return out[:limit]


def register(app: App, services: Services) -> None:
    @app.event("app_mention")
    def on_mention(event: dict, body: dict, client, context) -> None:
        event_id = str(body.get("event_id") or "")
        try:
            if _is_bot(event):
                return  # other bots' mentions (ours are dropped by Bolt already)
            channel = str(event.get("channel") or "")
            root = str(event.get("thread_ts") or event.get("ts") or "")
            if not channel or not root:
                return
            place = Place(team_of(body, context), channel, root)
            texts: list[str] = []
            if event.get("thread_ts"):
                try:
                    thread = read_thread(client, channel, root, services.settings.thread_max_messages)
                    texts = [str(m.get("text") or "") for m in thread if not _is_bot(m)]
                except SlackApiError as exc:
                    # Coach on the mention alone rather than stay silent.
                    log.warning(
                        "could not read the thread in %s: %s", channel, slack_error(exc)[1] or "error"
                    )
                except OSError as exc:
                    log.warning("could not read the thread in %s: %s", channel, exc.__class__.__name__)
            mention_text = str(event.get("text") or "")
            if mention_text not in texts:
                texts.append(mention_text)
            reply = services.coach.thread(
                place, texts, str(event.get("user") or ""), seed=f"{channel}:{root}:{event_id}"
            )
            deliver(
                client, channel, message(reply), key=f"reply:{event_id or root}", thread_ts=root, what="reply"
            )
        finally:
            if event_id:
                services.store.finish_event(event_id)

    def forget(body: dict, context) -> None:
        team = team_of(body, context)
        services.store.delete_workspace(team)
        store = getattr(app, "installation_store", None)
        if store is not None:
            store.delete_all(enterprise_id=body.get("enterprise_id"), team_id=body.get("team_id"))
        log.info("forgot workspace %s after uninstall or token revocation", team)

    @app.event("app_uninstalled")
    def on_uninstalled(body: dict, context) -> None:
        forget(body, context)

    @app.event("tokens_revoked")
    def on_tokens_revoked(body: dict, event: dict, context) -> None:
        if (event.get("tokens") or {}).get("bot"):
            forget(body, context)

    @app.event("app_home_opened")
    def on_home_opened(event: dict, body: dict, client, context) -> None:
        if event.get("tab") not in (None, "home") or not event.get("user"):
            return
        team = team_of(body, context)

        def link(goal) -> str:
            # A permalink to the thread the goal was stated in; the channel when there is none.
            if goal.thread_ts:
                try:
                    found = client.chat_getPermalink(channel=goal.channel_id, message_ts=goal.thread_ts)
                    return f"<#{goal.channel_id}> (<{found['permalink']}|thread>)"
                except (SlackApiError, OSError, KeyError):
                    pass
            return f"<#{goal.channel_id}>"

        view = home_view(services.briefs.home(team, link))
        try:
            client.views_publish(user_id=str(event["user"]), view=view)
        except SlackApiError as exc:
            log.warning(
                "could not publish the Home tab for %s: %s", event["user"], slack_error(exc)[1] or "error"
            )
