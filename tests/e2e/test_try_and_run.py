"""`python -m bot try` and `python -m bot` (HTTP mode) as a newcomer would run them."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from tests.helpers import SECRET, run_try, spawn_bot


def test_try_shows_a_challenge_question_and_a_goal_nudge(tmp_path):
    start = time.perf_counter()
    out = run_try(
        "/paradox cost\n@coach we want a TikTok\nOur goal is to get 300 more carers in Kent "
        "to register by March.\n@coach what next?\n",
        tmp_path,
    )
    assert "Free and ruinous" in out  # the cost paradox's question
    assert "TikTok" in out and "[We have a goal]" in out  # the goal nudge, with its button
    assert "I've noted the goal" in out and "[That's not our goal]" in out
    assert time.perf_counter() - start < 20


def test_try_shows_reactions_and_lets_the_goal_buttons_be_clicked(tmp_path):
    out = run_try(
        "We're planning an Instagram push\n@coach thoughts?\nclick We have a goal\n"
        # the form's one field, filled as every try-mode form is: the next line
        "200 more under-25s in Cardiff register to vote by 1 May\nclick That's not our goal\n"
        "@coach cheers!\n",
        tmp_path,
    )
    assert "coach (Our goal):" in out and "[What is the goal?]" in out  # the form opened
    assert "(you submitted the form)" in out
    assert "Goal recorded for this thread, from @you:" in out and "200 more under-25s in Cardiff" in out
    assert "Forgotten: I won't treat that as the goal for this thread." in out
    assert "(reacted :+1:)" in out


def test_try_is_deterministic_for_a_seed(tmp_path):
    script = "/paradox\n/paradox audience\n@coach a podcast maybe\n"
    first, second = (run_try(script, tmp_path, "--seed", "s1") for _ in range(2))
    assert first == second and "podcast" in first


def test_python_m_bot_serves_signed_requests_and_health(fake, tmp_path):
    proc, client = spawn_bot(fake, f"sqlite:///{tmp_path / 'run.sqlite3'}", output=True)
    try:
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
