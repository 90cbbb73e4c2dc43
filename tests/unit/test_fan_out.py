"""The weekly fan-out's shape, as plain Python: workspaces side by side, a bound within each, every item once.

No Slack and no database: `fan_out` is handed a `post` that records who is in flight. Overlap is
proved with a barrier (every workspace must be in flight at once for it to open), not with clocks.
"""

from __future__ import annotations

import threading
from collections import Counter

from bot.dev.fakeslack import RateLimit
from bot.weekly.poster import PER_WORKSPACE, THREADS, Outcome, fan_out


class Recorder:
    def __init__(self, first_together: int = 0):
        self.lock = threading.Lock()
        self.in_flight: Counter[str] = Counter()
        self.peak_per_workspace = 0
        self.done: list[tuple[str, int]] = []
        # The first post of each of this many workspaces waits here until all of them are in flight.
        self.barrier = threading.Barrier(first_together) if first_together else None
        self.started: set[str] = set()

    def post(self, item: tuple[str, int]) -> Outcome:
        team, _ = item
        with self.lock:
            self.in_flight[team] += 1
            self.peak_per_workspace = max(self.peak_per_workspace, self.in_flight[team])
            first = team not in self.started
            self.started.add(team)
        if first and self.barrier is not None:
            self.barrier.wait(timeout=10)  # BrokenBarrierError unless the workspaces run side by side
        with self.lock:
            self.in_flight[team] -= 1
            self.done.append(item)
        return Outcome.POSTED


def _items(workspaces: int, per: int) -> list[tuple[str, int]]:
    return [(f"T{w}", c) for w in range(workspaces) for c in range(per)]


def test_every_workspace_is_in_flight_at_once_and_each_item_posted_once():
    items = _items(12, 5)
    recorder = Recorder(first_together=12)
    result = fan_out(items, lambda item: item[0], recorder.post, THREADS, PER_WORKSPACE)
    assert result.posted == len(items)
    assert sorted(recorder.done) == sorted(items)  # each exactly once
    assert recorder.peak_per_workspace <= PER_WORKSPACE


def test_a_workspace_never_has_more_than_its_lanes_in_flight():
    items = _items(3, 40)
    recorder = Recorder()
    result = fan_out(items, lambda item: item[0], recorder.post, THREADS, 2)
    assert result.posted == 120 and sorted(recorder.done) == sorted(items)
    assert recorder.peak_per_workspace <= 2


def test_every_workspace_starts_before_any_gets_a_second_lane():
    # 3 threads, 3 workspaces of many items: each workspace's first lane holds a thread; none is left out.
    items = _items(3, 10)
    recorder = Recorder(first_together=3)
    result = fan_out(items, lambda item: item[0], recorder.post, 3, 2)
    assert result.posted == 30


def test_nothing_due_is_no_work():
    assert fan_out([], lambda item: item[0], Recorder().post, THREADS, PER_WORKSPACE).posted == 0


def test_the_fakes_rate_limit_gives_each_workspace_its_own_budget():
    limit = RateLimit(per_channel_per_second=1.0, workspace_burst=2, workspace_per_second=0.001)
    assert limit.check("C1", "TA") is None and limit.check("C2", "TA") is None
    assert limit.check("C3", "TA") == 1  # workspace A's burst is spent
    assert limit.check("C1", "TB") is None and limit.check("C2", "TB") is None  # B's is its own
    assert limit.check("C1", "TB") == 1  # and a channel's one a second still holds
