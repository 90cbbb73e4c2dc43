"""What the listeners need, built once at start-up: settings, storage, the deck, the coach and the brief."""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach.brief import Briefs
from bot.coach.coach import Coach
from bot.coach.deck import Deck, load_deck
from bot.coach.nudges import Nudges, load_nudges
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


def load_content(settings: Settings) -> tuple[Deck, Nudges]:
    """Load and check everything editors write; raises ConfigError naming file and line."""
    return load_deck(settings.prompts_dir), load_nudges(settings.prompts_dir)


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    deck, nudges = load_content(settings)
    store = Store(settings.database_url)
    if migrate:
        store.migrate()
        store.purge_events()
    coach = Coach(deck, nudges, store, goal_chars=settings.goal_chars, text_chars=settings.text_chars)
    return Services(settings, store, deck, nudges, coach, Briefs(coach))
