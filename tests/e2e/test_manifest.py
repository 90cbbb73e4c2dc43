"""manifest.json is the one Slack app manifest, valid against Slack's published schema.

The schema lives beside the checkout (`../shared/slack/`). Without it the schema test skips on a
developer's machine but fails in CI (CI=true), so a CI run can never pass without checking it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

_SCHEMA_PATH = ("shared", "slack", "manifest.schema.1.0.0.json")
# ../shared beside a checkout (as CI lays it out); one more level up for a git worktree in a folder of them.
SCHEMA = next(
    (
        p
        for p in (ROOT.parent.joinpath(*_SCHEMA_PATH), ROOT.parent.parent.joinpath(*_SCHEMA_PATH))
        if p.exists()
    ),
    ROOT.parent.joinpath(*_SCHEMA_PATH),
)


def _manifest() -> dict:
    return json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_is_valid_against_slacks_schema():
    if not SCHEMA.exists():
        message = f"Slack's manifest schema is not beside this checkout ({SCHEMA})"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + ": CI must check the manifest against it")
        pytest.skip(message)
    import jsonschema

    jsonschema.validate(_manifest(), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_there_is_one_manifest():
    assert (ROOT / "manifest.json").exists()
    assert not (ROOT / "manifest.yml").exists() and not (ROOT / "manifest.yaml").exists()


def test_manifest_declares_what_the_bot_uses():
    manifest = _manifest()
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/paradox"]
    assert manifest["features"]["slash_commands"][0]["usage_hint"]
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "app_home_opened"} <= events
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    from bot.settings import DEFAULT_SCOPES

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(DEFAULT_SCOPES.split(","))
    assert "reactions:write" in manifest["oauth_config"]["scopes"]["bot"]  # thanks get an emoji


def _hook(module: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_slack_cli_finds_the_hooks_the_manifest_and_the_app():
    hooks = json.loads((ROOT / ".slack" / "hooks.json").read_text())
    assert hooks["hooks"]["get-hooks"] == "python3 -m slack_cli_hooks.hooks.get_hooks"
    got = _hook("slack_cli_hooks.hooks.get_hooks")
    assert got.returncode == 0 and "slack_cli_hooks.hooks.start" in got.stdout
    manifest = _hook("slack_cli_hooks.hooks.get_manifest")
    assert manifest.returncode == 0 and json.loads(manifest.stdout) == _manifest()
    # `slack run` starts app.py through the start hook: without tokens, the app's own message.
    started = _hook("slack_cli_hooks.hooks.start", PARADOX_CONFIG=str(ROOT / "config" / "coach.yml"))
    assert started.returncode == 2, started.stderr
    assert "Slack credentials are missing" in started.stderr and "Traceback" not in started.stderr
