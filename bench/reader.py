"""The plan reader's footprint: resident memory, load time, and time per mention.

python -m bench.reader [--repeat N]

Reads every labelled message and thread in tests/data/ (both corpora, the old gate sets and the
examples) N times, and prints the resident memory of this process before and after loading the
reader, the time to load and compile the vocabulary, and the time per reading (mean, p95, max).
A mention must be answered well within Slack's 3 seconds and the whole app must stay under 100 MB,
so the reader should cost a few MB and well under 10 ms a mention.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """This process's resident set size now, in MB (Linux: /proc/self/status)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def threads() -> list[list[str]]:
    out = []
    data = ROOT / "tests" / "data"
    for path in sorted([*data.glob("*.yml"), *data.glob("writers/*.yml"), *data.glob("holdout/*.yml")]):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("items", []):
            out.append(item["thread"] if "thread" in item else [item["text"]])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases = threads()
    before = rss_mb()
    started = time.perf_counter()
    from bot.coach.deck import load_deck
    from bot.coach.reader import read_plan, reader_for
    from bot.coach.reader.learned import load_models

    deck = load_deck(ROOT / "prompts")
    reader_for(deck)  # compiles every pattern once
    load_models()  # the learned part's weights
    loaded = time.perf_counter() - started
    after_load = rss_mb()
    times = []
    for _ in range(args.repeat):
        for texts in cases:
            t0 = time.perf_counter()
            read_plan(deck, texts)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"cases: {len(cases)} messages and threads, read {args.repeat} times")
    print(
        f"resident memory: {before:.1f} MB before import, {after_load:.1f} MB after load, {rss_mb():.1f} MB after reading"
    )
    print(f"load and compile the vocabulary, load the model: {loaded * 1000:.0f} ms (once per start)")
    print(
        f"per reading: mean {statistics.mean(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms, "
        f"max {times[-1]:.2f} ms"
    )
    # The longest thread the coach reads: 200 messages of 4,000 characters (threads.max_messages, text_chars).
    words = " ".join(" ".join(t) for t in cases).split()
    longest = [" ".join(words[(i * 700) % len(words) :][:700])[:4000] for i in range(200)]
    t0 = time.perf_counter()
    read_plan(deck, longest)
    print(f"longest thread (200 messages of 4,000 characters): {(time.perf_counter() - t0) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
