"""bench/rotate.lua under wrk: each thread sends its own lines, a mention goes twice only when
the script says so, and the result line the harness reads is there.

Against a recording server in this process, for a second. Skipped where wrk is not installed
(`apt-get install wrk`). Nothing here depends on how fast anything is.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import http_load

pytestmark = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")


@pytest.fixture
def recorder():
    bodies: list[str] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            return None

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            with lock:
                bodies.append(body)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            pass  # wrk resets its connections when the run ends; that is not a failure

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], bodies
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("pool", [20000, 12])
def test_a_mention_goes_twice_only_when_reported_as_a_repeat(recorder, tmp_path, pool):
    # 20,000 outlasts a second against this server, 12 does not: either way, every mention the
    # server saw twice is one rotate.lua owned up to (how many there are depends on speed).
    port, bodies = recorder
    path = tmp_path / "mentions.req"
    http_load.write_requests(path, http_load.mention_requests(pool, 0))
    written = {body for _, _, body in http_load.read_requests(path)}
    load = http_load.run_wrk(port, path, seconds=1, clients=4, unique=True)
    assert bodies and set(bodies) <= written
    events = Counter(json.loads(body)["event_id"] for body in bodies)
    assert sum(n - 1 for n in events.values()) <= load.detail["repeats"]
    assert load.errors == load.detail["repeats"]
    assert load.requests <= len(bodies) <= load.sent


def test_loop_mode_rotates_through_every_line(recorder, tmp_path):
    port, bodies = recorder
    path = tmp_path / "commands.req"
    http_load.write_requests(path, http_load.command_requests(5, "http://127.0.0.1:9/r"))
    load = http_load.run_wrk(port, path, seconds=1, clients=2, unique=False)
    assert load.errors == 0
    assert set(bodies) == {body for _, _, body in http_load.read_requests(path)}
