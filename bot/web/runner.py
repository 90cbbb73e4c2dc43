"""Slash commands answered in the request's own thread; everything else acknowledged first, as before.

Bolt runs every listener the same way. With `process_before_response=False` (right for events,
whose work takes seconds of Web API calls) it hands each request to the listener pool and polls
for `ack()` every 10 ms; for `/paradox`, whose answer is ready within a millisecond, that hand-off
and poll were most of the request's cost. With `True` (meant for FaaS) it runs the listener before
answering, which would keep Slack waiting on a mention's Web API calls.

Bolt has no per-listener switch, so the app's runner is wrapped: a request carrying a `command`
goes through Bolt's own runner code with `process_before_response=True`, and everything else
through the runner Bolt built. The listener pool, error and completion handlers are the same
objects. The slow `/paradox` forms (Slack calls before answering) acknowledge, then hand their
work to the same pool themselves (bot/listeners/commands/paradox.py), so the shutdown drain still
waits for it.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.listener.thread_runner import ThreadListenerRunner


class CommandsInline(ThreadListenerRunner):
    """Bolt's runner with `process_before_response` for slash commands only."""

    def __init__(self, runner: ThreadListenerRunner):
        # The same handlers and pool as Bolt's runner (so `@app.error` applies to both).
        self.__dict__.update(vars(runner))
        self.process_before_response = True
        self.later = runner

    def run(self, request, response, listener_name, listener, starting_time=None):
        if isinstance(request.body, dict) and request.body.get("command"):
            return super().run(request, response, listener_name, listener, starting_time)
        return self.later.run(request, response, listener_name, listener, starting_time)


def answer_commands_inline(app: App) -> None:
    """Install the runner; call after `@app.error`, which replaces the runner's error handler."""
    # `_listener_runner` is private; tests/unit/test_runner.py fails on a Bolt that renames it.
    if not isinstance(getattr(app, "_listener_runner", None), ThreadListenerRunner):
        raise RuntimeError("slack_bolt changed: App._listener_runner is not a ThreadListenerRunner")
    app._listener_runner = CommandsInline(app._listener_runner)
