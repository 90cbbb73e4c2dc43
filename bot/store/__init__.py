"""Storage: the tables (`schema`), their numbered upgrade steps (`upgrades`) and the queries (`Store`)."""

from bot.coach.storage import Goal, Subscription
from bot.store.queries import Store, make_engine
from bot.store.upgrades import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Goal", "Store", "Subscription", "make_engine"]
