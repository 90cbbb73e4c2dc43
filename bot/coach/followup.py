"""Following a goal through: OASIS's Scoring step, turned on the team's own goal.

A goal that names a date is asked about once that date has passed ("Met / Partly / Not met / Too early
to say"); the answer is kept with the goal, so comms leads can see which goals were met. This module is
the plain-Python part: the date a goal is followed up after, the words of the follow-up and of its
answered form, and what an answer does to the goal's next ask. Posting it exactly once is
`bot.followup.sender`'s; the buttons' listeners are in `bot/listeners/actions/followup.py`.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.coach import replies
from bot.coach.dates import day
from bot.coach.goal_dates import goal_date
from bot.coach.storage import Goal
from bot.coach.text import quote
from bot.coach.words import Words

KIND = "goal_followup"
RESULTS = ("met", "partly", "not_met", "too_early")
FINAL = ("met", "partly", "not_met")
ACTION_PREFIX = "followup_"  # one action id per result: Slack wants them unique within a block
MAX_ASKS = 3  # the follow-up, and "too early to say" asked again at most twice
ASK_AGAIN_AFTER = timedelta(weeks=4)


def due_on(text: str, today: date) -> str:
    """The ISO date a goal's text names, or "" (then it is never followed up)."""
    found = goal_date(text, today)
    return found.isoformat() if found else ""


def recorded_line(due: str, words: Words) -> replies.Context:
    """The one line on a goal_recorded reply saying whether, and after when, the coach will ask how it went."""
    if not due:
        return replies.Context(words.say("followup.no_date"))
    return replies.Context(
        words.say("followup.will_ask", date=day(date.fromisoformat(due), words.lang, year=True))
    )


def next_ask_after(goal: Goal, result: str, today: date) -> str:
    """The date after which to ask again, "" never: only "too early to say", and only while asks remain."""
    if result == "too_early" and goal.asks < MAX_ASKS:
        return (today + ASK_AGAIN_AFTER).isoformat()
    return ""


def result_buttons(goal_id: int, words: Words) -> list[replies.Button]:
    return [
        replies.Button(
            f"{ACTION_PREFIX}{result}",
            words.say(f"followup.result.{result}"),
            f"{goal_id}|{result}|{words.lang}",
            words.say(f"followup.label.{result}"),
            style="primary" if result == "met" else None,
        )
        for result in RESULTS
    ]


def button_value(value: str) -> tuple[int, str, str]:
    """A result button's value: (goal id, result, language)."""
    goal_id, _, rest = value.partition("|")
    result, _, lang = rest.partition("|")
    return int(goal_id or 0), result if result in RESULTS else "", lang or "en"


def followup(goal: Goal, words: Words, *, measure: str = "", goal_chars: int = 600) -> replies.Reply:
    """The follow-up itself (kind `goal_followup`): the goal quoted, what to look at, the four buttons."""
    quoted = quote(goal.text, goal_chars)
    if goal.asks:
        heading = words.say("followup.heading_again")
    else:
        when = day(date.fromisoformat(goal.due_on), words.lang, year=True) if goal.due_on else ""
        heading = words.say("followup.heading", date=when)
    parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
    look = (
        words.say("followup.look_at", measure=quote(measure, 80))
        if measure
        else words.say("followup.look_at_general")
    )
    parts.append(
        replies.Context(
            look + (f"  ·  {words.say('followup.set_by', user=goal.user_id)}" if goal.user_id else "")
        )
    )
    parts.append(
        replies.Actions([*result_buttons(goal.id, words), replies.not_our_goal_button(goal.thread_ts, words)])
    )
    return replies.Reply(KIND, words.say("followup.text", goal=quoted), parts, suffix=str(goal.id))


def answered(goal: Goal, words: Words, *, goal_chars: int = 600) -> replies.Reply:
    """The follow-up once answered: the goal, who said what and when, and whether it will be asked again."""
    quoted = quote(goal.text, goal_chars)
    result = words.say(f"followup.result.{goal.result}")
    when = day(date.fromtimestamp(goal.result_at or 0), words.lang, year=True)
    lines = [words.say("followup.answered", user=goal.result_by, result=result, date=when)]
    if goal.result == "too_early":
        lines.append(words.say("followup.ask_again" if goal.next_ask_on else "followup.no_more"))
    parts: list[replies.Part] = [replies.Section(f">{quoted}"), replies.Section(" ".join(lines))]
    if goal.result_note:
        parts.append(replies.Context(words.say("followup.note", note=quote(goal.result_note, 500))))
    text = f"{quoted} {words.say('followup.answered_text', user=goal.result_by, result=result)}"
    return replies.Reply(KIND, text, parts, suffix=f"{goal.id}:{goal.result}")


def status(goal: Goal, words: Words) -> str:
    """Where a goal's follow-up stands, in words: its result, or "asked", or "not asked yet"."""
    if goal.result:
        said = words.say(f"followup.result.{goal.result}")
        return f"*{said}*" + (f" ({quote(goal.result_note, 120)})" if goal.result_note else "")
    return words.say("goals_list.asked" if goal.asks else "goals_list.waiting")


SHOWN = 15  # a channel's goals shown by `/paradox goals`; more are counted, not listed


def goals_list(goals: list[Goal], channel_id: str, words: Words, *, goal_chars: int = 200) -> replies.Reply:
    """`/paradox goals` (`nodau`): the channel's recorded goals, newest first, with dates and results."""
    if not goals:
        text = words.say("goals_list.none", channel=channel_id)
        return replies.Reply("goal_recorded", text, [replies.Section(text)], suffix="list")
    heading = words.say("goals_list.heading", channel=channel_id)
    lines = []
    for goal in goals[:SHOWN]:
        quoted = quote(goal.text, goal_chars)
        if goal.due_on:
            when = day(date.fromisoformat(goal.due_on), words.lang, year=True)
            lines.append(
                "• " + words.say("goals_list.line", goal=quoted, date=when, result=status(goal, words))
            )
        else:
            lines.append("• " + words.say("goals_list.line_undated", goal=quoted))
    if len(goals) > SHOWN:
        lines.append(words.say("goals_list.more", count=len(goals) - SHOWN))
    parts: list[replies.Part] = [replies.Section(f"*{heading}*\n" + "\n".join(lines))]
    return replies.Reply("goal_recorded", f"{heading}: " + " ".join(lines), parts, suffix="list")
