"""What every subcommand shares: one way to fail (exit code and one line, no traceback) and to start logging."""

from __future__ import annotations

import sys

from bot.settings import Settings, load_settings, safe_url
from bot.yamlfile import ConfigError


def fail(message: str, code: int = 2) -> int:
    print(f"paradox-coach: {message}", file=sys.stderr)
    return code


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise SystemExit(fail(f"cannot start: {exc}")) from None


def setup_logging(settings: Settings) -> None:
    from bot import logs

    logs.setup(
        settings.log_level,
        [settings.bot_token, settings.signing_secret, settings.client_secret, settings.app_token],
    )


def missing_credentials(settings: Settings) -> int | None:
    """Exit code 2 with what to set when Slack credentials are missing (every command that talks to Slack)."""
    missing = settings.missing_credentials()
    if not missing:
        return None
    lines = "\n".join(f"  - {m}" for m in missing)
    return fail(
        "cannot start: Slack credentials are missing. Set:\n"
        f"{lines}\n"
        "in the environment or in a .env file in this folder (copy .env.example to .env to start).\n"
        "To try the coach without Slack, run: python -m bot try"
    )


def first_line(exc: BaseException, limit: int = 200) -> str:
    text = str(exc).strip()
    return f"{exc.__class__.__name__}: {text.splitlines()[0][:limit]}" if text else exc.__class__.__name__


def database_failure(settings: Settings, exc: BaseException) -> int:
    return fail(
        f"cannot start: the database at {safe_url(settings.database_url)} could not be used "
        f"({first_line(exc)}). Check DATABASE_URL."
    )


def slack_failure(settings: Settings, exc: BaseException) -> int:
    return fail(
        f"cannot start: Slack at {settings.api_url} refused the credentials or could not be reached "
        f"({first_line(exc)}). Check SLACK_BOT_TOKEN, and SLACK_API_URL if you set it."
    )
