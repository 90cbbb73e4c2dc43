"""Multi-workspace installs through Slack's OAuth flow, on the bot's own database."""

from __future__ import annotations

import http.client
import json
import re
import time

from tests.helpers import BotClient, kind_of, start_bot


def _get(port: int, path: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    body = resp.read().decode()
    conn.close()
    return resp, body


def test_install_answer_and_uninstall_a_workspace(fake, db_url):
    server, services, app = start_bot(
        fake,
        db_url,
        SLACK_BOT_TOKEN="",
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="oauth-client-secret-123",
    )
    bot = BotClient(server.effective_port, fake, services, app)
    try:
        assert services.settings.oauth
        resp, body = _get(bot.port, "/slack/install")
        assert resp.status == 200 and "slack.com/oauth/v2/authorize" in body
        state = re.search(r"state=([\w-]+)", body).group(1)
        cookie = resp.getheader("Set-Cookie").split(";")[0]
        resp, body = _get(bot.port, f"/slack/oauth_redirect?code=abc&state={state}", {"Cookie": cookie})
        assert resp.status == 200, body
        exchange = fake.calls_to("oauth.v2.access")[0]
        assert exchange.args["code"] == "abc"

        # The new workspace (T0NEW) is answered with its own stored token.
        reply = bot.command("weekly monday 09:00", team="T0NEW", user="U5", channel="CN1")
        assert reply.status == 200
        fake.wait_for(lambda f: f.calls_to("users.info"))
        assert fake.calls_to("users.info")[0].token == "xoxb-installed-token"
        assert kind_of(bot.fake.wait_for(lambda f: f.responses)[-1]) == "weekly_status"
        assert (
            kind_of(json.loads(bot.command("goal 50 more sign-ups by May", team="T0NEW", channel="CN1").body))
            == "goal_recorded"
        )
        # A workspace that never installed gets Slack's "not installed" answer, not another team's token.
        before = len(fake.responses)
        stranger = bot.command("cost", team="T0STRANGER")
        assert stranger.status == 200 and stranger.body == b""  # Bolt answers through the response_url
        told = fake.wait_for(lambda f: f.responses[before:])[0]
        assert "not installed" in told["text"]

        # Uninstalling forgets that workspace's data and installation.
        store = services.store
        store.record_goal("T0OTHER", "CO", "", "keep me", "U1")
        assert store.goal_for("T0NEW", "CN1") is not None
        assert bot.event({"type": "app_uninstalled"}, team="T0NEW").status == 200
        deadline = time.time() + 5
        while store.goal_for("T0NEW", "CN1") is not None and time.time() < deadline:
            time.sleep(0.05)
        assert store.goal_for("T0NEW", "CN1") is None and store.subscription("T0NEW", "CN1") is None
        assert app.installation_store.find_installation(enterprise_id=None, team_id="T0NEW") is None
        assert store.goal_for("T0OTHER", "CO").text == "keep me"
    finally:
        server.stop()
        services.store.engine.dispose()
