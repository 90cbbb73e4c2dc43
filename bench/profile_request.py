"""Where a request's time goes: `/paradox` or a mention through the WSGI app, in one process, profiled.

    python -m bench.profile_request [--mentions] [--requests 1000] [--top 25]

No HTTP server and no load generator: the signed requests go straight into the same WSGI
application `python -m bot` serves (the signature gate, Bolt, the listener, the store on a fresh
SQLite file), one after another, so the profile holds only the bot's own work. Mentions run their
listener synchronously (the pool runs each task as it is given), so the reply's work is in the
profile too; the fake Web API answers from a thread of this process. Run from another checkout
(`python /path/to/bench/profile_request.py` there) it profiles that version, for a before/after. Prints the mean time a
request, then cProfile's top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import uuid
from concurrent.futures import Future
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_load import FORMS  # noqa: E402  (the load test's forms: one mix for both)
from bot.dev import payloads  # noqa: E402
from bot.dev.fakeslack import FakeSlack  # noqa: E402
from bot.dev.signing import signed_headers  # noqa: E402

SECRET = "profile-secret"


class RunAtOnce:
    """A listener pool that runs each task in the caller's thread, so cProfile sees it."""

    def submit(self, fn, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _environ(body: str, ctype: str) -> tuple[dict, bytes]:
    raw = body.encode()
    env = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": ctype,
        "CONTENT_LENGTH": str(len(raw)),
    }
    for name, value in signed_headers(SECRET, body, content_type=ctype).items():
        env["HTTP_" + name.upper().replace("-", "_")] = value
    return env, raw


def _command(n: int) -> tuple[dict, bytes]:
    body, ctype = payloads.command(
        FORMS[n % len(FORMS)],
        response_url="http://127.0.0.1:9/r",
        trigger_id=f"p.{n}",
        channel=f"C{n % 50}",
        user=f"U{n % 97}",
    )
    return _environ(body, ctype)


def _mention(n: int) -> tuple[dict, bytes]:
    text = f"plan {n}: {FORMS[n % len(FORMS)] or 'a newsletter'}"
    event = payloads.mention_event(text, ts=f"{1760000000 + n}.000100", channel="CM")
    body, ctype = payloads.event(event, event_id=f"Ev{uuid.uuid4().hex}")
    return _environ(body, ctype)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", action="store_true", help="profile mentions instead of /paradox")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    fake = FakeSlack().start()
    tmp = tempfile.TemporaryDirectory(prefix="paradox-profile-")
    os.environ.update(
        SLACK_BOT_TOKEN="xoxb-profile",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{Path(tmp.name) / 'profile.sqlite3'}",
        PARADOX_CONFIG=str(ROOT / "config/coach.yml"),
        LOG_LEVEL="WARNING",
    )
    from bot.cli.common import setup_logging
    from bot.cli.run import build
    from bot.settings import load_settings
    from bot.web.server import make_wsgi

    settings = load_settings()
    setup_logging(settings)
    services, app = build(settings)
    if args.mentions:
        # The reply's work into this thread, so the profile has it. `/paradox` keeps Bolt's pool:
        # where a version hands commands to it, the hand-off and the ack poll are what it costs.
        runner = app.listener_runner
        for each in (runner, getattr(runner, "later", None)):
            if each is not None:
                each.listener_executor = RunAtOnce()
    wsgi = make_wsgi(app, services.store, SECRET, services.health)
    make = _mention if args.mentions else _command
    n = args.requests
    # Three sets, each request sent once (Slack and the bot de-duplicate mentions on event_id).
    warm, timed, profiled = ([make(i) for i in range(k * n, (k + 1) * n)] for k in range(3))

    def send(items) -> float:
        began = time.perf_counter()
        for env, raw in items:
            b"".join(wsgi({**env, "wsgi.input": io.BytesIO(raw)}, lambda *_: None))
        return time.perf_counter() - began

    send(warm[:100])  # the reader's patterns and SQLAlchemy's statement cache, as after a few requests
    took = send(timed)
    profile = cProfile.Profile()
    profile.enable()
    send(profiled)
    profile.disable()
    what = "mention (ack and reply)" if args.mentions else "/paradox"
    print(f"{what}: {took / n * 1000:.2f} ms a request ({n} requests, one after another, no profiler)")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    fake.stop()
    services.store.engine.dispose()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
