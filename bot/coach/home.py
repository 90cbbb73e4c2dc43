"""The App Home tab: "Plan a campaign", recent goals, weekly prompts, the coach's scorecard, and the deck.

The deck is the workspace's own: everyone sees it; admins also get its edit menus, "Restore the
defaults", and the log of who changed what and when.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable
from datetime import UTC, datetime

from bot.coach import privacy, replies, scorecard
from bot.coach import workspace_deck as wd
from bot.coach.deck import Deck
from bot.coach.storage import DeckEdit, Goal, Storage
from bot.coach.text import quote

HOME_GOALS = 10  # the Home tab lists at most this many recent goals
HOME_SUBSCRIPTIONS = 25  # and this many weekly subscriptions
HOME_EDITS = 10  # and, for admins, this many of the latest deck edits
SCORE_MONTHS = 3

# Action ids of the deck's controls (the Slack layer wires them in bot/listeners/actions/).
DECK_MENU = "deck_menu"
DECK_SHOW = "deck_show"
DECK_RESTORE = "deck_restore"


def home(
    deck: Deck,
    store: Storage,
    team_id: str,
    link: Callable[[Goal], str],
    *,
    base: Deck | None = None,
    admin: bool = False,
    now: float | None = None,
    privacy_line: str = "",
) -> replies.Reply:
    """The Home tab; `link(goal)` says where a goal was stated (the Slack layer makes it a permalink).

    `deck` is the workspace's, `base` the shipped one (to list hidden paradoxes); `admin` adds the
    deck's edit controls and log.
    """
    now = time.time() if now is None else now
    base = base or deck
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
    first = scorecard.months_back(now, SCORE_MONTHS)[0]
    score, score_text = scorecard.home_section(
        store.score_facts(team_id, scorecard.start_of(*first)), deck, now, SCORE_MONTHS
    )
    parts += score
    parts.append(replies.Divider())
    parts += deck_parts(base, deck, store.deck_edits(team_id) if admin else [], admin)
    text = (
        f"paradox-coach: {len(goals)} recent goals, {len(subs)} weekly prompts, the scorecard and the deck.\n"
        + score_text
    )
    return replies.Reply("home", text, parts)


def deck_parts(base: Deck, deck: Deck, edits: list[DeckEdit], admin: bool) -> list[replies.Part]:
    parts: list[replies.Part] = [replies.Header(f"The {len(deck.paradoxes)} paradoxes")]
    for p in deck.paradoxes:
        menu = None
        if admin:
            menu = replies.Menu(
                DECK_MENU,
                (
                    ("Add a question", f"add:{p.id}"),
                    ("Hide a question", f"hideq:{p.id}"),
                    ("Hide this paradox", f"hidep:{p.id}"),
                ),
            )
        extra = f"  ·  {len(p.questions)} questions" if admin else ""
        parts.append(
            replies.Section(f"*{p.title}*  (`/paradox {p.id}`){extra}\n• {p.sides[0]}\n• {p.sides[1]}", menu)
        )
    hidden = wd.hidden_paradoxes(base, deck)
    if not admin:
        note = f" {len(hidden)} hidden by an admin." if hidden else ""
        parts.append(replies.Context(f"Workspace admins can tailor this deck here.{note}"))
        return parts
    buttons = [
        replies.Button(DECK_SHOW, f"Show {p.title}"[:75], p.id, f"Show the paradox {p.title} again")
        for p in hidden[:24]
    ]
    buttons.append(
        replies.Button(
            DECK_RESTORE,
            "Restore the defaults",
            "restore",
            "Undo every edit of this workspace's deck",
            "danger",
            confirm="Every question added here is removed and every hidden one shown again.",
        )
    )
    if hidden:
        parts.append(replies.Section("*Hidden:* " + ", ".join(p.title for p in hidden)))
    parts.append(replies.Actions(buttons))
    parts.append(replies.Section(edit_log(base, edits)))
    return parts


def describe_edit(base: Deck, e: DeckEdit) -> str:
    title = base.by_id[e.paradox_id].title if e.paradox_id in base.by_id else e.paradox_id
    match e.kind:
        case wd.ADD:
            return f"added to _{title}_: “{quote(e.text, 120)}”"
        case wd.HIDE_QUESTION:
            shipped = base.questions.get(e.question_id)
            what = f"“{quote(shipped.text, 80)}”" if shipped else f"`{e.question_id}`"
            return f"hid in _{title}_: {what}"
        case wd.HIDE_PARADOX:
            return f"hid the paradox _{title}_"
        case wd.SHOW_PARADOX:
            return f"showed the paradox _{title}_ again"
        case wd.RESET:
            return "restored the default deck"
    return e.kind


def edit_log(base: Deck, edits: list[DeckEdit]) -> str:
    if not edits:
        return "*Deck edits* (only admins see this)\nNone yet: this is the shipped deck."
    lines = []
    for e in list(reversed(edits))[:HOME_EDITS]:
        when = datetime.fromtimestamp(e.created_at, UTC).strftime("%-d %b %Y %H:%M UTC")
        who = f"<@{e.user_id}>" if e.user_id else "the command line"
        lines.append(f"• {when}, {who}: {describe_edit(base, e)}")
    return "*Deck edits* (only admins see this)\n" + "\n".join(lines)
