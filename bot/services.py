"""What the listeners need, built once at start-up: settings, storage, the decks, the coach and the brief.

The coach is made per request with the workspace's own deck (`coach_for`): a Coach is a few
references, and the deck comes from `Decks`, which rebuilds it only when that workspace's edits move.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from bot.coach import privacy
from bot.coach.answers import Answers, load_answers
from bot.coach.brief import Briefs
from bot.coach.coach import Coach
from bot.coach.deck import Deck, load_deck
from bot.coach.nudges import Nudges, load_nudges
from bot.coach.reader import read_plan
from bot.coach.workspace_deck import Decks
from bot.inbox import Inbox
from bot.settings import Settings
from bot.store import Store
from bot.web.dbhealth import DatabaseHealth
from bot.web.executor import BoundedExecutor


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
    # Bolt's listener pool; the shutdown drain waits on it.
    executor: BoundedExecutor = field(
        default_factory=lambda: BoundedExecutor(max_workers=12, max_pending=200)
    )

    def deck_for(self, team_id: str) -> Deck:
        return self.decks.for_team(team_id)

    def coach_for(self, team_id: str, deck: Deck | None = None) -> Coach:
        """The coach with this workspace's deck (edits made in any process are seen at once).

        `deck`: the workspace's deck when the caller has just looked it up (one look-up a request).
        """
        deck = deck or self.deck_for(team_id)
        if deck is self.deck:
            return self.coach
        s = self.settings
        return Coach(
            deck,
            self.nudges,
            self.store,
            answers=self.coach.answers,
            goal_chars=s.goal_chars,
            text_chars=s.text_chars,
            privacy_line=self.coach.privacy_line,
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


def load_content(settings: Settings) -> tuple[Deck, Nudges, Answers]:
    """Load and check everything editors write; raises ConfigError naming file and line."""
    return (
        load_deck(settings.prompts_dir),
        load_nudges(settings.prompts_dir),
        load_answers(settings.prompts_dir),
    )


def build_services(
    settings: Settings, *, migrate: bool = True, content: tuple[Deck, Nudges, Answers] | None = None
) -> Services:
    """Everything the listeners need. `content`: the decks as already loaded and checked (a web
    worker takes its master's: plain data, read-only, so safe to share across the fork)."""
    deck, nudges, answers = content or load_content(settings)
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
    coach = Coach(
        deck,
        nudges,
        store,
        goal_chars=settings.goal_chars,
        answers=answers,
        text_chars=settings.text_chars,
        privacy_line=privacy.summary_line(
            settings.privacy_url, settings.retention.goals_days, settings.retention.questions_days
        ),
    )
    return Services(settings, store, deck, nudges, coach, Briefs(coach), health, inbox, Decks(deck, store))
