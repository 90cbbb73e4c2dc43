"""Weekly prompts: subscribing, and posting each one exactly once per channel per local week.

Exactly once: a post is claimed in the database first (one winner across processes). A claim
whose process died is retried only after its lease, and the retrier first looks in the channel
for the earlier post (each prompt carries its slot in message metadata), so an attempt that
reached Slack before the crash is recorded, not repeated. Slack's answers (429, 5xx, timeouts,
permanent errors) are handled by `bot.delivery.deliver`.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.coach import replies
from bot.coach.command import DAYS, check_timezone, parse_day, parse_time
from bot.coach.deck import Deck, Question
from bot.coach.schedule import CalendarError, Rule, calendar, due_now, next_slots
from bot.delivery import deliver, find, make_client
from bot.render import message
from bot.settings import Settings
from bot.store import Store, Subscription
from bot.yamlfile import ConfigError

log = logging.getLogger(__name__)

EVENT_TYPE = "paradox_weekly"


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


class Poster:
    def __init__(self, store: Store, deck: Deck, client: WebClient, settings: Settings, *, sleep=time.sleep):
        self.store = store
        self.deck = deck
        self.client = client
        self.settings = settings
        self.sleep = sleep
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def post(self, sub: Subscription, slot: str) -> str:
        """Post one slot; returns posted, skipped, failed or stopped."""
        lease = self.settings.claim_lease_seconds
        won, attempt = self.store.claim_send(sub.team_id, sub.channel_id, slot, self.worker, lease=lease)
        if not won:
            return "skipped"
        key = f"weekly:{slot}"
        if attempt > 1:
            # The claim was taken over from a process that died: did its post reach Slack?
            ts = find(self.client, sub.channel_id, key, since=time.time() - lease * 4)
            if ts:
                self.store.finish_send(sub.team_id, sub.channel_id, slot, outcome="sent", message_ts=ts)
                return "skipped"
        sent = self.store.sent_questions(sub.team_id, sub.channel_id)
        question = next_question(self.deck, sent, sub.team_id, sub.channel_id)
        result = deliver(
            self.client,
            sub.channel_id,
            message(weekly_reply(self.deck, question)),
            key=key,
            event_type=EVENT_TYPE,
            payload={"slot": slot, "question": question.id},
            sleep=self.sleep,
            what="weekly prompt",
        )
        if result.ok:
            self.store.finish_send(
                sub.team_id,
                sub.channel_id,
                slot,
                outcome="sent",
                message_ts=result.ts,
                question_id=question.id,
            )
            return "posted"
        if result.error == "gave_up":
            return "failed"  # left claimed: after the lease, the next run checks the channel and retries
        return self._stop(sub, slot, result.error)

    def _stop(self, sub: Subscription, slot: str, code: str) -> str:
        self.store.finish_send(sub.team_id, sub.channel_id, slot, outcome=code)
        self.store.update_subscription(sub.team_id, sub.channel_id, stopped_reason=code)
        log.warning("weekly prompts to %s paused: Slack said %s", sub.channel_id, code)
        if sub.created_by:
            text = (
                f"I've paused the weekly paradox prompt for <#{sub.channel_id}>: Slack said `{code}`. "
                "Invite me to the channel (or check it still exists), then type `/paradox weekly resume` there."
            )
            deliver(
                self.client,
                sub.created_by,
                {"text": text},
                key=f"paused:{sub.channel_id}:{slot}",
                sleep=self.sleep,
                what="pause notice",
            )
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
    """The poster for the CLI commands; a bad deck or config ends the command with file and line."""
    from bot.coach.deck import load_deck

    try:
        deck = load_deck(settings.prompts_dir)
        store = Store(settings.database_url)
        store.migrate()
        sync_declared(store, settings)
    except ConfigError as exc:
        print(f"paradox-coach: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    client = make_client(settings.api_url, settings.bot_token or None, settings.api_timeout)
    return Poster(store, deck, client, settings)


def post_due_command(settings: Settings, at: str | None) -> int:
    if at:
        try:
            now = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            print(
                f"paradox-coach: --at wants an ISO-8601 moment such as 2026-12-04T21:00:00Z, not '{at}'",
                file=sys.stderr,
            )
            return 2
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    else:
        now = datetime.now(UTC)
    poster = _poster(settings)
    result = poster.post_due(now)
    poster.store.purge_events()
    print(
        f"post-due at {now.isoformat()}: {result.posted} posted, {result.skipped} skipped, "
        f"{result.failed} to retry, {result.stopped} paused"
    )
    return 0


def scheduler_command(settings: Settings) -> int:
    poster = _poster(settings)
    log.info("scheduler running: checking every %ss", settings.scheduler_interval)
    while True:
        try:
            result = poster.post_due(datetime.now(UTC))
            if result.posted or result.failed or result.stopped:
                log.info("weekly: %s", result)
            poster.store.purge_events()
        except Exception:
            log.exception("weekly run failed; trying again next interval")
        time.sleep(settings.scheduler_interval)
