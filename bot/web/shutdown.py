"""Graceful shutdown: on SIGTERM, stop taking requests, finish the work in flight, exit 0.

Heroku sends SIGTERM on every deploy, restart and daily cycling, and SIGKILL 30 seconds later.
Python's default for SIGTERM is to die at once, dropping every acknowledged mention still being
answered. Here SIGTERM (and Ctrl-C) closes the listening socket (or, in Socket Mode, stops taking
envelopes: Slack redelivers what is not acknowledged), lets the requests being handled finish and
their answers go out, waits for the listener work to drain for up to DRAIN_SECONDS, and exits 0.
Whatever is still unfinished then is resumed by the inbox in the next process.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

log = logging.getLogger(__name__)

DRAIN_SECONDS = 25.0  # Heroku allows 30 before SIGKILL; leave room to exit


def drain(services, waits, deadline: float) -> bool:
    services.inbox.pause()  # keep renewing our own claims, take on nobody else's
    drained = True
    for wait in waits:
        drained = wait(max(0.0, deadline - time.monotonic())) and drained
    return drained


def exit_now(code: int = 0) -> None:
    logging.shutdown()
    # Not sys.exit: the interpreter would wait for every non-daemon thread (stuck Web API calls
    # included) past Heroku's SIGKILL. What is unfinished is in the inbox.
    os._exit(code)


def _on_signals(handler) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, handler)


def _flushed(server, timeout: float) -> bool:
    """Wait until waitress has written every answer out (its main loop sends the bytes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        channels = [c for c in list(server._map.values()) if hasattr(c, "total_outbufs_len")]
        if not any(c.total_outbufs_len for c in channels):
            return True
        time.sleep(0.02)
    return False


def serve_http(server, services, executor, timeout: float = DRAIN_SECONDS) -> int:
    """Run the waitress server until SIGTERM or SIGINT, then drain and exit 0."""
    stopping = threading.Event()

    def drain_and_exit(signame: str) -> None:
        log.info("%s: taking no new requests; finishing work in flight (up to %.0f s)", signame, timeout)
        # The listening socket is closed from waitress's own loop (closing it while the loop is
        # inside select() breaks the loop): new connections are refused, open ones are served.
        server.accepting = False
        server.trigger.pull_trigger(server.close)
        deadline = time.monotonic() + timeout
        drained = drain(services, [server.in_flight.wait_idle, executor.wait_idle], deadline)
        drained = _flushed(server, max(0.0, deadline - time.monotonic())) and drained
        if drained:
            log.info("%s: all work in flight finished; exiting", signame)
        else:
            log.warning("%s: work still running after %.0f s; the inbox will resume it", signame, timeout)
        exit_now(0)

    def on_signal(signum, _frame) -> None:
        # Only flags and a thread here: a signal handler that takes locks can deadlock the loop.
        if stopping.is_set():
            return
        stopping.set()
        name = signal.Signals(signum).name
        threading.Thread(target=drain_and_exit, args=(name,), name="drain", daemon=True).start()

    _on_signals(on_signal)
    while True:
        try:
            server.run()  # after a signal the loop keeps serving open connections until the drain exits
            break
        except OSError:
            if not stopping.is_set():
                raise
            # a socket closed under select(): keep serving the connections still open
    if stopping.is_set():
        threading.Event().wait()  # the drain thread ends the process
    return 0


def serve_socket_mode(handler, services, executor, timeout: float = DRAIN_SECONDS) -> int:
    """Keep the Socket Mode connection until SIGTERM or SIGINT, then drain and exit 0."""
    stopping = threading.Event()
    take = handler.handle

    def guarded(client, req) -> None:
        if stopping.is_set():
            return  # not acknowledged: Slack delivers it again, to a connection that stays
        take(client, req)

    listeners = handler.client.socket_mode_request_listeners
    listeners[:] = [guarded if cb == take else cb for cb in listeners]

    received: list[str] = []

    def on_signal(signum, _frame) -> None:
        received.append(signal.Signals(signum).name)
        stopping.set()

    _on_signals(on_signal)
    stopping.wait()
    name = received[0]
    log.info("%s: taking no new envelopes; finishing work in flight (up to %.0f s)", name, timeout)
    deadline = time.monotonic() + timeout
    drained = drain(services, [executor.wait_idle], deadline)
    try:
        handler.close()
    except Exception as exc:  # closing a dead connection: nothing left to save
        log.info("closing the Socket Mode connection: %s", exc.__class__.__name__)
    if not drained:
        log.warning("work still running after %.0f s; the inbox will resume it", timeout)
    exit_now(0)
    return 0
