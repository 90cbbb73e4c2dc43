"""`python -m bot deck export|import --team T`: a workspace's own deck as YAML in the prompts/ format.

Export writes what that workspace's coach asks now; import makes the workspace's deck the file's,
checked as `python -m bot check` checks prompts/ (errors name file and line; nothing changes then).
The import is logged as edits by "the command line", like edits made in Slack.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import database_failure
from bot.settings import Settings
from bot.yamlfile import ConfigError


def _open(settings: Settings):
    from bot.coach.deck import load_deck
    from bot.coach.workspace_deck import Decks
    from bot.store import Store

    base = load_deck(settings.prompts_dir)
    store = Store(settings.database_url)
    store.migrate()
    return base, store, Decks(base, store)


def export_command(settings: Settings, team: str, out: str | None) -> int:
    from bot.coach.workspace_deck import export_yaml

    try:
        _, store, decks = _open(settings)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    text = export_yaml(decks.for_team(team))
    if out:
        Path(out).write_text(text, encoding="utf-8")
        print(f"ok: the deck of {team} written to {out}")
    else:
        sys.stdout.write(text)
    store.engine.dispose()
    return 0


def import_command(settings: Settings, team: str, path: str) -> int:
    from bot.coach.workspace_deck import import_edits

    try:
        base, store, decks = _open(settings)
        edits = import_edits(base, path)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    store.add_deck_edits(team, "", edits)
    deck = decks.for_team(team)
    print(f"ok: {team} now has {len(deck.paradoxes)} paradoxes, {len(deck.questions)} questions")
    store.engine.dispose()
    return 0


def deck_command(args: argparse.Namespace, settings: Settings) -> int:
    import sqlalchemy as sa

    try:
        if args.deck_command == "export":
            return export_command(settings, args.team, args.out)
        return import_command(settings, args.team, args.file)
    except (sa.exc.SQLAlchemyError, RuntimeError) as exc:
        return database_failure(settings, exc)
