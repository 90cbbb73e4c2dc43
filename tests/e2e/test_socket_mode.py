"""Socket Mode: `python -m bot` with SLACK_APP_TOKEN, against a loopback stand-in for Slack's WebSocket."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

from websockets.sync.server import serve

from tests.helpers import ROOT, bot_env, kind_of

APP_TOKEN = "xapp-1-A0001-test-app-token"


def test_socket_mode_acks_commands_and_replies_to_mentions(fake, tmp_path):
    acks: dict[str, dict] = {}
    done = threading.Event()
    root_ts = fake.add_thread("CS", [{"user": "U1", "text": "We're doing a livestream"}])

    def session(ws) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        envelopes = [
            {
                "envelope_id": "e1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": {
                    "command": "/paradox",
                    "text": "cost",
                    "team_id": "T0001",
                    "channel_id": "CS",
                    "user_id": "U1",
                    "trigger_id": "t1",
                    "response_url": fake.response_url("s1"),
                },
            },
            {
                "envelope_id": "e2",
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": 0,
                "retry_reason": "",
                "payload": {
                    "type": "event_callback",
                    "team_id": "T0001",
                    "event_id": "EvSock1",
                    "event_time": 1,
                    "event": {
                        "type": "app_mention",
                        "user": "U1",
                        "channel": "CS",
                        "text": "<@UBOT> ideas?",
                        "ts": f"{time.time():.6f}",
                        "thread_ts": root_ts,
                    },
                },
            },
        ]
        for envelope in envelopes:
            ws.send(json.dumps(envelope))
            while envelope["envelope_id"] not in acks:
                message = json.loads(ws.recv(timeout=10))
                if "envelope_id" in message:
                    acks[message["envelope_id"]] = message
        done.wait(timeout=30)

    with serve(session, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        fake.socket_url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"
        env = {
            **os.environ,
            **bot_env(fake, f"sqlite:///{tmp_path / 'sock.sqlite3'}"),
            "SLACK_APP_TOKEN": APP_TOKEN,
        }
        env.pop("SLACK_SIGNING_SECRET")  # Socket Mode needs no signing secret
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            reply = fake.wait_for(
                lambda f: [m for m in f.posted("CS") if m.get("thread_ts") == root_ts], timeout=30
            )
            assert kind_of(reply[0]) == "goal_nudge"
            deadline = time.time() + 10
            while "e1" not in acks and time.time() < deadline:
                time.sleep(0.05)
            payload = acks["e1"]["payload"]
            assert kind_of(payload) == "challenge" and payload["blocks"][0]["block_id"].startswith(
                "challenge:cost."
            )
            assert fake.calls_to("apps.connections.open")[0].token == APP_TOKEN
        finally:
            done.set()
            proc.terminate()
            out, _ = proc.communicate(timeout=10)
            server.shutdown()
    assert APP_TOKEN not in out and "Traceback" not in out


def test_socket_mode_that_cannot_connect_says_so_without_a_traceback(fake, tmp_path):
    env = {
        **os.environ,
        **bot_env(fake, f"sqlite:///{tmp_path / 'sock.sqlite3'}"),
        "SLACK_APP_TOKEN": APP_TOKEN,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "Socket Mode" in result.stderr and "SLACK_APP_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr and APP_TOKEN not in result.stderr
