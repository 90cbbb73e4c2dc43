"""The App Home tab: "Plan a campaign", the workspace's language, recent goals, weekly prompts, the coach's
scorecard, and the deck.

The Home is shown in the workspace's default language, which admins set on it: Welsh, English, or both.
In both, each section is said in Welsh and then in English, and its heading and controls appear once,
labelled in both: an English reader need not scroll past a whole Welsh page, and a Welsh one reads
Welsh first everywhere. The deck is the workspace's own: everyone sees it; admins also get its edit
menus, "Restore the defaults", and the log of who changed what and when.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.coach import dates, replies, scorecard
from bot.coach import workspace_deck as wd
from bot.coach.deck import Deck
from bot.coach.language import LANGUAGES, SETTINGS, reply_languages
from bot.coach.storage import DeckEdit, Goal, ScoreFacts, Storage, Subscription
from bot.coach.text import quote
from bot.coach.words import Words

HOME_GOALS = 10  # the Home tab lists at most this many recent goals
HOME_SUBSCRIPTIONS = 25  # and this many weekly subscriptions
HOME_EDITS = 10  # and, for admins, this many of the latest deck edits
SCORE_MONTHS = 3

# Action ids of the deck's controls (the Slack layer wires them in bot/listeners/actions/).
DECK_MENU = "deck_menu"
DECK_SHOW = "deck_show"
DECK_RESTORE = "deck_restore"
# The workspace-language buttons: one per setting (ids are unique within a row), all starting with this.
WORKSPACE_LANGUAGE = "workspace_language"
LANGUAGE_CHOICES = ("cy", "both", "en", "auto")  # as the buttons are laid out: Welsh first

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEPARATOR = " / "  # between the Welsh and the English of one label
BUTTON_TEXT = 75  # Slack's longest button text


@dataclass(frozen=True)
class Page:
    """One language's makings: the workspace's deck, the shipped one (to name what is hidden), and the
    privacy line (`bot.coach.privacy.summary_line`, shared with `my data`)."""

    deck: Deck
    base: Deck
    privacy_line: str

    @property
    def words(self) -> Words:
        return self.deck.words


@dataclass(frozen=True)
class Facts:
    """What the Home shows, read once however many languages it is shown in."""

    setting: str  # the workspace's default language
    goals: list[Goal]
    subs: list[Subscription]
    score: ScoreFacts
    edits: list[DeckEdit]  # only read for admins
    now: float


def said(words: list[Words], key: str, sep: str = SEPARATOR, **values: object) -> str:
    """An entry in each language given, Welsh first, once where they read the same ("OK")."""
    return sep.join(_distinct(w.say(key, **values) for w in words))


def languages(setting: str) -> tuple[str, ...]:
    """The Home's languages, Welsh first. `auto` is English: a page has no writer to follow."""
    return reply_languages(setting if setting in SETTINGS else "auto", None)


def read(store: Storage, team_id: str, setting: str, *, admin: bool, now: float) -> Facts:
    first = scorecard.months_back(now, SCORE_MONTHS)[0]
    return Facts(
        setting if setting in SETTINGS else "auto",
        store.recent_goals(team_id, limit=HOME_GOALS),
        store.subscriptions(team_id, limit=HOME_SUBSCRIPTIONS + 1),
        store.score_facts(team_id, scorecard.start_of(*first)),
        store.deck_edits(team_id) if admin else [],
        now,
    )


def home(
    store: Storage,
    team_id: str,
    pages: Mapping[str, Page],
    link: Callable[[Goal], str],
    *,
    setting: str = "auto",
    admin: bool = False,
    now: float | None = None,
) -> replies.Reply:
    """The Home tab in the languages `setting` (the workspace's default) asks for.

    `pages`: each language's makings ("cy" and "en"); `link(goal)` is the permalink of the thread a goal
    was stated in, or "" (the Slack layer asks Slack); `admin` adds the deck's edit controls and log,
    and the buttons that set the workspace's language.
    """
    facts = read(store, team_id, setting, admin=admin, now=time.time() if now is None else now)
    labels = [pages[lang].words for lang in LANGUAGES if lang in pages]
    shown = [page(pages[lang], facts, link, admin=admin, labels=labels) for lang in languages(facts.setting)]
    return bilingual(shown)


def page(
    p: Page,
    facts: Facts,
    link: Callable[[Goal], str],
    *,
    admin: bool,
    labels: list[Words],
) -> replies.Reply:
    """The Home in one language. `labels`: every language's words, Welsh first, for the language buttons
    (each names its language in both, so that anyone can find theirs)."""
    words = p.words
    parts: list[replies.Part] = [
        replies.Header(words.say("home.title")),
        replies.Section(words.say("home.intro")),
        replies.Actions(
            [
                replies.Button(
                    "plan_campaign",
                    words.say("home.plan"),
                    "home",
                    words.say("home.plan_label"),
                    "primary",
                )
            ],
        ),
        replies.Divider(),
        *language_parts(facts.setting, words, labels, admin),
        replies.Divider(),
        goals_section(facts.goals, link, words),
        weekly_section(facts.subs, words),
        replies.Context(p.privacy_line),
        replies.Divider(),
    ]
    score, score_text = scorecard.home_section(facts.score, p.deck, facts.now, SCORE_MONTHS)
    parts += score
    parts.append(replies.Divider())
    parts += deck_parts(p.base, p.deck, facts.edits, admin)
    text = words.say("home.text", goals=len(facts.goals), subs=len(facts.subs)) + "\n" + score_text
    return replies.Reply("home", text, parts)


def language_parts(setting: str, words: Words, labels: list[Words], admin: bool) -> list[replies.Part]:
    """The workspace's default language, for everyone; for admins, a button per setting to change it."""
    said = (
        f"{words.say('home.language.heading')}\n"
        f"{words.say(f'home.language.current.{setting}')} {words.say('home.language.channels')}"
    )
    if not admin:
        return [replies.Section(said)]
    buttons = [
        replies.Button(
            f"{WORKSPACE_LANGUAGE}_{choice}",
            SEPARATOR.join(dict.fromkeys(w.say(f"home.language.names.{choice}") for w in labels)),
            choice,
            words.say("home.language.button_label", language=words.say(f"home.language.names.{choice}")),
            "primary" if choice == setting else None,
        )
        for choice in LANGUAGE_CHOICES
    ]
    return [replies.Section(f"{said}\n{words.say('home.language.choose')}"), replies.Actions(buttons)]


def goals_section(goals: list[Goal], link: Callable[[Goal], str], words: Words) -> replies.Section:
    heading = words.say("home.goals.heading")
    if not goals:
        return replies.Section(f"{heading}\n{words.say('home.goals.none')}")
    lines = [f"• {_where(g, link(g), words)}: {quote(g.text, 180)}" for g in goals]
    return replies.Section(heading + "\n" + "\n".join(lines))


def _where(goal: Goal, permalink: str, words: Words) -> str:
    """The goal's channel, and a link to its thread when it has one."""
    if not permalink:
        return f"<#{goal.channel_id}>"
    return f"<#{goal.channel_id}> (<{permalink}|{words.say('home.goals.thread')}>)"


def weekly_section(subs: list[Subscription], words: Words) -> replies.Section:
    heading = words.say("home.weekly.heading")
    if not subs:
        return replies.Section(f"{heading}\n{words.say('home.weekly.none')}")
    lines = []
    for s in subs[:HOME_SUBSCRIPTIONS]:
        when = words.say(
            "home.weekly.line",
            days=words.say(f"home.weekly.days.{WEEKDAYS[s.weekday]}"),
            time=s.local_time,
            zone=s.timezone,
        )
        paused = f" {words.say('home.weekly.paused')}" if s.stopped_reason or s.resume_on else ""
        lines.append(f"• <#{s.channel_id}>: {when}{paused}")
    if len(subs) > HOME_SUBSCRIPTIONS:
        lines.append(words.say("home.weekly.more"))
    return replies.Section(heading + "\n" + "\n".join(lines))


def deck_parts(base: Deck, deck: Deck, edits: list[DeckEdit], admin: bool) -> list[replies.Part]:
    """The deck as it is; for admins, its menus, the hidden paradoxes, "Restore the defaults" and the log.

    `deck` and `base` are in the same language; their words say the rest."""
    words = deck.words
    parts: list[replies.Part] = [replies.Header(words.say("deck_admin.heading", count=len(deck.paradoxes)))]
    for p in deck.paradoxes:
        menu = None
        if admin:
            menu = replies.Menu(
                DECK_MENU,
                (
                    (words.say("deck_admin.menu.add"), f"add:{p.id}"),
                    (words.say("deck_admin.menu.hide_question"), f"hideq:{p.id}"),
                    (words.say("deck_admin.menu.hide_paradox"), f"hidep:{p.id}"),
                ),
            )
        extra = f"  ·  {_questions(len(p.questions), words)}" if admin else ""
        parts.append(
            replies.Section(f"*{p.title}*  (`/paradox {p.id}`){extra}\n• {p.sides[0]}\n• {p.sides[1]}", menu)
        )
    hidden = wd.hidden_paradoxes(base, deck)
    if not admin:
        note = f" {words.say('deck_admin.hidden_count', count=len(hidden))}" if hidden else ""
        parts.append(replies.Context(words.say("deck_admin.admins_can") + note))
        return parts
    buttons = [
        replies.Button(
            DECK_SHOW,
            words.say("deck_admin.show", title=p.title)[:BUTTON_TEXT],
            p.id,
            words.say("deck_admin.show_label", title=p.title),
        )
        for p in hidden[:24]
    ]
    buttons.append(
        replies.Button(
            DECK_RESTORE,
            words.say("deck_admin.restore"),
            "restore",
            words.say("deck_admin.restore_label"),
            "danger",
            confirm=words.say("deck_admin.restore_confirm"),
            confirm_title=words.say("buttons.confirm_title"),
            confirm_yes=words.say("buttons.confirm_yes"),
            confirm_no=words.say("buttons.confirm_no"),
        )
    )
    if hidden:
        parts.append(
            replies.Section(words.say("deck_admin.hidden", titles=", ".join(p.title for p in hidden)))
        )
    parts.append(replies.Actions(buttons))
    parts.append(replies.Section(edit_log(base, edits, words)))
    return parts


def _questions(count: int, words: Words) -> str:
    return words.say("deck_admin.question" if count == 1 else "deck_admin.questions", count=count)


def describe_edit(base: Deck, e: DeckEdit, words: Words) -> str:
    """What one edit did, in the words' language (`base`: the shipped deck in that language)."""
    title = base.by_id[e.paradox_id].title if e.paradox_id in base.by_id else e.paradox_id
    match e.kind:
        case wd.ADD:
            return words.say("deck_admin.log.added", title=title, text=quote(e.text, 120))
        case wd.HIDE_QUESTION:
            shipped = base.questions.get(e.question_id)
            what = f"“{quote(shipped.text, 80)}”" if shipped else f"`{e.question_id}`"
            return words.say("deck_admin.log.hid_question", title=title, what=what)
        case wd.HIDE_PARADOX:
            return words.say("deck_admin.log.hid_paradox", title=title)
        case wd.SHOW_PARADOX:
            return words.say("deck_admin.log.showed", title=title)
        case wd.RESET:
            return words.say("deck_admin.log.reset")
    return e.kind


def edit_log(base: Deck, edits: list[DeckEdit], words: Words) -> str:
    heading = words.say("deck_admin.log.heading")
    if not edits:
        return f"{heading}\n{words.say('deck_admin.log.none')}"
    lines = []
    for e in list(reversed(edits))[:HOME_EDITS]:
        when = dates.moment(datetime.fromtimestamp(e.created_at, UTC), words.lang) + " UTC"
        who = f"<@{e.user_id}>" if e.user_id else words.say("deck_admin.log.command_line")
        lines.append(
            "• " + words.say("deck_admin.log.line", when=when, who=who, what=describe_edit(base, e, words))
        )
    return heading + "\n" + "\n".join(lines)


# -- one Home in two languages ---------------------------------------------------------------------------


def bilingual(pages: list[replies.Reply]) -> replies.Reply:
    """One Home in several languages, in the order given (Welsh first).

    The pages are built alike from the same facts, so they pair part by part: a heading, a row of
    buttons or a menu appears once with its labels in every language; a section or a context line is
    said in each language in turn (once when they say the same); a divider stays one divider.
    """
    first = pages[0]
    if len(pages) == 1:
        return first
    if len({tuple(type(part) for part in p.parts) for p in pages}) > 1:
        # Never expected; should it happen, every language is still shown, Welsh first.
        parts: list[replies.Part] = []
        for n, p in enumerate(pages):
            parts += ([replies.Divider()] if n else []) + p.parts
    else:
        parts = [
            merged for group in zip(*(p.parts for p in pages), strict=True) for merged in _merged(list(group))
        ]
    return replace(first, text="\n\n".join(p.text for p in pages), parts=parts)


def _merged(group: list[replies.Part]) -> list[replies.Part]:
    """One part in every language: the same part in each page."""
    head = group[0]
    if isinstance(head, replies.Header):
        texts = _distinct(p.text for p in group)  # type: ignore[union-attr]
        joined = SEPARATOR.join(texts)
        return [replies.Header(joined)] if len(joined) <= 150 else [replies.Header(t) for t in texts]
    if isinstance(head, replies.Actions):
        rows = [p.buttons for p in group]  # type: ignore[union-attr]
        return [replies.Actions([_button(list(same)) for same in zip(*rows, strict=True)])]
    if isinstance(head, replies.Section):
        texts = _distinct(p.text for p in group)  # type: ignore[union-attr]
        menu = _menu([p.menu for p in group])  # type: ignore[union-attr]
        return [replies.Section(texts[0], menu), *(replies.Section(t) for t in texts[1:])]
    if isinstance(head, replies.Context):
        return [replies.Context(t) for t in _distinct(p.text for p in group)]  # type: ignore[union-attr]
    return [head]  # a divider


def _distinct(texts) -> list[str]:
    return list(dict.fromkeys(texts))


def _button(same: list[replies.Button]) -> replies.Button:
    text = SEPARATOR.join(_distinct(b.text for b in same))
    return replace(
        same[0],
        text=text if len(text) <= BUTTON_TEXT else text[: BUTTON_TEXT - 1] + "…",
        label=SEPARATOR.join(_distinct(b.label for b in same)),
        confirm="\n\n".join(_distinct(b.confirm for b in same if b.confirm)),
        confirm_title=SEPARATOR.join(_distinct(b.confirm_title for b in same)),
        confirm_yes=SEPARATOR.join(_distinct(b.confirm_yes for b in same)),
        confirm_no=SEPARATOR.join(_distinct(b.confirm_no for b in same)),
    )


def _menu(menus: list[replies.Menu | None]) -> replies.Menu | None:
    if menus[0] is None:
        return None
    options = zip(*(m.options for m in menus if m), strict=True)
    return replace(
        menus[0],
        options=tuple((SEPARATOR.join(_distinct(text for text, _ in same)), same[0][1]) for same in options),
    )
