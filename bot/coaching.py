"""The coaching service: from what someone typed or a thread's messages to the bot's replies.

Plain Python with no Slack imports: the Slack listeners and `python -m bot try` both call it.
Randomness comes only from the seed the caller passes, so a run can be repeated exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach import replies
from bot.coach.choosing import pick_questions, preferred_paradoxes
from bot.coach.command import Command
from bot.coach.deck import Deck, Question
from bot.coach.nudges import Nudges
from bot.coach.reading import NONE, OUTPUT, WEAK, PlanReading, read_goal, read_plan
from bot.coach.text import bound, quote
from bot.store import Store


@dataclass(frozen=True)
class Place:
    """Where a conversation happens: workspace, channel and (for threads) the thread's root."""

    team_id: str
    channel_id: str
    thread_ts: str = ""


class Coach:
    def __init__(
        self, deck: Deck, nudges: Nudges, store: Store, *, goal_chars: int = 600, text_chars: int = 4000
    ):
        self.deck = deck
        self.nudges = nudges
        self.store = store
        self.goal_chars = goal_chars
        self.text_chars = text_chars

    # -- questions -----------------------------------------------------------------------------------

    def ask(self, place: Place, prefer: list[str], seed: str, count: int = 1) -> list[Question]:
        """Pick questions not yet asked in this place, and remember them."""
        asked = self.store.asked_in(place.team_id, place.channel_id, place.thread_ts)
        questions, ran_out = pick_questions(self.deck, prefer, asked, seed, count)
        if ran_out:
            self.store.forget_asked(place.team_id, place.channel_id, place.thread_ts)
        self.store.mark_asked(place.team_id, place.channel_id, place.thread_ts, [q.id for q in questions])
        return questions

    def _nudge(self, plan: PlanReading, seed: str) -> replies.Reply:
        channel = plan.channels[0].name if plan.channels else "this"
        key = {WEAK: "weak_goal", OUTPUT: "output_goal", NONE: "goal_nudge"}.get(
            plan.goal.strength, "goal_nudge"
        )
        greeting = self.nudges.pick("greeting", seed)
        ask = self.nudges.pick(key, seed, channel=channel)
        return replies.Reply(
            "goal_nudge",
            f"{greeting} {ask}",
            [
                ("section", f"{greeting} {ask}"),
                (
                    "context",
                    "A channel is a means, not an end. Tell me the goal and I'll help test the plan: "
                    "`/paradox goal <who should do what, how much, by when>`, or say it in this thread.",
                ),
            ],
            suffix=plan.channels[0].id if plan.channels else "",
        )

    # -- /paradox --------------------------------------------------------------------------------------

    def command(self, cmd: Command, place: Place, user_id: str, seed: str) -> replies.Reply:
        """Answer every /paradox form except weekly (the Slack layer routes those to the scheduler)."""
        personal = Place(place.team_id, place.channel_id, f"u:{user_id}")
        if cmd.form == "help":
            return replies.help_reply()
        if cmd.form == "list":
            return replies.list_reply(self.deck)
        if cmd.form == "error":
            return replies.error(cmd.problem, cmd.suggestion)
        if cmd.form == "question":
            return replies.challenge(self.deck, self.ask(personal, [], seed), buttons=True)
        if cmd.form == "topic":
            return replies.challenge(self.deck, self.ask(personal, [cmd.text], seed), buttons=True)
        if cmd.form == "goal_show":
            return self.show_goal(place)
        if cmd.form == "goal_set":
            return self.set_goal(place, cmd.text, user_id, seed)
        if cmd.form == "plan":
            plan = read_plan(self.deck, [bound(cmd.text, self.text_chars)])
            if plan.needs_goal:
                return self._nudge(plan, seed)
            prefer = preferred_paradoxes(self.deck, plan)
            return replies.challenge(self.deck, self.ask(personal, prefer, seed), buttons=True)
        raise ValueError(f"not a coaching form: {cmd.form}")

    def another(self, place: Place, user_id: str, previous_qid: str, seed: str) -> replies.Reply:
        """A fresh question for the "Another question" button, from the same paradox when it has one left."""
        personal = Place(place.team_id, place.channel_id, f"u:{user_id}")
        previous = self.deck.questions.get(previous_qid)
        prefer = [previous.paradox_id] if previous else []
        self.store.mark_asked(
            personal.team_id, personal.channel_id, personal.thread_ts, [previous_qid] if previous else []
        )
        return replies.challenge(self.deck, self.ask(personal, prefer, seed), buttons=True)

    def shared(self, question_id: str, user_id: str) -> replies.Reply | None:
        question = self.deck.questions.get(question_id)
        return replies.shared(self.deck, question, user_id) if question else None

    # -- goals ------------------------------------------------------------------------------------------

    def show_goal(self, place: Place) -> replies.Reply:
        goal = self.store.goal_for(place.team_id, place.channel_id, place.thread_ts)
        if not goal:
            return replies.Reply(
                "goal_recorded",
                "No goal is on record for this channel yet. Record one with /paradox goal followed by the goal.",
                [
                    (
                        "section",
                        "No goal is on record for this channel yet. What should people do differently, who are "
                        "they, how many, and by when?\nRecord it with `/paradox goal <your goal>`.",
                    )
                ],
                suffix="none",
            )
        who = f" (set by <@{goal.user_id}>)" if goal.user_id else ""
        return replies.Reply(
            "goal_recorded",
            f"The goal on record: {quote(goal.text, self.goal_chars)}",
            [("section", f"*The goal on record*{who}:\n>{quote(goal.text, self.goal_chars)}")],
            suffix="show",
        )

    def set_goal(self, place: Place, text: str, user_id: str, seed: str) -> replies.Reply:
        text = bound(text, self.goal_chars)
        reading = read_goal([text])
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id)
        parts: list[tuple] = [
            ("section", f"*Goal recorded* for this channel:\n>{quote(text, self.goal_chars)}")
        ]
        follow_ups = []
        if not reading.stated:
            key = (
                "weak_goal"
                if reading.strength == WEAK
                else "output_goal"
                if reading.strength == OUTPUT
                else None
            )
            follow_ups.append(self.nudges.pick(key, seed) if key else self.nudges.pick("weak_goal", seed))
        else:
            follow_ups += [self.nudges.pick(gap, seed) for gap in reading.gaps()]
        if follow_ups:
            parts.append(("section", "*To make it SMART:*\n" + "\n".join(f"• {f}" for f in follow_ups)))
        plan = PlanReading(goal=reading)
        questions = self.ask(place, preferred_paradoxes(self.deck, plan), seed, count=2)
        for q in questions:
            parts.append(("section", f"*{q.text}*"))
            parts.append(("context", replies.paradox_context(self.deck.paradox_of(q.id))))
        text_parts = (
            [f"Goal recorded: {quote(text, self.goal_chars)}."] + follow_ups + [q.text for q in questions]
        )
        return replies.Reply(
            "goal_recorded", " ".join(text_parts), parts, question_ids=[q.id for q in questions]
        )

    # -- threads ------------------------------------------------------------------------------------------

    def thread(self, place: Place, messages: list[str], user_id: str, seed: str) -> replies.Reply:
        """Coach a campaign thread: goal first, then the questions the goal leaves open."""
        messages = [bound(m, self.text_chars) for m in messages]
        plan = read_plan(self.deck, messages)
        recorded = self.store.goal_for(place.team_id, place.channel_id, place.thread_ts)
        if not plan.goal.stated and recorded and recorded.thread_ts == place.thread_ts:
            plan.goal = read_goal([recorded.text])
        if plan.needs_goal:
            return self._nudge(plan, seed)
        prefer = preferred_paradoxes(self.deck, plan)
        if plan.goal.stated and not (
            recorded
            and recorded.thread_ts == place.thread_ts
            and recorded.text == bound(plan.goal.sentence, self.goal_chars)
        ):
            goal_text = bound(plan.goal.sentence, self.goal_chars)
            self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, goal_text, user_id)
            follow_ups = [self.nudges.pick(gap, seed) for gap in plan.goal.gaps()]
            questions = self.ask(place, prefer, seed, count=1)
            parts: list[tuple] = [
                (
                    "section",
                    f"{self.nudges.pick('greeting', seed)} I've noted the goal:\n>"
                    f"{quote(goal_text, self.goal_chars)}",
                )
            ]
            if follow_ups:
                parts.append(("section", "*To make it SMART:*\n" + "\n".join(f"• {f}" for f in follow_ups)))
            for q in questions:
                parts.append(("section", f"*{q.text}*"))
                parts.append(("context", replies.paradox_context(self.deck.paradox_of(q.id))))
            text = " ".join(
                [f"Goal noted: {quote(goal_text, self.goal_chars)}."]
                + follow_ups
                + [q.text for q in questions]
            )
            return replies.Reply(
                "goal_recorded", text, parts, suffix="thread", question_ids=[q.id for q in questions]
            )
        questions = self.ask(place, prefer, seed, count=2 if plan.goal.stated else 1)
        lead = "Good thread. Here is what I would test next:" if plan.goal.stated else ""
        return replies.challenge(self.deck, questions, lead=lead)
