"""The plan reader's learned part, measured and trained on the labelled corpus (a development tool).

    python -m bot.dev.reader_model score [FILE ...]   the shipped reader's figures, per file, label and language
    python -m bot.dev.reader_model lowo               leave-one-writer-out: train on every writer but one,
                                                      measure on that one, for each writer in turn
    python -m bot.dev.reader_model train              fit on every tuning writer; write bot/coach/reader/model.json

The corpus is `tests/data/writers/*.yml`, one file a writer (see tests/data/CORPUS.md). The final
holdout (`tests/data/holdout/*.yml`) is never trained on: `score` measures it. Training needs
scikit-learn (`pip install -e '.[dev]'`); the app only reads the weights it writes.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.coach.deck import Deck, load_deck
from bot.coach.reader import learned
from bot.coach.reader.readings import NOT_A_PLAN, PlanReading
from bot.coach.reader.verdict import apply_models, read_by_rules, read_plan

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ROOT / "tests" / "data" / "writers"
HOLDOUT = ROOT / "tests" / "data" / "holdout"
# Regularisation, chosen by leave-one-writer-out (`lowo --c`): smaller is simpler.
C_VERDICT, C_TALK, C_ASK = 30.0, 4.0, 4.0
MIN_WEIGHT = 0.1


@dataclass
class Case:
    writer: str
    texts: list[str]
    label: str
    talk: str
    ask: str
    lang: str


def cases(paths: list[Path]) -> list[Case]:
    found = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            texts = item["thread"] if "thread" in item else [item["text"]]
            found.append(
                Case(
                    path.stem,
                    [str(t) for t in texts],
                    item["label"],
                    item.get("talk", ""),
                    item.get("ask", ""),
                    item.get("lang", "en"),
                )
            )
    return found


def tuning_files() -> list[Path]:
    """Every file the reader may be tuned on: the writers' files, the first corpus's tuning files (one
    writer or round each, `corpus_tune_*.yml`) and the reader's own examples; never a holdout."""
    data = WRITERS.parent
    return (
        sorted(WRITERS.glob("*.yml"))
        + sorted(data.glob("corpus_tune_*.yml"))
        + [data / "reader_examples.yml"]
    )


def holdout_files() -> list[Path]:
    return sorted(HOLDOUT.glob("*.yml"))


# -- fitting -------------------------------------------------------------------------------------------


def fit(rows: list[dict[str, float]], labels: list[str], c: float) -> learned.Model:
    """A multinomial logistic regression as a `learned.Model` (plain weights by feature name).

    Features seen in only one training case are dropped first: they can only memorise that case.
    """
    from array import array

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    x = vectors.fit_transform(rows).tocsc()
    seen = np.diff(x.indptr) >= 2
    x = x[:, seen].tocsr()
    names = vectors.get_feature_names_out()[seen]
    clf = LogisticRegression(C=c, max_iter=5000).fit(x, labels)
    classes = tuple(str(k) for k in clf.classes_)
    coef, bias = clf.coef_, clf.intercept_
    if len(classes) == 2:  # one row for two classes: softmax over (0, w) is the same sigmoid
        coef, bias = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, bias[0]])
    # Weights under 0.1 change almost no reading (measured on held-out writers: none lost) and would
    # triple the model's memory.
    keep = np.abs(coef).max(axis=0) >= MIN_WEIGHT
    table = array("f", np.round(coef[:, keep].T, 4).astype("float32").ravel().tolist())
    index = {str(name): i for i, name in enumerate(names[keep])}
    return learned.Model(classes, index, table, tuple(round(float(b), 4) for b in bias))


def readings(deck: Deck, every: list[Case]) -> list[PlanReading]:
    """The rules' reading of each case: the models' features are made from it."""
    return [read_by_rules(deck, k.texts) for k in every]


def train(
    train_cases: list[Case], plans: list[PlanReading], c: tuple[float, float, float] | None = None
) -> learned.Models:
    c_verdict, c_talk, c_ask = c or (C_VERDICT, C_TALK, C_ASK)
    rows = [learned.features(plan, k.texts) for plan, k in zip(plans, train_cases, strict=True)]
    verdict = fit(rows, [k.label for k in train_cases], c_verdict)
    talk_rows = [
        (r, k.talk) for r, k in zip(rows, train_cases, strict=True) if k.label == NOT_A_PLAN and k.talk
    ]
    talk = fit([r for r, _ in talk_rows], [t for _, t in talk_rows], c_talk) if talk_rows else None
    ask_rows = [(r, k.ask) for r, k in zip(rows, train_cases, strict=True) if k.label != NOT_A_PLAN and k.ask]
    ask = fit([r for r, _ in ask_rows], [a for _, a in ask_rows], c_ask) if ask_rows else None
    return learned.Models(verdict, talk, ask)


# -- measuring -----------------------------------------------------------------------------------------


@dataclass
class Tally:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, case: Case, verdict: str, talk: str, rule: str) -> None:
        ok = verdict == case.label
        for key in ("all", f"writer {case.writer}", f"label {case.label}", f"lang {case.lang}"):
            self.total[key] += 1
            self.right[key] += ok
        if case.label == NOT_A_PLAN and case.talk:
            self.total["talk"] += 1
            self.right["talk"] += ok and talk == case.talk
        if not ok:
            self.misses.append(
                f"  {case.writer}: expected {case.label}, got {verdict} [{rule}]: {' | '.join(case.texts)}"
            )

    def share(self, key: str) -> float:
        return self.right[key] / self.total[key] if self.total[key] else 1.0

    def lines(self) -> list[str]:
        order = sorted(self.total, key=lambda k: (k != "all", k.split()[0], k))
        return [f"{k:24s} {self.share(k):6.1%}  ({self.right[k]} of {self.total[k]})" for k in order]


def lowo(deck: Deck, every: list[Case], c: tuple[float, float, float] | None = None) -> tuple[Tally, Tally]:
    """Leave-one-writer-out: (the rules alone, the rules with the models), each writer measured on
    models trained on all the others."""
    rules, combined = Tally(), Tally()
    plans = readings(deck, every)
    for writer in sorted({k.writer for k in every}):
        rest = [i for i, k in enumerate(every) if k.writer != writer]
        models = train([every[i] for i in rest], [plans[i] for i in rest], c)
        for k, alone in zip(every, plans, strict=True):
            if k.writer != writer:
                continue
            rules.add(k, alone.verdict, alone.talk, alone.rule.id)
            both = apply_models(deck, copy.deepcopy(alone), k.texts, models)
            combined.add(k, both.verdict, both.talk, both.rule.id)
        print(
            f"  {writer}: rules {rules.share('writer ' + writer):.1%}, with models {combined.share('writer ' + writer):.1%}",
            file=sys.stderr,
        )
    return rules, combined


def score(deck: Deck, every: list[Case]) -> Tally:
    tally = Tally()
    for k in every:
        plan = read_plan(deck, k.texts)
        tally.add(k, plan.verdict, plan.talk, plan.rule.id)
    return tally


def agreement() -> str:
    """The blind second labels (`tests/data/blind_labels/`, by case id `<writer>-<index>`) against the writers'."""
    written = {}
    for path in [*sorted(WRITERS.glob("*.yml")), *holdout_files()]:
        for i, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["items"]):
            written[f"{path.stem}-{i:03d}"] = item
    same = Counter()
    ids = set()
    for path in sorted((WRITERS.parent / "blind_labels").glob("*.yml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))["labels"]:
            item = written[row["id"]]
            ids.add(row["id"])
            same["cases"] += 1
            same["label"] += row["label"] == item["label"]
            key = "talk" if item["label"] == NOT_A_PLAN else "ask"
            same[f"{key} cases"] += row["label"] == item["label"]
            same[key] += row["label"] == item["label"] and row.get(key) == item.get(key)
    return (
        f"{len(ids)} of {len(written)} cases labelled again, blind ({same['cases']} second labels); "
        f"the label agreed on {same['label']} "
        f"({same['label'] / same['cases']:.1%}); the small-talk kind on {same['talk']} of {same['talk cases']}, "
        f"the ask on {same['ask']} of {same['ask cases']} ({same['ask'] / same['ask cases']:.1%})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.dev.reader_model", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_score = sub.add_parser("score", help="the shipped reader's figures (default: the final holdout)")
    p_score.add_argument("files", nargs="*", type=Path)
    p_score.add_argument(
        "--misses", action="store_true", help="print every miss (never for the holdout while tuning)"
    )
    p_lowo = sub.add_parser("lowo", help="leave-one-writer-out over the tuning writers")
    p_lowo.add_argument("--c", type=float, nargs=3, metavar=("VERDICT", "TALK", "ASK"))
    p_lowo.add_argument("--misses", action="store_true")
    sub.add_parser("train", help="fit on every tuning writer and write the model file")
    sub.add_parser("agree", help="how often the blind second labeller agreed with the writers")
    args = parser.parse_args(argv)
    deck = load_deck(ROOT / "prompts")
    if args.command == "score":
        tally = score(deck, cases(args.files or holdout_files()))
        print("\n".join(tally.lines()))
        if args.misses:
            print("\n".join(tally.misses))
        return 0
    if args.command == "agree":
        print(agreement())
        return 0
    if args.command == "lowo":
        rules, combined = lowo(deck, cases(tuning_files()), tuple(args.c) if args.c else None)
        print("rules alone:\n" + "\n".join(rules.lines()))
        print("rules with the learned models:\n" + "\n".join(combined.lines()))
        if args.misses:
            print("\n".join(combined.misses))
        return 0
    every = cases(tuning_files())
    models = train(every, readings(deck, every))
    learned.MODEL_FILE.write_text(json.dumps(models.as_json(), separators=(",", ":"), sort_keys=True) + "\n")
    size = learned.MODEL_FILE.stat().st_size
    print(f"wrote {learned.MODEL_FILE.relative_to(ROOT)} ({size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
