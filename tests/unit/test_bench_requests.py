"""The benchmark's pre-signed request files: what wrk sends must pass Slack's own signature check.

bench/http_load.py signs every request before a phase and rotate.lua sends the file as written,
so a request that is signed wrongly, or split on a stray tab, would turn the benchmark into a
measurement of 401s. Checked with slack_sdk's SignatureVerifier, not with our own signing code.
No timings here: speed is the benchmark's business.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pytest
from slack_sdk.signature import SignatureVerifier

from bench import http_load


def _verified(path) -> list[tuple[str, dict, str]]:
    verifier = SignatureVerifier(http_load.SECRET)
    requests = http_load.read_requests(path)
    for _, headers, body in requests:
        assert verifier.is_valid(body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]), (
            f"not signed as Slack signs: {body[:80]}"
        )
    return requests


def test_command_file_is_signed_and_covers_every_form(tmp_path):
    path = tmp_path / "commands.req"
    assert http_load.write_requests(path, http_load.command_requests(60, "http://127.0.0.1:9/r")) == 60
    requests = _verified(path)
    forms = [parse_qs(body, keep_blank_values=True) for _, _, body in requests]
    assert {f["text"][0] for f in forms} == set(http_load.FORMS)
    assert len({f["channel_id"][0] for f in forms}) > 1 and len({f["user_id"][0] for f in forms}) > 1
    assert all(where == "/slack/events" for where, _, _ in requests)


def test_mention_file_is_signed_and_every_event_is_unique(tmp_path):
    path = tmp_path / "mentions.req"
    http_load.write_requests(path, http_load.mention_requests(200, 1000))
    bodies = [json.loads(body) for _, _, body in _verified(path)]
    assert len({b["event_id"] for b in bodies}) == 200
    assert len({b["event"]["ts"] for b in bodies}) == 200
    assert all(b["event"]["type"] == "app_mention" for b in bodies)


def test_a_field_rotate_lua_would_split_is_refused(tmp_path):
    with pytest.raises(ValueError):
        http_load.write_requests(tmp_path / "bad.req", [("/slack/events", {}, "text=a\tb")])
