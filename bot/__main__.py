"""Command line: `python -m bot [check | try | read | post-due | scheduler | migrate | deck]`; none runs the app."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from bot import __version__
from bot.settings import Settings, load_settings, safe_url
from bot.yamlfile import ConfigError

log = logging.getLogger("bot")


def _fail(message: str, code: int = 2) -> int:
    print(f"paradox-coach: {message}", file=sys.stderr)
    return code


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise SystemExit(_fail(f"cannot start: {exc}")) from None


def _setup_logging(settings: Settings) -> None:
    from bot import logs

    logs.setup(
        settings.log_level,
        [settings.bot_token, settings.signing_secret, settings.client_secret, settings.app_token],
    )


def _missing_credentials(settings: Settings) -> int | None:
    """Exit code 2 with what to set when Slack credentials are missing (every command that talks to Slack)."""
    missing = settings.missing_credentials()
    if not missing:
        return None
    lines = "\n".join(f"  - {m}" for m in missing)
    return _fail(
        "cannot start: Slack credentials are missing. Set:\n"
        f"{lines}\n"
        "in the environment or in a .env file in this folder (copy .env.example to .env to start).\n"
        "To try the coach without Slack, run: python -m bot try"
    )


def _first_line(exc: BaseException, limit: int = 200) -> str:
    text = str(exc).strip()
    return f"{exc.__class__.__name__}: {text.splitlines()[0][:limit]}" if text else exc.__class__.__name__


def _database_failure(settings: Settings, exc: BaseException) -> int:
    return _fail(
        f"cannot start: the database at {safe_url(settings.database_url)} could not be used "
        f"({_first_line(exc)}). Check DATABASE_URL."
    )


def _slack_failure(settings: Settings, exc: BaseException) -> int:
    return _fail(
        f"cannot start: Slack at {settings.api_url} refused the credentials or could not be reached "
        f"({_first_line(exc)}). Check SLACK_BOT_TOKEN, and SLACK_API_URL if you set it."
    )


def _build(settings: Settings, *, migrate: bool = True, content=None):
    """The services and the Bolt app, or the exit code after saying what could not be reached.

    A web worker, after its master's check, passes `migrate=False` (the schema is current) and the
    master's loaded `content` (see `build_services`).
    """
    import sqlalchemy as sa
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.app import build_app
    from bot.services import build_services

    # Two steps, so the message names what could not be reached: the database, then Slack.
    try:
        services = build_services(settings, migrate=migrate, content=content)
    except ConfigError as exc:
        return _fail(f"cannot start: {exc}")
    except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
        return _database_failure(settings, exc)
    try:
        return services, build_app(services)
    except sa.exc.SQLAlchemyError as exc:  # OAuth mode creates its installation tables here
        return _database_failure(settings, exc)
    except (BoltError, SlackApiError, SlackClientError, OSError) as exc:
        return _slack_failure(settings, exc)


def _socket_mode(settings: Settings, services, app) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot import shutdown

    if os.environ.get("DYNO", "").startswith("web."):
        log.warning(
            "Socket Mode binds no port, so Heroku stops a web dyno after 60 s (R10): "
            "run it as a worker process (Procfile: worker: python -m bot) and scale web to 0"
        )
    handler = SocketModeHandler(app, settings.app_token)
    try:
        handler.connect()
    except (SlackApiError, SlackClientError, OSError) as exc:
        reason = exc.response.get("error") if isinstance(exc, SlackApiError) else exc.__class__.__name__
        return _fail(
            f"cannot start Socket Mode: Slack refused SLACK_APP_TOKEN or could not be reached ({reason}). "
            "It must be an app-level token (xapp-…) with the connections:write scope."
        )
    log.info("paradox-coach %s running in Socket Mode", __version__)
    return shutdown.serve_socket_mode(handler, services, services.executor)


def _http(settings: Settings, services, app) -> int:
    from bot import shutdown
    from bot.server import make_server

    try:
        server = make_server(
            app, services.store, settings.signing_secret, settings.host, settings.port, health=services.health
        )
    except OSError as exc:
        return _fail(f"cannot start: cannot listen on {settings.host}:{settings.port} ({_first_line(exc)})")
    log.info(
        "paradox-coach %s listening on %s:%s (POST /slack/events, GET /healthz)",
        __version__,
        settings.host,
        server.effective_port,
    )
    return shutdown.serve_http(server, services, services.executor)


def _web_tier(settings: Settings) -> int:
    import socket

    from bot import web_tier

    try:  # the same message as one process gives, before any worker starts
        socket.create_server((settings.host, settings.port), reuse_port=False).close()
    except OSError as exc:
        return _fail(f"cannot start: cannot listen on {settings.host}:{settings.port} ({_first_line(exc)})")
    return web_tier.serve(settings, settings.web_concurrency, _build)


def _one_process(settings: Settings) -> bool:
    """Socket Mode, and systems without fork() (Windows), run in this process, with waitress for HTTP."""
    return settings.socket_mode or not hasattr(os, "fork")


def run(settings: Settings) -> int:
    missing = _missing_credentials(settings)
    if missing is not None:
        return missing
    _setup_logging(settings)
    if not _one_process(settings):
        return _web_tier(settings)
    built = _build(settings)
    if isinstance(built, int):
        return built
    services, app = built
    services.inbox.start(app)  # resumes what a previous process acked but did not finish
    services.warm_up()
    return _socket_mode(settings, services, app) if settings.socket_mode else _http(settings, services, app)


def check() -> int:
    """Validate prompts/ and the config file; print every problem found."""
    problems: list[str] = []
    settings = None
    try:
        settings = load_settings()
    except ConfigError as exc:
        problems.append(str(exc))
    if settings is not None:
        from bot.services import load_content

        try:
            deck, *_ = load_content(settings)
            print(
                f"ok: {len(deck.paradoxes)} paradoxes, {len(deck.questions)} questions, "
                f"{len(deck.channels)} channels in {settings.prompts_dir}/"
            )
        except ConfigError as exc:
            problems.append(str(exc))
        from bot.weekly.subscriptions import check_declared

        try:
            check_declared(settings)
        except ConfigError as exc:
            problems.append(str(exc))
        if not problems:
            print(f"ok: {settings.config_path}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def migrate(settings: Settings, source: str | None = None) -> int:
    """Upgrade the schema and exit: Heroku's release phase, or by hand before an upgrade.

    With `--from URL`, also copy every row from that database (SQLite to PostgreSQL, say).
    """
    import sqlalchemy as sa

    from bot.settings import normalise_database_url
    from bot.store import SCHEMA_VERSION, Store

    if source:
        from bot.transfer import TransferError, copy_database

        source = normalise_database_url(source)
        if source == settings.database_url:
            return _fail(
                "migrate --from: the source is DATABASE_URL itself; set DATABASE_URL to the new database"
            )
        try:
            counts = copy_database(source, settings.database_url)
        except TransferError as exc:
            return _fail(f"migrate --from: {exc}")
        except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
            return _fail(
                f"migrate --from: cannot copy {safe_url(source)} to {safe_url(settings.database_url)} "
                f"({_first_line(exc)})"
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
                from bot.workspaces import installation_store

                # Tokens in clear, or under a key being retired, sealed under the first key.
                sealed = installation_store(settings, store.engine).reseal()
    except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
        return _database_failure(settings, exc)
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


def _weekly(command: str, settings: Settings, at: str | None) -> int:
    import sqlalchemy as sa

    from bot.weekly import cli

    _setup_logging(settings)
    try:
        if command == "post-due":
            return cli.post_due_command(settings, at)
        return cli.scheduler_command(settings)
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        return _database_failure(settings, exc)


def _deck(args: argparse.Namespace, settings: Settings) -> int:
    import sqlalchemy as sa

    from bot import deck_cli

    try:
        if args.deck_command == "export":
            return deck_cli.export_command(settings, args.team, args.out)
        return deck_cli.import_command(settings, args.team, args.file)
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        return _database_failure(settings, exc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="paradox-coach", description="Coach comms teams to name the goal first."
    )
    parser.add_argument("--version", action="version", version=f"paradox-coach {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="validate prompts/ and the config file")
    p_try = sub.add_parser("try", help="the coach in a terminal, without Slack")
    p_try.add_argument("--script", help="read lines from this file instead of the keyboard")
    p_try.add_argument("--seed", default="try", help="seed for question choice (same seed, same answers)")
    p_try.add_argument(
        "--database",
        metavar="URL",
        help="keep try mode's state in this database (default: a temporary file, deleted on exit; "
        "$DATABASE_URL is never used)",
    )
    p_read = sub.add_parser("read", help="show what the plan reader finds in TEXT, and why it decides")
    p_read.add_argument("text", nargs="*", help="the message, as typed in Slack")
    p_read.add_argument("--thread", metavar="FILE", help="a thread: a YAML list of messages, or one per line")
    p_due = sub.add_parser("post-due", help="post every weekly prompt and monthly digest due now, then exit")
    p_due.add_argument("--at", help="the moment to use instead of now (ISO-8601)")
    sub.add_parser("scheduler", help="post weekly prompts and monthly digests when due, forever")
    p_migrate = sub.add_parser("migrate", help="upgrade the database schema, then exit")
    p_migrate.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        help="also copy every row from this database into DATABASE_URL, which must be empty "
        "(for example sqlite:///paradox-coach.sqlite3)",
    )
    p_deck = sub.add_parser("deck", help="export or import a workspace's own deck (prompts/ YAML format)")
    deck_sub = p_deck.add_subparsers(dest="deck_command", required=True)
    p_export = deck_sub.add_parser("export", help="write the workspace's deck as YAML")
    p_export.add_argument("--team", required=True, help="the workspace (team or enterprise id)")
    p_export.add_argument("--out", help="write to this file instead of standard output")
    p_import = deck_sub.add_parser("import", help="make the workspace's deck the file's")
    p_import.add_argument("--team", required=True, help="the workspace (team or enterprise id)")
    p_import.add_argument("file", help="a paradoxes.yml-style file")
    args = parser.parse_args(argv)

    if args.command == "check":
        return check()
    if args.command == "try":
        from bot.dev.trymode import run_try

        return run_try(script=args.script, seed=args.seed, database=args.database)
    settings = _settings_or_exit()
    if args.command == "migrate":
        return migrate(settings, args.source)
    if args.command == "read":
        from bot.coach.reader.explain import read_command

        return read_command(settings.prompts_dir, args.text, args.thread)
    if args.command == "deck":
        return _deck(args, settings)
    if args.command in ("post-due", "scheduler"):
        # Checked before anything opens the database, so a mistaken run leaves no SQLite file behind.
        missing = _missing_credentials(settings)
        if missing is not None:
            return missing
        return _weekly(args.command, settings, getattr(args, "at", None))
    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
