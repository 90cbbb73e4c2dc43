"""The coach's own scorecard (OASIS's Scoring step, turned on the coach): is it changing how the team plans?

Counted from what is stored anyway, plus the least the coach notes per thread (ids and moments,
never text): threads coached, threads that had a goal before the coach was asked ("goal first"),
nudged threads that went on to state a goal ("nudge worked") and how long that took, goals
recorded, the paradoxes most asked. Per calendar month (UTC) and per channel. Shown as text bars
that line up in Slack (inside a code block) and read the same in the plain `text` fallback.
Plain Python.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.coach import replies
from bot.coach.deck import Deck
from bot.coach.storage import ScoreFacts, ThreadFact

BAR = 10  # characters of the longest bar
TOP_PARADOXES = 3
TOP_CHANNELS = 8


@dataclass
class Figures:
    threads: int = 0
    goal_first: int = 0
    nudged: int = 0
    nudge_worked: int = 0
    goals: int = 0
    waits: list[float] = field(default_factory=list)  # seconds from nudge to goal
    paradoxes: Counter[str] = field(default_factory=Counter)  # questions asked, by paradox id

    def count(self, t: ThreadFact) -> None:
        self.threads += 1
        self.goal_first += t.goal_first
        if t.nudged_at is None:
            return
        self.nudged += 1
        if t.goal_at is not None and t.goal_at >= t.nudged_at:
            self.nudge_worked += 1
            self.waits.append(t.goal_at - t.nudged_at)

    @property
    def median_wait(self) -> float | None:
        return statistics.median(self.waits) if self.waits else None


@dataclass
class Month:
    year: int
    month: int
    total: Figures
    channels: dict[str, Figures]

    @property
    def label(self) -> str:
        return datetime(self.year, self.month, 1).strftime("%B %Y")

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def month_of(moment: float) -> tuple[int, int]:
    when = datetime.fromtimestamp(moment, UTC)
    return when.year, when.month


def months_back(now: float, count: int) -> list[tuple[int, int]]:
    """The `count` calendar months ending with the one `now` is in, oldest first."""
    year, month = month_of(now)
    out = []
    for _ in range(count):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(out))


def start_of(year: int, month: int) -> float:
    return datetime(year, month, 1, tzinfo=UTC).timestamp()


def compute(facts: ScoreFacts, months: list[tuple[int, int]]) -> list[Month]:
    """The figures of each month asked for (facts outside them are ignored)."""
    out = {ym: Month(*ym, Figures(), {}) for ym in months}

    def figures(moment: float, channel: str) -> list[Figures]:
        month = out.get(month_of(moment))
        if month is None:
            return []
        return [month.total, month.channels.setdefault(channel, Figures())]

    for t in facts.threads:
        for f in figures(t.coached_at, t.channel_id):
            f.count(t)
    for channel, at in facts.goals:
        for f in figures(at, channel):
            f.goals += 1
    for channel, question_id, at in facts.asked:
        for f in figures(at, channel):
            f.paradoxes[question_id.split(".", 1)[0]] += 1
    return [out[ym] for ym in months]


def duration(seconds: float) -> str:
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(round(minutes), 1)} min"
    hours = minutes / 60
    return f"{round(hours)} h" if hours < 48 else f"{round(hours / 24)} days"


def bar(value: int, top: int) -> str:
    filled = round(BAR * value / top) if top else 0
    if value and not filled:
        filled = 1  # one is not nothing
    return "█" * filled + "░" * (BAR - filled)


def month_lines(month: Month, top: int) -> list[str]:
    f = month.total
    worked = f"{f.nudge_worked} of {f.nudged} nudged"
    if f.median_wait is not None:
        worked += f", median {duration(f.median_wait)}"
    rows = [
        ("Threads coached", f.threads, ""),
        ("Goal first", f.goal_first, ""),
        ("Nudge worked", f.nudge_worked, f" ({worked})"),
        ("Goals recorded", f.goals, ""),
    ]
    return [month.label] + [f"{name:<16} {bar(n, top)} {n}{extra}" for name, n, extra in rows]


def _title(deck: Deck, paradox_id: str) -> str:
    return deck.by_id[paradox_id].title if paradox_id in deck.by_id else paradox_id


def paradox_line(month: Month, deck: Deck) -> str:
    top = month.total.paradoxes.most_common(TOP_PARADOXES)
    if not top:
        return "Most asked: nothing yet"
    return "Most asked: " + ", ".join(f"{_title(deck, p)} ({n})" for p, n in top)


def channel_lines(months: list[Month], deck: Deck) -> list[str]:
    summed: dict[str, Figures] = {}
    for m in months:
        for channel, f in m.channels.items():
            s = summed.setdefault(channel, Figures())
            s.threads += f.threads
            s.goal_first += f.goal_first
            s.nudged += f.nudged
            s.nudge_worked += f.nudge_worked
            s.goals += f.goals
            s.paradoxes.update(f.paradoxes)
    ranked = sorted(summed.items(), key=lambda kv: (-kv[1].threads, -kv[1].goals, kv[0]))
    lines = [
        f"• <#{c}>: {_n(f.threads, 'thread')}, {f.goal_first} goal first, "
        f"{f.nudge_worked} of {_n(f.nudged, 'nudge')} worked, {_n(f.goals, 'goal')}"
        + (f"; most asked: {_title(deck, f.paradoxes.most_common(1)[0][0])}" if f.paradoxes else "")
        for c, f in ranked[:TOP_CHANNELS]
    ]
    if len(ranked) > TOP_CHANNELS:
        lines.append(f"…and {len(ranked) - TOP_CHANNELS} more channels")
    return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _top(months: list[Month]) -> int:
    return max([1] + [max(m.total.threads, m.total.goals) for m in months])


def parts(months: list[Month], deck: Deck) -> tuple[list[replies.Part], str]:
    """The scorecard's parts and its plain-text form (the same bars, for the `text` fallback)."""
    top = _top(months)
    out: list[replies.Part] = []
    text: list[str] = []
    for m in months:
        lines = month_lines(m, top)
        out.append(replies.Section("```\n" + "\n".join(lines) + "\n```\n" + paradox_line(m, deck)))
        text += [*lines, paradox_line(m, deck), ""]
    channels = channel_lines(months, deck)
    span = months[0].label if len(months) == 1 else f"{months[0].label} to {months[-1].label}"
    if channels:
        out.append(replies.Section(f"*By channel* ({span})\n" + "\n".join(channels)))
        text += [f"By channel ({span}):", *channels]
    else:
        out.append(replies.Context(f"No coached threads yet in {span}. Mention me in a campaign thread."))
    return out, "\n".join(text).strip()


def home_section(facts: ScoreFacts, deck: Deck, now: float, count: int = 3) -> tuple[list[replies.Part], str]:
    months = compute(facts, months_back(now, count))
    body, text = parts(months, deck)
    head = replies.Section(
        "*The coach's scorecard*: is it changing how you plan? Goal first and nudges that led to a goal "
        "are the figures to watch."
    )
    hint = replies.Context(
        "The month just ended, by DM on the first working day of each month: `/paradox digest on`."
    )
    return [head, *body, hint], text


def digest(facts: ScoreFacts, deck: Deck, year: int, month: int) -> replies.Reply:
    """The monthly DM: the month just ended, in the same bars as the Home tab."""
    (m,) = compute(facts, [(year, month)])
    body, text = parts([m], deck)
    heading = f"Your paradox-coach digest for {m.label}"
    footer = replies.Context(
        "Open my Home tab for the last three months. Stop these with `/paradox digest off`."
    )
    return replies.Reply(
        "digest", f"{heading}\n{text}", [replies.Header(heading), *body, footer], suffix=m.key
    )
