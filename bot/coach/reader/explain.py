"""`python -m bot read`: what the plan reader found in a message or a thread, and why it decided.

Content editors use it to see a miss and fix it in `prompts/` without reading code: every part the
reader found is shown with the words that matched, and the verdict with the rule that decided it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bot.coach.deck import load_deck
from bot.coach.reader import NOT_A_PLAN, PlanReading, read_plan
from bot.yamlfile import ConfigError


def _quoted(words: str) -> str:
    return f'"{words}"' if words else "-"


def _mention_first(plan: PlanReading) -> list[str]:
    """What was decided first: whether the mention is about the plan at all, then the thread."""
    if not plan.rules_verdict:
        return []  # the rules alone decided (no model file)
    rules = f"; the rules alone said {plan.rules_verdict}" if plan.rules_verdict != plan.verdict else ""
    if plan.verdict == NOT_A_PLAN:
        order = f"not about the plan ({plan.talk}), so the thread is not weighed"
    else:
        order = f"about the plan, then the thread: {plan.verdict}"
    lines = [f"mention first: {order} (the learned model: {plan.learned}{rules})"]
    return lines + ([f"the mention asks: {plan.ask}"] if plan.ask else [])


def explain(plan: PlanReading, texts: list[str]) -> str:
    """The reading as lines of plain text."""
    lines = [f"verdict: {plan.verdict}", f"rule: {plan.rule}"]
    lines += _mention_first(plan)
    if plan.talk:
        topic = f" ({plan.howto_topic})" if plan.howto_topic else ""
        lines.append(
            f"small talk: {plan.talk}{topic}"
            + (f"  words: {', '.join(plan.talk_words)}" if plan.talk_words else "")
        )
    names = {c.id: c.name for c in plan.channels}
    if plan.channel_words:
        lines.append("channels:")
        lines += [f"  {names.get(cid, cid)}  {_quoted(words)}" for cid, words in plan.channel_words]
    else:
        lines.append("channels: none")
    if plan.aside:
        lines.append(
            "  (the mention names its channels only in passing: what a thanks is for, an errand, or small talk that only narrates)"
        )
    goal = plan.goal
    lines.append(f"goal: {goal.strength}" + (f"  ({goal.rule})" if goal.rule else ""))
    if goal.sentence:
        where = f" (message {goal.message_index + 1} of {len(texts)})" if len(texts) > 1 else ""
        lines.append(f"  sentence{where}: {_quoted(goal.sentence)}")
        lines.append(f"  behaviour: {_quoted(goal.behaviour)}")
        lines.append(f"  audience:  {_quoted(goal.audience)}")
        lines.append(f"  measure:   {_quoted(goal.measure)}")
        lines.append(f"  date:      {_quoted(goal.date)}")
        if goal.stated and goal.gaps():
            lines.append(f"  still open: {', '.join(goal.gaps())}")
    if plan.withdrawn:
        lines.append(f"withdrawn: yes  {_quoted(plan.withdrawal)}")
    lines.append(
        "found in the thread: "
        f"audience {_quoted(plan.audience_found)}, measure {_quoted(plan.measure_found)}, date {_quoted(plan.date_found)}"
    )
    if plan.topics:
        lines.append(f"paradoxes hinted at: {', '.join(plan.topics)}")
    return "\n".join(lines)


def thread_from_file(path: str) -> list[str]:
    """A thread file: a YAML list of messages, or one message per line."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("thread"), list):
        data = data["thread"]
    if isinstance(data, list) and all(isinstance(m, str | int | float) for m in data):
        return [str(m) for m in data]
    return [line for line in text.splitlines() if line.strip()]


def read_command(prompts_dir: str | Path, words: list[str], thread_file: str | None) -> int:
    """Print the reading of TEXT (or of the thread in FILE).

    Exit code 1 when the vocabulary is broken (with file and line), 2 when there is nothing to read.
    """
    try:
        deck = load_deck(prompts_dir)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if thread_file:
        try:
            texts = thread_from_file(thread_file)
        except OSError as exc:
            print(f"paradox-coach: cannot read {thread_file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        texts = [" ".join(words)] if words else []
    if not texts or not any(t.strip() for t in texts):
        print(
            'paradox-coach: give a message to read: python -m bot read "TEXT" (or --thread FILE)',
            file=sys.stderr,
        )
        return 2
    print(explain(read_plan(deck, texts), texts))
    return 0
