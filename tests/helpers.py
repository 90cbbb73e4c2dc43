"""What the tests share: the bot started in-process or as its own process, a client that sends it
Slack-signed requests, try mode run as a subprocess, and reading a reply's kind.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from bot.dev import payloads
from bot.dev.fakeslack import FakeSlack
from bot.dev.signing import signed_headers
from bot.settings import load_settings
from bot.store.schema import events

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-bot-token-9876543210"


@dataclass
class Response:
    status: int
    body: bytes
    elapsed: float

    def json(self) -> dict:
        return json.loads(self.body)


class BotClient:
    """Sends Slack-shaped, Slack-signed requests to the bot over HTTP."""

    def __init__(self, port: int, fake: FakeSlack, services, app):
        self.port = port
        self.fake = fake
        self.services = services
        self.app = app
        self._n = 0

    def post(self, body: str | bytes, headers: dict[str, str], path: str = "/slack/events") -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        start = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        return Response(resp.status, data, time.perf_counter() - start)

    def get(self, path: str) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        return Response(resp.status, data, time.perf_counter() - start)

    def signed(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
        extra: dict | None = None,
    ) -> Response:
        headers = signed_headers(secret, body, timestamp=timestamp, content_type=content_type)
        headers.update(extra or {})
        return self.post(body.encode("utf-8"), headers)

    def next_id(self) -> int:
        self._n += 1
        return self._n

    def command(
        self, text: str, *, user: str = "U1", channel: str = "C1", team: str = "T0001", **fields
    ) -> Response:
        n = self.next_id()
        fields = {"response_url": self.fake.response_url(f"cmd{n}"), "trigger_id": f"trigger.{n}", **fields}
        body, content_type = payloads.command(text, team=team, channel=channel, user=user, **fields)
        return self.signed(body, content_type)

    def event(
        self,
        event: dict,
        *,
        event_id: str | None = None,
        team: str = "T0001",
        retry: int | None = None,
        kind: str = "event_callback",
    ) -> Response:
        body, content_type = payloads.event(event, team=team, event_id=event_id, kind=kind)
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return self.signed(body, content_type, extra=extra)

    def mention(
        self,
        text: str,
        *,
        channel: str = "C1",
        thread_ts: str | None = None,
        ts: str | None = None,
        user: str = "U1",
        **kw,
    ) -> Response:
        ts = ts or f"{1750000000 + self.next_id()}.000300"
        event = payloads.mention_event(text, ts=ts, channel=channel, user=user, thread_ts=thread_ts or "")
        return self.event(event, **kw)

    def action(self, payload: dict) -> Response:
        return self.signed(*payloads.interaction(payload))


def bot_env(fake: FakeSlack, db_url: str, **extra: str) -> dict[str, str]:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": db_url,
        "PARADOX_CONFIG": str(ROOT / "config" / "coach.yml"),
        # One worker process; tests/e2e/test_web_tier.py runs several (the default: one per core).
        "WEB_CONCURRENCY": "1",
    }
    env.update(extra)
    return env


def start_bot(fake: FakeSlack, db_url: str, overrides: dict | None = None, **extra: str):
    from bot.app import build_app
    from bot.services import build_services
    from bot.web.server import make_server

    settings = load_settings(bot_env(fake, db_url, **extra), dotenv_path=os.devnull)
    settings = type(settings)(
        **{**settings.__dict__, "prompts_dir": str(ROOT / "prompts"), **(overrides or {})}
    )
    services = build_services(settings)
    app = build_app(services)
    server = make_server(
        app, services.store, settings.signing_secret, "127.0.0.1", 0, threads=8, health=services.health
    )
    services.inbox.start(app)  # as `python -m bot` does: resumes work left by a dead process
    stopping = threading.Event()

    def serve() -> None:
        try:
            server.run()
        except OSError:
            # Closing a waitress server from another thread makes its loop see a closed socket.
            if not stopping.is_set():
                raise

    def stop() -> None:
        stopping.set()
        services.inbox.stop()
        server.close()

    server.stop = stop
    threading.Thread(target=serve, daemon=True).start()
    return server, services, app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn_bot(fake: FakeSlack, db_url: str, *, output: bool = False, **extra: str):
    """Run `python -m bot` (HTTP mode) as its own process; return it and a client once /healthz says 200."""
    port = free_port()
    env = {**os.environ, **bot_env(fake, db_url, **extra), "PORT": str(port)}
    out = subprocess.PIPE if output else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT if output else subprocess.DEVNULL,
        text=True,
    )
    client = BotClient(port, fake, None, None)
    deadline = time.time() + 20
    while True:
        try:
            if client.get("/healthz").status == 200:
                return proc, client
        except OSError:
            pass
        assert proc.poll() is None and time.time() < deadline, "the bot process did not start"
        time.sleep(0.05)


def run_try(script: str, tmp_path: Path, *args: str) -> str:
    """`python -m bot try --script` on the given lines, with its own database; returns what it printed."""
    path = tmp_path / f"script-{uuid.uuid4().hex[:6]}.txt"
    path.write_text(script)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / f'try-{uuid.uuid4().hex[:6]}.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "try", "--script", str(path), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def wait_until_handled(store, event_id: str, timeout: float = 5.0) -> None:
    """Wait until an event's listener has returned (its claim is finished): nothing more will come of it."""
    done = sa.select(events.c.done_at).where(events.c.event_id == event_id)
    deadline = time.monotonic() + timeout
    while True:
        with store.engine.connect() as conn:
            if conn.execute(done).scalar() is not None:
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"event {event_id} was not handled in time")
        time.sleep(0.02)


def kind_of(message: dict) -> str:
    """The reply kind: the first block's block_id up to the first ':'."""
    return message["blocks"][0]["block_id"].split(":", 1)[0]


def wait_until(check, timeout: float = 5.0):
    """The first truthy `check()`, for work answered after the ack (it runs in the listener pool)."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.02)
    return value
