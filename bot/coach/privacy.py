"""What the bot says about the data it holds: `forget`, `forget me`, `my data`, the export, the Home line.

Plain Python, like the rest of the core. Erasure is asked for twice (the command, then a button on
a private reply) and the answer says exactly what went, so nobody erases a channel's goals by a
slip and nobody has to take the bot's word for what it keeps. docs/privacy.md is the long form.
"""

from __future__ import annotations

from bot.coach import replies
from bot.coach.storage import PersonalData
from bot.coach.text import quote

FORGET_CHANNEL = "privacy_forget_channel"
FORGET_ME = "privacy_forget_me"
CANCEL = "privacy_cancel"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _period(days: float) -> str:
    return f"{round(days / 30.44)} months" if days >= 365 else _plural(round(days), "day")


def summary_line(privacy_url: str = "", goals_days: float = 396, questions_days: float = 90) -> str:
    """The one line the Home tab (and `my data`) shows; docs/privacy.md says the same at length."""
    where = f" <{privacy_url}|How your data is handled>." if privacy_url else " Details: docs/privacy.md."
    return (
        f"Privacy: I keep goals (with who wrote them) for {_period(goals_days)} and which questions were "
        f"asked for {_period(questions_days)}; thread text is read to answer and never stored. "
        "`/paradox my data` shows what I hold about you, `/paradox forget me` erases it." + where
    )


def _confirm(kind: str, text: str, action_id: str, label: str) -> replies.Reply:
    return replies.Reply(
        "privacy",
        text,
        [
            replies.Section(text),
            replies.Actions(
                [
                    replies.Button(action_id, "Erase", kind, label, "danger"),
                    replies.Button(CANCEL, "Cancel", kind, "Keep everything; erase nothing"),
                ]
            ),
        ],
        suffix=f"confirm_{kind}",
    )


def confirm_forget(channel_id: str) -> replies.Reply:
    return _confirm(
        "forget",
        f"This erases, for <#{channel_id}>: every goal recorded for the channel and its threads, and which "
        "questions were asked here (the thread memory that stops repeats). A weekly prompt keeps running "
        "(`/paradox weekly off` stops it). Erase them?",
        FORGET_CHANNEL,
        "Erase this channel's goals and thread memory",
    )


def confirm_forget_me(data: PersonalData) -> replies.Reply:
    held = _held(data)
    return _confirm(
        "forget_me",
        f"This erases everything I store about you in this workspace: {held}. Weekly prompts you set up keep "
        "running for their channels, without your name on them. Erase it?",
        FORGET_ME,
        "Erase everything stored about me",
    )


def _held(data: PersonalData) -> str:
    questions = sum(data.question_channels.values())
    return (
        f"{_plural(len(data.goals), 'goal')} you wrote, "
        f"{_plural(questions, 'question')} your /paradox replies remember, and your name on "
        f"{_plural(len(data.subscriptions), 'weekly prompt')}"
    )


def forgotten_channel(channel_id: str, gone: dict[str, int]) -> replies.Reply:
    text = (
        f"Erased for <#{channel_id}>: {_plural(gone.get('goals', 0), 'goal')} and "
        f"{_plural(gone.get('questions', 0), 'remembered question')}. Nothing else was stored for this channel "
        "apart from its weekly prompt, if any."
    )
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="forgotten")


def forgotten_me(gone: dict[str, int]) -> replies.Reply:
    text = (
        f"Erased: {_plural(gone.get('goals', 0), 'goal')} you wrote and "
        f"{_plural(gone.get('questions', 0), 'remembered question')}; your name came off "
        f"{_plural(gone.get('subscriptions', 0), 'weekly prompt')}"
        + (", your monthly digest stopped" if gone.get("digests") else "")
        + (f", and off {_plural(gone['deck_edits'], 'deck edit')}" if gone.get("deck_edits") else "")
        + ". Nothing else about you is stored here."
    )
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="forgotten_me")


def cancelled() -> replies.Reply:
    text = "Nothing was erased."
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="cancelled")


def my_data(data: PersonalData, privacy_line: str = "") -> replies.Reply:
    """What is stored about the person asking; only they see it (an ephemeral reply)."""
    parts: list[replies.Part] = [replies.Header("What I store about you")]
    if data.empty:
        parts.append(replies.Section("Nothing: no goals you wrote, no question memory, no weekly prompts."))
    if data.goals:
        lines = [
            f"• <#{g.channel_id}>{' (a thread)' if g.thread_ts else ''}: {quote(g.text, 180)}"
            for g in data.goals[:20]
        ]
        if len(data.goals) > 20:
            lines.append(f"…and {len(data.goals) - 20} more.")
        parts.append(replies.Section(f"*Goals you wrote* ({len(data.goals)})\n" + "\n".join(lines)))
    if data.question_channels:
        lines = [f"• <#{c}>: {_plural(n, 'question')}" for c, n in data.question_channels.items()]
        parts.append(
            replies.Section(
                "*Questions your /paradox replies remember* (ids only, so none repeats)\n" + "\n".join(lines)
            )
        )
    if data.subscriptions:
        lines = [f"• <#{c}>" for c in data.subscriptions]
        parts.append(replies.Section("*Weekly prompts you set up*\n" + "\n".join(lines)))
    if data.digest:
        parts.append(replies.Section("*Monthly digest*: you asked for it (`/paradox digest off` stops it)."))
    if data.deck_edits:
        parts.append(replies.Section(f"*Deck edits with your name*: {_plural(data.deck_edits, 'edit')}."))
    parts.append(
        replies.Context(
            "A mention's own message is held only until it is answered. `/paradox forget me` erases all of "
            "the above. " + (privacy_line or summary_line())
        )
    )
    text = f"What I store about you: {_held(data)}."
    return replies.Reply("privacy", text, parts, suffix="my_data")


def export_refused() -> replies.Reply:
    text = (
        "Only a workspace admin or owner can export the workspace's data. `/paradox my data` shows what I "
        "store about you."
    )
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export_refused")


def export_sent(counts: dict[str, int]) -> replies.Reply:
    rows = ", ".join(f"{n} {table}" for table, n in counts.items())
    text = f"I've sent you the workspace's data in a direct message, as JSON and CSV ({rows})."
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export")


def export_failed(reason: str) -> replies.Reply:
    text = f"I couldn't send the export: Slack said `{quote(reason, 60)}`. Please try again later."
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export_failed")
