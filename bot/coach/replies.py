"""Replies as plain data: what the bot says, before `bot.slack.render` makes it Block Kit.

Every reply has a kind (the contract's `block_id` kinds), a plain-text fallback and a list of
typed parts. User text inside a reply is always passed through `quote()` first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.coach.deck import OASIS_STEPS, Deck, Paradox, Question


@dataclass(frozen=True)
class Button:
    action_id: str
    text: str
    value: str
    label: str  # accessibility label, read by screen readers
    style: str | None = None
    confirm: str = ""  # when set, Slack asks "are you sure?" with this text first


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


def not_our_goal_button(thread_ts: str) -> Button:
    """Forgets the goal just recorded for the thread (`thread_ts`) or, when "", for the channel."""
    return Button(
        NOT_OUR_GOAL,
        "That's not our goal",
        thread_ts or "channel",
        "I misread the goal: forget it for this thread",
    )


def we_have_a_goal_button(thread_ts: str) -> Button:
    """Opens a one-field form; what is typed becomes the goal of the thread (or, when "", the channel)."""
    return Button(
        WE_HAVE_A_GOAL,
        "We have a goal",
        thread_ts or "channel",
        "Type the goal you already have",
        style="primary",
    )


def place_of_button(value: str) -> str:
    """The thread ts a goal button stands for, or "" for the channel."""
    return "" if value in ("", "channel") else value


def small_talk(text: str, suffix: str, *, context: str = "") -> Reply:
    """A short `help` reply to a mention that carries no plan: never a question or a nudge."""
    parts: list[Part] = [Section(text)]
    if context:
        parts.append(Context(context))
    return Reply("help", " ".join([text] + ([context] if context else [])), parts, suffix=suffix)


def oasis_names(paradox: Paradox) -> str:
    return ", ".join(OASIS_STEPS[s] for s in paradox.oasis)


def paradox_named(paradox: Paradox, step: str = "") -> str:
    """The paradox in a few words, for replies in a thread: its title and the OASIS step at stake."""
    return f"From _{paradox.title}_  ·  OASIS: {OASIS_STEPS.get(step) or oasis_names(paradox)}"


def paradox_context(paradox: Paradox) -> str:
    return f"_{paradox.title}_: {paradox.sides[0]} {paradox.sides[1]}  ·  OASIS: {oasis_names(paradox)}"


def question_buttons(question: Question) -> list[Button]:
    return [
        Button(ANOTHER, "Another question", question.id, "Replace this with a different challenge question"),
        Button(SHARE, "Share in channel", question.id, "Post this question in the channel for everyone"),
    ]


def challenge(deck: Deck, questions: list[Question], *, lead: str = "", buttons: bool = False) -> Reply:
    """One or more challenge questions, with the paradox each comes from."""
    parts: list[Part] = []
    if lead:
        parts.append(Section(lead))
    for q in questions:
        parts.append(Section(f"*{q.text}*"))
        parts.append(Context(paradox_context(deck.paradox_of(q.id))))
    if buttons and len(questions) == 1:
        parts.append(Actions(question_buttons(questions[0])))
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
    return Reply(
        "challenge",
        f"{question.text} (shared by a teammate)",
        [
            Section(f"*{question.text}*"),
            Context(
                f"{paradox_context(paradox)}  ·  Shared by <@{user_id}> from /paradox"
                if user_id
                else f"{paradox_context(paradox)}  ·  Shared from /paradox"
            ),
        ],
        suffix=f"{question.id}:shared",
        question_ids=[question.id],
    )


def error(problem: str, suggestions: list[str]) -> Reply:
    tries = "\n".join(f"• `{s}`" for s in suggestions)
    body = f"{problem}\n\n*Try:*\n{tries}" if suggestions else problem
    plain = f"{problem} Try: {'; '.join(suggestions)}" if suggestions else problem
    return Reply("error", plain, [Section(body)])


# Said whenever the bot cannot answer for reasons of its own (a bug, or the database unreachable).
SORRY = error(
    "Sorry, I couldn't answer that just now. The problem is on my side, not yours: please try again in a minute.",
    ["/paradox help"],
)


def help_reply() -> Reply:
    forms = [
        ("/paradox", "a challenge question from the deck"),
        (
            "/paradox cost",
            "a question from one paradox: use its name or a keyword (audience, young, deliberation…)",
        ),
        ("/paradox list", "the ten paradoxes, both sides of each"),
        (
            "/paradox goal <what people should do, who, how much, by when>",
            "record this channel's strategic goal",
        ),
        ("/paradox goal", "show the goal on record"),
        (
            "/paradox weekly friday 16:00 Europe/London",
            "a weekly prompt in this channel (timezone optional)",
        ),
        ("/paradox weekly", "show the weekly prompt and when the next one comes"),
        ("/paradox weekly pause 2 weeks", "skip the next two weekly prompts (`weekly resume` undoes it)"),
        ("/paradox weekly holidays GB-ENG", "no prompts on public holidays (`weekly holidays off` to stop)"),
        ("/paradox weekly off", "stop the weekly prompt"),
        ("/paradox my data", "see, privately, what I store about you"),
        ("/paradox forget me", "erase everything I store about you (asks first)"),
        ("/paradox forget", "erase this channel's goals and thread memory (asks first)"),
        ("/paradox export", "workspace admins: everything I store for the workspace, as files in a DM"),
        (
            "/paradox digest on",
            "a monthly DM with the coach's scorecard (`digest on GB-ENG` skips those holidays; `digest off`)",
        ),
        (
            "/paradox we're thinking of a TikTok series",
            "describe a plan: I'll ask the question it most needs",
        ),
        (
            "@paradox-coach in a thread",
            "I read the thread and ask for the goal first, then the open questions",
        ),
        (
            "@paradox-coach what makes an objective SMART?",
            "a short answer on SMART, outputs and outcomes, evaluation or OASIS",
        ),
    ]
    lines = "\n".join(f"• `{f}`: {what}" for f, what in forms)
    return Reply(
        "help",
        "How to use /paradox: " + "; ".join(f"{f} ({what})" for f, what in forms),
        [
            Header("Goal first, then channel"),
            Section(
                "Social media is one-way and conversational, free and ruinous, quick and slow. That paradox "
                "stops mattering once the channel serves a goal. I ask the questions that get you there.",
            ),
            Section(lines),
        ],
    )


def list_reply(deck: Deck) -> Reply:
    parts: list[Part] = [Header(f"The {len(deck.paradoxes)} paradoxes of social media")]
    lines = []
    for p in deck.paradoxes:
        parts.append(Section(f"*{p.title}*  (`/paradox {p.id}`)\n• {p.sides[0]}\n• {p.sides[1]}"))
        lines.append(f"{p.title}: {p.sides[0]} {p.sides[1]}")
    parts.append(Context("Each stops being a problem once the channel is a means, not an end."))
    return Reply("list", "The paradoxes of social media. " + " ".join(lines), parts)
