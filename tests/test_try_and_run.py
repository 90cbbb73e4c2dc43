"""`python -m bot try` and `python -m bot` (HTTP mode) as a newcomer would run them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

from tests.conftest import ROOT, SECRET, BotClient, bot_env


def test_try_shows_a_challenge_question_and_a_goal_nudge(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text(
        "/paradox cost\n@coach we want a TikTok\nOur goal is to get 300 more carers in Kent "
        "to register by March.\n@coach what next?\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'try.sqlite3'}"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "try", "--script", str(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Free and ruinous" in out  # the cost paradox's question
    assert "TikTok" in out and "what should people do differently" in out.lower()
    assert "I've noted the goal" in out
    assert time.perf_counter() - start < 20


def test_try_is_deterministic_for_a_seed(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("/paradox\n/paradox audience\n@coach a podcast maybe\n")
    runs = []
    for i in range(2):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / f'try{i}.sqlite3'}"}
        runs.append(
            subprocess.run(
                [sys.executable, "-m", "bot", "try", "--script", str(script), "--seed", "s1"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
        )
    assert runs[0] == runs[1] and "podcast" in runs[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_python_m_bot_serves_signed_requests_and_health(fake, tmp_path):
    port = _free_port()
    env = {**os.environ, **bot_env(fake, f"sqlite:///{tmp_path / 'run.sqlite3'}"), "PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        client = BotClient(port, fake, None, None)
        deadline = time.time() + 15
        while True:
            try:
                if client.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            assert time.time() < deadline and proc.poll() is None, "the bot did not start"
            time.sleep(0.1)
        for text, kind in [("cost", "challenge"), ("let's do a TikTok", "goal_nudge"), ("list", "list")]:
            resp = client.command(text)
            assert resp.status == 200 and resp.elapsed < 3.0
            assert json.loads(resp.body)["blocks"][0]["block_id"].startswith(kind)
        forged = client.post(
            urlencode({"text": "x"}).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Signature": "v0=00",
                "X-Slack-Request-Timestamp": str(int(time.time())),
            },
        )
        assert forged.status == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert SECRET not in out and "xoxb-test" not in out
