"""Posting each due weekly prompt exactly once per channel per local week.

Exactly once: a post is claimed in the database first (one winner across processes). A claim
whose process died is retried only after its lease, and the retrier first looks in the channel
for the earlier post (each prompt carries its slot in message metadata), so an attempt that
reached Slack before the crash is recorded, not repeated. Slack's answers (429, 5xx, timeouts,
permanent errors) are handled by `bot.slack.delivery.deliver`.

Fan-out: Slack's rate limits are per workspace, so due slots are grouped by workspace and the
workspaces are worked on side by side, each with only a couple of posts in flight. A run then takes
about as long as its slowest workspace, not the sum of them (`python -m bench.weekly_fanout`).

Language: a prompt is written in its channel's language (`/paradox language`, else the workspace's
default; `auto` is English, there being no words to follow), both in one message Welsh first; the
claim is the channel's and the week's whatever the language, so a channel still gets one post a week.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import NamedTuple

from slack_sdk import WebClient

from bot.coach.deck import Deck, load_deck
from bot.coach.language import reply_languages
from bot.coach.workspace_deck import Decks
from bot.settings import Settings
from bot.slack.delivery import deliver, find
from bot.slack.render import message
from bot.store import Store, Subscription
from bot.weekly.rotation import next_question, weekly_prompt
from bot.weekly.schedule import due_now
from bot.weekly.subscriptions import rule_of

log = logging.getLogger(__name__)

EVENT_TYPE = "paradox_weekly"

# Posts in flight at once into one workspace. Slack's budget for chat.postMessage is the
# workspace's (about one a second per channel, and a workspace-wide cap), so more lanes into one
# workspace mostly buy 429s; a second one hides one round trip behind another.
PER_WORKSPACE = 2
# Threads posting at once, all workspaces together. A thread spends nearly all its time waiting on
# Slack (a round trip, or a Retry-After sleep in slack_sdk's retry handler), not on the CPU or the
# database (it holds a connection only inside one store call), so this is far above the core
# count: enough for every workspace of a few hundred to have a lane at once, since a workspace
# left waiting for a thread adds its whole rate-limited time to the run. The cap bounds memory
# (a thread's stack) and open sockets.
THREADS = 256


class Outcome(Enum):
    """What became of one due slot."""

    POSTED = "posted"
    SKIPPED = "skipped"  # another process had it, or it was already sent
    FAILED = "failed"  # transient failures left for the next run
    STOPPED = "stopped"  # a permanent error: the subscription is paused


@dataclass
class Result:
    """How many due slots ended each way in one run."""

    counts: Counter[Outcome] = field(default_factory=Counter)

    @property
    def posted(self) -> int:
        return self.counts[Outcome.POSTED]

    @property
    def skipped(self) -> int:
        return self.counts[Outcome.SKIPPED]

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]

    @property
    def stopped(self) -> int:
        return self.counts[Outcome.STOPPED]

    def __str__(self) -> str:
        return f"{self.posted} posted, {self.skipped} skipped, {self.failed} to retry, {self.stopped} paused"


class Claim(NamedTuple):
    """What one scheduled message is claimed under: workspace, channel (or user), slot."""

    team_id: str
    channel_id: str
    slot: str


@dataclass(frozen=True)
class Composed:
    """A scheduled message, made only once its claim is won: body, metadata payload, question sent."""

    body: dict
    payload: dict
    question_id: str = ""


class Poster:
    def __init__(
        self,
        store: Store,
        deck: Deck,
        client: WebClient | None,
        settings: Settings,
        *,
        sleep=time.sleep,
        clients=None,
        decks=None,
        decks_by_lang=None,
    ):
        self.store = store
        self.deck = deck
        self.client = client
        # clients.for_team(team) -> that workspace's client (bot/slack/workspaces.py); else `client` for all
        self.clients = clients
        # decks.for_team(team) -> that workspace's own deck (bot/coach/workspace_deck.py); else `deck`
        self.decks = decks
        # decks_by_lang[lang].for_team(team) -> that workspace's deck in `lang` ("en" is `decks`); a
        # language not given is loaded from the prompts folder when first needed
        self.decks_by_lang = dict(decks_by_lang or {})
        self._loading = threading.Lock()
        self.settings = settings
        self.sleep = sleep
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def client_for(self, team_id: str) -> WebClient | None:
        return self.clients.for_team(team_id) if self.clients is not None else self.client

    def post(self, sub: Subscription, slot: str, run: RunCache | None = None) -> Outcome:
        """Post one slot, unless another process has it or it was sent already."""
        run = run or RunCache(self)
        client = self.client_for(sub.team_id)
        if client is None:
            log.warning(
                "weekly prompt to %s skipped: workspace %s is not installed", sub.channel_id, sub.team_id
            )
            return Outcome.SKIPPED

        def compose() -> Composed:
            langs = self.languages_of(sub.team_id, sub.channel_id)
            # the workspace's own decks, as edited from its Home tab, in the channel's languages
            decks = [run.deck(sub.team_id, lang) for lang in langs]
            sent = run.sent(sub.team_id, sub.channel_id)
            question = next_question(decks[0], sent, sub.team_id, sub.channel_id)
            body = run.prompt(decks, question.id)
            return Composed(body, {"slot": slot, "question": question.id}, question.id)

        outcome, error = self.send_once(
            client,
            Claim(sub.team_id, sub.channel_id, slot),
            lambda: sub.channel_id,
            key=f"weekly:{slot}",
            event_type=EVENT_TYPE,
            compose=compose,
            what="weekly prompt",
        )
        if outcome is Outcome.STOPPED:
            return self._stop(sub, slot, error, client)
        return outcome

    def deck_for(self, team_id: str, lang: str = "en") -> Deck:
        """The workspace's deck in `lang` ("en", "cy"), with its words in that language."""
        decks = self.decks_by_lang.get(lang) or (self.decks if lang == "en" else self._load(lang))
        return decks.for_team(team_id) if decks is not None else self.deck

    def _load(self, lang: str) -> Decks:
        """A language's decks the poster was not given (`python -m bot try`, tests): the shipped deck from
        the prompts folder, read once, with each workspace's edits."""
        with self._loading:
            decks = self.decks_by_lang.get(lang)
            if decks is None:
                base = load_deck(self.settings.prompts_dir, lang, lexicon=self.deck.lexicon)
                decks = self.decks_by_lang[lang] = Decks(base, self.store)
        return decks

    def languages_of(self, team_id: str, channel_id: str) -> tuple[str, ...]:
        """The languages of a message in the channel with no words to follow: its setting (auto: English)."""
        return reply_languages(self.store.language_of(team_id, channel_id), None)

    def send_once(
        self,
        client: WebClient,
        claim: Claim,
        destination: Callable[[], str],
        *,
        key: str,
        event_type: str,
        compose: Callable[[], Composed],
        what: str,
        thread_ts: str = "",
    ) -> tuple[Outcome, str]:
        """Claim, look for an earlier attempt when the claim was taken over, then post: exactly once.

        The machinery every scheduled message shares (weekly prompts, monthly digests, goal follow-ups, which
        go in a thread: `thread_ts`). Returns the
        outcome and, when STOPPED, Slack's permanent error (already recorded on the claim).
        """
        lease = self.settings.claim_lease_seconds
        team, channel, slot = claim
        won, attempt = self.store.claim_send(team, channel, slot, self.worker, lease=lease)
        if not won:
            return Outcome.SKIPPED, ""
        where = destination()
        if not where:
            return Outcome.FAILED, ""  # left claimed: retried after the lease
        if attempt > 1:
            # The claim was taken over from a process that died: did its post reach Slack?
            ts = find(client, where, key, thread_ts=thread_ts, since=time.time() - lease * 4)
            if ts:
                self.store.finish_send(team, channel, slot, outcome="sent", message_ts=ts)
                return Outcome.SKIPPED, ""
        composed = compose()
        result = deliver(
            client,
            where,
            composed.body,
            key=key,
            event_type=event_type,
            thread_ts=thread_ts,
            payload=composed.payload,
            sleep=self.sleep,
            what=what,
        )
        if result.ok:
            self.store.finish_send(
                team, channel, slot, outcome="sent", message_ts=result.ts, question_id=composed.question_id
            )
            return Outcome.POSTED, ""
        if result.error == "gave_up":
            return Outcome.FAILED, ""  # left claimed: after the lease, the next run checks and retries
        self.store.finish_send(team, channel, slot, outcome=result.error)
        return Outcome.STOPPED, result.error

    def _stop(self, sub: Subscription, slot: str, code: str, client: WebClient) -> Outcome:
        self.store.update_subscription(sub.team_id, sub.channel_id, stopped_reason=code)
        log.warning("weekly prompts to %s paused: Slack said %s", sub.channel_id, code)
        if sub.created_by:
            text = "\n\n".join(
                self.deck_for(sub.team_id, lang).words.say(
                    "weekly.stopped_notice", channel=sub.channel_id, code=code
                )
                for lang in self.languages_of(sub.team_id, sub.channel_id)
            )
            deliver(
                client,  # the subscriber's own workspace
                sub.created_by,
                {"text": text},
                key=f"paused:{sub.channel_id}:{slot}",
                sleep=self.sleep,
                what="pause notice",
            )
        return Outcome.STOPPED

    def due(self, now: datetime) -> list[tuple[Subscription, str]]:
        """Every running subscription with a slot due at `now`, and that slot."""
        catch_up = timedelta(hours=self.settings.catch_up_hours)
        due = []
        for sub in self.store.subscriptions():
            if sub.stopped_reason:
                continue
            created = datetime.fromtimestamp(sub.created_at, UTC)
            slot = due_now(rule_of(sub), now, created_at=created, catch_up=catch_up)
            if slot is not None:
                due.append((sub, slot.nominal.isoformat()))
        return due

    def post_due(
        self,
        now: datetime,
        *,
        threads: int = THREADS,
        per_workspace: int = PER_WORKSPACE,
        teams: frozenset[str] | None = None,
    ) -> Result:
        """Post every due slot; with `teams`, only those workspaces' (one process's share)."""
        due = [item for item in self.due(now) if teams is None or item[0].team_id in teams]
        run = RunCache(self)
        return fan_out(
            due, lambda item: item[0].team_id, lambda item: self.post(*item, run), threads, per_workspace
        )


class RunCache:
    """What one run reads or renders once and shares between its posts, to spare the CPU it shares.

    Each workspace's deck in each language: a deck edited during a run (seconds) reaches the next one. Each
    workspace's questions already sent, by channel, in one query: a run posts at most one slot per
    channel, so what it sends itself is never needed again in the same run. Each question's
    prompt: the same for every channel that gets it from the same deck. Dict reads and
    `setdefault` are atomic, so two lanes racing on a miss both compute and one result is kept.
    """

    def __init__(self, poster: Poster):
        self.poster = poster
        self._decks: dict[tuple[str, str], Deck] = {}  # by workspace and language
        self._sent: dict[str, dict[str, list[str]]] = {}
        # Keyed by the deck objects (one a language), which `_decks` keeps alive for the run, so their
        # ids are not reused.
        self._prompts: dict[tuple, dict] = {}

    def deck(self, team_id: str, lang: str = "en") -> Deck:
        deck = self._decks.get((team_id, lang))
        if deck is None:
            deck = self._decks.setdefault((team_id, lang), self.poster.deck_for(team_id, lang))
        return deck

    def sent(self, team_id: str, channel_id: str) -> list[str]:
        by_channel = self._sent.get(team_id)
        if by_channel is None:
            by_channel = self._sent.setdefault(team_id, self.poster.store.sent_questions_by_channel(team_id))
        return by_channel.get(channel_id, [])

    def prompt(self, decks: list[Deck], question_id: str) -> dict:
        key = (*(id(d) for d in decks), question_id)
        body = self._prompts.get(key)
        if body is None:
            body = self._prompts.setdefault(key, message(weekly_prompt(decks, question_id)))
        return dict(body)  # a copy: whatever a send does to its body stays in that send


def fan_out(items: Iterable, team_of, post, threads: int, per_workspace: int) -> Result:
    """`post(item)` for every item, workspaces side by side, at most `per_workspace` at once in one.

    Each workspace gets `per_workspace` lanes that take its items one after another from a shared
    queue. Every workspace's first lane is queued before any second lane, so when workspaces
    outnumber threads each still gets started before another gets more. Exactly-once stays with
    the claims in `post`; here each item is handed to one lane only.
    """
    queues: dict[str, deque] = {}
    for item in items:
        queues.setdefault(team_of(item), deque()).append(item)
    if not queues:
        return Result()
    lanes = [
        queue
        for depth in range(per_workspace)
        for queue in queues.values()
        if len(queue) > depth  # a lane with nothing to take would only cost a thread start
    ]

    def lane(queue: deque) -> list[Outcome]:
        done = []
        while True:
            try:
                item = queue.popleft()  # atomic: two lanes of a workspace never take the same item
            except IndexError:
                return done
            done.append(post(item))

    counts: Counter[Outcome] = Counter()
    with ThreadPoolExecutor(max_workers=min(threads, len(lanes)), thread_name_prefix="fan-out") as pool:
        for outcomes in pool.map(lane, lanes):
            counts.update(outcomes)
    return Result(counts)
