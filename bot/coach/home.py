"""The App Home tab: the "Plan a campaign" button, the workspace's recent goals, its weekly prompts, the deck."""

from __future__ import annotations

import calendar
from collections.abc import Callable

from bot.coach import privacy, replies
from bot.coach.deck import Deck
from bot.coach.storage import Goal, Storage
from bot.coach.text import quote

HOME_GOALS = 10  # the Home tab lists at most this many recent goals
HOME_SUBSCRIPTIONS = 25  # and this many weekly subscriptions


def home(
    deck: Deck, store: Storage, team_id: str, link: Callable[[Goal], str], privacy_line: str = ""
) -> replies.Reply:
    """The Home tab; `link(goal)` says where a goal was stated (the Slack layer makes it a permalink)."""
    parts: list[replies.Part] = [
        replies.Header("Goal first, then channel"),
        replies.Section(
            "Social media is one-way and conversational, free and ruinous, quick and slow. That "
            "paradox stops mattering once the channel serves a goal. Plan the goal first:",
        ),
        replies.Actions(
            [
                replies.Button(
                    "plan_campaign",
                    "Plan a campaign",
                    "home",
                    "Open the campaign planning form",
                    "primary",
                )
            ],
        ),
        replies.Divider(),
    ]
    goals = store.recent_goals(team_id, limit=HOME_GOALS)
    if goals:
        lines = [f"• {link(g)}: {quote(g.text, 180)}" for g in goals]
        parts.append(replies.Section("*Recent goals*\n" + "\n".join(lines)))
    else:
        parts.append(
            replies.Section(
                "*Recent goals*\nNo goals recorded yet. Use *Plan a campaign*, "
                "`/paradox goal <your goal>`, or state one in a thread and mention me.",
            )
        )
    subs = store.subscriptions(team_id, limit=HOME_SUBSCRIPTIONS + 1)
    if subs:
        lines = [
            f"• <#{s.channel_id}>: {calendar.day_name[s.weekday]}s at {s.local_time} ({s.timezone})"
            + (" (paused)" if s.stopped_reason or s.resume_on else "")
            for s in subs[:HOME_SUBSCRIPTIONS]
        ]
        if len(subs) > HOME_SUBSCRIPTIONS:
            lines.append("…and more: `/paradox weekly` in a channel shows its own.")
        parts.append(replies.Section("*Weekly prompts*\n" + "\n".join(lines)))
    else:
        parts.append(
            replies.Section("*Weekly prompts*\nNone yet. In a channel, try `/paradox weekly monday 09:30`.")
        )
    parts.append(replies.Context(privacy_line or privacy.summary_line()))
    parts.append(replies.Divider())
    parts.append(replies.Header(f"The {len(deck.paradoxes)} paradoxes"))
    for p in deck.paradoxes:
        parts.append(replies.Section(f"*{p.title}*  (`/paradox {p.id}`)\n• {p.sides[0]}\n• {p.sides[1]}"))
    text = f"paradox-coach: {len(goals)} recent goals, {len(subs)} weekly prompts, and the deck."
    return replies.Reply("home", text, parts)
