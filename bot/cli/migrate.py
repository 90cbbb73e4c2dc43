"""`python -m bot migrate [--from URL]`: upgrade the schema (Heroku's release phase), or copy a database."""

from __future__ import annotations

from bot.cli.common import database_failure, fail, first_line
from bot.settings import Settings, safe_url


def migrate(settings: Settings, source: str | None = None) -> int:
    """Upgrade the schema and exit: Heroku's release phase, or by hand before an upgrade.

    With `--from URL`, also copy every row from that database (SQLite to PostgreSQL, say).
    """
    import sqlalchemy as sa

    from bot.settings import normalise_database_url
    from bot.store import SCHEMA_VERSION, Store

    if source:
        from bot.cli.transfer import TransferError, copy_database

        source = normalise_database_url(source)
        if source == settings.database_url:
            return fail(
                "migrate --from: the source is DATABASE_URL itself; set DATABASE_URL to the new database"
            )
        try:
            counts = copy_database(source, settings.database_url)
        except TransferError as exc:
            return fail(f"migrate --from: {exc}")
        except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
            return fail(
                f"migrate --from: cannot copy {safe_url(source)} to {safe_url(settings.database_url)} "
                f"({first_line(exc)})"
            )
        rows = ", ".join(f"{name} {n}" for name, n in counts.items())
        print(f"migrate: copied {sum(counts.values())} rows to {safe_url(settings.database_url)} ({rows})")
        return 0
    store = Store(settings.database_url)
    try:
        found = store.migrate()
        sealed = 0
        if settings.oauth:
            from bot.app import create_oauth_tables

            create_oauth_tables(store.engine)
            if settings.token_keys:
                from bot.slack.workspaces import installation_store

                # Tokens in clear, or under a key being retired, sealed under the first key.
                sealed = installation_store(settings, store.engine).reseal()
    except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
        return database_failure(settings, exc)
    finally:
        store.engine.dispose()
    where = safe_url(settings.database_url)
    if found == SCHEMA_VERSION:
        print(f"migrate: {where} is at schema version {SCHEMA_VERSION}, nothing to do")
    else:
        print(f"migrate: {where} upgraded from schema version {found} to {SCHEMA_VERSION}")
    if sealed:
        print(f"migrate: sealed {sealed} stored tokens under the first TOKEN_ENCRYPTION_KEY")
    return 0
