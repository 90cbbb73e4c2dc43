"""The weekly fan-out across many workspaces, against a fake Web API that rate-limits each one.

    python -m bench.weekly_fanout [--workspaces 200] [--channels-per 20] [--database URL]

Slack's limits on chat.postMessage are per workspace, so W workspaces of N channels each should
take about as long as one workspace of N, not W times as long. This runs `python -m bot post-due`
as deployed (a child process, multi-workspace OAuth mode, each workspace's bot token in slack_sdk's
installation store) twice against the same per-workspace rate limit: once for ONE workspace with N
subscribed channels, then for W workspaces with N each. It prints both wall times (the child's
whole run: start-up, migrate, posting), their ratio against the target (within 1.5x), whether every
channel got exactly one post with its own workspace's token, the 429s the fake answered, the
child's peak memory, and the most workspaces the fake saw with a call in flight at once.

The default limit makes a workspace of 20 channels take seconds of its own (a burst of 5, then 2
a second): with Slack's own generous burst, 20 posts never wait, and the bench would measure the
CPU of 2 cores, not the fan-out. `--database` is a scratch database: it is emptied before each run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.dev.fakeslack import FakeSlack, RateLimit  # noqa: E402
from bot.store import Store, Subscription  # noqa: E402

TARGET = 1.5  # the issue's: the multi-workspace run within 1.5x of one workspace's
CLIENT_ID = "111.222"
AT = "2026-01-05T09:00:00Z"  # a Monday, 09:00 UTC: every subscription below is due
CREATED = 1735689600.0  # 2025-01-01: subscribed long before the moment posted at


@dataclass
class Run:
    workspaces: int
    wall: float
    peak_mb: float
    cpu: float  # the child's user + system seconds: one process, so at most one core's worth
    says: str
    ok: bool  # exit 0, every channel exactly one post, each with its workspace's token
    posts: int
    rate_limited: int
    peak_workspaces: int
    peak_per_workspace: int


def empty(url: str) -> None:
    """Drop every table: each run starts from an empty scratch database."""
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)
    engine.dispose()


def team(w: int) -> str:
    return f"T{w:04d}"


def channel(w: int, c: int) -> str:
    return f"C{w:04d}X{c:04d}"  # unique across workspaces, so the fake's posts count per channel


def prepare(url: str, workspaces: int, channels_per: int) -> dict[str, str]:
    """Subscriptions and installations for the shape; returns token -> team."""
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    empty(url)
    store = Store(url)
    store.migrate()
    installs = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=store.engine)
    installs.create_tables()
    tokens = {}
    for w in range(workspaces):
        token = f"xoxb-bench-{team(w)}"
        tokens[token] = team(w)
        installs.save(
            Installation(
                app_id="A1",
                team_id=team(w),
                user_id="U1",
                bot_token=token,
                bot_id="B1",
                bot_user_id="UBOT",
                is_enterprise_install=False,
            )
        )
        for c in range(channels_per):
            store.save_subscription(
                Subscription(team(w), channel(w, c), 0, "09:00", "UTC", "", "", CREATED, "", "", "slack")
            )
    store.engine.dispose()
    return tokens


def run(url: str, workspaces: int, channels_per: int, limit: dict, out: Path) -> Run:
    tokens = prepare(url, workspaces, channels_per)
    fake = FakeSlack().start()
    fake.teams.update(tokens)
    fake.rate_limit = RateLimit(**limit)
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "",
        "SLACK_CLIENT_ID": CLIENT_ID,
        "SLACK_CLIENT_SECRET": "bench-client-secret",
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": url,
        "PARADOX_CONFIG": str(ROOT / "config/coach.yml"),
        "LOG_LEVEL": "WARNING",
    }
    with open(out / "stdout", "w+") as stdout, open(out / "stderr", "w+") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "bot", "post-due", "--at", AT],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        # wait4, not RUSAGE_CHILDREN: that is the maximum over every child so far, not this one's.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        printed, errors = stdout.read().strip(), stderr.read().strip()
    fake.stop()

    expected = {channel(w, c): team(w) for w in range(workspaces) for c in range(channels_per)}
    per_channel = Counter(m["channel"] for m in fake.messages)
    posted = fake.calls_to("chat.postMessage")
    # A 429'd call is in `calls` but not in `messages`; each stored post's call carried a token.
    wrong_token = sum(
        1 for c in posted if expected.get(str(c.args.get("channel"))) not in (None, tokens.get(c.token))
    )
    exact = per_channel == Counter(expected.keys()) and not wrong_token
    return Run(
        workspaces=workspaces,
        wall=wall,
        peak_mb=usage.ru_maxrss / 1024,
        cpu=usage.ru_utime + usage.ru_stime,
        says=printed.splitlines()[0]
        if printed and child.returncode == 0
        else f"exit {child.returncode}: {errors[-600:]}",
        ok=exact and child.returncode == 0,
        posts=len(fake.messages),
        rate_limited=len(posted) - len(fake.messages),
        peak_workspaces=fake.peak_workspaces,
        peak_per_workspace=fake.peak_per_workspace,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--channels-per", type=int, default=20, help="subscribed channels per workspace")
    parser.add_argument("--database", help="a scratch DATABASE_URL, emptied first (default: a SQLite file)")
    parser.add_argument("--burst", type=int, default=5, help="posts a workspace may make at once")
    parser.add_argument("--rate", type=float, default=2.0, help="a workspace's posts per second after that")
    args = parser.parse_args()
    limit = {
        "per_channel_per_second": 1.0,
        "workspace_burst": args.burst,
        "workspace_per_second": args.rate,
    }

    with tempfile.TemporaryDirectory(prefix="paradox-bench-") as tmp:
        url = args.database or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        single = run(url, 1, args.channels_per, limit, Path(tmp))
        multi = run(url, args.workspaces, args.channels_per, limit, Path(tmp))
        empty(url)
    ratio = multi.wall / single.wall
    met = ratio <= TARGET

    print(f"database:                {url.split(':', 1)[0]}")
    print(f"rate limit, per workspace: 1 post/s per channel; a burst of {args.burst}, then {args.rate:g}/s")
    print(f"{'':24} {'1 workspace':>14} {f'{args.workspaces} workspaces':>16}")
    for label, value in (
        ("channels", lambda r: f"{r.workspaces * args.channels_per}"),
        ("wall time (s)", lambda r: f"{r.wall:.1f}"),
        ("post-due CPU (s)", lambda r: f"{r.cpu:.1f}"),
        ("posts", lambda r: f"{r.posts}"),
        ("exactly one per channel", lambda r: "yes" if r.ok else "NO"),
        ("429s answered", lambda r: f"{r.rate_limited}"),
        ("peak RSS (MB)", lambda r: f"{r.peak_mb:.0f}"),
        ("workspaces in flight", lambda r: f"{r.peak_workspaces}"),
        ("calls in flight/workspace", lambda r: f"{r.peak_per_workspace}"),
    ):
        print(f"{label:24} {value(single):>14} {value(multi):>16}")
    print(f"post-due says (1):       {single.says}")
    print(f"post-due says ({args.workspaces}):     {multi.says}")
    print(
        f"ratio {args.workspaces} workspaces / 1: {ratio:.2f}x (target: within {TARGET}x): "
        f"{'met' if met else 'MISSED'}"
    )
    return 0 if single.ok and multi.ok and met else 1


if __name__ == "__main__":
    sys.exit(main())
