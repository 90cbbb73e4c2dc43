"""The forms of `/paradox` as typed values, and reading the coaching forms (all but `weekly …`).

`bot.slash.parse` reads the whole command; the weekly forms are read by `bot.weekly.command`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum

from bot.coach.deck import Deck
from bot.coach.language import SETTING_WORDS
from bot.coach.reader import find_channels, read_plan
from bot.coach.text import quote

_WORDS = ["help", "list", "goal", "goals", "weekly", "digest", "forget", "export", "language", "iaith"]
# `/paradox language cy` and its Welsh form `/paradox iaith cymraeg`
_LANGUAGE = ("language", "languages", "lang", "iaith")
# The privacy forms, typed exactly (any case or spacing): erasure must never be guessed at.
_PRIVACY = {"forget": "forget", "forget me": "forget_me", "my data": "my_data", "export": "export"}
# Their Welsh forms, answered in Welsh ("fy nata" is "my data" after its nasal mutation; "fy data" as
# many say it).
_PRIVACY_CY = {
    "anghofio": "forget",
    "anghofio fi": "forget_me",
    "fy nata": "my_data",
    "fy data": "my_data",
    "allforio": "export",
}


class Form(Enum):
    """The forms of /paradox in the contract, one member each."""

    QUESTION = "question"  # nothing typed: a question from the deck
    TOPIC = "topic"  # a paradox id or keyword
    UNMATCHED = "unmatched"  # one word that is no paradox, command or channel: a question anyway
    LIST = "list"
    HELP = "help"
    GOAL_SHOW = "goal_show"
    GOAL_SET = "goal_set"
    GOALS = "goals"  # the channel's recorded goals, with dates and follow-up results
    WEEKLY_SHOW = "weekly_show"
    WEEKLY_SET = "weekly_set"
    WEEKLY_OFF = "weekly_off"
    WEEKLY_PAUSE = "weekly_pause"
    WEEKLY_RESUME = "weekly_resume"
    WEEKLY_HOLIDAYS = "weekly_holidays"
    FORGET = "forget"  # erase this channel's goals and thread memory (after a button)
    FORGET_ME = "forget_me"  # erase what is stored about the person asking (after a button)
    MY_DATA = "my_data"  # show the person asking what is stored about them
    EXPORT = "export"  # a workspace admin's export of everything stored, as files in a DM
    DIGEST_ON = "digest_on"
    DIGEST_OFF = "digest_off"
    DIGEST_SHOW = "digest_show"
    LANGUAGE_SHOW = "language_show"  # the channel's reply language
    LANGUAGE_SET = "language_set"  # `text`: auto, cy, en or both
    PLAN = "plan"  # anything else: a plan in words
    ERROR = "error"  # could not be used; `problem` says why

    @property
    def is_weekly(self) -> bool:
        return self.value.startswith("weekly_")

    @property
    def is_privacy(self) -> bool:
        """`forget`, `forget me`, `my data` (the export needs Slack calls, so the listener has it)."""
        return self in (Form.FORGET, Form.FORGET_ME, Form.MY_DATA)

    @property
    def is_digest(self) -> bool:
        return self.value.startswith("digest_")


@dataclass(frozen=True)
class Command:
    form: Form
    text: str = ""  # the goal or plan text, or the topic id
    weekday: int = 0
    local_time: str = ""
    timezone: str = ""  # empty: use the asking user's Slack timezone
    weeks: int = 0
    problem: str = ""  # for errors: what was wrong
    suggestion: list[str] = field(default_factory=list)  # for errors: what to type instead
    # for errors said in the reply's language: the entry of prompts/messages.yml, and the words it names
    problem_key: str = ""
    close: tuple[str, ...] = ()
    welsh: bool = False  # typed in Welsh (`iaith cymraeg`): answered in Welsh where nothing else decides

    @property
    def needs_user_timezone(self) -> bool:
        """A subscription without a timezone takes the asking user's, which only Slack knows."""
        return (self.form is Form.WEEKLY_SET and not self.timezone) or self.form is Form.DIGEST_ON


def _small_talk(deck: Deck, text: str) -> bool:
    """ "thanks" or "hi" after /paradox: small talk (the coach answers it), not a mistyped topic."""
    return read_plan(deck, [text]).rule.id.startswith(("small_talk.", "howto."))


_ONE_WORD = {
    "help": Form.HELP,
    "?": Form.HELP,
    "--help": Form.HELP,
    "-h": Form.HELP,
    "list": Form.LIST,
    "goals": Form.GOALS,
    "nodau": Form.GOALS,  # Welsh: answered in Welsh
}


def parse_coaching(text: str, deck: Deck) -> Command:
    """Read the text after `/paradox` (spacing already folded) as one of the coaching forms."""
    if not text:
        return Command(Form.QUESTION)
    words = text.split(" ")
    head = words[0].lower().rstrip(":")
    if len(words) == 1 and head in _ONE_WORD:
        return Command(_ONE_WORD[head], welsh=head == "nodau")
    privacy = _PRIVACY.get(text.lower()) or _PRIVACY_CY.get(text.lower())
    if privacy:
        return Command(Form(privacy), welsh=text.lower() in _PRIVACY_CY)
    if head in _LANGUAGE:
        return _language(words[1:], welsh=head == "iaith")
    if head == "goal":
        rest = text[len(words[0]) :].strip().lstrip(":").strip()
        return Command(Form.GOAL_SET, text=rest) if rest else Command(Form.GOAL_SHOW)
    if len(words) <= 2:
        paradox = deck.paradox_for_topic(text)
        if paradox:
            return Command(Form.TOPIC, text=paradox.id)
    if len(words) == 1 and not find_channels(deck, text) and not _small_talk(deck, text):
        # One unknown word is most likely a mistyped topic or command, not a plan.
        vocabulary = _WORDS + list(deck.keyword_index)
        close = difflib.get_close_matches(head, vocabulary, n=2, cutoff=0.75)
        if close:
            suggestion = [f"/paradox {c}" for c in close] + ["/paradox list"]
            return Command(
                Form.ERROR,
                text=quote(words[0], 60),
                problem=f"I don't know '{quote(words[0], 60)}'. Did you mean {' or '.join(close)}?",
                problem_key="errors.unknown_word",
                close=tuple(close),
                suggestion=suggestion,
            )
        # A word that is no paradox, command or channel: say so, and ask a question anyway.
        return Command(Form.UNMATCHED, text=words[0])
    return Command(Form.PLAN, text=text)


def _language(rest: list[str], *, welsh: bool) -> Command:
    """`language cy|en|both|auto`, `iaith cymraeg|saesneg|dwyieithog|awtomatig`, `welsh|english|bilingual`."""
    said = " ".join(rest).lower().strip(" .!")
    if not said:
        return Command(Form.LANGUAGE_SHOW, welsh=welsh)
    setting = SETTING_WORDS.get(said)
    welsh = welsh or said in ("cymraeg", "saesneg", "dwyieithog", "awtomatig", "y ddwy")
    if setting:
        return Command(Form.LANGUAGE_SET, text=setting, welsh=welsh)
    head = "iaith" if welsh else "language"
    return Command(
        Form.ERROR,
        text=quote(" ".join(rest), 40),
        problem=f"I don't know the language '{quote(' '.join(rest), 40)}'.",
        problem_key="language.unknown",
        suggestion=[
            f"/paradox {head} {w}"
            for w in (
                ("cymraeg", "saesneg", "dwyieithog", "awtomatig") if welsh else ("cy", "en", "both", "auto")
            )
        ],
        welsh=welsh,
    )
