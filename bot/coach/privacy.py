"""What the bot says about the data it holds: `forget`, `forget me`, `my data`, the export, the Home line.

Plain Python, like the rest of the core. Erasure is asked for twice (the command, then a button on
a private reply, whose dialog says it cannot be undone) and the answer says exactly what went, so
nobody erases a channel's goals by a slip and nobody has to take the bot's word for what it keeps.
docs/privacy.md is the long form. The words are in prompts/forms.yml (`privacy`, `export`), in the
language of the `Words` each reply is given.
"""

from __future__ import annotations

from bot.coach import replies
from bot.coach.storage import Goal, PersonalData
from bot.coach.text import quote
from bot.coach.words import Words

FORGET_CHANNEL = "privacy_forget_channel"
FORGET_ME = "privacy_forget_me"
CANCEL = "privacy_cancel"


def counted(words: Words, noun: str, n: int) -> str:
    """ "3 goals" / "3 nod": a figure with its noun (`privacy.count` in prompts/forms.yml)."""
    return words.say(f"privacy.count.{noun}.{'one' if n == 1 else 'many'}", count=n)


def _period(words: Words, days: float) -> str:
    months = round(days / 30.44)
    return counted(words, "month", months) if days >= 365 else counted(words, "day", round(days))


def summary_line(
    words: Words, privacy_url: str = "", goals_days: float = 396, questions_days: float = 90
) -> str:
    """The one line the Home tab (and `my data`) shows; docs/privacy.md says the same at length."""
    line = words.say(
        "privacy.summary",
        goals_for=_period(words, goals_days),
        questions_for=_period(words, questions_days),
    )
    where = (
        words.say("privacy.summary_link", url=privacy_url)
        if privacy_url
        else words.say("privacy.summary_details")
    )
    return f"{line} {where}"


def _confirm(kind: str, text: str, erase: replies.Button, words: Words) -> replies.Reply:
    return replies.Reply(
        "privacy",
        text,
        [
            replies.Section(text),
            replies.Actions(
                [
                    erase,
                    replies.Button(
                        CANCEL,
                        words.say("privacy.cancel"),
                        f"{kind}:{words.lang}",
                        words.say("privacy.cancel_label"),
                    ),
                ]
            ),
        ],
        suffix=f"confirm_{kind}",
    )


def _erase_button(action_id: str, kind: str, label: str, dialog: str, words: Words) -> replies.Button:
    """The red button, and Slack's dialog before it erases: in the reply's language."""
    return replies.Button(
        action_id,
        words.say("privacy.erase"),
        f"{kind}:{words.lang}",
        label,
        "danger",
        confirm=dialog,
        confirm_title=words.say("buttons.confirm_title"),
        confirm_yes=words.say("buttons.confirm_yes"),
        confirm_no=words.say("buttons.confirm_no"),
    )


def confirm_forget(channel_id: str, words: Words) -> replies.Reply:
    button = _erase_button(
        FORGET_CHANNEL,
        "forget",
        words.say("privacy.erase_forget_label"),
        words.say("privacy.dialog_forget", channel=channel_id),
        words,
    )
    return _confirm("forget", words.say("privacy.confirm_forget", channel=channel_id), button, words)


def confirm_forget_me(data: PersonalData, words: Words) -> replies.Reply:
    button = _erase_button(
        FORGET_ME,
        "forget_me",
        words.say("privacy.erase_forget_me_label"),
        words.say("privacy.dialog_forget_me"),
        words,
    )
    text = words.say("privacy.confirm_forget_me", held=_held(data, words))
    return _confirm("forget_me", text, button, words)


def _held(data: PersonalData, words: Words) -> str:
    return words.say(
        "privacy.held",
        goals=counted(words, "goal", len(data.goals)),
        questions=counted(words, "question", sum(data.question_channels.values())),
        subscriptions=counted(words, "weekly", len(data.subscriptions)),
    )


def forgotten_channel(channel_id: str, gone: dict[str, int], words: Words) -> replies.Reply:
    text = words.say(
        "privacy.forgotten",
        channel=channel_id,
        goals=counted(words, "goal", gone.get("goals", 0)),
        questions=counted(words, "remembered", gone.get("questions", 0)),
    )
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="forgotten")


def forgotten_me(gone: dict[str, int], words: Words) -> replies.Reply:
    more = ""  # what else their name came off, then whether their digest stopped
    if gone.get("deck_edits"):
        more += words.say(
            "privacy.off_deck_edits", deck_edits=counted(words, "deck_edit", gone["deck_edits"])
        )
    if gone.get("languages"):
        more += words.say("privacy.off_languages", languages=counted(words, "language", gone["languages"]))
    if gone.get("results"):
        more += words.say("privacy_results.unnamed", count=gone["results"])
    text = words.say(
        "privacy.forgotten_me",
        goals=counted(words, "goal", gone.get("goals", 0)),
        questions=counted(words, "remembered", gone.get("questions", 0)),
        subscriptions=counted(words, "weekly", gone.get("subscriptions", 0)),
        more=more,
        digest=words.say("privacy.digest_stopped") if gone.get("digests") else "",
    )
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="forgotten_me")


def cancelled(words: Words) -> replies.Reply:
    text = words.say("privacy.cancelled")
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="cancelled")


def my_data(data: PersonalData, words: Words, privacy_line: str = "") -> replies.Reply:
    """What is stored about the person asking; only they see it (an ephemeral reply)."""
    say = words.say
    parts: list[replies.Part] = [replies.Header(say("privacy.my_data.header"))]
    if data.empty:
        parts.append(replies.Section(say("privacy.my_data.nothing")))
    if data.goals:
        in_thread = " " + say("privacy.my_data.in_thread")  # the loader trims an entry's spaces
        lines = [
            f"• <#{g.channel_id}>{in_thread if g.thread_ts else ''}: {quote(g.text, 180)}{_result(g, words)}"
            for g in data.goals[:20]
        ]
        if len(data.goals) > 20:
            lines.append(say("privacy.my_data.more", count=len(data.goals) - 20))
        parts.append(
            replies.Section(say("privacy.my_data.goals", count=len(data.goals)) + "\n" + "\n".join(lines))
        )
    if data.results:
        lines = [f"• <#{g.channel_id}>: {quote(g.text, 120)}{_result(g, words)}" for g in data.results[:20]]
        parts.append(replies.Section(say("privacy_results.my_data") + "\n" + "\n".join(lines)))
    if data.question_channels:
        lines = [f"• <#{c}>: {counted(words, 'question', n)}" for c, n in data.question_channels.items()]
        parts.append(replies.Section(say("privacy.my_data.questions") + "\n" + "\n".join(lines)))
    if data.subscriptions:
        lines = [f"• <#{c}>" for c in data.subscriptions]
        parts.append(replies.Section(say("privacy.my_data.weekly") + "\n" + "\n".join(lines)))
    if data.digest:
        parts.append(replies.Section(say("privacy.my_data.digest")))
    if data.deck_edits:
        parts.append(
            replies.Section(say("privacy.my_data.deck_edits", edits=counted(words, "edit", data.deck_edits)))
        )
    if data.languages:
        default = say("privacy.my_data.workspace_default")
        lines = [f"• <#{c}>" if c else f"• {default}" for c in data.languages]
        parts.append(replies.Section(say("privacy.my_data.languages") + "\n" + "\n".join(lines)))
    parts.append(replies.Context(say("privacy.my_data.footer") + " " + (privacy_line or summary_line(words))))
    text = say("privacy.my_data.text", held=_held(data, words))
    return replies.Reply("privacy", text, parts, suffix="my_data")


def _result(goal: Goal, words: Words) -> str:
    """A goal's follow-up result, after the goal in `my data` ("" when none)."""
    if not goal.result:
        return ""
    note = f" ({quote(goal.result_note, 120)})" if goal.result_note else ""
    return f" → *{words.say(f'followup.result.{goal.result}')}*{note}"


def export_refused(words: Words) -> replies.Reply:
    text = words.say("export.refused")
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export_refused")


def export_sent(counts: dict[str, int], words: Words) -> replies.Reply:
    rows = ", ".join(words.say("export.row", count=n, table=table) for table, n in counts.items())
    text = words.say("export.sent", rows=rows)
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export")


def export_failed(reason: str, words: Words) -> replies.Reply:
    text = words.say("export.failed", reason=quote(reason, 60))
    return replies.Reply("privacy", text, [replies.Section(text)], suffix="export_failed")


def export_comment(words: Words) -> str:
    """What the direct message with the files says beside them."""
    return words.say("export.comment")
