"""Memory under unauthenticated load: 40 concurrent unsigned 3.5 MB POSTs against a fresh bot process.

Starts `python -m bot` (HTTP mode, SQLite, the fake Web API), reads its resident memory from
/proc, fires the burst, and reports the peak (VmHWM) and what stays afterwards (VmRSS). A second
burst sends forged bodies just under the limit with well-formed signature headers, the most an
unauthenticated request can make the bot read. Target: peak under 150 MB.

    python -m bench.body_memory [--n 40] [--mb 3.5]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.durability import ROOT, SECRET, TOKEN, _free_port
from bot.dev.fakeslack import FakeSlack
from bot.web.server import MAX_BODY


def _mem(pid: int) -> dict[str, float]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def _post(port: int, size: int, headers: dict[str, str]) -> str:
    """Send the whole body (as an attacker would) and return the status line, or the socket error."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (
        f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\n{head}\r\n"
    ).encode()
    chunk = b"x" * 65536
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall(request)
            sent = 0
            while sent < size:
                conn.sendall(chunk[: size - sent])
                sent += len(chunk)
            return conn.recv(100).split(b"\r\n")[0].decode()
    except OSError as exc:  # the server refused and closed while we were still sending
        return exc.__class__.__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--mb", type=float, default=3.5)
    args = parser.parse_args()
    fake = FakeSlack().start()
    workdir = Path(tempfile.mkdtemp(prefix="bodymem-"))
    port = _free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{workdir / 'state.sqlite3'}",
        "PARADOX_CONFIG": str(ROOT / "config" / "coach.yml"),
        "PORT": str(port),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("the bot did not start") from None
                time.sleep(0.1)
        time.sleep(1)
        before = _mem(proc.pid)
        size = int(args.mb * 1024 * 1024)
        forged = {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=" + "0" * 64}
        with ThreadPoolExecutor(max_workers=args.n) as pool:
            big = list(pool.map(lambda _: _post(port, size, {}), range(args.n)))
        after_big = _mem(proc.pid)
        with ThreadPoolExecutor(max_workers=args.n) as pool:
            near = list(pool.map(lambda _: _post(port, MAX_BODY - 4096, forged), range(args.n)))
        time.sleep(1)
        after = _mem(proc.pid)
        print(f"baseline RSS {before['VmRSS']:.0f} MB")
        print(
            f"{args.n} concurrent unsigned {args.mb} MB POSTs: {sorted(set(big))}; "
            f"peak RSS {after_big['VmHWM']:.0f} MB, RSS after {after_big['VmRSS']:.0f} MB"
        )
        print(
            f"{args.n} concurrent forged {MAX_BODY // 1024} KB POSTs (well-formed headers): {sorted(set(near))}; "
            f"peak RSS {after['VmHWM']:.0f} MB, RSS after {after['VmRSS']:.0f} MB"
        )
        print(f"target: peak under 150 MB: {'met' if after['VmHWM'] < 150 else 'NOT met'}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        fake.stop()


if __name__ == "__main__":
    main()
