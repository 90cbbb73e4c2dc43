"""manifest.yml is a valid Slack app manifest (checked against Slack's published schema when present)."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.helpers import ROOT

SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"


def test_manifest_is_valid_against_slacks_schema():
    if not SCHEMA.exists():
        pytest.skip(f"Slack's manifest schema is not beside this checkout ({SCHEMA})")
    import jsonschema

    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    jsonschema.validate(manifest, json.loads(SCHEMA.read_text()))


def test_manifest_declares_what_the_bot_uses():
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/paradox"]
    assert manifest["features"]["slash_commands"][0]["usage_hint"]
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "app_home_opened"} <= events
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    from bot.settings import DEFAULT_SCOPES

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == set(DEFAULT_SCOPES.split(","))
    assert "reactions:write" in manifest["oauth_config"]["scopes"]["bot"]  # thanks get an emoji
