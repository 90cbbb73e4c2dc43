"""Settings from one place: the environment, then `.env`, then the YAML config file.

The real environment wins over `.env`; both win over `config/coach.yml` for the environment
variables the README's Configuration section lists. Everything the operator can get wrong is
reported with the file and line.

The default deck (`prompts/`) and config (`config/coach.yml`) ship inside the package, so an
installed wheel runs from any directory. Files in the working directory, or the paths named by
PARADOX_CONFIG and PARADOX_PROMPTS, override the shipped copies.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dotenv import dotenv_values

from bot.yamlfile import Checker, ConfigError, line_of, load

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_SCOPES = (
    "app_mentions:read,channels:history,chat:write,chat:write.public,commands,files:write,groups:history,"
    "reactions:write,users:read,"
    # the monthly digest: open the DM with a lead, and look in it before resending
    "im:write,im:history"
)
ENV_NAMES = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "SLACK_SCOPES",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "PORT",
    "HOST",
    "DATABASE_URL",
    "PARADOX_CONFIG",
    "PARADOX_PROMPTS",
    "LOG_LEVEL",
    "TOKEN_ENCRYPTION_KEY",
    "WEB_CONCURRENCY",
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def shipped(name: str) -> Path:
    """A directory shipped inside the package: `prompts` or `config` (see pyproject's package-data)."""
    # Installed wheels and source checkouts are plain directories, so a real path is always there.
    return Path(str(resources.files("bot").joinpath("defaults", name)))


def _config_path(values: dict[str, str]) -> tuple[str, bool]:
    """The config file to read, and whether the operator named it (then it must exist)."""
    if values.get("PARADOX_CONFIG"):
        return values["PARADOX_CONFIG"], True
    local = Path("config") / "coach.yml"
    if local.exists():
        return str(local), False
    return str(shipped("config") / "coach.yml"), False


def _prompts_dir(values: dict[str, str], configured: str) -> str:
    """PARADOX_PROMPTS, else the config's prompts_dir; the default `prompts` falls back to the shipped deck."""
    if values.get("PARADOX_PROMPTS"):
        return values["PARADOX_PROMPTS"]
    if configured != "prompts" or Path("prompts").is_dir():
        return configured
    return str(shipped("prompts"))


@dataclass(frozen=True)
class DeclaredSubscription:
    team: str
    channel: str
    day: str
    time: str
    timezone: str
    calendar: str
    line: int | None


@dataclass(frozen=True)
class Retention:
    """How long each kind of stored data is kept, in days (config `retention:`; docs/privacy.md says why)."""

    goals_days: float = 396  # 13 months: a yearly campaign's goal is still there when it is planned again
    questions_days: float = 90  # only to avoid repeating a question; a quarter covers a campaign's planning
    sends_days: float = 396  # the weekly rotation's memory (no personal data): a year without repeats
    stopped_subscriptions_days: float = 30  # a channel archived or the bot removed: time to notice and resume
    inbox_days: float = 2  # a message still unanswered after two days will not be answered usefully
    event_ids_days: float = 7  # bare event ids against Slack's retries (minutes); a week is plenty


RETENTION_MINIMUM = {
    "goals_days": 1,
    "questions_days": 1,
    # a weekly slot's claim must outlive its week, or a late retry could post it twice
    "sends_days": 8,
    "stopped_subscriptions_days": 1,
    "inbox_days": 1,
    "event_ids_days": 1,
}


@dataclass(frozen=True)
class Settings:
    bot_token: str = ""
    signing_secret: str = ""
    client_id: str = ""
    client_secret: str = ""
    scopes: tuple[str, ...] = tuple(DEFAULT_SCOPES.split(","))
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    port: int = 3000
    host: str = "0.0.0.0"
    database_url: str = "sqlite:///paradox-coach.sqlite3"
    config_path: str = "config/coach.yml"
    prompts_dir: str = "prompts"
    log_level: str = "INFO"
    thread_max_messages: int = 200
    goal_chars: int = 600
    text_chars: int = 4000
    catch_up_hours: float = 6
    scheduler_interval: float = 60
    claim_lease_seconds: float = 300
    api_timeout: float = 10
    inbox_lease_seconds: float = 30
    inbox_keep_finished_hours: float = 24
    subscriptions: tuple[DeclaredSubscription, ...] = field(default_factory=tuple)
    retention: Retention = field(default_factory=Retention)
    privacy_url: str = ""  # where the operator publishes docs/privacy.md; linked from the Home tab
    # TOKEN_ENCRYPTION_KEY: Fernet keys, comma-separated, newest first (bot/slack/tokens.py)
    token_keys: tuple[str, ...] = field(default_factory=tuple)
    # WEB_CONCURRENCY: HTTP worker processes (Heroku's convention; it sets this per dyno size)
    web_concurrency: int = 1

    @property
    def oauth(self) -> bool:
        """Multi-workspace install through Slack's OAuth flow."""
        return bool(self.client_id and self.client_secret)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def missing_credentials(self) -> list[str]:
        """What must still be set before the app can talk to Slack (empty when ready)."""
        missing = []
        if not self.signing_secret and not self.socket_mode:
            missing.append("SLACK_SIGNING_SECRET")
        if not self.bot_token and not self.oauth:
            missing.append("SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for multi-workspace)")
        if self.socket_mode and not self.bot_token:
            missing.append("SLACK_BOT_TOKEN (Socket Mode needs it beside SLACK_APP_TOKEN)")
        return missing


def _environment(env: dict[str, str] | None, dotenv_path: str | Path) -> dict[str, str]:
    merged = {k: v for k, v in (dotenv_values(dotenv_path) or {}).items() if v is not None}
    merged.update(os.environ if env is None else env)
    return merged


def normalise_database_url(url: str) -> str:
    """Heroku hands over `postgres://`; SQLAlchemy wants `postgresql+psycopg://` for psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def safe_url(url: str) -> str:
    """The database URL for messages and logs: the password replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(a DATABASE_URL that is not a database URL)"


def load_settings(env: dict[str, str] | None = None, dotenv_path: str | Path = ".env") -> Settings:
    """Build the settings; raise ConfigError naming the file and line on a bad config."""
    values = _environment(env, dotenv_path)
    config_path, named = _config_path(values)
    config = load(config_path) if named or Path(config_path).exists() else {}
    if config is None:
        config = {}
    check = Checker(config_path)
    check.mapping(config, "the config file")
    known = {
        "prompts_dir",
        "log_level",
        "database_file",
        "threads",
        "limits",
        "weekly",
        "slack",
        "inbox",
        "retention",
        "privacy_url",
    }
    for key in config:
        if key not in known:
            raise check.fail(
                config, key, f"unknown setting '{key}'; known settings are {', '.join(sorted(known))}"
            )

    def section(name: str) -> dict:
        node = config.get(name) or {}
        return check.mapping(node, f"'{name}'", config, name)

    threads, limits, weekly, slack, inbox, retention = (
        section("threads"),
        section("limits"),
        section("weekly"),
        section("slack"),
        section("inbox"),
        section("retention"),
    )
    log_level = check.text(config, "log_level", "the config", required=False, default="INFO").upper()
    if log_level not in LOG_LEVELS:
        raise check.fail(config, "log_level", "log_level must be DEBUG, INFO, WARNING or ERROR")
    if values.get("LOG_LEVEL"):
        # The environment wins, so an operator can turn on DEBUG without a deploy.
        log_level = values["LOG_LEVEL"].strip().upper()
        if log_level not in LOG_LEVELS:
            raise ConfigError(
                "environment",
                None,
                f"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not '{values['LOG_LEVEL']}'",
            )

    port_text = values.get("PORT") or "3000"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError("environment", None, f"PORT must be a port number, not '{port_text}'")

    web_concurrency = _web_concurrency(values.get("WEB_CONCURRENCY", ""))

    database_file = check.text(
        config, "database_file", "the config", required=False, default="paradox-coach.sqlite3"
    )
    api_url = values.get("SLACK_API_URL") or DEFAULT_API_URL
    if not api_url.endswith("/"):
        api_url += "/"
    scopes = values.get("SLACK_SCOPES") or DEFAULT_SCOPES

    privacy_url, token_keys = _privacy(check, config, values)
    return Settings(
        bot_token=values.get("SLACK_BOT_TOKEN", ""),
        signing_secret=values.get("SLACK_SIGNING_SECRET", ""),
        client_id=values.get("SLACK_CLIENT_ID", ""),
        client_secret=values.get("SLACK_CLIENT_SECRET", ""),
        scopes=tuple(s.strip() for s in scopes.split(",") if s.strip()),
        app_token=values.get("SLACK_APP_TOKEN", ""),
        api_url=api_url,
        port=int(port_text),
        host=(values.get("HOST") or "0.0.0.0").strip(),
        database_url=normalise_database_url(values.get("DATABASE_URL") or f"sqlite:///{database_file}"),
        config_path=config_path,
        prompts_dir=_prompts_dir(
            values, check.text(config, "prompts_dir", "the config", required=False, default="prompts")
        ),
        log_level=log_level,
        thread_max_messages=int(check.number(threads, "max_messages", "'threads'", 200, minimum=1)),
        goal_chars=int(check.number(limits, "goal_chars", "'limits'", 600, minimum=20)),
        text_chars=int(check.number(limits, "text_chars", "'limits'", 4000, minimum=100)),
        catch_up_hours=check.number(weekly, "catch_up_hours", "'weekly'", 6),
        scheduler_interval=check.number(weekly, "interval_seconds", "'weekly'", 60, minimum=1),
        claim_lease_seconds=check.number(weekly, "claim_lease_seconds", "'weekly'", 300, minimum=5),
        subscriptions=_declared_subscriptions(check, weekly),
        api_timeout=check.number(slack, "timeout_seconds", "'slack'", 10, minimum=0.1),
        inbox_lease_seconds=check.number(inbox, "lease_seconds", "'inbox'", 30, minimum=1),
        # Slack's last retry comes about 5 minutes after the first delivery: an hour is the floor.
        inbox_keep_finished_hours=check.number(inbox, "keep_finished_hours", "'inbox'", 24, minimum=1),
        retention=_retention(check, retention),
        privacy_url=privacy_url,
        token_keys=token_keys,
        web_concurrency=web_concurrency,
    )


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _web_concurrency(text: str) -> int:
    """WEB_CONCURRENCY, or one process per core when it is unset."""
    text = text.strip()
    if not text:
        return cores()
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise ConfigError(
            "environment", None, f"WEB_CONCURRENCY must be a number of processes from 1 to 64, not '{text}'"
        )
    return int(text)


def _privacy(check: Checker, config: dict, values: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """The privacy page's address, and the token encryption keys (checked, never echoed)."""
    privacy_url = check.text(config, "privacy_url", "the config", required=False, default="")
    if privacy_url and not privacy_url.startswith(("https://", "http://")):
        raise check.fail(config, "privacy_url", "privacy_url must be a web address (https://…)")
    keys = tuple(k.strip() for k in values.get("TOKEN_ENCRYPTION_KEY", "").split(",") if k.strip())
    _check_token_keys(keys)
    return privacy_url, keys


def _check_token_keys(keys: tuple[str, ...]) -> None:
    if not keys:
        return
    from cryptography.fernet import Fernet

    for i, key in enumerate(keys):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            # Never echo the key itself: say which one, and how to make a good one.
            raise ConfigError(
                "environment",
                None,
                f"TOKEN_ENCRYPTION_KEY: key {i + 1} is not a Fernet key (32 url-safe base64 bytes); make one with "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'",
            ) from None


def _retention(check: Checker, node: dict) -> Retention:
    for key in node:
        if key not in RETENTION_MINIMUM:
            raise check.fail(
                node, key, f"unknown retention '{key}'; known are {', '.join(sorted(RETENTION_MINIMUM))}"
            )
    defaults = Retention()
    return Retention(
        **{
            key: check.number(node, key, "'retention'", getattr(defaults, key), minimum=minimum)
            for key, minimum in RETENTION_MINIMUM.items()
        }
    )


def _declared_subscriptions(check: Checker, weekly: dict) -> tuple[DeclaredSubscription, ...]:
    items = weekly.get("subscriptions") or []
    if not isinstance(items, list):
        raise check.fail(weekly, "subscriptions", "'subscriptions' must be a list")
    out = []
    for i, node in enumerate(items):
        what = f"subscription {i + 1}"
        node = check.mapping(node, what, items, i)
        out.append(
            DeclaredSubscription(
                team=check.text(node, "team", what),
                channel=check.text(node, "channel", what),
                day=check.text(node, "day", what),
                time=check.text(node, "time", what),
                timezone=check.text(node, "timezone", what, required=False, default="UTC"),
                calendar=check.text(node, "calendar", what, required=False),
                line=line_of(node),
            )
        )
    return tuple(out)
