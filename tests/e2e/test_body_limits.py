"""Bounded before authentication: an unsigned request costs next to nothing, however big it says it is.

The refusals are checked here (what is read, and what is answered); the memory they save is
measured by bench/body_memory.py.
"""

from __future__ import annotations

import io
import json
import socket
import time

from bot.dev.signing import signed_headers
from bot.web import server as gate
from tests.helpers import SECRET


class Recording(io.BytesIO):
    """A wsgi.input that remembers every read."""

    def __init__(self, data: bytes = b""):
        super().__init__(data)
        self.reads: list[int] = []

    def read(self, size=-1):
        self.reads.append(size)
        return super().read(size)


def _environ(body: bytes, headers: dict[str, str], length: int | None = None) -> dict:
    env = {
        "CONTENT_LENGTH": str(len(body) if length is None else length),
        "CONTENT_TYPE": headers.get("Content-Type", "application/json"),
        "wsgi.input": Recording(body),
    }
    for name, value in headers.items():
        env["HTTP_" + name.upper().replace("-", "_")] = value
    return env


def _signed(body: str, **kw) -> dict[str, str]:
    return signed_headers(SECRET, body, content_type="application/json", **kw)


def test_a_body_over_the_limit_is_refused_from_its_length_without_reading_it():
    env = _environ(b"", _signed("{}"), length=gate.MAX_BODY + 1)
    assert gate.guard(SECRET, env)[0].startswith("413")
    assert env["wsgi.input"].reads == []


def test_bad_headers_are_refused_before_the_body_is_read():
    body = b'{"type": "event_callback"}'
    good = _signed(body.decode())
    cases = {
        "no signature": {"X-Slack-Request-Timestamp": good["X-Slack-Request-Timestamp"]},
        "signature of the wrong shape": {**good, "X-Slack-Signature": "v0=xyz"},
        "timestamp not a number": {**good, "X-Slack-Request-Timestamp": "soon"},
        "timestamp ten minutes old": _signed(body.decode(), timestamp=int(time.time()) - 600),
    }
    for name, headers in cases.items():
        env = _environ(body, headers)
        assert gate.guard(SECRET, env)[0].startswith("401"), name
        assert env["wsgi.input"].reads == [], name


def test_a_body_is_read_in_bounded_chunks_and_a_forged_one_refused():
    body = json.dumps({"type": "event_callback", "pad": "x" * (gate.MAX_BODY - 100)}).encode()
    assert len(body) <= gate.MAX_BODY
    headers = _signed(body.decode())
    env = _environ(body, headers)
    stream = env["wsgi.input"]
    assert gate.guard(SECRET, env) is None
    assert max(stream.reads) <= gate.CHUNK and len(stream.reads) > 1
    forged = _environ(body, {**headers, "X-Slack-Signature": "v0=" + "0" * 64})
    assert gate.guard(SECRET, forged)[0].startswith("401")


def test_the_server_answers_413_to_an_oversized_request_before_its_body_is_sent(bot):
    with socket.create_connection(("127.0.0.1", bot.port), timeout=10) as conn:
        conn.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {int(3.5 * 1024 * 1024)}\r\n\r\n".encode()
        )
        answer = conn.recv(4096)  # no body was sent: only an answer from the headers can come back
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]


def test_a_signed_mention_near_the_limit_is_still_answered(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "A long plan"}])
    text = "We want a TikTok. " * 2200  # a 40,000-character message, Slack's longest
    assert bot.mention(text, thread_ts=root).status == 200
    bot.fake.wait_for(lambda f: [m for m in f.posted("C1") if m.get("thread_ts") == root], timeout=10)
