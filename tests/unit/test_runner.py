"""bot/web/runner.py: a slash command is answered in the request's own thread; an event still after the ack."""

from __future__ import annotations

import threading
from concurrent.futures import Future

from slack_bolt import App, BoltRequest
from slack_bolt.authorization import AuthorizeResult

from bot.web.runner import answer_commands_inline


class RecordingPool:
    """A listener pool that runs what it is given at once and remembers that it was asked."""

    def __init__(self):
        self.submitted = 0

    def submit(self, fn, *args, **kwargs) -> Future:
        self.submitted += 1
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _app(pool: RecordingPool) -> tuple[App, dict]:
    seen: dict = {}
    app = App(
        signing_secret="secret",
        request_verification_enabled=False,
        authorize=lambda **_: AuthorizeResult(
            enterprise_id=None, team_id="T1", bot_token="xoxb-1", bot_user_id="UB"
        ),
        listener_executor=pool,
    )

    @app.command("/paradox")
    def paradox(ack):
        seen["command thread"] = threading.current_thread()
        ack(text="answer")

    @app.event("app_mention")
    def mention():
        seen["event"] = True

    @app.error
    def on_error(error):
        seen["error"] = error

    answer_commands_inline(app)
    return app, seen


def _command() -> BoltRequest:
    body = {"command": "/paradox", "text": "cost", "team_id": "T1", "user_id": "U1", "channel_id": "C1"}
    return BoltRequest(body=body, mode="socket_mode")


def test_a_slash_command_is_answered_without_the_listener_pool():
    pool = RecordingPool()
    app, seen = _app(pool)
    response = app.dispatch(_command())
    assert response.status == 200 and "answer" in response.body
    assert seen["command thread"] is threading.current_thread()
    assert pool.submitted == 0  # no hand-off, so no 10 ms poll for ack()


def test_an_event_is_still_acknowledged_first_and_handled_in_the_pool():
    pool = RecordingPool()
    app, seen = _app(pool)
    body = {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": "Ev1",
        "event": {"type": "app_mention", "user": "U1", "text": "hi", "channel": "C1", "ts": "1.2"},
    }
    response = app.dispatch(BoltRequest(body=body, mode="socket_mode"))
    assert response.status == 200
    assert seen.get("event") and pool.submitted == 1


def test_the_error_handler_still_applies_to_inline_commands():
    pool = RecordingPool()
    app, seen = _app(pool)

    @app.command("/broken")
    def broken(ack):
        raise ValueError("boom")

    response = app.dispatch(BoltRequest(body={**_command().body, "command": "/broken"}, mode="socket_mode"))
    assert response.status == 500 and isinstance(seen.get("error"), ValueError)
