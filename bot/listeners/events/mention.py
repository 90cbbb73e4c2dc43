"""`app_mention`: read the thread so far, let the coach answer, reply in the thread (or react, for thanks)."""

from __future__ import annotations

import collections
import logging

from slack_sdk.errors import SlackApiError

from bot.coach.coach import Place
from bot.coach.replies import Reaction
from bot.inbox import RESUMED
from bot.services import Services
from bot.slack.delivery import deliver, slack_error
from bot.slack.ids import USER_ID, checked, team_of
from bot.slack.render import message

log = logging.getLogger(__name__)
MAX_THREAD_PAGES = 50  # 50,000 messages: past that, coach on the newest of what was read


def is_bot(msg: dict) -> bool:
    return bool(
        msg.get("bot_id") or msg.get("subtype") in ("bot_message", "message_changed", "message_deleted")
    )


def read_thread(client, channel: str, root_ts: str, limit: int) -> list[dict]:
    """The thread's root and its newest `limit` replies, oldest first.

    conversations.replies only pages forward from the root, with opaque cursors, so the newest
    page can only be reached by walking there. Pages of 1,000 (the most Slack gives) make that as
    few calls as possible (a 1,200-message thread takes two), and only the root and the newest
    `limit` are kept in memory on the way. Slack repeats the root at the head of each page.
    """
    root: dict | None = None
    newest: collections.deque[dict] = collections.deque(maxlen=limit)
    cursor = None
    for _ in range(MAX_THREAD_PAGES):
        page = client.conversations_replies(channel=channel, ts=root_ts, limit=1000, cursor=cursor)
        for msg in page.get("messages") or []:
            if str(msg.get("ts")) == root_ts:
                root = root or msg
            else:
                newest.append(msg)
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor or not page.get("has_more", True):
            break
    return ([root] if root else []) + list(newest)


def thread_messages(client, channel: str, root: str, limit: int) -> list[dict]:
    """The thread's messages; nothing when Slack will not say (the mention alone is coached)."""
    try:
        return read_thread(client, channel, root, limit)
    except SlackApiError as exc:
        log.warning("could not read the thread in %s: %s", channel, slack_error(exc)[1] or "error")
    except OSError as exc:
        log.warning("could not read the thread in %s: %s", channel, exc.__class__.__name__)
    return []


def react(client, channel: str, ts: str, name: str) -> None:
    """Put an emoji on the message; a refusal (already reacted, no scope) is one log line, never a retry."""
    try:
        client.reactions_add(channel=channel, timestamp=ts, name=name)
    except SlackApiError as exc:
        log.warning("could not react in %s: %s", channel, slack_error(exc)[1] or "error")
    except OSError as exc:
        log.warning("could not react in %s: %s", channel, exc.__class__.__name__)


def mention_listener(services: Services):
    def on_mention(event: dict, body: dict, client, context) -> None:
        if is_bot(event):
            return  # other bots' mentions (ours are dropped by Bolt already)
        channel = str(event.get("channel") or "")
        root = str(event.get("thread_ts") or event.get("ts") or "")
        if not channel or not root:
            return
        limit = services.settings.thread_max_messages
        thread = thread_messages(client, channel, root, limit) if event.get("thread_ts") else []
        people = [m for m in thread if not is_bot(m)]
        texts = [str(m.get("text") or "") for m in people]
        # Who wrote each message: a goal read from the thread is stored as its author's.
        authors = [checked(m.get("user"), USER_ID) for m in people]
        mention_text = str(event.get("text") or "")
        if mention_text not in texts:
            texts.append(mention_text)
            authors.append(checked(event.get("user"), USER_ID))
        event_id = str(body.get("event_id") or "")
        place = Place.in_thread(team_of(body, context), channel, root)
        langs = services.languages_for(place.team_id, channel, mention_text, texts)
        answer = services.answer_in(
            place.team_id,
            langs,
            lambda coach: coach.thread(
                place,
                texts,
                str(event.get("user") or ""),
                seed=f"{channel}:{root}:{event_id}",
                authors=authors,
                turn=len(thread) - len(people),
            ),
        )
        if isinstance(answer, Reaction):
            # Idempotent at Slack's end: a resumed event's second try is answered already_reacted.
            react(client, channel, str(event.get("ts") or root), answer.name)
            return
        deliver(
            client,
            channel,
            message(answer),
            key=f"reply:{event_id or root}",
            thread_ts=root,
            what="reply",
            look_first=bool(context.get(RESUMED)),  # this work may have posted before it stopped
        )

    return on_mention
