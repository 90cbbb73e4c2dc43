"""A stand-in for Slack's Web API on loopback, for `python -m bot try`, the tests and the benchmarks.

It speaks the Web API's HTTP shape (`POST /api/<method>`, form or JSON bodies, bearer tokens)
and keeps what the bot sent: messages (with threads and metadata), ephemeral replies sent to
`response_url`s, views, emoji reactions. Faults can be queued per method (429 with Retry-After, 5xx, timeouts,
Slack error codes), and optional rate limits mimic `chat.postMessage`'s per-channel and
workspace limits: as in Slack, each workspace (known by its bot token) has its own budget. It also
records how many workspaces had a call in flight at once, so tests can see a fan-out is parallel
across workspaces and bounded within one. Nothing here talks to the real Slack.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


@dataclass
class Fault:
    status: int = 200
    error: str = ""  # a Slack error code answered with ok: false
    retry_after: int | None = None
    delay: float = 0.0  # seconds to wait before answering (timeouts)
    post_anyway: bool = False  # record the message even though the answer is a failure


@dataclass
class Call:
    method: str
    args: dict
    token: str
    at: float


@dataclass
class RateLimit:
    """chat.postMessage's limits, counted per workspace (Slack's are): each has its own budget."""

    per_channel_per_second: float = 1.0
    workspace_burst: int = 100
    workspace_per_second: float = 50.0
    _channel_last: dict = field(default_factory=dict)  # (team, channel) -> last post
    _buckets: dict = field(default_factory=dict)  # team -> (tokens, stamp)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, channel: str, team: str = "") -> int | None:
        """Seconds to wait (429) or None when the post may go through."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(team, (float(self.workspace_burst), now))
            tokens = min(self.workspace_burst, tokens + (now - stamp) * self.workspace_per_second)
            self._buckets[team] = (tokens, now)
            last = self._channel_last.get((team, channel))
            if last is not None and now - last < 1.0 / self.per_channel_per_second:
                return 1
            if tokens < 1:
                return 1
            self._buckets[team] = (tokens - 1, now)
            self._channel_last[(team, channel)] = now
            return None


class _Server(ThreadingHTTPServer):
    # socketserver's listen backlog is 5: a fan-out opening hundreds of connections at once would
    # see resets that Slack's servers never give, and the bot would wait them out as ambiguous.
    request_queue_size = 1024


class FakeSlack:
    """Start with `start()`; the Web API base URL is `api_url`, response URLs go to `response_url(...)`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.calls: list[Call] = []
        self.responses: list[dict] = []  # what was POSTed to response_urls
        self.messages: list[dict] = []  # everything posted with chat.postMessage, in order
        self.reactions: list[
            dict
        ] = []  # every reactions.add that Slack would have taken: channel, timestamp, name
        self.threads: dict[tuple[str, str], list[dict]] = {}
        self.user_tz: dict[str, str] = {}
        self.admins: set[str] = set()  # users.info says is_admin for these
        # files.uploadV2 as slack_sdk does it: getUploadURLExternal, a POST of the bytes to the
        # upload URL, then completeUploadExternal. `uploads` holds the bytes by file id; `files`
        # the completed files: id, title, filename, channel_id, initial_comment, content.
        self.uploads: dict[str, dict] = {}
        self.files: list[dict] = []
        self.faults: dict[str, list[Fault]] = {}
        self.delays: dict[str, float] = {}  # seconds every call to a method takes (a slow Slack)
        # OAuth codes the fake hands out installations for: code -> (team id, bot token)
        self.installs: dict[str, tuple[str, str]] = {}
        # Bot tokens of workspaces installed without the OAuth flow (a benchmark's): token -> team id
        self.teams: dict[str, str] = {}
        self.rate_limit: RateLimit | None = None
        # Web API calls being answered right now, by workspace, and the most seen at once:
        # workspaces with a call in flight, and calls in flight in any one workspace.
        self.in_flight: dict[str, int] = {}
        self.peak_workspaces = 0
        self.peak_per_workspace = 0
        self.socket_url = ""  # what apps.connections.open hands out (a ws:// server the test runs)
        self.team_id = "T0001"
        self.bot_user_id = "UBOT"
        self._ts = itertools.count(1)
        self._lock = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet: tests read calls, not logs
                return None

            def do_GET(self) -> None:
                fake._handle(self, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                fake._handle(self, self.rfile.read(length) if length else b"")

        self.server = _Server((host, port), Handler)
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "r") -> str:
        return f"{self.url}/respond/{name}"

    def start(self) -> FakeSlack:
        self._thread = threading.Thread(target=self.server.serve_forever, name="fake-slack", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- set-up helpers --------------------------------------------------------------------------------

    def fail(self, method: str, *faults: Fault) -> None:
        with self._lock:
            self.faults.setdefault(method, []).extend(faults)

    def add_thread(self, channel: str, messages: list[dict]) -> str:
        """Seed a thread; returns its root ts. Messages are dicts with at least `text` and `user`."""
        root = messages[0].get("ts") or self._next_ts()
        out = []
        for i, msg in enumerate(messages):
            m = {"type": "message", "ts": msg.get("ts") or (root if i == 0 else self._next_ts()), **msg}
            if i:
                m["thread_ts"] = root
            out.append(m)
        with self._lock:
            self.threads[(channel, root)] = out
        return root

    # -- reading what happened --------------------------------------------------------------------------

    def team_of(self, token: str) -> str:
        """The workspace a bot token speaks for: an installed one's team, else the default team."""
        with self._lock:
            if token in self.teams:
                return self.teams[token]
            for team, installed in self.installs.values():
                if installed == token:
                    return team
        return self.team_id

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, predicate, timeout: float = 5.0):
        """Wait until predicate(self) is truthy; return its value (or raise TimeoutError)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = predicate(self)
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the fake Slack did not see what was expected in time")
                self._lock.wait(min(left, 0.05))

    def reacted(self, channel: str | None = None) -> list[dict]:
        with self._lock:
            return [r for r in self.reactions if channel is None or r["channel"] == channel]

    def posted(self, channel: str | None = None) -> list[dict]:
        with self._lock:
            return [m for m in self.messages if channel is None or m["channel"] == channel]

    # -- request handling -------------------------------------------------------------------------------

    def _next_ts(self) -> str:
        # Like Slack's: the current epoch second, made unique by a counter in the fraction.
        return f"{int(time.time())}.{next(self._ts) % 1000000:06d}"

    @staticmethod
    def _args(handler: BaseHTTPRequestHandler, raw: bytes) -> dict:
        parsed = urlparse(handler.path)
        args = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        ctype = handler.headers.get("Content-Type", "")
        if raw:
            if "json" in ctype:
                with contextlib.suppress(ValueError):
                    args.update(json.loads(raw))
            else:
                args.update({k: v[-1] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()})
        for key in ("blocks", "metadata", "view"):
            if isinstance(args.get(key), str):
                with contextlib.suppress(ValueError):
                    args[key] = json.loads(args[key])
        return args

    def _send(
        self, handler: BaseHTTPRequestHandler, status: int, body: dict | str, headers: dict | None = None
    ):
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        try:
            handler.send_response(status)
            handler.send_header(
                "Content-Type", "application/json" if not isinstance(body, str) else "text/plain"
            )
            handler.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                handler.send_header(k, v)
            if handler.close_connection:
                # Said when closing (slack_sdk asks for it on every call), so a keep-alive client
                # such as the benchmark's wrk reconnects instead of writing into a closed socket.
                handler.send_header("Connection", "close")
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to do

    def _receive_upload(self, handler: BaseHTTPRequestHandler, file_id: str, raw: bytes) -> None:
        with self._lock:
            known = file_id in self.uploads
            if known:
                self.uploads[file_id]["content"] = raw
        self._send(handler, 200 if known else 404, "OK")

    def _not_api(self, handler: BaseHTTPRequestHandler, path: str, args: dict, raw: bytes) -> None:
        """Response URLs and file upload URLs; anything else is a 404."""
        if path.startswith("/upload/"):
            self._receive_upload(handler, path.removeprefix("/upload/"), raw)
        elif path.startswith("/respond/"):
            with self._lock:
                self.responses.append({"url": path, **args})
                self._lock.notify_all()
            self._send(handler, 200, "ok")
        else:
            self._send(handler, 404, {"ok": False, "error": "unknown_method"})

    def _handle(self, handler: BaseHTTPRequestHandler, raw: bytes) -> None:
        path = urlparse(handler.path).path
        args = self._args(handler, raw)
        token = (handler.headers.get("Authorization") or "").removeprefix("Bearer ")
        if not path.startswith("/api/"):
            self._not_api(handler, path, args, raw)
            return
        method = path[len("/api/") :]
        team = self.team_of(token)
        with self._lock:
            self.calls.append(Call(method, args, token, time.time()))
            fault = self.faults[method].pop(0) if self.faults.get(method) else None
            self.in_flight[team] = self.in_flight.get(team, 0) + 1
            self.peak_workspaces = max(self.peak_workspaces, len(self.in_flight))
            self.peak_per_workspace = max(self.peak_per_workspace, self.in_flight[team])
            self._lock.notify_all()
        try:
            self._answer_api(handler, method, args, team, fault)
        finally:
            with self._lock:
                self.in_flight[team] -= 1
                if not self.in_flight[team]:
                    del self.in_flight[team]

    def _answer_api(
        self, handler: BaseHTTPRequestHandler, method: str, args: dict, team: str, fault: Fault | None
    ) -> None:
        time.sleep(self.delays.get(method, 0.0))
        if method == "chat.postMessage" and self.rate_limit and not fault:
            wait = self.rate_limit.check(str(args.get("channel")), team)
            if wait:
                fault = Fault(status=429, error="ratelimited", retry_after=wait)
        if fault:
            if fault.delay:
                time.sleep(fault.delay)
            failing = fault.status != 200 or bool(fault.error)
            if fault.post_anyway and failing and method == "chat.postMessage":
                self._post(args)  # Slack stored it, then the answer went wrong
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            if fault.status != 200:
                self._send(
                    handler, fault.status, {"ok": False, "error": fault.error or "internal_error"}, headers
                )
                return
            if fault.error:
                self._send(handler, 200, {"ok": False, "error": fault.error}, headers)
                return
        self._send(handler, 200, self._answer(method, args))

    def _post(self, args: dict) -> dict:
        channel = str(args.get("channel"))
        msg = {
            "type": "message",
            "channel": channel,
            "ts": self._next_ts(),
            "text": args.get("text", ""),
            "blocks": args.get("blocks") or [],
            "bot_id": "BBOT",
            "user": self.bot_user_id,
        }
        if args.get("thread_ts"):
            msg["thread_ts"] = str(args["thread_ts"])
        if args.get("metadata"):
            msg["metadata"] = args["metadata"]
        with self._lock:
            self.messages.append(msg)
            root = msg.get("thread_ts")
            if root and (channel, root) in self.threads:
                self.threads[(channel, root)].append(msg)
            self._lock.notify_all()
        return msg

    def _answer(self, method: str, args: dict) -> dict:
        answer = _ANSWERS.get(method)
        return answer(self, args) if answer else {"ok": True}

    def _auth_test(self, args: dict) -> dict:
        return {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": "Example",
            "user": "coach",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": "BBOT",
        }

    def _post_message(self, args: dict) -> dict:
        msg = self._post(args)
        return {"ok": True, "channel": msg["channel"], "ts": msg["ts"], "message": msg}

    def _post_ephemeral(self, args: dict) -> dict:
        return {"ok": True, "message_ts": self._next_ts()}

    def _changed(self, args: dict) -> dict:
        return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}

    def _history(self, args: dict) -> dict:
        channel = str(args.get("channel"))
        oldest = float(args.get("oldest") or 0)
        with self._lock:
            found = [m for m in self.messages if m["channel"] == channel and float(m["ts"]) >= oldest]
        return {"ok": True, "messages": list(reversed(found)), "has_more": False}

    def _react(self, args: dict) -> dict:
        reaction = {
            "channel": str(args.get("channel") or ""),
            "timestamp": str(args.get("timestamp") or ""),
            "name": str(args.get("name") or ""),
        }
        if not all(reaction.values()):
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            if reaction in self.reactions:
                return {"ok": False, "error": "already_reacted"}  # as Slack answers a second identical one
            self.reactions.append(reaction)
            self._lock.notify_all()
        return {"ok": True}

    def _user_info(self, args: dict) -> dict:
        user = str(args.get("user"))
        tz = self.user_tz.get(user, "Europe/London")
        admin = user in self.admins
        return {
            "ok": True,
            "user": {"id": user, "tz": tz, "tz_offset": 0, "is_admin": admin, "is_owner": False},
        }

    def _open_dm(self, args: dict) -> dict:
        users = str(args.get("users") or "")
        return {"ok": True, "channel": {"id": "D" + users.split(",")[0][1:], "is_im": True}}

    def _upload_url(self, args: dict) -> dict:
        with self._lock:
            file_id = f"F{len(self.uploads) + 1:04d}"
            self.uploads[file_id] = {"filename": str(args.get("filename") or ""), "content": b""}
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}

    def _complete_upload(self, args: dict) -> dict:
        listed = args.get("files")
        if isinstance(listed, str):
            listed = json.loads(listed)
        done = []
        with self._lock:
            for f in listed or []:
                upload = self.uploads.get(str(f.get("id")))
                if upload is None:
                    return {"ok": False, "error": "file_not_found"}
                done.append(
                    {
                        "id": f["id"],
                        "title": f.get("title") or upload["filename"],
                        "filename": upload["filename"],
                        "channel_id": args.get("channel_id"),
                        "initial_comment": args.get("initial_comment"),
                        "content": upload["content"].decode("utf-8", "replace"),
                    }
                )
            self.files.extend(done)
            self._lock.notify_all()
        return {"ok": True, "files": [{"id": f["id"], "title": f["title"]} for f in done]}

    def _view(self, args: dict) -> dict:
        return {"ok": True, "view": {"id": "V0001", **(args.get("view") or {})}}

    def _oauth_access(self, args: dict) -> dict:
        team, token = self.installs.get(str(args.get("code")), ("T0NEW", "xoxb-installed-token"))
        return {
            "ok": True,
            "app_id": "A0001",
            "access_token": token,
            "token_type": "bot",
            "scope": "commands,chat:write",
            "bot_user_id": self.bot_user_id,
            "team": {"id": team, "name": f"Team {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U0INSTALLER"},
        }

    def _socket_open(self, args: dict) -> dict:
        if not self.socket_url:
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": self.socket_url}

    def _permalink(self, args: dict) -> dict:
        ts = str(args.get("message_ts") or "")
        return {
            "ok": True,
            "channel": args.get("channel"),
            "permalink": f"https://example.slack.com/archives/{args.get('channel')}/p{ts.replace('.', '')}",
        }

    def _conversation(self, args: dict) -> dict:
        return {"ok": True, "channel": {"id": args.get("channel"), "is_member": True}}

    def _replies(self, args: dict) -> dict:
        channel, root = str(args.get("channel")), str(args.get("ts"))
        with self._lock:
            thread = list(self.threads.get((channel, root)) or [])
            if not thread:
                thread = [
                    m
                    for m in self.messages
                    if m["channel"] == channel and root in (m["ts"], m.get("thread_ts"))
                ]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        # Like Slack: oldest first, the root at the head of every page, at most 1,000 per page
        # (default 1,000), and an opaque cursor naming where the next page starts.
        root_msg, rest = thread[0], thread[1:]
        start = 0
        if args.get("cursor"):
            try:
                start = int(base64.b64decode(str(args["cursor"])).decode().removeprefix("next_ts:"))
            except ValueError:
                return {"ok": False, "error": "invalid_cursor"}
        limit = max(1, min(int(args.get("limit") or 1000), 1000))
        page = rest[start : start + limit - 1]
        more = start + limit - 1 < len(rest)
        cursor = base64.b64encode(f"next_ts:{start + limit - 1}".encode()).decode() if more else ""
        return {
            "ok": True,
            "messages": [root_msg, *page],
            "has_more": more,
            "response_metadata": {"next_cursor": cursor},
        }


# The Web API methods the fake answers with more than {"ok": true}.
_ANSWERS = {
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": FakeSlack._post_ephemeral,
    "chat.update": FakeSlack._changed,
    "chat.delete": FakeSlack._changed,
    "conversations.replies": FakeSlack._replies,
    "conversations.history": FakeSlack._history,
    "users.info": FakeSlack._user_info,
    "reactions.add": FakeSlack._react,
    "views.publish": FakeSlack._view,
    "views.open": FakeSlack._view,
    "views.update": FakeSlack._view,
    "views.push": FakeSlack._view,
    "oauth.v2.access": FakeSlack._oauth_access,
    "apps.connections.open": FakeSlack._socket_open,
    "chat.getPermalink": FakeSlack._permalink,
    "conversations.join": FakeSlack._conversation,
    "conversations.info": FakeSlack._conversation,
    "conversations.open": FakeSlack._open_dm,
    "files.getUploadURLExternal": FakeSlack._upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
}
