"""docs/privacy.md lists exactly the tables and columns the bot creates, on SQLite and on PostgreSQL.

A column added without a line saying why it is kept, who sees it and how it goes fails here; so does
a line for a column that no longer exists. The OAuth tables (slack_sdk's) are included.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.settings import Retention
from bot.store import Store
from tests.helpers import ROOT

DOC = ROOT / "docs" / "privacy.md"


def documented() -> dict[str, set[str]]:
    """`### `table`` headings, each followed by a table whose first column is `column`."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text().splitlines():
        heading = re.match(r"^### `(\w+)`\s*$", line)
        if heading:
            current = tables.setdefault(heading.group(1), set())
        elif line.startswith("## "):
            current = None
        elif current is not None:
            cell = re.match(r"^\| `(\w+)` \|", line)
            if cell:
                current.add(cell.group(1))
    return tables


def test_the_privacy_page_lists_every_table_and_column_there_is(db_url):
    store = Store(db_url)
    store.migrate()
    SQLAlchemyInstallationStore(client_id="x", engine=store.engine).create_tables()
    SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=store.engine).metadata.create_all(store.engine)
    inspector = sa.inspect(store.engine)
    real = {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    store.engine.dispose()
    assert documented() == real


def test_the_privacy_page_states_the_retention_defaults():
    text = DOC.read_text()
    for name, days in Retention().__dict__.items():
        assert f"`retention.{name}`" in text, name
        assert f"{days:g} day" in text, (name, days)
