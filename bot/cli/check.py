"""`python -m bot check`: validate prompts/ and the config file, printing every problem with its file and line."""

from __future__ import annotations

import sys

from bot.settings import load_settings
from bot.yamlfile import ConfigError


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
            deck = load_content(settings).decks["en"]
            print(
                f"ok: {len(deck.paradoxes)} paradoxes, {sum(len(p.questions) for p in deck.paradoxes)} questions "
                f"and {sum(len(p.slotted) for p in deck.paradoxes)} slotted ones, "
                f"{len(deck.channels)} channels in {settings.prompts_dir}/, every word in Welsh and English"
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
