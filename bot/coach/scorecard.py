"""The coach's own scorecard (OASIS's Scoring step, turned on the coach): is it changing how the team plans?

Counted from what is stored anyway, plus the least the coach notes per thread (ids and moments,
never text): threads coached, threads that had a goal before the coach was asked ("goal first"),
nudged threads that went on to state a goal ("nudge worked") and how long that took, goals
recorded, the paradoxes most asked. Per calendar month (UTC) and per channel. Shown as text bars
that line up in Slack (inside a code block) and read the same in the plain `text` fallback.
Said in the deck's language (`deck.words`, prompts/home.yml's `scorecard:`). Plain Python.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from bot.coach import dates, replies
from bot.coach.deck import Deck
from bot.coach.storage import ScoreFacts, ThreadFact
from bot.coach.words import Words

BAR = 10  # characters of the longest bar
TOP_PARADOXES = 3
TOP_CHANNELS = 8
ROWS = (
    "threads",
    "goal_first",
    "nudge_worked",
    "goals",
)  # the bars of a month, as `scorecard.rows` names them


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
        return self.named("en")

    def named(self, lang: str) -> str:
        """ "December 2026", "Rhagfyr 2026"."""
        return dates.month(date(self.year, self.month, 1), lang)

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


def duration(seconds: float, words: Words) -> str:
    minutes = seconds / 60
    if minutes < 60:
        return words.say("scorecard.minutes", count=max(round(minutes), 1))
    hours = minutes / 60
    if hours < 48:
        return words.say("scorecard.hours", count=round(hours))
    return words.say("scorecard.days", count=round(hours / 24))


def bar(value: int, top: int) -> str:
    filled = round(BAR * value / top) if top else 0
    if value and not filled:
        filled = 1  # one is not nothing
    return "█" * filled + "░" * (BAR - filled)


def month_lines(month: Month, top: int, words: Words) -> list[str]:
    f = month.total
    worked = words.say("scorecard.worked", worked=f.nudge_worked, nudged=f.nudged)
    if f.median_wait is not None:
        worked += ", " + words.say("scorecard.median", wait=duration(f.median_wait, words))
    names = [words.say(f"scorecard.rows.{row}") for row in ROWS]
    width = max(len(n) for n in names) + 1  # the bars start in one column, in any language
    counts = (f.threads, f.goal_first, f.nudge_worked, f.goals)
    extras = ("", "", f" ({worked})", "")
    return [month.named(words.lang)] + [
        f"{name:<{width}} {bar(n, top)} {n}{extra}"
        for name, n, extra in zip(names, counts, extras, strict=True)
    ]


def _title(deck: Deck, paradox_id: str) -> str:
    return deck.by_id[paradox_id].title if paradox_id in deck.by_id else paradox_id


def paradox_line(month: Month, deck: Deck) -> str:
    top = month.total.paradoxes.most_common(TOP_PARADOXES)
    if not top:
        return deck.words.say("scorecard.nothing_asked")
    return deck.words.say("scorecard.most_asked", list=", ".join(f"{_title(deck, p)} ({n})" for p, n in top))


def channel_lines(months: list[Month], deck: Deck) -> list[str]:
    words = deck.words
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
    lines = []
    for c, f in ranked[:TOP_CHANNELS]:
        line = words.say(
            "scorecard.channel",
            threads=_n(f.threads, "thread", words),
            goal_first=f.goal_first,
            worked=f.nudge_worked,
            nudges=_n(f.nudged, "nudge", words),
            goals=_n(f.goals, "goal", words),
        )
        if f.paradoxes:
            line += "; " + words.say(
                "scorecard.channel_most", title=_title(deck, f.paradoxes.most_common(1)[0][0])
            )
        lines.append(f"• <#{c}>: {line}")
    if len(ranked) > TOP_CHANNELS:
        lines.append(words.say("scorecard.more_channels", count=len(ranked) - TOP_CHANNELS))
    return lines


def _n(count: int, word: str, words: Words) -> str:
    """A count and its noun: 1 thread, 4 threads (4 edefyn: Welsh counts in the singular)."""
    return words.say(f"scorecard.{word}" if count == 1 else f"scorecard.{word}s", count=count)


def _top(months: list[Month]) -> int:
    return max([1] + [max(m.total.threads, m.total.goals) for m in months])


def span(months: list[Month], words: Words) -> str:
    """The months shown: "October 2026", or "October 2026 to December 2026"."""
    first, last = months[0].named(words.lang), months[-1].named(words.lang)
    return first if len(months) == 1 else words.say("scorecard.span", first=first, last=last)


def followup_line(facts: ScoreFacts, months: list[Month], words: Words) -> str:
    """Goals whose date fell in the months shown: how many, followed up, answered, and how they went
    (OASIS's Scoring, turned on the team's own goals). "" when none fell due."""
    first, last = months[0], months[-1]
    start = date(first.year, first.month, 1).isoformat()
    end = date(last.year + last.month // 12, last.month % 12 + 1, 1).isoformat()
    due = [(asks, result) for _channel, on, asks, result in facts.followups if start <= on < end]
    if not due:
        return ""
    results = [result for _asks, result in due]
    return words.say(
        "scoring.line",
        due=len(due),
        asked=sum(1 for asks, _result in due if asks),
        answered=sum(1 for result in results if result),
        met=results.count("met"),
        partly=results.count("partly"),
        not_met=results.count("not_met"),
    )


def parts(months: list[Month], deck: Deck, facts: ScoreFacts | None = None) -> tuple[list[replies.Part], str]:
    """The scorecard's parts and its plain-text form (the same bars, for the `text` fallback), in the
    deck's language; with `facts`, the line on goals followed through too."""
    words = deck.words
    top = _top(months)
    out: list[replies.Part] = []
    text: list[str] = []
    for m in months:
        lines = month_lines(m, top, words)
        out.append(replies.Section("```\n" + "\n".join(lines) + "\n```\n" + paradox_line(m, deck)))
        text += [*lines, paradox_line(m, deck), ""]
    scoring = followup_line(facts, months, words) if facts is not None else ""
    if scoring:
        out.append(replies.Section(f"*{words.say('scoring.header')}*\n{scoring}"))
        text += [words.say("scoring.header"), scoring, ""]
    channels = channel_lines(months, deck)
    shown = span(months, words)
    if channels:
        out.append(
            replies.Section(words.say("scorecard.by_channel", span=shown) + "\n" + "\n".join(channels))
        )
        text += [words.say("scorecard.by_channel_text", span=shown), *channels]
    else:
        out.append(replies.Context(words.say("scorecard.none", span=shown)))
    return out, "\n".join(text).strip()


def home_section(facts: ScoreFacts, deck: Deck, now: float, count: int = 3) -> tuple[list[replies.Part], str]:
    """The Home tab's scorecard, in the deck's language."""
    months = compute(facts, months_back(now, count))
    body, text = parts(months, deck, facts)
    head = replies.Section(deck.words.say("scorecard.heading"))
    hint = replies.Context(deck.words.say("scorecard.hint"))
    return [head, *body, hint], text


def digest(facts: ScoreFacts, deck: Deck, year: int, month: int) -> replies.Reply:
    """The monthly DM in the deck's language: the month just ended, in the same bars as the Home tab.

    Its heading and footer are prompts/schedule.yml's `digest.dm` (the digest's own surface).
    """
    words = deck.words
    (m,) = compute(facts, [(year, month)])
    body, text = parts([m], deck, facts)
    heading = words.say("digest.dm.heading", month=dates.month(date(year, month, 1), words.lang))
    footer = replies.Context(words.say("digest.dm.footer"))
    return replies.Reply(
        "digest", f"{heading}\n{text}", [replies.Header(heading), *body, footer], suffix=m.key
    )
