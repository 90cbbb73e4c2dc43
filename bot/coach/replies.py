"""Replies as plain data: what the bot says, before `bot.slack.render` makes it Block Kit.

Every reply has a kind (the contract's `block_id` kinds), a plain-text fallback and a list of
typed parts. User text inside a reply is always passed through `quote()` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.coach.deck import OASIS_STEPS, Deck, Paradox, Question
from bot.coach.words import Words


@dataclass(frozen=True)
class Button:
    action_id: str
    text: str
    value: str
    label: str  # accessibility label, read by screen readers
    style: str | None = None
    confirm: str = ""  # when set, Slack asks "are you sure?" with this text first
    # the dialog's title and buttons, in the reply's language (`buttons.confirm_*` in prompts/messages.yml)
    confirm_title: str = "Are you sure?"
    confirm_yes: str = "Yes"
    confirm_no: str = "Cancel"


@dataclass(frozen=True)
class Menu:
    """An overflow menu beside a section: (text, value) options under one action id."""

    action_id: str
    options: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Header:
    text: str  # plain text


@dataclass(frozen=True)
class Section:
    text: str  # mrkdwn
    menu: Menu | None = None


@dataclass(frozen=True)
class Context:
    text: str  # mrkdwn, shown small


@dataclass(frozen=True)
class Divider:
    pass


@dataclass(frozen=True)
class Actions:
    buttons: list[Button]


Part = Header | Section | Context | Divider | Actions


@dataclass
class Reply:
    kind: str
    text: str  # plain fallback for notifications and screen readers
    parts: list[Part] = field(default_factory=list)
    suffix: str = ""  # appended to the first block_id after ":"
    question_ids: list[str] = field(default_factory=list)

    @property
    def block_id(self) -> str:
        return f"{self.kind}:{self.suffix}" if self.suffix else self.kind


@dataclass(frozen=True)
class Reaction:
    """Not a message: an emoji put on the message being answered (how thanks are answered)."""

    name: str  # Slack's emoji name, without colons


ANOTHER = "another_question"
SHARE = "share_in_channel"
ANOTHER_ANGLE = "another_angle"
NOT_OUR_GOAL = "not_our_goal"
WE_HAVE_A_GOAL = "we_have_a_goal"


def not_our_goal_button(thread_ts: str, words: Words) -> Button:
    """Forgets the goal just recorded for the thread (`thread_ts`) or, when "", for the channel."""
    return Button(
        NOT_OUR_GOAL,
        words.say("buttons.not_our_goal"),
        f"{thread_ts or 'channel'}|{words.lang}",
        words.say("buttons.not_our_goal_label"),
    )


def we_have_a_goal_button(thread_ts: str, words: Words) -> Button:
    """Opens a one-field form; what is typed becomes the goal of the thread (or, when "", the channel)."""
    return Button(
        WE_HAVE_A_GOAL,
        words.say("buttons.we_have_a_goal"),
        f"{thread_ts or 'channel'}|{words.lang}",
        words.say("buttons.we_have_a_goal_label"),
        style="primary",
    )


def place_of_button(value: str) -> str:
    """The thread ts a goal button stands for, or "" for the channel."""
    value = value.split("|", 1)[0]
    return "" if value in ("", "channel") else value


def language_of_button(value: str) -> str | None:
    """The language a button was written in, carried at the end of its value ("1760000.0001|cy" on a goal
    button, "forget_me:cy" on an erasure), because Slack sends no message with a press on a private
    reply; None for a button made before buttons said."""
    lang = re.split(r"[|:]", value)[-1] if re.search(r"[|:]", value) else ""
    return lang if lang in ("cy", "en") else None


def small_talk(text: str, suffix: str, *, context: str = "") -> Reply:
    """A short `help` reply to a mention that carries no plan: never a question or a nudge."""
    parts: list[Part] = [Section(text)]
    if context:
        parts.append(Context(context))
    return Reply("help", " ".join([text] + ([context] if context else [])), parts, suffix=suffix)


def oasis_names(paradox: Paradox, words: Words | None = None) -> str:
    return ", ".join(words.oasis(s) if words else OASIS_STEPS[s] for s in paradox.oasis)


def paradox_named(deck: Deck, paradox: Paradox, step: str = "") -> str:
    """The paradox in a few words, for replies in a thread: its title and the OASIS step at stake."""
    steps = deck.words.oasis(step) if step in OASIS_STEPS else oasis_names(paradox, deck.words)
    return deck.words.say("paradox.named", title=paradox.title, steps=steps)


def paradox_context(deck: Deck, paradox: Paradox) -> str:
    steps = oasis_names(paradox, deck.words)
    return f"_{paradox.title}_: {paradox.sides[0]} {paradox.sides[1]}  ·  OASIS: {steps}"


def question_buttons(question: Question, words: Words) -> list[Button]:
    return [
        Button(ANOTHER, words.say("buttons.another"), question.id, words.say("buttons.another_label")),
        Button(SHARE, words.say("buttons.share"), question.id, words.say("buttons.share_label")),
    ]


def challenge(deck: Deck, questions: list[Question], *, lead: str = "", buttons: bool = False) -> Reply:
    """One or more challenge questions, with the paradox each comes from."""
    parts: list[Part] = []
    if lead:
        parts.append(Section(lead))
    for q in questions:
        parts.append(Section(f"*{q.text}*"))
        parts.append(Context(paradox_context(deck, deck.paradox_of(q.id))))
    if buttons and len(questions) == 1:
        parts.append(Actions(question_buttons(questions[0], deck.words)))
    text = " ".join(([lead] if lead else []) + [q.text for q in questions])
    return Reply(
        "challenge",
        text,
        parts,
        suffix=questions[0].id,
        question_ids=[q.id for q in questions],
    )


def shared(deck: Deck, question: Question, user_id: str) -> Reply:
    paradox = deck.paradox_of(question.id)
    words = deck.words
    by = words.say("paradox.shared_by", user=user_id) if user_id else words.say("paradox.shared")
    return Reply(
        "challenge",
        words.say("paradox.shared_text", text=question.text),
        [Section(f"*{question.text}*"), Context(f"{paradox_context(deck, paradox)}  ·  {by}")],
        suffix=f"{question.id}:shared",
        question_ids=[question.id],
    )


def error(problem: str, suggestions: list[str], words: Words | None = None) -> Reply:
    """What could not be used and what to type instead (`words`: in the reply's language; English without)."""
    tries = "\n".join(f"• `{s}`" for s in suggestions)
    heading, lead = (words.say("errors.try"), words.say("errors.try_text")) if words else ("*Try:*", "Try:")
    body = f"{problem}\n\n{heading}\n{tries}" if suggestions else problem
    plain = f"{problem} {lead} {'; '.join(suggestions)}" if suggestions else problem
    return Reply("error", plain, [Section(body)])


# Said whenever the bot cannot answer for reasons of its own (a bug, or the database unreachable).
SORRY = error(
    "Sorry, I couldn't answer that just now. The problem is on my side, not yours: please try again in a minute.",
    ["/paradox help"],
)


def sorry(words: Words) -> Reply:
    """SORRY, in the words' language."""
    return error(words.say("errors.sorry"), ["/paradox help"], words)


def help_reply(deck: Deck) -> Reply:
    words = deck.words
    forms = list(words.help_forms)
    lines = "\n".join(f"• `{f}`: {what}" for f, what in forms)
    return Reply(
        "help",
        words.say("help.text") + " " + "; ".join(f"{f} ({what})" for f, what in forms),
        [Header(words.say("help.header")), Section(words.say("help.intro")), Section(lines)],
    )


def list_reply(deck: Deck) -> Reply:
    words = deck.words
    parts: list[Part] = [Header(words.say("list.header", count=len(deck.paradoxes)))]
    lines = []
    for p in deck.paradoxes:
        parts.append(Section(f"*{p.title}*  (`/paradox {p.id}`)\n• {p.sides[0]}\n• {p.sides[1]}"))
        lines.append(f"{p.title}: {p.sides[0]} {p.sides[1]}")
    parts.append(Context(words.say("list.footer")))
    return Reply("list", words.say("list.text") + " " + " ".join(lines), parts)


def together(answers: list[Reply | Reaction]) -> Reply | Reaction:
    """One message in several languages, in the order given (Welsh first): each language's blocks under
    the last, a divider between, one row of buttons whose labels carry every language."""
    first = answers[0]
    if len(answers) == 1 or not isinstance(first, Reply):
        return first
    alike = [a for a in answers if isinstance(a, Reply)]
    parts: list[Part] = []
    rows: list[list[Button]] = []
    for n, reply in enumerate(alike):
        if n:
            parts.append(Divider())
        parts += [p for p in reply.parts if not isinstance(p, Actions)]
        rows.append([b for p in reply.parts if isinstance(p, Actions) for b in p.buttons])
    if rows[0]:
        buttons = []
        for i, button in enumerate(rows[0]):
            labels = list(dict.fromkeys(row[i].text for row in rows if i < len(row)))
            buttons.append(
                replace(
                    button,
                    text=" / ".join(labels)[:75],
                    label=" / ".join(dict.fromkeys(row[i].label for row in rows if i < len(row))),
                )
            )
        parts.append(Actions(buttons))
    return replace(first, text="\n\n".join(r.text for r in alike), parts=parts)
