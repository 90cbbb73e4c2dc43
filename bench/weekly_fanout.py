"""Fan a weekly prompt out to many subscribed channels against a rate-limited fake Web API.

    python -m bench.weekly_fanout [--channels 1000] [--database URL]

The fake enforces about one message per second per channel and a workspace-wide burst limit,
answering 429 with Retry-After. The bot runs as deployed (`python -m bot post-due`, a child
process); this prints the wall time, the child's peak memory, and checks every channel got
exactly one post.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.dev.fakeslack import FakeSlack, RateLimit  # noqa: E402
from bot.store import Store, Subscription  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--database", help="DATABASE_URL (default: a fresh SQLite file)")
    parser.add_argument("--burst", type=int, default=100, help="workspace burst allowance")
    parser.add_argument("--rate", type=float, default=50.0, help="workspace posts per second after the burst")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="paradox-bench-")
    url = args.database or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    store = Store(url)
    store.migrate()
    created = 1735689600.0  # 2025-01-01: subscribed long before the moment posted at
    for i in range(args.channels):
        store.save_subscription(
            Subscription("T0001", f"CB{i:05d}", 0, "09:00", "UTC", "", "U1", created, "", "", "slack")
        )
    fake = FakeSlack().start()
    fake.rate_limit = RateLimit(
        per_channel_per_second=1.0, workspace_burst=args.burst, workspace_per_second=args.rate
    )
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": "bench-secret",
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": url,
        "PARADOX_CONFIG": str(ROOT / "config/coach.yml"),
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", "2026-01-05T09:00:00Z"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    fake.stop()
    per_channel = Counter(m["channel"] for m in fake.messages)
    rate_limited = sum(1 for c in fake.calls if c.method == "chat.postMessage") - len(fake.messages)
    exact = (
        all(per_channel[f"CB{i:05d}"] == 1 for i in range(args.channels))
        and len(per_channel) == args.channels
    )

    print(f"channels:            {args.channels}")
    print(f"database:            {url.split(':', 1)[0]}")
    print(f"post-due says:       {result.stdout.strip() or result.stderr.strip()[-300:]}")
    print(f"wall time:           {wall:.1f} s")
    print(f"peak memory (RSS):   {peak_mb:.0f} MB")
    print(f"429s answered:       {rate_limited}")
    print(f"posts:               {len(fake.messages)}")
    print(f"exactly one each:    {'yes' if exact else 'NO'}")
    store.engine.dispose()
    tmp.cleanup()
    return 0 if exact and result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
