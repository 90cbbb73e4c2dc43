"""A database upgraded from every past schema version ends identical to one made fresh, on both engines.

The reference is `bot.store.schema` created directly: the tables as the queries use them. Each
past version is built with the frozen upgrade steps up to it, then upgraded the way start-up
does it (`Store.migrate`). Version 0 is a fresh install.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.store import Store, schema, upgrades


def _reset(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        else:
            for table in sa.inspect(conn).get_table_names():
                conn.execute(sa.text(f'DROP TABLE "{table}"'))
    engine.dispose()


def _shape(url: str) -> dict:
    """Everything a query can depend on: tables, columns and their types, keys, indexes."""
    engine = sa.create_engine(url)
    inspector = sa.inspect(engine)
    shape = {}
    for table in sorted(inspector.get_table_names()):
        shape[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        }
    engine.dispose()
    return shape


def _reference(url: str) -> dict:
    _reset(url)
    engine = sa.create_engine(url)
    schema.metadata.create_all(engine)
    engine.dispose()
    shape = _shape(url)
    _reset(url)
    return shape


@pytest.mark.parametrize("version", range(upgrades.SCHEMA_VERSION + 1))
def test_upgrading_from_each_past_version_matches_a_fresh_schema(db_url, version):
    fresh = _reference(db_url)
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        assert upgrades.upgrade(conn, to=version) == 0
    engine.dispose()
    store = Store(db_url)
    assert store.migrate() == version
    assert store.schema_version() == upgrades.SCHEMA_VERSION
    store.engine.dispose()
    assert _shape(db_url) == fresh


def test_every_table_the_queries_use_is_created_by_the_steps(db_url):
    store = Store(db_url)
    store.migrate()
    store.engine.dispose()
    assert set(_shape(db_url)) == set(schema.metadata.tables)
