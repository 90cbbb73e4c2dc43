"""The HTTP front: Slack's requests go to Bolt; `/healthz` answers for the database. Served by waitress.

Bolt's built-in server is single-threaded and drops connections under load, so production
runs on waitress, a threaded pure-Python WSGI server that works the same on Heroku, in a
container and on a laptop.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import threading
import time
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.internals import build_context
from waitress.server import create_server

from bot.store import Store
from bot.web.dbhealth import DatabaseHealth

log = logging.getLogger(__name__)

# The largest body taken, refused from Content-Length before a byte of it is read. Slack's
# biggest payloads are a message shortcut or mention carrying a 40,000-character message and
# its rich-text blocks, and a submitted modal of our own (a handful of 3,000-character fields);
# even percent-encoded they stay well under 1 MiB. Anything bigger is not from Slack, and
# reading it would only cost memory before the signature is known to be wrong.
MAX_BODY = 1024 * 1024
CHUNK = 64 * 1024  # read in pieces: the HMAC is fed as the body arrives
MAX_AGE = 5 * 60  # Slack's rule: refuse a timestamp more than five minutes from local time
_TIMESTAMP = re.compile(r"^\d{1,12}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")
FORGED = ("401 Unauthorized", b'{"error": "invalid request"}')
PARSED = "paradox.body"  # environ key: the body as the gate parsed it, for Bolt
RAW = "paradox.text"  # environ key: the body's text


def _reply(start_response, status: str, body: bytes, ctype: str = "text/plain") -> list[bytes]:
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


def parse_body(text: str, content_type: str) -> dict | None:
    """The body as Slack means it, or None when it is not a Slack payload Bolt can take.

    Bolt's own parser treats any form body in which the word "payload" appears anywhere (a
    slash command's text, a channel name) as an interaction, and the command is then lost
    (HTTP 404). Here only a form with a `payload` field and no `command` is an interaction.
    Bolt also reads `view["type"]` of every view payload eagerly (a KeyError, so HTTP 500,
    when it is missing); Slack always sends it.
    """
    try:
        if "json" in content_type:
            body = json.loads(text)
            ok = isinstance(body, dict) and isinstance(body.get("type"), str)
            return body if ok else None
        form = dict(parse_qsl(text, keep_blank_values=True))
        if "payload" not in form or form.get("command"):
            return form if (form.get("command") or form.get("ssl_check")) else None
        body = json.loads(form["payload"])
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        return None
    view = body.get("view")
    return body if view is None or (isinstance(view, dict) and isinstance(view.get("type"), str)) else None


def guard(secret: str, environ, *, now: float | None = None) -> tuple[str, bytes] | None:
    """Check a Slack request before Bolt sees it; return (status, body) to refuse it, or None.

    Cheapest first, so that an unauthenticated request costs next to nothing: the length from
    Content-Length, then the shape and age of the timestamp and the shape of the signature (all
    headers, before any of the body is read); then the body is read in bounded chunks straight
    into the HMAC, and only a body whose signature matches is decoded and parsed. Bolt parses
    before it verifies and raises (HTTP 500) on odd input; here every forged request is a 401,
    however odd, and a signed but unparseable one a 400. On success the parsed body is left in
    `environ[PARSED]` and the raw bytes in `wsgi.input` for Bolt.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "400 Bad Request", b"bad content length\n"
    if length > MAX_BODY or length < 0:
        return "413 Payload Too Large", b"body too large\n"
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not (_TIMESTAMP.match(timestamp) and _SIGNATURE.match(signature)):
        return FORGED
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE:
        return FORGED
    mac = hmac.new(secret.encode(), f"v0:{timestamp}:".encode(), hashlib.sha256)
    raw = bytearray()
    stream = environ["wsgi.input"]
    while len(raw) < length:
        chunk = stream.read(min(CHUNK, length - len(raw)))
        if not chunk:
            break
        mac.update(chunk)
        raw += chunk
    if not hmac.compare_digest(f"v0={mac.hexdigest()}", signature):
        return FORGED
    environ["wsgi.input"] = io.BytesIO(bytes(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "400 Bad Request", b"the body is not a Slack payload\n"
    body = parse_body(text, environ.get("CONTENT_TYPE", ""))
    if body is None:
        return "400 Bad Request", b"the body is not a Slack payload\n"
    environ[PARSED] = body
    environ[RAW] = text
    return None


class _Handler(SlackRequestHandler):
    """Bolt's WSGI adapter, handed the body as the gate parsed it (see `parse_body`)."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        parsed = request.environ.get(PARSED)
        if parsed is None:  # not through the gate (OAuth pages): Bolt parses it, as it would
            return self.app.dispatch(
                BoltRequest(
                    body=request.get_body(), query=request.query_string, headers=request.get_headers()
                )
            )
        # Parsed once, by the gate. Bolt's HTTP mode takes only text and would parse it again, so it
        # is given an empty body, then the text (for `to_copyable`) and the parsed body.
        req = BoltRequest(body="", query=request.query_string, headers=request.get_headers())
        req.raw_body = request.environ[RAW]
        req.body = parsed
        req.context = build_context(BoltContext({}), parsed)
        return self.app.dispatch(req)


class InFlight:
    """Requests being handled right now: the shutdown drain waits for them."""

    def __init__(self):
        self._n = 0
        self._cond = threading.Condition()

    def __enter__(self):
        with self._cond:
            self._n += 1

    def __exit__(self, *exc):
        with self._cond:
            self._n -= 1
            self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._n == 0, timeout)


def _sorry() -> bytes:
    from bot.coach import replies
    from bot.slack.render import message

    return json.dumps(message(replies.SORRY)).encode()


def make_wsgi(
    app: App,
    store: Store,
    signing_secret: str,
    health: DatabaseHealth | None = None,
    in_flight: InFlight | None = None,
):
    bolt = _Handler(app, path="/slack/events")
    health = health or DatabaseHealth(store.ping)
    in_flight = in_flight or InFlight()

    def application(environ, start_response):
        with in_flight:
            return slack(environ, start_response)

    def slack(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/slack/events" and environ.get("REQUEST_METHOD") == "POST":
            refused = guard(signing_secret, environ)
            if refused:
                ctype = "application/json" if refused[0].startswith("401") else "text/plain"
                return _reply(start_response, refused[0], refused[1], ctype)
            body = environ[PARSED]
            if body.get("command") and not health.reachable():
                # Every mode, OAuth included (where Bolt itself needs the database to authorise).
                return _reply(start_response, "200 OK", _sorry(), "application/json")
            if health.down and not health.reachable():
                # Fast and deliberate while the database is away: Slack retries events that get a 5xx.
                return _reply(start_response, "503 Service Unavailable", b"database unavailable; retry\n")
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


def make_server(
    app: App,
    store: Store,
    signing_secret: str,
    host: str,
    port: int,
    threads: int = 16,
    *,
    health: DatabaseHealth | None = None,
):
    """A waitress server (not yet running); `.run()` serves, `.close()` stops, `.effective_port` tells.

    `.in_flight` counts the requests being handled, for the shutdown drain. Waitress refuses a
    body over MAX_BODY from its Content-Length itself, before reading it, and keeps what it
    buffers beyond 512 KB in a temporary file rather than in memory.
    """
    in_flight = InFlight()
    server = create_server(
        make_wsgi(app, store, signing_secret, health, in_flight),
        host=host,
        port=port,
        threads=threads,
        ident="paradox-coach",
        max_request_body_size=MAX_BODY,
        connection_limit=200,
        channel_timeout=30,
    )
    server.in_flight = in_flight
    return server
