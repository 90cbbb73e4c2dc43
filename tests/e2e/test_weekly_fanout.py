"""The weekly fan-out across workspaces: side by side, a bounded few posts at once in each, one post a channel.

`post-due` runs as deployed (OAuth mode, each workspace's token in slack_sdk's installation store)
against the fake, which rate-limits each workspace on its own budget and records how many
workspaces had a call in flight at once. Speed is for `bench/weekly_fanout.py`; these check the shape.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

from bot.dev.fakeslack import RateLimit
from bot.settings import cores
from bot.store import Store, Subscription
from bot.weekly.cli import MAX_PROCESSES, SPLIT_FROM
from bot.weekly.poster import PER_WORKSPACE
from tests.e2e.test_weekly_oauth import OAUTH
from tests.helpers import ROOT, bot_env

WORKSPACES = 4
CHANNELS = 3
CREATED = 1735689600.0  # 2025-01-01


def _token(team: str) -> str:
    return f"xoxb-{team.lower()}-token"


def _install_workspaces(db_url: str, workspaces: int = WORKSPACES, per: int = CHANNELS) -> dict[str, str]:
    """Installations and due subscriptions in each; returns channel -> team."""
    store = Store(db_url)
    store.migrate()
    installs = SQLAlchemyInstallationStore(client_id=OAUTH["SLACK_CLIENT_ID"], engine=store.engine)
    installs.create_tables()
    channels = {}
    for w in range(workspaces):
        team = f"T0W{w}"
        installs.save(
            Installation(
                app_id="A1",
                team_id=team,
                user_id="U1",
                bot_token=_token(team),
                bot_id="B1",
                bot_user_id="UBOT",
                is_enterprise_install=False,
            )
        )
        for c in range(per):
            channel = f"C{w}X{c}"
            channels[channel] = team
            store.save_subscription(
                Subscription(team, channel, 0, "09:00", "UTC", "", "", CREATED, "", "", "slack")
            )
    store.engine.dispose()
    return channels


def _post_due(fake, db_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **bot_env(fake, db_url, **OAUTH)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", "2026-01-05T09:01:00Z"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_workspaces_are_posted_to_side_by_side_once_per_channel(fake, db_url):
    channels = _install_workspaces(db_url)
    fake.teams.update({_token(team): team for team in set(channels.values())})
    # Each workspace's own budget, small enough that its third post meets a 429 and waits it out.
    fake.rate_limit = RateLimit(per_channel_per_second=1.0, workspace_burst=2, workspace_per_second=1.0)
    # Each post takes a while in Slack, so calls into different workspaces overlap when they can.
    fake.delays["chat.postMessage"] = 0.2

    result = _post_due(fake, db_url)

    assert result.returncode == 0, result.stderr
    assert f"{WORKSPACES * CHANNELS} posted" in result.stdout, result.stdout + result.stderr
    assert Counter(m["channel"] for m in fake.posted()) == Counter(list(channels))  # one post each, no more
    stored = {m["ts"] for m in fake.posted()}
    for call in fake.calls_to("chat.postMessage"):
        assert call.token == _token(channels[call.args["channel"]])  # each with its workspace's token
    assert len(fake.calls_to("chat.postMessage")) > len(stored)  # some met a 429 and went again
    assert fake.peak_workspaces > 1  # workspaces worked on at the same time
    assert fake.peak_per_workspace <= PER_WORKSPACE  # but only a few posts at once in any one


def test_a_second_run_posts_nothing_again(fake, db_url):
    channels = _install_workspaces(db_url)
    fake.teams.update({_token(team): team for team in set(channels.values())})
    assert _post_due(fake, db_url).returncode == 0
    again = _post_due(fake, db_url)
    assert again.returncode == 0, again.stderr
    assert "0 posted" in again.stdout and f"{WORKSPACES * CHANNELS} skipped" in again.stdout, again.stdout
    assert len(fake.posted()) == WORKSPACES * CHANNELS


def test_a_big_run_is_split_by_workspace_over_every_core_and_posts_once(fake, db_url):
    # 5 workspaces x 50 channels: over SPLIT_FROM due posts, so one process per core takes
    # whole workspaces; the claims still give every channel exactly one post.
    channels = _install_workspaces(db_url, workspaces=5, per=50)
    assert SPLIT_FROM <= 5 * 50
    fake.teams.update({_token(team): team for team in set(channels.values())})

    result = _post_due(fake, db_url)

    assert result.returncode == 0, result.stderr
    assert "250 posted" in result.stdout, result.stdout + result.stderr
    processes = min(cores(), MAX_PROCESSES, 5)
    split = f"weekly: 250 posts in 5 workspaces, over {processes} processes"
    assert (split in result.stderr) is (processes > 1), result.stderr
    assert Counter(m["channel"] for m in fake.posted()) == Counter(list(channels))
    for call in fake.calls_to("chat.postMessage"):
        assert call.token == _token(channels[call.args["channel"]])
    again = _post_due(fake, db_url)
    assert "0 posted" in again.stdout and "250 skipped" in again.stdout, again.stdout
    assert len(fake.posted()) == 250
