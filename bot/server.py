"""The HTTP front: Slack's requests go to Bolt; `/healthz` answers for the database. Served by waitress.

Bolt's built-in server is single-threaded and drops connections under load, so production
runs on waitress, a threaded pure-Python WSGI server that works the same on Heroku, in a
container and on a laptop.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from waitress.server import create_server

from bot.store import Store

log = logging.getLogger(__name__)
MAX_BODY = 4 * 1024 * 1024  # far above any payload Slack sends


def make_wsgi(app: App, store: Store):
    bolt = SlackRequestHandler(app, path="/slack/events")

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":
            try:
                store.ping()
            except Exception as exc:  # the reason, not the details: /healthz is unauthenticated
                log.warning("health check failed: cannot reach the database (%s)", exc.__class__.__name__)
                body = b"database unreachable\n"
                start_response(
                    "503 Service Unavailable",
                    [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
                )
                return [body]
            body = b"ok\n"
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        return bolt(environ, start_response)

    return application


def make_server(app: App, store: Store, host: str, port: int, threads: int = 16):
    """A waitress server (not yet running); `.run()` serves, `.close()` stops, `.effective_port` tells."""
    return create_server(
        make_wsgi(app, store),
        host=host,
        port=port,
        threads=threads,
        ident="paradox-coach",
        max_request_body_size=MAX_BODY,
        connection_limit=200,
        channel_timeout=30,
    )
