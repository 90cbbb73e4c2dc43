"""The command line's words: `python -m bot [check | try | read | post-due | scheduler | migrate | deck | goals]`.

Each subcommand lives in its own module and is imported only when it is asked for, so `check`, `read`
and `try` never load Bolt, gunicorn or the database driver they do not use.
"""

from __future__ import annotations

import argparse

from bot import __version__
from bot.cli.common import database_failure, missing_credentials, settings_or_exit, setup_logging
from bot.settings import Settings


def _weekly(command: str, settings: Settings, at: str | None) -> int:
    import sqlalchemy as sa

    from bot.weekly import cli

    setup_logging(settings)
    try:
        if command == "post-due":
            return cli.post_due_command(settings, at)
        return cli.scheduler_command(settings)
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        return database_failure(settings, exc)


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
    p_due = sub.add_parser(
        "post-due", help="post every weekly prompt, monthly digest and goal follow-up due now, then exit"
    )
    p_due.add_argument("--at", help="the moment to use instead of now (ISO-8601)")
    sub.add_parser(
        "scheduler", help="post weekly prompts, monthly digests and goal follow-ups when due, forever"
    )
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
    p_goals = sub.add_parser("goals", help="the workspace's recorded goals, with dates and follow-up results")
    p_goals.add_argument("--team", required=True, help="the workspace (team or enterprise id)")
    p_goals.add_argument("--csv", action="store_true", help="as CSV, one row per goal")
    args = parser.parse_args(argv)

    if args.command == "check":
        from bot.cli.check import check

        return check()
    if args.command == "try":
        from bot.dev.trymode import run_try

        return run_try(script=args.script, seed=args.seed, database=args.database)
    settings = settings_or_exit()
    if args.command == "migrate":
        from bot.cli.migrate import migrate

        return migrate(settings, args.source)
    if args.command == "read":
        from bot.coach.reader.explain import read_command

        return read_command(settings.prompts_dir, args.text, args.thread)
    if args.command == "goals":
        from bot.cli.goals import goals_command

        return goals_command(settings, args.team, args.csv)
    if args.command == "deck":
        from bot.cli.deck import deck_command

        return deck_command(args, settings)
    if args.command in ("post-due", "scheduler"):
        # Checked before anything opens the database, so a mistaken run leaves no SQLite file behind.
        missing = missing_credentials(settings)
        if missing is not None:
            return missing
        return _weekly(args.command, settings, getattr(args, "at", None))
    from bot.cli.run import run

    return run(settings)
