"""Weekly prompts in multi-workspace (OAuth) mode: each workspace's prompt carries its own token."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from bot.weekly.parsing import DAYS
from tests.e2e.test_oauth import _get
from tests.helpers import ROOT, BotClient, bot_env, kind_of, start_bot

OAUTH = {
    "SLACK_BOT_TOKEN": "",
    "SLACK_CLIENT_ID": "111.222",
    "SLACK_CLIENT_SECRET": "oauth-client-secret-123",
}
WORKSPACES = {"code-a": ("T0AAA", "xoxb-team-a-token"), "code-b": ("T0BBB", "xoxb-team-b-token")}


def _install(bot: BotClient, code: str) -> None:
    resp, body = _get(bot.port, "/slack/install")
    state = re.search(r"state=([\w-]+)", body).group(1)
    cookie = resp.getheader("Set-Cookie").split(";")[0]
    resp, body = _get(bot.port, f"/slack/oauth_redirect?code={code}&state={state}", {"Cookie": cookie})
    assert resp.status == 200, body


def test_post_due_and_pause_notices_use_each_workspaces_own_token(fake, db_url):
    fake.installs.update(WORKSPACES)
    server, services, app = start_bot(fake, db_url, **OAUTH)
    bot = BotClient(server.effective_port, fake, services, app)
    try:
        for code in WORKSPACES:
            _install(bot, code)
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        day = DAYS[tomorrow.weekday()]
        for team, channel, user in (
            ("T0AAA", "CA1", "UA1"),
            ("T0BBB", "CB1", "UB1"),
            ("T0BBB", "CB2", "UB2"),
        ):
            reply = bot.command(f"weekly {day} 09:00 UTC", team=team, channel=channel, user=user).json()
            assert kind_of(reply) == "weekly_status", reply["text"]
    finally:
        server.stop()
        services.store.engine.dispose()

    # CB2 is gone in workspace B: its prompt is refused, the subscription pauses, its subscriber is told.
    original = fake._answer

    def answer(method, args):
        if method == "chat.postMessage" and args.get("channel") == "CB2":
            return {"ok": False, "error": "channel_not_found"}
        return original(method, args)

    fake._answer = answer
    at = tomorrow.replace(hour=9, minute=1, second=0, microsecond=0).isoformat()
    env = {**os.environ, **bot_env(fake, db_url, **OAUTH)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", at],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "2 posted" in result.stdout and "1 paused" in result.stdout, result.stdout + result.stderr
    posts = {c.args["channel"]: c.token for c in fake.calls_to("chat.postMessage")}
    assert posts["CA1"] == "xoxb-team-a-token"
    assert posts["CB1"] == "xoxb-team-b-token"
    assert posts["CB2"] == "xoxb-team-b-token"
    assert posts["UB2"] == "xoxb-team-b-token"  # the pause notice, from the subscriber's workspace
    assert "/paradox weekly resume" in fake.posted("UB2")[0]["text"]
    assert not fake.calls_to("auth.test") or all(c.token for c in fake.calls_to("auth.test"))
