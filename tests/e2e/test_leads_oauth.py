"""Issue 16 in multi-workspace (OAuth) mode: each workspace's deck, scorecard and digests are its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.e2e.test_deck import ADD_CALLBACK, ESCAPED, NEW_QUESTION, _cost_question, _edits, _home, _submit
from tests.e2e.test_weekly_oauth import OAUTH, WORKSPACES, _install
from tests.helpers import ROOT, BotClient, bot_env, kind_of, start_bot


def test_deck_scorecard_and_digest_per_workspace_with_their_own_tokens(fake, db_url):
    fake.installs.update(WORKSPACES)
    fake.admins.add("UA1")
    server, services, app = start_bot(fake, db_url, **OAUTH)
    bot = BotClient(server.effective_port, fake, services, app)
    try:
        for code in WORKSPACES:
            _install(bot, code)
        # An admin of workspace A adds a question; the admin check uses A's token.
        assert _submit(bot, ADD_CALLBACK, "cost", NEW_QUESTION, user="UA1", team="T0AAA").status == 200
        _edits(bot, 1, team="T0AAA")
        assert {c.token for c in fake.calls_to("users.info")} == {"xoxb-team-a-token"}
        for q in services.deck.by_id["cost"].questions:
            assert _submit(bot, "deck_hide_question", "cost", q.id, user="UA1", team="T0AAA").status == 200
        assert ESCAPED in _cost_question(bot, team="T0AAA", user="UA2")
        assert ESCAPED not in _cost_question(bot, team="T0BBB", user="UB1")
        # B's members are not admins of anything; B's Home shows B's shipped deck.
        refused = json.loads(_submit(bot, ADD_CALLBACK, "cost", NEW_QUESTION, user="UB1", team="T0BBB").body)
        assert refused["response_action"] == "errors"
        assert fake.calls_to("users.info")[-1].token == "xoxb-team-b-token"
        assert services.store.deck_edits("T0BBB") == []
        assert "Restore the defaults" not in json.dumps(_home(bot, user="UB1", team="T0BBB")["blocks"])
        # Threads coached in A count in A's scorecard only.
        services.store.note_thread("T0AAA", "CA1", "1.1", nudged=True, goal=False)
        b_home = json.dumps(_home(bot, user="UB1", team="T0BBB")["blocks"], ensure_ascii=False)
        assert "Threads coached  ░░░░░░░░░░ 0" in b_home and "<#CA1>" not in b_home
        for team, user in (("T0AAA", "UA1"), ("T0BBB", "UB1")):
            reply = bot.command("digest on", team=team, user=user)
            assert reply.status == 200
        fake.wait_for(lambda f: len(f.responses) >= 2)
        assert kind_of(fake.responses[-1]) == "digest"
    finally:
        server.stop()
        services.store.engine.dispose()

    # Next month's first working day: each lead's digest goes with their workspace's token.
    env = {**os.environ, **bot_env(fake, db_url, **OAUTH)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", "2027-01-01T09:10:00Z"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "digests: 2 posted" in result.stdout, result.stdout
    posts = {c.args["channel"]: c.token for c in fake.calls_to("chat.postMessage")}
    assert posts["DA1"] == "xoxb-team-a-token" and posts["DB1"] == "xoxb-team-b-token"
    assert "<#CA1>" in fake.posted("DA1")[0]["text"] and "<#CA1>" not in fake.posted("DB1")[0]["text"]
