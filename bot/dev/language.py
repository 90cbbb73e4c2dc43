"""How often the coach reads the language a reply should be in, on labelled messages or threads (issue 23).

    python -m bot.dev.language tests/data/language/lang_h1.yml
    python -m bot.dev.language tests/data/writers/*.yml

A file's items carry `reply: cy|en|either` (single messages written for this) or `lang: cy|en|mixed` (the
corpus's threads, whose last message is the mention). `auto` is what is measured: the mention's language,
else the thread's.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from bot.coach.language import load_telling

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.dev.language", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    telling = load_telling(ROOT / "prompts")
    found: dict[str, Counter] = defaultdict(Counter)
    for path in args.files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            want = item.get("reply") or item.get("lang")
            messages = [item["text"]] if "text" in item else list(item["thread"])
            mention = next((m for m in reversed(messages) if "U0COACH" in m), messages[-1])
            found[want][telling.of_thread(mention, messages) or "en"] += 1
    for want, got in sorted(found.items()):
        n = sum(got.values())
        right = f": {got[want]} of {n} ({got[want] / n:.1%}) read as {want}" if want in ("cy", "en") else ""
        print(f"{want:7s} {n:5d}{right}  {dict(got)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
