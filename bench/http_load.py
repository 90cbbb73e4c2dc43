"""The bot as deployed against a bare Bolt app, under the same load.

    python -m bench.http_load [--seconds 5] [--clients 16]

Both run as child processes on loopback: `python -m bot` (HTTP, waitress) and `bench/bare_bolt.py`
(no-op handlers on Bolt's built-in server). For each: cold start (spawn to first signed 200),
16 concurrent clients sending signed `/paradox` requests of every form for a fixed time, then
the same with mentions. Prints throughput, p50/p99 ack latency, errors, mention-to-reply
throughput (the bot only: the bare app does not reply) and peak resident memory.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.dev import payloads  # noqa: E402
from bot.dev.fakeslack import FakeSlack  # noqa: E402
from bot.dev.signing import signed_headers  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
FORMS = [
    "",
    "cost",
    "young",
    "list",
    "help",
    "goal",
    "goal 300 more carers to register by March",
    "weekly",
    "weekly monday 09:30 Europe/London",
    "we're doing a TikTok",
    "a podcast for parents",
    "cots",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Target:
    def __init__(self, name: str, argv: list[str], env: dict, port: int):
        self.name, self.port = name, port
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.cold_start = self._wait_ready(started)

    def _wait_ready(self, started: float) -> float:
        while True:
            try:
                status, _ = self.request(*command_request(""))
                if status == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            if self.proc.poll() is not None or time.perf_counter() - started > 30:
                raise SystemExit(f"{self.name} did not start")
            time.sleep(0.01)

    def request(self, body: str, headers: dict, conn: http.client.HTTPConnection | None = None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("POST", "/slack/events", body=body.encode(), headers=headers)
            resp = conn.getresponse()
            resp.read()
            return resp.status, resp.getheader("Connection", "")
        finally:
            if own:
                conn.close()

    def stop(self) -> float:
        peak = rss_peak_mb(self.proc.pid)
        self.proc.terminate()
        self.proc.wait(timeout=10)
        return peak


def command_request(text: str, n: int = 0) -> tuple[str, dict]:
    body, ctype = payloads.command(
        text,
        response_url="http://127.0.0.1:9/r",
        trigger_id=f"b.{n}",
        channel=f"C{n % 50}",
        user=f"U{n % 97}",
    )
    return body, signed_headers(SECRET, body, content_type=ctype)


def mention_request(fake: FakeSlack, n: int) -> tuple[str, dict]:
    ts = f"{1760000000 + n}.000100"
    text = f"plan {n}: {FORMS[n % len(FORMS)] or 'a newsletter'}"
    body, ctype = payloads.event(
        payloads.mention_event(text, ts=ts, channel="CM"), event_id=f"Ev{uuid.uuid4().hex}"
    )
    return body, signed_headers(SECRET, body, content_type=ctype)


def load(target: Target, seconds: float, clients: int, make) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = None
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < stop_at:
            n = next(counter)
            body, headers = make(n)
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", target.port, timeout=10)
            start = time.perf_counter()
            try:
                status, connection = target.request(body, headers, conn)
                if status != 200:
                    bad += 1
                if connection.lower() == "close" or status >= 400:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = None
            mine.append(time.perf_counter() - start)
        if conn is not None:
            conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "throughput": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99)] * 1000 if latencies else float("nan"),
        "errors": errors[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()

    fake = FakeSlack().start()
    tmp = tempfile.TemporaryDirectory(prefix="paradox-load-")
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{Path(tmp.name) / 'load.sqlite3'}",
        "PARADOX_CONFIG": str(ROOT / "config/coach.yml"),
    }
    rows = {}
    for name, argv in [
        ("paradox-coach", [sys.executable, "-m", "bot"]),
        ("bare Bolt", [sys.executable, str(ROOT / "bench/bare_bolt.py")]),
    ]:
        port = free_port()
        run_env = {**env, "PORT": str(port)}
        full = argv + ([str(port), fake.api_url] if name == "bare Bolt" else [])
        target = Target(name, full, run_env, port)
        commands = load(
            target, args.seconds, args.clients, lambda n: command_request(FORMS[n % len(FORMS)], n)
        )
        rss_after_commands = rss_peak_mb(target.proc.pid)
        before = len(fake.messages)
        began = time.perf_counter()
        mentions = load(target, args.seconds, args.clients, lambda n: mention_request(fake, n))
        replies = "n/a"
        if name == "paradox-coach":
            want = before + mentions["requests"] - mentions["errors"]
            try:
                fake.wait_for(lambda f, w=want: len(f.messages) >= w, timeout=120)
                replies = f"{(len(fake.messages) - before) / (time.perf_counter() - began):.0f}/s"
            except TimeoutError:
                replies = f"only {len(fake.messages) - before} of {want}"
        rows[name] = {
            "cold": target.cold_start,
            "cmd": commands,
            "mention": mentions,
            "replies": replies,
            "rss_cmd": rss_after_commands,
            "rss": target.stop(),
        }
    fake.stop()
    tmp.cleanup()

    bot, bare = rows["paradox-coach"], rows["bare Bolt"]
    line = "| {:<34} | {:>16} | {:>16} |"
    print(line.format("measure", "paradox-coach", "bare Bolt"))
    print(line.format("-" * 34, "-" * 16, "-" * 16))
    for label, key, fmt in [
        ("/paradox throughput (req/s)", "throughput", "{:.0f}"),
        ("/paradox p50 ack (ms)", "p50", "{:.1f}"),
        ("/paradox p99 ack (ms)", "p99", "{:.1f}"),
        ("/paradox errors", "errors", "{}"),
        ("/paradox requests sent", "requests", "{}"),
    ]:
        print(line.format(label, fmt.format(bot["cmd"][key]), fmt.format(bare["cmd"][key])))
    for label, key, fmt in [
        ("mention throughput (req/s)", "throughput", "{:.0f}"),
        ("mention p99 ack (ms)", "p99", "{:.1f}"),
        ("mention errors", "errors", "{}"),
    ]:
        print(line.format(label, fmt.format(bot["mention"][key]), fmt.format(bare["mention"][key])))
    print(line.format("mention-to-reply throughput", bot["replies"], bare["replies"]))
    print(line.format("cold start (s)", f"{bot['cold']:.2f}", f"{bare['cold']:.2f}"))
    print(line.format("peak RSS after /paradox load (MB)", f"{bot['rss_cmd']:.0f}", f"{bare['rss_cmd']:.0f}"))
    print(line.format("peak RSS after mentions (MB)", f"{bot['rss']:.0f}", f"{bare['rss']:.0f}"))
    ratio = bot["cmd"]["throughput"] / max(bare["cmd"]["throughput"], 1e-9)
    print(
        f"\n/paradox throughput ratio: {ratio:.1f}x  (load: {args.clients} clients, {args.seconds:.0f} s per phase)"
    )
    targets = {
        "throughput >= 5x bare Bolt": ratio >= 5,
        "p99 ack < 150 ms": bot["cmd"]["p99"] < 150,
        "no errors": bot["cmd"]["errors"] == 0 and bot["mention"]["errors"] == 0,
        "RSS < 100 MB": bot["rss"] < 100,
        "cold start < 1.5 s": bot["cold"] < 1.5,
    }
    for name, ok in targets.items():
        print(f"{'met ' if ok else 'MISSED'}  {name}")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
