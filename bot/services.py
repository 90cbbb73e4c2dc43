"""What the listeners need, built once at start-up: settings, storage, the decks, the coach and the brief.

The coach is made per request with the workspace's own deck in the reply's language (`coach_for`): a
Coach is a few references, and the deck comes from `Decks`, which rebuilds it only when that
workspace's edits move. Every word the coach says is loaded in Welsh and English (`Content`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.coach import privacy, replies
from bot.coach.answers import Answers, load_answers
from bot.coach.brief import Briefs
from bot.coach.coach import Coach, answer_in
from bot.coach.deck import Deck, load_deck
from bot.coach.language import LANGUAGES, Telling, load_telling, reply_languages
from bot.coach.nudges import Nudges, load_nudges
from bot.coach.reader import load_lexicon, read_plan
from bot.coach.words import load_glossary
from bot.coach.workspace_deck import Decks
from bot.inbox import Inbox
from bot.settings import Settings
from bot.store import Store
from bot.web.dbhealth import DatabaseHealth
from bot.web.executor import BoundedExecutor


@dataclass(frozen=True)
class Content:
    """Everything editors write, checked: the deck, nudges and answers in each language, and the words
    that tell the languages apart. Plain data, read-only: a web worker takes its master's."""

    decks: dict[str, Deck]
    nudges: dict[str, Nudges]
    answers: dict[str, Answers]
    telling: Telling


@dataclass
class Services:
    settings: Settings
    store: Store
    deck: Deck
    nudges: Nudges
    coach: Coach
    briefs: Briefs
    health: DatabaseHealth
    inbox: Inbox
    decks: Decks
    content: Content | None = None
    # the workspace decks of every language (English's is `decks`), and the coach of each language's base deck
    decks_by_lang: dict[str, Decks] = field(default_factory=dict)
    coaches: dict[str, Coach] = field(default_factory=dict)
    # Bolt's listener pool; the shutdown drain waits on it.
    executor: BoundedExecutor = field(
        default_factory=lambda: BoundedExecutor(max_workers=12, max_pending=200)
    )

    def deck_for(self, team_id: str, lang: str = "en") -> Deck:
        return self.decks_by_lang.get(lang, self.decks).for_team(team_id)

    def coach_for(self, team_id: str, deck: Deck | None = None, lang: str = "en") -> Coach:
        """The coach with this workspace's deck in `lang` (edits made in any process are seen at once).

        `deck`: the workspace's deck when the caller has just looked it up (one look-up a request).
        """
        lang = deck.lang if deck is not None else lang
        deck = deck or self.deck_for(team_id, lang)
        base = self.coaches.get(lang, self.coach)
        if deck is base.deck:
            return base
        s = self.settings
        return Coach(
            deck,
            base.nudges,
            self.store,
            answers=base.answers,
            goal_chars=s.goal_chars,
            text_chars=s.text_chars,
            privacy_line=base.privacy_line,
        )

    def languages_for(
        self, team_id: str, channel_id: str, mention: str, thread: list[str]
    ) -> tuple[str, ...]:
        """The languages a reply in this channel is written in, Welsh first (`/paradox language`)."""
        setting = self.store.language_of(team_id, channel_id)
        found = (
            self.content.telling.of_thread(mention, thread) if setting == "auto" and self.content else None
        )
        return reply_languages(setting, found)

    def answer_in(
        self,
        team_id: str,
        langs: tuple[str, ...],
        work: Callable[[Coach], replies.Reply | replies.Reaction],
        *,
        deck: Deck | None = None,
    ) -> replies.Reply | replies.Reaction:
        """`work` done in each of `langs` by this workspace's coach, as one reply (Welsh first).

        `deck`: the workspace's deck in one of them when the caller has just looked it up.
        """
        return answer_in(
            lambda lang: self.coach_for(
                team_id, deck if deck is not None and deck.lang == lang else None, lang
            ),
            langs,
            work,
        )

    def warm_up(self) -> threading.Thread:
        """Compile the plan reader now, in the background, rather than in the first request to need it.

        Its patterns take about 0.2 s to compile, and its learned part's weights about as long to load:
        the first mention or `/paradox` plan after every start, in every worker, used to wait that long
        (the slowest 1% of answers in a load test). Out of start-up, so that the bot answers Slack as
        soon as it can.
        """
        thread = threading.Thread(
            target=read_plan,
            args=(self.deck, ["We want 300 more carers to register by March, on Facebook."]),
            name="warm-up",
            daemon=True,
        )
        thread.start()
        return thread

    def briefs_for(self, team_id: str) -> Briefs:
        coach = self.coach_for(team_id)
        return self.briefs if coach is self.coach else Briefs(coach)


def load_content(settings: Settings) -> Content:
    """Load and check everything editors write, in every language; raises ConfigError naming file and line."""
    prompts = settings.prompts_dir
    lexicon = load_lexicon(prompts)  # the reader reads both languages whatever the reply is in
    load_glossary(prompts)  # checked with the rest: it is what the Welsh is written to
    return Content(
        {lang: load_deck(prompts, lang, lexicon=lexicon) for lang in LANGUAGES},
        {lang: load_nudges(prompts, lang) for lang in LANGUAGES},
        {lang: load_answers(prompts, lang) for lang in LANGUAGES},
        load_telling(prompts),
    )


def build_services(settings: Settings, *, migrate: bool = True, content: Content | None = None) -> Services:
    """Everything the listeners need. `content`: the decks as already loaded and checked (a web
    worker takes its master's: plain data, read-only, so safe to share across the fork)."""
    content = content or load_content(settings)
    deck, nudges = content.decks["en"], content.nudges["en"]
    store = Store(settings.database_url)
    health = DatabaseHealth(store.ping)
    inbox = Inbox(
        store,
        health,
        lease=settings.inbox_lease_seconds,
        keep_finished_hours=settings.inbox_keep_finished_hours,
        retention=settings.retention,
    )
    if migrate:
        store.migrate()
        inbox.purge()
    privacy_lines = {  # the Home tab's and `my data`'s line, in each language
        lang: privacy.summary_line(
            content.decks[lang].words,
            settings.privacy_url,
            settings.retention.goals_days,
            settings.retention.questions_days,
        )
        for lang in LANGUAGES
    }
    coaches = {
        lang: Coach(
            content.decks[lang],
            content.nudges[lang],
            store,
            goal_chars=settings.goal_chars,
            answers=content.answers[lang],
            text_chars=settings.text_chars,
            privacy_line=privacy_lines[lang],
        )
        for lang in LANGUAGES
    }
    coach = coaches["en"]
    decks = {lang: Decks(content.decks[lang], store) for lang in LANGUAGES}
    return Services(
        settings,
        store,
        deck,
        nudges,
        coach,
        Briefs(coach),
        health,
        inbox,
        decks["en"],
        content=content,
        decks_by_lang=decks,
        coaches=coaches,
    )
