"""The HTTP front: Slack's requests go to Bolt; `/healthz` answers for the database. Served by waitress.

Bolt's built-in server is single-threaded and drops connections under load, so production
runs on waitress, a threaded pure-Python WSGI server that works the same on Heroku, in a
container and on a laptop.
"""

from __future__ import annotations

import io
import json
import logging
import re
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier
from waitress.server import create_server

from bot.store import Store

log = logging.getLogger(__name__)
MAX_BODY = 4 * 1024 * 1024  # far above any payload Slack sends
_TIMESTAMP = re.compile(r"^\d{1,12}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")


def _reply(start_response, status: str, body: bytes, ctype: str = "text/plain") -> list[bytes]:
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


def _well_formed(text: str, content_type: str) -> bool:
    """Whether this is a Slack payload that Bolt can take without raising.

    Bolt parses before it checks, and its argument injection reads `view["type"]` of every
    view payload eagerly (a KeyError, so HTTP 500, when it is missing). Slack always sends it.
    """
    try:
        if "json" in content_type:
            body = json.loads(text)
            return isinstance(body, dict) and isinstance(body.get("type"), str)
        form = parse_qs(text)
        if "payload" not in form:
            return bool(form.get("command") or form.get("ssl_check"))
        body = json.loads(form["payload"][-1])
    except ValueError:
        return False
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        return False
    view = body.get("view")
    return view is None or (isinstance(view, dict) and isinstance(view.get("type"), str))


def guard(verifier: SignatureVerifier, environ) -> tuple[str, bytes] | None:
    """Check a Slack request before Bolt sees it; return (status, body) to refuse it, or None.

    Bolt parses the body and the signature headers before verifying them, and raises (HTTP 500)
    on a non-numeric timestamp, a non-ASCII signature, bytes that are not UTF-8, or malformed
    JSON. Checking the signature on the raw bytes first turns every forged request into a 401,
    however odd, and a signed but unparseable one into a 400.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "400 Bad Request", b"bad content length\n"
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(raw)
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not (_TIMESTAMP.match(timestamp) and _SIGNATURE.match(signature)):
        return "401 Unauthorized", b'{"error": "invalid request"}'
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # slack_sdk's verifier decodes the body itself and would raise. Slack only sends UTF-8,
        # so a body that is not UTF-8 is refused as forged without computing anything.
        return "401 Unauthorized", b'{"error": "invalid request"}'
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        return "401 Unauthorized", b'{"error": "invalid request"}'
    if not _well_formed(text, environ.get("CONTENT_TYPE", "")):
        return "400 Bad Request", b"the body is not a Slack payload\n"
    return None


def make_wsgi(app: App, store: Store, signing_secret: str):
    bolt = SlackRequestHandler(app, path="/slack/events")
    verifier = SignatureVerifier(signing_secret)

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/slack/events" and environ.get("REQUEST_METHOD") == "POST":
            refused = guard(verifier, environ)
            if refused:
                ctype = "application/json" if refused[0].startswith("401") else "text/plain"
                return _reply(start_response, refused[0], refused[1], ctype)
            return bolt(environ, start_response)
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


def make_server(app: App, store: Store, signing_secret: str, host: str, port: int, threads: int = 16):
    """A waitress server (not yet running); `.run()` serves, `.close()` stops, `.effective_port` tells."""
    return create_server(
        make_wsgi(app, store, signing_secret),
        host=host,
        port=port,
        threads=threads,
        ident="paradox-coach",
        max_request_body_size=MAX_BODY,
        connection_limit=200,
        channel_timeout=30,
    )
