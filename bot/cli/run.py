"""`python -m bot`: build the services and the Bolt app, then serve Slack over HTTP or Socket Mode.

Building comes in two steps so that what could not be reached (the database, then Slack) is named in
one line. The HTTP web tier (bot/web/workers.py) calls `build` again in each worker after the fork.
"""

from __future__ import annotations

import logging
import os

from bot import __version__
from bot.cli.common import (
    database_failure,
    fail,
    first_line,
    missing_credentials,
    setup_logging,
    slack_failure,
)
from bot.settings import Settings
from bot.yamlfile import ConfigError

log = logging.getLogger("bot")


def build(settings: Settings, *, migrate: bool = True, content=None):
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
        return fail(f"cannot start: {exc}")
    except (sa.exc.SQLAlchemyError, OSError, RuntimeError) as exc:
        return database_failure(settings, exc)
    try:
        return services, build_app(services)
    except sa.exc.SQLAlchemyError as exc:  # OAuth mode creates its installation tables here
        return database_failure(settings, exc)
    except (BoltError, SlackApiError, SlackClientError, OSError) as exc:
        return slack_failure(settings, exc)


def _socket_mode(settings: Settings, services, app) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.web import shutdown

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
        return fail(
            f"cannot start Socket Mode: Slack refused SLACK_APP_TOKEN or could not be reached ({reason}). "
            "It must be an app-level token (xapp-…) with the connections:write scope."
        )
    log.info("paradox-coach %s running in Socket Mode", __version__)
    return shutdown.serve_socket_mode(handler, services, services.executor)


def _http(settings: Settings, services, app) -> int:
    from bot.web import shutdown
    from bot.web.server import make_server

    try:
        server = make_server(
            app, services.store, settings.signing_secret, settings.host, settings.port, health=services.health
        )
    except OSError as exc:
        return fail(f"cannot start: cannot listen on {settings.host}:{settings.port} ({first_line(exc)})")
    log.info(
        "paradox-coach %s listening on %s:%s (POST /slack/events, GET /healthz)",
        __version__,
        settings.host,
        server.effective_port,
    )
    return shutdown.serve_http(server, services, services.executor)


def _web_tier(settings: Settings) -> int:
    import socket

    from bot.web import workers

    try:  # the same message as one process gives, before any worker starts
        socket.create_server((settings.host, settings.port), reuse_port=False).close()
    except OSError as exc:
        return fail(f"cannot start: cannot listen on {settings.host}:{settings.port} ({first_line(exc)})")
    return workers.serve(settings, settings.web_concurrency, build)


def _one_process(settings: Settings) -> bool:
    """Socket Mode, and systems without fork() (Windows), run in this process, with waitress for HTTP."""
    return settings.socket_mode or not hasattr(os, "fork")


def run(settings: Settings) -> int:
    missing = missing_credentials(settings)
    if missing is not None:
        return missing
    setup_logging(settings)
    if not _one_process(settings):
        return _web_tier(settings)
    built = build(settings)
    if isinstance(built, int):
        return built
    services, app = built
    services.inbox.start(app)  # resumes what a previous process acked but did not finish
    services.warm_up()
    return _socket_mode(settings, services, app) if settings.socket_mode else _http(settings, services, app)
