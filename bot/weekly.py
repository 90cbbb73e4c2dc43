"""Weekly prompts: subscribing, and posting each one exactly once per channel per local week.

Exactly once: a post is claimed in the database first (one winner across processes). A claim
whose process died is retried only after its lease, and the retrier first looks in the channel
for the earlier post (each prompt carries its slot in message metadata), so an attempt that
reached Slack before the crash is recorded, not repeated. 429s are waited out (Retry-After);
5xx and timeouts are retried with backoff after checking the channel, because a 5xx can follow a
post that Slack did store. slack_sdk's retry handlers cannot do that check, hence this loop.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.coach.command import DAYS, check_timezone, parse_day, parse_time
from bot.coach.deck import Deck, Question
from bot.coach.schedule import CalendarError, Rule, calendar, due_now, next_slots
from bot.settings import Settings
from bot.store import Store, Subscription
from bot.yamlfile import ConfigError

log = logging.getLogger(__name__)

PERMANENT = {
    "channel_not_found",
    "is_archived",
    "not_in_channel",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "restricted_action",
    "missing_scope",
}
TOO_BIG = {"msg_too_long", "invalid_blocks", "msg_blocks_too_long"}
EVENT_TYPE = "paradox_weekly"
MAX_ATTEMPTS = 6


def rule_of(sub: Subscription) -> Rule:
    return Rule(sub.weekday, sub.local_time, sub.timezone, sub.calendar, sub.resume_on)


def describe(sub: Subscription, now: datetime) -> str:
    slot = next_slots(rule_of(sub), now)[0]
    local = slot.due.astimezone(ZoneInfo(sub.timezone))
    return local.strftime("%A %d %B %Y at %H:%M ") + f"({sub.timezone})"


# -- rotation --------------------------------------------------------------------------------------------


def next_question(deck: Deck, sent: list[str], team_id: str, channel_id: str) -> Question:
    """Every paradox once before any repeats (a seeded order per cycle), and a different question each time."""
    n = len(sent)
    ids = [p.id for p in deck.paradoxes]
    order = ids[:]
    random.Random(f"{team_id}:{channel_id}:cycle{n // len(ids)}").shuffle(order)
    paradox = deck.by_id[order[n % len(ids)]]
    used = {q for q in sent if q.startswith(paradox.id + ".")}
    left = [q for q in paradox.questions if q.id not in used] or list(paradox.questions)
    return left[random.Random(f"{channel_id}:{paradox.id}:{n}").randrange(len(left))]


def weekly_reply(deck: Deck, question: Question) -> replies.Reply:
    p = deck.paradox_of(question.id)
    return replies.Reply(
        "weekly",
        f"This week's paradox: {p.title}. {p.sides[0]} {p.sides[1]} {question.text} Answer in the thread.",
        [
            ("header", f"This week's paradox: {p.title}"),
            ("section", f"• {p.sides[0]}\n• {p.sides[1]}"),
            ("section", f"*{question.text}*"),
            ("context", "Answer in this thread, and mention me there if you want me to coach the plan."),
            (
                "actions",
                [
                    replies.Button(
                        replies.ANOTHER_ANGLE,
                        "Another angle",
                        question.id,
                        "Post a different question from this paradox in the thread",
                    )
                ],
            ),
        ],
        suffix=question.id,
        question_ids=[question.id],
        paradox_id=p.id,
    )


# -- posting ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    posted: int = 0
    skipped: int = 0  # another process had it, or it was already sent
    failed: int = 0  # transient failures left for the next run
    stopped: int = 0  # permanent errors: subscription paused


def _error(exc: SlackApiError) -> tuple[int, str, float]:
    resp = exc.response
    status = getattr(resp, "status_code", 0) or 0
    code = (resp.get("error") if resp is not None and hasattr(resp, "get") else "") or ""
    headers = getattr(resp, "headers", {}) or {}
    retry_after = headers.get("Retry-After") or headers.get("retry-after") or "1"
    try:
        wait = float(retry_after if not isinstance(retry_after, list) else retry_after[0])
    except ValueError:
        wait = 1.0
    return status, code, wait


class Poster:
    def __init__(self, store: Store, deck: Deck, client: WebClient, settings: Settings, *, sleep=time.sleep):
        self.store = store
        self.deck = deck
        self.client = client
        self.settings = settings
        self.sleep = sleep
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def _already_posted(self, sub: Subscription, slot_key: str, since: float) -> str | None:
        """The ts of this slot's prompt if it is already in the channel."""
        try:
            history = self.client.conversations_history(
                channel=sub.channel_id, oldest=str(since - 3600), include_all_metadata=True, limit=200
            )
        except SlackApiError as exc:
            log.warning("could not check %s for an earlier weekly post: %s", sub.channel_id, _error(exc)[1])
            return None
        for msg in history.get("messages") or []:
            meta = msg.get("metadata") or {}
            if (
                meta.get("event_type") == EVENT_TYPE
                and (meta.get("event_payload") or {}).get("slot") == slot_key
            ):
                return str(msg.get("ts"))
        return None

    def post(self, sub: Subscription, slot_key: str) -> str:
        """Post one slot; returns posted, skipped, failed or stopped."""
        won, attempt = self.store.claim_send(
            sub.team_id, sub.channel_id, slot_key, self.worker, lease=self.settings.claim_lease_seconds
        )
        if not won:
            return "skipped"
        claimed_at = time.time()
        if attempt > 1:
            ts = self._already_posted(sub, slot_key, claimed_at - self.settings.claim_lease_seconds * 4)
            if ts:
                self.store.finish_send(sub.team_id, sub.channel_id, slot_key, outcome="sent", message_ts=ts)
                return "skipped"
        question = next_question(
            self.deck, self.store.sent_questions(sub.team_id, sub.channel_id), sub.team_id, sub.channel_id
        )
        from bot.render import message

        body = message(weekly_reply(self.deck, question))
        metadata = {"event_type": EVENT_TYPE, "event_payload": {"slot": slot_key, "question": question.id}}
        for n in range(MAX_ATTEMPTS):
            try:
                resp = self.client.chat_postMessage(channel=sub.channel_id, metadata=metadata, **body)
            except SlackApiError as exc:
                status, code, wait = _error(exc)
                if status == 429:
                    self.sleep(min(wait, 60))
                    continue
                if code in PERMANENT:
                    return self._stop(sub, slot_key, code)
                if code in TOO_BIG and "blocks" in body:
                    body = {"text": body["text"][:3000]}  # never resend unchanged: drop the blocks
                    continue
                if status >= 500 or code in ("internal_error", "fatal_error", "service_unavailable"):
                    self.sleep(min(0.5 * 2**n, 8))
                    if self._already_posted(sub, slot_key, claimed_at):
                        break
                    continue
                log.warning("weekly prompt to %s refused: %s", sub.channel_id, code)
                return self._stop(sub, slot_key, code or f"http_{status}")
            except (OSError, TimeoutError) as exc:
                log.warning(
                    "weekly prompt to %s: connection problem (%s)", sub.channel_id, exc.__class__.__name__
                )
                self.sleep(min(0.5 * 2**n, 8))
                if self._already_posted(sub, slot_key, claimed_at):
                    break
                continue
            self.store.finish_send(
                sub.team_id,
                sub.channel_id,
                slot_key,
                outcome="sent",
                message_ts=str(resp.get("ts") or ""),
                question_id=question.id,
            )
            return "posted"
        ts = self._already_posted(sub, slot_key, claimed_at)
        if ts:
            self.store.finish_send(
                sub.team_id, sub.channel_id, slot_key, outcome="sent", message_ts=ts, question_id=question.id
            )
            return "posted"
        # Left claimed: after the lease, the next run checks the channel and tries again.
        log.warning(
            "weekly prompt to %s not confirmed after %d attempts; will retry later",
            sub.channel_id,
            MAX_ATTEMPTS,
        )
        return "failed"

    def _stop(self, sub: Subscription, slot_key: str, code: str) -> str:
        self.store.finish_send(sub.team_id, sub.channel_id, slot_key, outcome=code)
        self.store.update_subscription(sub.team_id, sub.channel_id, stopped_reason=code)
        log.warning("weekly prompts to %s paused: Slack said %s", sub.channel_id, code)
        if sub.created_by:
            text = (
                f"I've paused the weekly paradox prompt for <#{sub.channel_id}>: Slack said `{code}`. "
                "Invite me to the channel (or check it still exists), then type `/paradox weekly resume` there."
            )
            try:
                self.client.chat_postMessage(channel=sub.created_by, text=text)
            except SlackApiError as exc:
                log.warning("could not tell %s about the pause: %s", sub.created_by, _error(exc)[1])
        return "stopped"

    def post_due(self, now: datetime, *, workers: int = 8) -> Result:
        catch_up = timedelta(hours=self.settings.catch_up_hours)
        due = []
        for sub in self.store.subscriptions():
            if sub.stopped_reason:
                continue
            created = datetime.fromtimestamp(sub.created_at, UTC)
            slot = due_now(rule_of(sub), now, created_at=created, catch_up=catch_up)
            if slot is not None:
                due.append((sub, slot.nominal.isoformat()))
        result = Result()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for outcome in pool.map(lambda item: self.post(*item), due):
                setattr(result, outcome, getattr(result, outcome) + 1)
        return result


# -- declared subscriptions, CLI ---------------------------------------------------------------------------


def check_declared(settings: Settings) -> list[Subscription]:
    out = []
    for d in settings.subscriptions:

        def bad(problem: str, d=d) -> ConfigError:
            return ConfigError(settings.config_path, d.line, problem)

        day = parse_day(d.day)
        if day is None:
            raise bad(f"'{d.day}' is not a day of the week (use one of {', '.join(DAYS)})")
        hhmm = parse_time(d.time)
        if hhmm is None:
            raise bad(f'\'{d.time}\' is not a time; write it in quotes as "HH:MM", for example "09:30"')
        tz = check_timezone(d.timezone)
        if tz is None:
            raise bad(f"'{d.timezone}' is not an IANA timezone such as Europe/London")
        if d.calendar:
            try:
                calendar(d.calendar)
            except CalendarError:
                raise bad(
                    f"'{d.calendar}' is not a holiday calendar; use a country code with an optional "
                    "region, such as GB-ENG, GB-SCT or US-NY"
                ) from None
        out.append(
            Subscription(
                d.team, d.channel, day, hhmm, tz, d.calendar.upper(), "", time.time(), "", "", "config"
            )
        )
    return out


def sync_declared(store: Store, settings: Settings) -> None:
    for sub in check_declared(settings):
        existing = store.subscription(sub.team_id, sub.channel_id)
        if existing is None:
            store.save_subscription(sub)
        elif existing.source == "config":
            store.update_subscription(
                sub.team_id,
                sub.channel_id,
                weekday=sub.weekday,
                local_time=sub.local_time,
                timezone=sub.timezone,
                calendar=sub.calendar,
            )


def _poster(settings: Settings) -> Poster:
    from bot.coach.deck import load_deck

    store = Store(settings.database_url)
    store.migrate()
    sync_declared(store, settings)
    client = WebClient(token=settings.bot_token or None, base_url=settings.api_url, timeout=10)
    return Poster(store, load_deck(settings.prompts_dir), client, settings)


def post_due_command(settings: Settings, at: str | None) -> int:
    if at:
        try:
            now = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            print(f"paradox-coach: --at wants an ISO-8601 moment such as 2026-12-04T21:00:00Z, not '{at}'")
            return 2
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    else:
        now = datetime.now(UTC)
    try:
        poster = _poster(settings)
    except ConfigError as exc:
        print(f"paradox-coach: {exc}")
        return 2
    result = poster.post_due(now)
    print(
        f"post-due at {now.isoformat()}: {result.posted} posted, {result.skipped} skipped, "
        f"{result.failed} to retry, {result.stopped} paused"
    )
    return 0


def scheduler_command(settings: Settings) -> int:
    try:
        poster = _poster(settings)
    except ConfigError as exc:
        print(f"paradox-coach: {exc}")
        return 2
    log.info("scheduler running: checking every %ss", settings.scheduler_interval)
    while True:
        try:
            result = poster.post_due(datetime.now(UTC))
            if result.posted or result.failed or result.stopped:
                log.info("weekly: %s", result)
            poster.store.purge_events(time.time() - 7 * 86400)
        except Exception:
            log.exception("weekly run failed; trying again next interval")
        time.sleep(settings.scheduler_interval)
