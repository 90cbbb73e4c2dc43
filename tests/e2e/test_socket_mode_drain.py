"""Socket Mode on SIGTERM: the acked mentions are all answered before the process exits 0."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import threading

from websockets.sync.server import serve

from tests.e2e.test_socket_mode import APP_TOKEN
from tests.helpers import ROOT, bot_env

N = 20


def _envelope(i: int, root: str) -> dict:
    return {
        "envelope_id": f"e{i}",
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": {
            "type": "event_callback",
            "team_id": "T0001",
            "event_id": f"EvDrain{i}",
            "event_time": 1,
            "event": {
                "type": "app_mention",
                "user": "U1",
                "channel": "CD",
                "text": "<@UBOT> a TikTok?",
                "ts": root,
            },
        },
    }


def test_sigterm_in_socket_mode_drains_then_exits_0(fake, tmp_path):
    fake.delays["chat.postMessage"] = 1.0  # slow posts: the work is still in flight at SIGTERM
    roots = [
        fake.add_thread("CD", [{"user": "U1", "text": "plan", "ts": f"{1760000100 + i}.000100"}])
        for i in range(N)
    ]
    acked: set[str] = set()
    all_acked = threading.Event()
    done = threading.Event()

    def session(ws) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        for i, root in enumerate(roots):
            ws.send(json.dumps(_envelope(i, root)))
        while len(acked) < N:
            message = json.loads(ws.recv(timeout=20))
            if "envelope_id" in message:
                acked.add(message["envelope_id"])
        all_acked.set()
        done.wait(timeout=30)

    with serve(session, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        fake.socket_url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"
        env = {
            **os.environ,
            **bot_env(fake, f"sqlite:///{tmp_path / 'sock.sqlite3'}"),
            "SLACK_APP_TOKEN": APP_TOKEN,
        }
        env.pop("SLACK_SIGNING_SECRET")
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert all_acked.wait(timeout=30), "the bot did not ack the envelopes"
            answered_at_term = len({m["thread_ts"] for m in fake.posted("CD") if m.get("thread_ts")})
            proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=35)
        finally:
            done.set()
            if proc.poll() is None:
                proc.kill()
            server.shutdown()
    assert proc.returncode == 0, out[-2000:]
    answers = collections.Counter(m["thread_ts"] for m in fake.posted("CD") if m.get("thread_ts"))
    assert answered_at_term < N  # SIGTERM did arrive mid-work
    assert set(answers) == set(roots) and set(answers.values()) == {1}, (answers, out[-2000:])
    assert "Traceback" not in out
