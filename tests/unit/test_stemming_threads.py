"""The plan reader is used from several listener threads at once: stemming must give the same stems there."""

from __future__ import annotations

import threading

from bot.coach.reader import forms


def test_stems_are_the_same_when_threads_stem_at_once():
    words = [
        f"{root}{ending}"
        for root in ("register", "volunteer", "campaign", "donat", "organis", "commun", "particip")
        for ending in ("ing", "ed", "ations", "ers", "ly", "ness", "ised")
    ]
    expected = {w: forms.stem(w) for w in words}
    wrong: list[str] = []

    def stem_many() -> None:
        for _ in range(40):
            forms.stem.cache_clear()  # so every call reaches the one Snowball stemmer
            for w in words:
                try:
                    if forms.stem(w) != expected[w]:
                        wrong.append(w)
                except Exception as exc:  # a stemmer shared without a lock raises mid-word
                    wrong.append(f"{w}: {exc!r}")

    threads = [threading.Thread(target=stem_many) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []
