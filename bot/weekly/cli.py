"""`python -m bot post-due` and `python -m bot scheduler`: the weekly poster and the monthly digest, from the command line."""

from __future__ import annotations

import logging
import sys
import time
from datetime import UTC, datetime

from bot.settings import Settings
from bot.store import Store, make_engine
from bot.weekly.poster import Poster, Result
from bot.weekly.subscriptions import sync_declared
from bot.yamlfile import ConfigError

log = logging.getLogger(__name__)

# PostgreSQL connections are pinged only after sitting idle this long: a fan-out checks them out
# thousands of times a second, and the scheduler's sit idle between its minutely runs.
IDLE_PING_SECONDS = 5.0


def _poster(settings: Settings) -> Poster:
    """The poster for the CLI commands; a bad deck or config ends the command with file and line."""
    from bot.coach.deck import load_deck

    try:
        deck = load_deck(settings.prompts_dir)
        url = settings.database_url
        store = Store(url, engine=make_engine(url, ping_when_idle=IDLE_PING_SECONDS))
        store.migrate()
        sync_declared(store, settings)
    except ConfigError as exc:
        print(f"paradox-coach: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    from bot.coach.workspace_deck import Decks
    from bot.workspaces import Clients

    # Each workspace's own token: from the installation store in OAuth mode, else SLACK_BOT_TOKEN.
    clients = Clients(settings, store.engine)
    return Poster(store, deck, None, settings, clients=clients, decks=Decks(deck, store))


def _run_once(poster: Poster, now: datetime) -> tuple[Result, Result]:
    """Weekly prompts, then monthly digests, each exactly once (both on the poster's claims)."""
    from bot.digest.sender import DigestSender

    return poster.post_due(now), DigestSender(poster).post_due(now)


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
    weekly, digests = _run_once(poster, now)
    # The purge follows the same clock as the posting, so `--at` shows what a day's run deletes.
    expired = poster.store.purge_expired(settings.retention, now.timestamp())
    print(f"post-due at {now.isoformat()}: {weekly}; digests: {digests}")
    print("retention: deleted " + ", ".join(f"{n} {kind}" for kind, n in expired.items()))
    return 0


def scheduler_command(settings: Settings) -> int:
    poster = _poster(settings)
    log.info("scheduler running: checking every %ss", settings.scheduler_interval)
    while True:
        try:
            for name, result in zip(("weekly", "digests"), _run_once(poster, datetime.now(UTC)), strict=True):
                if result.posted or result.failed or result.stopped:
                    log.info("%s: %s", name, result)
            poster.store.purge_expired(settings.retention)
        except Exception:
            log.exception("weekly run failed; trying again next interval")
        time.sleep(settings.scheduler_interval)
