"""The Store: every read and write of the bot's own state, for SQLite and PostgreSQL alike.

One SQLAlchemy 2 Core layer serves SQLite (the default) and PostgreSQL (psycopg 3). Every row is
scoped by workspace (`team_id`: the team, or the enterprise for org-wide installs) through the one
filter `base.at()`. The tables are in `bot.store.schema`; the schema's versions in
`bot.store.upgrades`. The queries are grouped by what they are about, one module each; `Store` is
all of them over one engine.
"""

from bot.store.queries.deck import DeckQueries
from bot.store.queries.digest import DigestQueries
from bot.store.queries.engine import make_engine, private_sqlite_file
from bot.store.queries.followups import FollowupQueries
from bot.store.queries.goals import GoalQueries
from bot.store.queries.inbox import InboxQueries
from bot.store.queries.languages import LanguageQueries
from bot.store.queries.privacy import PrivacyQueries
from bot.store.queries.threads import ThreadQueries
from bot.store.queries.weekly import WeeklyQueries


class Store(
    InboxQueries,
    GoalQueries,
    FollowupQueries,
    ThreadQueries,
    WeeklyQueries,
    DigestQueries,
    DeckQueries,
    LanguageQueries,
    PrivacyQueries,
):
    """All reads and writes of the bot's own state."""


__all__ = ["Store", "make_engine", "private_sqlite_file"]
