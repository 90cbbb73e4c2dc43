"""What the listeners need, built once at start-up: settings, storage, the deck, the coach and the brief."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.coach import privacy
from bot.coach.answers import Answers, load_answers
from bot.coach.brief import Briefs
from bot.coach.coach import Coach
from bot.coach.deck import Deck, load_deck
from bot.coach.nudges import Nudges, load_nudges
from bot.dbhealth import DatabaseHealth
from bot.executor import BoundedExecutor
from bot.inbox import Inbox
from bot.settings import Settings
from bot.store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    deck: Deck
    nudges: Nudges
    coach: Coach
    briefs: Briefs
    health: DatabaseHealth
    inbox: Inbox
    # Bolt's listener pool; the shutdown drain waits on it.
    executor: BoundedExecutor = field(
        default_factory=lambda: BoundedExecutor(max_workers=12, max_pending=200)
    )


def load_content(settings: Settings) -> tuple[Deck, Nudges, Answers]:
    """Load and check everything editors write; raises ConfigError naming file and line."""
    return (
        load_deck(settings.prompts_dir),
        load_nudges(settings.prompts_dir),
        load_answers(settings.prompts_dir),
    )


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    deck, nudges, answers = load_content(settings)
    store = Store(settings.database_url)
    health = DatabaseHealth(store.ping)
    inbox = Inbox(
        store,
        health,
        lease=settings.inbox_lease_seconds,
        keep_finished_hours=settings.inbox_keep_finished_hours,
        retention=settings.retention,
    )
    if migrate:
        store.migrate()
        inbox.purge()
    coach = Coach(
        deck,
        nudges,
        store,
        goal_chars=settings.goal_chars,
        answers=answers,
        text_chars=settings.text_chars,
        privacy_line=privacy.summary_line(
            settings.privacy_url, settings.retention.goals_days, settings.retention.questions_days
        ),
    )
    return Services(settings, store, deck, nudges, coach, Briefs(coach), health, inbox)
