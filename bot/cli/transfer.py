"""`python -m bot migrate --from URL`: copy all state from one database into a new, empty one.

Moving from the default SQLite file to PostgreSQL (onto Heroku, say) needs the rows, not only
the schema. Both databases are first upgraded to this version's schema, so each table has the
same columns on both sides. Tables are reflected rather than listed, so tables that later
versions add (and slack_sdk's OAuth tables) are copied with no change here, and SQLAlchemy's
types convert values between engines (SQLite's 0/1 booleans, its text timestamps).
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.store import Store

_SKIP = {"paradox_meta"}  # the target's own schema version, written by its migrate()
_BATCH = 500


class TransferError(Exception):
    """The copy cannot go ahead; the message says why and what to do."""


def copy_database(source_url: str, target_url: str) -> dict[str, int]:
    """Copy every row of `source_url` into `target_url`; return the rows copied per table."""
    source, target = Store(source_url), Store(target_url)
    try:
        source.migrate()
        target.migrate()
        src = sa.MetaData()
        src.reflect(source.engine)
        if any(name.startswith("slack_") for name in src.tables):
            from bot.app import create_oauth_tables

            create_oauth_tables(target.engine)
        dst = sa.MetaData()
        dst.reflect(target.engine)
        tables = [t for t in src.sorted_tables if t.name in dst.tables and t.name not in _SKIP]
        with target.engine.connect() as conn:
            for table in tables:
                if conn.execute(sa.select(sa.func.count()).select_from(dst.tables[table.name])).scalar():
                    raise TransferError(
                        f"the target database already holds data (table {table.name}); "
                        "copy into a new, empty database"
                    )
        counts: dict[str, int] = {}
        with source.engine.connect() as read, target.engine.begin() as write:
            for table in tables:
                into = dst.tables[table.name]
                columns = [c for c in table.columns if c.name in into.c]
                counts[table.name] = 0
                result = read.execution_options(yield_per=_BATCH).execute(sa.select(*columns))
                for chunk in result.mappings().partitions(_BATCH):
                    write.execute(into.insert(), [dict(row) for row in chunk])
                    counts[table.name] += len(chunk)
                if target.is_postgres:
                    _reset_sequences(write, into)
        return counts
    finally:
        source.engine.dispose()
        target.engine.dispose()


def _reset_sequences(conn: sa.Connection, table: sa.Table) -> None:
    """Rows copied with their ids leave PostgreSQL's serial counters behind: move them past the ids."""
    for column in table.primary_key.columns:
        if not isinstance(column.type, sa.Integer):
            continue
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
        ).scalar()
        if sequence:
            top = conn.execute(sa.select(sa.func.max(column))).scalar()
            conn.execute(
                sa.text("SELECT setval(:s, :v, :called)"),
                {"s": sequence, "v": top or 1, "called": top is not None},
            )
