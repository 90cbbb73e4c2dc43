"""`python -m bot post-due` and `python -m bot scheduler`: the weekly poster, the monthly digest and goal follow-ups, from the command line."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime

from bot.settings import Settings, cores
from bot.store import Store, make_engine
from bot.weekly.poster import Poster, Result
from bot.weekly.subscriptions import sync_declared
from bot.yamlfile import ConfigError

log = logging.getLogger(__name__)

# PostgreSQL connections are pinged only after sitting idle this long: a fan-out checks them out
# thousands of times a second, and the scheduler's sit idle between its minutely runs.
IDLE_PING_SECONDS = 5.0
# A run is split over processes from this many due posts: below it, one process keeps up with
# the rate limits, and each child costs a start (the deck, an engine, the workspaces' tokens).
SPLIT_FROM = 200
MAX_PROCESSES = 8  # each child holds up to 20 database connections


def _poster(settings: Settings, *, prepare: bool = True) -> Poster:
    """The poster for the CLI commands; a bad deck or config ends the command with file and line.

    `prepare=False`: the schema and the declared subscriptions are already done (a child process).
    """
    from bot.coach.deck import load_deck
    from bot.coach.language import LANGUAGES
    from bot.coach.reader import load_lexicon

    try:
        # every language's deck: a prompt goes out in its channel's language, a digest in its lead's
        lexicon = load_lexicon(settings.prompts_dir)
        bases = {lang: load_deck(settings.prompts_dir, lang, lexicon=lexicon) for lang in LANGUAGES}
        url = settings.database_url
        store = Store(url, engine=make_engine(url, ping_when_idle=IDLE_PING_SECONDS))
        if prepare:
            store.migrate()
            sync_declared(store, settings)
    except ConfigError as exc:
        print(f"paradox-coach: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    from bot.coach.workspace_deck import Decks
    from bot.slack.workspaces import Clients

    # Each workspace's own token: from the installation store in OAuth mode, else SLACK_BOT_TOKEN.
    clients = Clients(settings, store.engine)
    decks = {lang: Decks(base, store) for lang, base in bases.items()}
    return Poster(store, bases["en"], None, settings, clients=clients, decks=decks["en"], decks_by_lang=decks)


def _run_once(poster: Poster, now: datetime) -> tuple[Result, Result, Result]:
    """Weekly prompts, then monthly digests, then goal follow-ups, each exactly once (all on the poster's claims)."""
    from bot.digest.sender import DigestSender
    from bot.followup.sender import FollowupSender

    return (
        _weekly_on_every_core(poster, now),
        DigestSender(poster).post_due(now),
        FollowupSender(poster).post_due(now),
    )


def _weekly_on_every_core(poster: Poster, now: datetime) -> Result:
    """The weekly posts, split by workspace over one process per core when there are many.

    A big fan-out is CPU-bound in one process (the GIL): 4,000 posts took 10 s of CPU, longer than
    the slowest workspace's rate limit. Each child takes whole workspaces (Slack's limits are per
    workspace) and builds its own poster after the fork; the claims keep every post exactly once
    however the work is split. Few posts, one workspace, one core or no fork(): this process.
    """
    due = poster.due(now)
    teams = Counter(sub.team_id for sub, _ in due)
    processes = min(cores(), MAX_PROCESSES, len(teams))
    if processes < 2 or len(due) < SPLIT_FROM or not hasattr(os, "fork"):
        return poster.post_due(now)
    shares: list[set[str]] = [set() for _ in range(processes)]
    loads = [0] * processes
    for team, n in teams.most_common():  # the biggest workspaces first, each to the lightest share
        i = loads.index(min(loads))
        shares[i].add(team)
        loads[i] += n
    log.info("weekly: %d posts in %d workspaces, over %d processes", len(due), len(teams), processes)
    poster.store.engine.dispose()  # no open connection crosses the fork
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        parts = pool.map(_post_share, [(poster.settings, now, frozenset(share)) for share in shares])
        counts: Counter = Counter()
        for part in parts:
            counts.update(part)
    return Result(counts)


def _post_share(job: tuple[Settings, datetime, frozenset[str]]) -> Counter:
    settings, now, teams = job
    poster = _poster(settings, prepare=False)
    try:
        return poster.post_due(now, teams=teams).counts
    finally:
        poster.store.engine.dispose()


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
    weekly, digests, followups = _run_once(poster, now)
    # The purge follows the same clock as the posting, so `--at` shows what a day's run deletes.
    expired = poster.store.purge_expired(settings.retention, now.timestamp())
    print(f"post-due at {now.isoformat()}: {weekly}; digests: {digests}; goal follow-ups: {followups}")
    print("retention: deleted " + ", ".join(f"{n} {kind}" for kind, n in expired.items()))
    return 0


def scheduler_command(settings: Settings) -> int:
    poster = _poster(settings)
    log.info("scheduler running: checking every %ss", settings.scheduler_interval)
    while True:
        try:
            names = ("weekly", "digests", "goal follow-ups")
            for name, result in zip(names, _run_once(poster, datetime.now(UTC)), strict=True):
                if result.posted or result.failed or result.stopped:
                    log.info("%s: %s", name, result)
            poster.store.purge_expired(settings.retention)
        except Exception:
            log.exception("weekly run failed; trying again next interval")
        time.sleep(settings.scheduler_interval)
