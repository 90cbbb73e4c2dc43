"""Nothing lost: a burst of mentions, then a crash, a deploy (SIGTERM), Ctrl-C or a database outage.

Each scenario runs `python -m bot` as its own process on loopback against the fake Web API, sends a
burst of Slack-signed mentions (one per thread), does the damage once every mention is acknowledged,
restarts the bot on the same database when the damage killed it, and counts what Slack would see:
mentions acked (HTTP 200), answered, lost, answered twice. The fault tests (tests/test_durability.py)
run the same scenarios and assert the table reads "all answered once".

    python -m bench.durability                      # every scenario, on SQLite
    python -m bench.durability --db postgresql      # on the local PostgreSQL (a throwaway database)
    python -m bench.durability --only SIGKILL --n 100
    python -m bench.durability --only "DB outage" --outage-seconds 20
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from bot.dev.fakeslack import FakeSlack
from bot.dev.signing import signed_headers

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret-0123456789"
TOKEN = "xoxb-bench-token-0123456789"
CHANNEL = "CBURST"
PG_ADMIN_URL = os.environ.get("PARADOX_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SCENARIOS = ("SIGKILL", "SIGTERM", "SIGINT", "DB outage")


@dataclass
class Outcome:
    scenario: str
    acked: int = 0
    answered: int = 0
    lost: int = 0
    twice: int = 0
    exit_code: int | None = None
    answered_before_restart: int = 0
    refused_during_outage: int = 0
    command_during_outage: str = ""
    log: str = ""
    notes: list[str] = field(default_factory=list)

    def row(self) -> str:
        return f"| {self.scenario} | {self.acked} | {self.answered} | {self.lost} | {self.twice} |"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """The processes `pid` started (gunicorn's workers), from Linux's /proc."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


class Bot:
    """`python -m bot` in HTTP mode, with its output kept in a file."""

    def __init__(self, fake: FakeSlack, db_url: str, config: Path, workdir: Path, processes: int = 1):
        self.port = _free_port()
        self.log_path = workdir / f"bot-{uuid.uuid4().hex[:6]}.log"
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.api_url,
            "DATABASE_URL": db_url,
            "PARADOX_CONFIG": str(config),
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(processes),
        }
        env.pop("SLACK_APP_TOKEN", None)
        self._out = open(self.log_path, "w")  # noqa: SIM115 - closed in wait()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT
        )
        deadline = time.time() + 30
        while not self._healthy():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"the bot did not start:\n{self.log_path.read_text()[-2000:]}")
            time.sleep(0.05)

    def _healthy(self) -> bool:
        import http.client

        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/healthz")
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except OSError:
            return False

    def post(self, body: str, content_type: str, extra: dict | None = None) -> tuple[int, bytes]:
        import http.client

        headers = signed_headers(SECRET, body, content_type=content_type)
        headers.update(extra or {})
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            conn.close()
            return resp.status, data
        except OSError:
            return 0, b""

    def mention(self, root: str, event_id: str, retry: int | None = None) -> int:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": "T0001",
                "api_app_id": "A0001",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
                "event": {
                    "type": "app_mention",
                    "user": "U1",
                    "text": "<@UBOT> we want a TikTok series for this",
                    "channel": CHANNEL,
                    "ts": root,
                    "event_ts": root,
                },
            }
        )
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"} if retry else None
        return self.post(body, "application/json", extra)[0]

    def command(self, text: str) -> tuple[int, bytes]:
        from urllib.parse import urlencode

        form = {
            "team_id": "T0001",
            "channel_id": "C1",
            "user_id": "U1",
            "command": "/paradox",
            "text": text,
            "response_url": "http://127.0.0.1:9/unused",
            "trigger_id": "t.1",
        }
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def wait(self, timeout: float = 40) -> int | None:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = None
            self.proc.wait()
        self._out.close()
        return code

    def output(self) -> str:
        if not self._out.closed:
            self._out.flush()
        return self.log_path.read_text(errors="replace")


def write_config(workdir: Path, lease: float) -> Path:
    cfg = workdir / "coach.yml"
    cfg.write_text(
        f"prompts_dir: {ROOT / 'prompts'}\nlog_level: INFO\ninbox:\n  lease_seconds: {lease}\n"
        "slack:\n  timeout_seconds: 5\n"
    )
    return cfg


def _answers(fake: FakeSlack, roots: list[str]) -> collections.Counter:
    wanted = set(roots)
    return collections.Counter(
        m["thread_ts"] for m in fake.posted(CHANNEL) if m.get("thread_ts") in wanted and m.get("bot_id")
    )


def _unfinished(db_url: str) -> int | None:
    """Claimed-but-unfinished events in the bot's database (None before the inbox existed)."""
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM paradox_events WHERE done_at IS NULL")).scalar()
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()


def _burst(bot: Bot, roots: list[str], ids: list[str], retry: int | None = None) -> list[int]:
    with ThreadPoolExecutor(max_workers=10) as pool:
        return list(pool.map(lambda pair: bot.mention(pair[0], pair[1], retry), zip(roots, ids, strict=True)))


def _settle(fake: FakeSlack, db_url: str, roots: list[str], acked: list[str], timeout: float) -> None:
    """Wait until every acked mention is answered and nothing is left claimed (or the timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answered = _answers(fake, acked)
        if len(answered) >= len(acked) and not _unfinished(db_url):
            return
        time.sleep(0.1)


def _outage(admin: sa.Engine, name: str, on: bool) -> None:
    with admin.connect() as conn:
        if on:
            # Refuse new connections, then cut the open ones: the database is gone as far as the bot sees.
            conn.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
        else:
            conn.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))


def run(
    scenario: str,
    db_url: str,
    *,
    n: int = 60,
    lease: float = 2,
    post_delay: float = 0.2,
    outage_seconds: float = 4,
    workdir: Path | None = None,
    settle_timeout: float = 40,
    processes: int = 1,
) -> Outcome:
    """Run one scenario on `db_url` (a fresh database) and count what happened.

    `processes`: WEB_CONCURRENCY. SIGKILL kills every process of the bot at once (a crashed
    machine); the other signals go to gunicorn's master, as Heroku's and a terminal's do.
    """
    workdir = workdir or Path(tempfile.mkdtemp(prefix="durability-"))
    config = write_config(workdir, lease)
    fake = FakeSlack().start()
    fake.delays["chat.postMessage"] = post_delay  # a slow Slack, so that work is in flight when it hits
    out = Outcome(scenario)
    base = 1760000000 + int(time.time() * 1000) % 10_000_000
    roots = [
        fake.add_thread(CHANNEL, [{"user": "U1", "text": "plan", "ts": f"{base + i}.000100"}])
        for i in range(n)
    ]
    ids = [f"Ev{scenario[:4].replace(' ', '')}{uuid.uuid4().hex[:8]}{i}" for i in range(n)]
    bots = [Bot(fake, db_url, config, workdir, processes)]
    try:
        if scenario == "DB outage":
            out = _run_outage(out, bots, fake, db_url, roots, ids, outage_seconds, config, workdir)
        else:
            statuses = _burst(bots[0], roots, ids)
            acked = [r for r, s in zip(roots, statuses, strict=True) if s == 200]
            out.acked = len(acked)
            sig = {"SIGKILL": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}[scenario]
            # SIGKILL: every process of the bot at once (a crashed machine), gunicorn's workers too.
            for pid in [bots[0].proc.pid, *(_children(bots[0].proc.pid) if sig == signal.SIGKILL else [])]:
                os.kill(pid, sig)
            out.exit_code = bots[0].wait()
            out.answered_before_restart = len(_answers(fake, acked))
            out.log = bots[0].output()
            bots.append(Bot(fake, db_url, config, workdir, processes))  # the restart, on the same database
            _settle(fake, db_url, roots, acked, settle_timeout)
            answered = _answers(fake, acked)
            out.answered = len(answered)
            out.lost = out.acked - out.answered
            out.twice = sum(1 for c in answered.values() if c > 1)
    finally:
        for bot in bots:
            if bot.proc.poll() is None:
                bot.proc.terminate()
                bot.wait(30)
        out.log += "".join(b.output() for b in bots[1:])
        fake.stop()
    return out


def _run_outage(out, bots, fake, db_url, roots, ids, outage_seconds, config, workdir) -> Outcome:
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = db_url.rsplit("/", 1)[1]
    half = len(roots) // 2
    try:
        first = _burst(bots[0], roots[:half], ids[:half])
        # The first half is acked and in flight (posts are slow): now the database goes away.
        _outage(admin, name, True)
        down_at = time.monotonic()
        second = _burst(bots[0], roots[half:], ids[half:])
        out.refused_during_outage = sum(1 for s in second if s >= 500)
        status, body = bots[0].command("cost")
        out.command_during_outage = f"{status} {body.decode(errors='replace')[:300]}"
        time.sleep(max(0.0, outage_seconds - (time.monotonic() - down_at)))
    finally:
        _outage(admin, name, False)
        admin.dispose()
    # Slack retries what got a 5xx (or no answer); what got a 200 is never retried.
    refused = [i for i, s in enumerate(second) if s != 200]
    retried = _burst(bots[0], [roots[half + i] for i in refused], [ids[half + i] for i in refused], retry=1)
    acked = [r for r, s in zip(roots[:half], first, strict=True) if s == 200]
    acked += [roots[half + i] for i, s in enumerate(second) if s == 200]
    acked += [roots[half + i] for i, s in zip(refused, retried, strict=True) if s == 200]
    out.acked = len(acked)
    _settle(fake, db_url, roots, acked, 40)
    answered = _answers(fake, acked)
    out.answered = len(answered)
    out.lost = out.acked - out.answered
    out.twice = sum(1 for c in answered.values() if c > 1)
    out.log = bots[0].output()
    return out


def _fresh_database(kind: str, workdir: Path) -> tuple[str, callable]:
    if kind == "sqlite":
        return f"sqlite:///{workdir / f'state-{uuid.uuid4().hex[:6]}.sqlite3'}", lambda: None
    name = f"paradox_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--only", choices=SCENARIOS)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--outage-seconds", type=float, default=4)
    args = parser.parse_args()
    print("| what happened | mentions acked | answered | lost | answered twice |")
    print("| --- | --- | --- | --- | --- |")
    for scenario in [args.only] if args.only else SCENARIOS:
        kind = "postgresql" if scenario == "DB outage" else args.db
        workdir = Path(tempfile.mkdtemp(prefix="durability-"))
        url, drop = _fresh_database(kind, workdir)
        try:
            out = run(scenario, url, n=args.n, workdir=workdir, outage_seconds=args.outage_seconds)
        finally:
            drop()
        print(out.row() + (f" exit {out.exit_code}" if out.exit_code is not None else ""), flush=True)
        if scenario == "DB outage":
            tracebacks = out.log.count("Traceback")
            lines = out.log.count("database unreachable")
            print(
                f"|  | refused with 5xx during the outage: {out.refused_during_outage}; command: "
                f"{out.command_during_outage[:80]!r}; outage log lines: {lines}; tracebacks: {tracebacks} |"
            )


if __name__ == "__main__":
    main()
