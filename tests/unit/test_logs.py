"""Log lines from the Slack libraries keep their gist and lose their payloads, at every level."""

from __future__ import annotations

import logging

import pytest

from bot.logs import RedactingFormatter, WebBodies

SECRET_TEXT = "Our goal is 40 foster carers, says Priya"


def _line(name: str, level: int, msg: str, *args) -> str:
    record = logging.LogRecord(name, level, __file__, 1, msg, args or None, None)
    assert WebBodies().filter(record)
    return RedactingFormatter("%(levelname)s %(name)s: %(message)s", []).format(record)


@pytest.mark.parametrize(
    "name, level, msg, kept",
    [
        (
            "slack_sdk.web.base_client",
            logging.DEBUG,
            "Sending a request - url: https://slack.com/api/chat.postMessage, query_params: {}, "
            f"body_params: {{'text': '{SECRET_TEXT}'}}, files: {{}}, json_body: None, headers: {{}}",
            "url: https://slack.com/api/chat.postMessage",
        ),
        (
            "slack_sdk.web.base_client",
            logging.DEBUG,
            f"Received the following response - status: 200, headers: {{}}, body: {{'messages': [{{'text': '{SECRET_TEXT}'}}]}}",
            "status: 200",
        ),
        (
            "slack_sdk.webhook.client",
            logging.DEBUG,
            f"Sending a request - url: https://hooks, body: {SECRET_TEXT} {{}}",
            "url: https://hooks",
        ),
        ("slack_bolt.App", logging.WARNING, "Unhandled request (%s)", "Unhandled request"),
    ],
)
def test_payloads_are_replaced_by_their_size(name, level, msg, kept):
    args = ({"event": {"text": SECRET_TEXT}},) if "%s" in msg else ()
    line = _line(name, level, msg, *args)
    assert SECRET_TEXT not in line and kept in line and "characters of payload not logged" in line


def test_short_library_lines_and_our_own_lines_are_kept():
    assert _line("slack_bolt.App", logging.INFO, "Starting the app").endswith("Starting the app")
    assert _line("bot.weekly", logging.INFO, "weekly: 3 posted {x}").endswith("weekly: 3 posted {x}")
