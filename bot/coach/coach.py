"""The coach: from what someone typed, or a thread's messages, to the bot's reply.

Plain Python with no Slack or SQLAlchemy imports: the Slack listeners (and so `python -m bot
try`) call it, and it keeps its memory through the `Storage` protocol. Randomness comes only
from the seed the caller passes, so a run can be repeated exactly.
"""

from __future__ import annotations

from bot.coach import replies
from bot.coach.choosing import pick_questions, preferred_paradoxes
from bot.coach.command import Command, Form
from bot.coach.deck import Deck, Question
from bot.coach.nudges import Nudges
from bot.coach.reading import OUTPUT, WEAK, GoalReading, PlanReading, read_goal, read_plan
from bot.coach.storage import Place, Storage
from bot.coach.text import bound, quote

__all__ = ["Coach", "Place"]

# The nudge that answers a goal that is not yet a goal: awareness, or a count of outputs.
_NUDGE_FOR = {WEAK: "weak_goal", OUTPUT: "output_goal"}


class Coach:
    def __init__(
        self, deck: Deck, nudges: Nudges, store: Storage, *, goal_chars: int = 600, text_chars: int = 4000
    ):
        self.deck = deck
        self.nudges = nudges
        self.store = store
        self.goal_chars = goal_chars
        self.text_chars = text_chars

    # -- questions -----------------------------------------------------------------------------------

    def ask(self, place: Place, prefer: list[str], seed: str, count: int = 1) -> list[Question]:
        """Pick questions not yet asked in this place, and remember them."""
        key = place.memory_key
        asked = self.store.asked_in(place.team_id, place.channel_id, key)
        questions, ran_out = pick_questions(self.deck, prefer, asked, seed, count)
        if ran_out:
            self.store.forget_asked(place.team_id, place.channel_id, key)
        self.store.mark_asked(place.team_id, place.channel_id, key, [q.id for q in questions])
        return questions

    def _nudge(self, plan: PlanReading, seed: str, *, in_thread: bool) -> replies.Reply:
        channel = plan.channels[0].name if plan.channels else "this"
        key = _NUDGE_FOR.get(plan.goal.strength, "goal_nudge")
        greeting = self.nudges.pick("greeting", seed)
        ask = self.nudges.pick(key, seed, channel=channel)
        return replies.Reply(
            "goal_nudge",
            f"{greeting} {ask}",
            [
                replies.Section(f"{greeting} {ask}"),
                replies.Context(
                    "A channel is a means, not an end. Tell me the goal and I'll help test the plan: "
                    "`/paradox goal <who should do what, how much, by when>`"
                    + (", or say it in this thread." if in_thread else "."),
                ),
            ],
            suffix=plan.channels[0].id if plan.channels else "",
        )

    # -- /paradox --------------------------------------------------------------------------------------

    def command(self, cmd: Command, place: Place, user_id: str, seed: str) -> replies.Reply:
        """Answer every /paradox form except the weekly ones (`bot.weekly.subscriptions.answer` has those)."""
        personal = Place.personal(place.team_id, place.channel_id, user_id)
        match cmd.form:
            case Form.HELP:
                return replies.help_reply()
            case Form.LIST:
                return replies.list_reply(self.deck)
            case Form.ERROR:
                return replies.error(cmd.problem, cmd.suggestion)
            case Form.QUESTION:
                return replies.challenge(self.deck, self.ask(personal, [], seed), buttons=True)
            case Form.TOPIC:
                return replies.challenge(self.deck, self.ask(personal, [cmd.text], seed), buttons=True)
            case Form.UNMATCHED:
                lead = (
                    f"'{quote(cmd.text.replace('`', ''), 40)}' matched no paradox, so here is a question from "
                    "the whole deck. `/paradox list` shows the ten paradoxes and their names."
                )
                return replies.challenge(self.deck, self.ask(personal, [], seed), lead=lead, buttons=True)
            case Form.GOAL_SHOW:
                return self.show_goal(place)
            case Form.GOAL_SET:
                return self.set_goal(place, cmd.text, user_id, seed)
            case Form.PLAN:
                return self.plan(personal, cmd.text, seed)
        raise ValueError(f"not a coaching form: {cmd.form}")

    def plan(self, personal: Place, text: str, seed: str) -> replies.Reply:
        """A plan typed after /paradox: a goal nudge when it names a channel without a goal, else a question."""
        plan = read_plan(self.deck, [bound(text, self.text_chars)])
        if plan.needs_goal:
            return self._nudge(plan, seed, in_thread=False)
        prefer = preferred_paradoxes(self.deck, plan)
        return replies.challenge(self.deck, self.ask(personal, prefer, seed), buttons=True)

    def another_angle(
        self, place: Place, previous_qid: str, seed: str, *, lead: str = "", buttons: bool = False
    ) -> replies.Reply:
        """A different question, from the same paradox as `previous_qid` while it has one left."""
        previous = self.deck.questions.get(previous_qid)
        if previous:
            self.store.mark_asked(place.team_id, place.channel_id, place.memory_key, [previous.id])
        questions = self.ask(place, [previous.paradox_id] if previous else [], seed)
        return replies.challenge(self.deck, questions, lead=lead, buttons=buttons)

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
                    replies.Section(
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
            [replies.Section(f"*The goal on record*{who}:\n>{quote(goal.text, self.goal_chars)}")],
            suffix="show",
        )

    def _follow_ups(self, reading: GoalReading, seed: str) -> list[str]:
        """SMART feedback, as questions: what a stated goal lacks, or what a weak one should become."""
        if reading.stated:
            return [self.nudges.pick(gap, seed) for gap in reading.gaps()]
        return [self.nudges.pick(_NUDGE_FOR.get(reading.strength, "weak_goal"), seed)]

    def _goal_reply(
        self,
        heading: str,
        fallback: str,
        goal_text: str,
        reading: GoalReading,
        questions: list[Question],
        seed: str,
        suffix: str = "",
    ) -> replies.Reply:
        quoted = quote(goal_text, self.goal_chars)
        follow_ups = self._follow_ups(reading, seed)
        parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
        if follow_ups:
            parts.append(replies.Section("*To make it SMART:*\n" + "\n".join(f"• {f}" for f in follow_ups)))
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_context(self.deck.paradox_of(q.id))))
        text = " ".join([f"{fallback}: {quoted}."] + follow_ups + [q.text for q in questions])
        return replies.Reply(
            "goal_recorded", text, parts, suffix=suffix, question_ids=[q.id for q in questions]
        )

    def set_goal(self, place: Place, text: str, user_id: str, seed: str) -> replies.Reply:
        text = bound(text, self.goal_chars)
        reading = read_goal([text])
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id)
        questions = self.ask(place, preferred_paradoxes(self.deck, PlanReading(goal=reading)), seed, count=2)
        return self._goal_reply(
            "*Goal recorded* for this channel:", "Goal recorded", text, reading, questions, seed
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
            return self._nudge(plan, seed, in_thread=True)
        prefer = preferred_paradoxes(self.deck, plan)
        if plan.goal.stated and not (
            recorded
            and recorded.thread_ts == place.thread_ts
            and recorded.text == bound(plan.goal.sentence, self.goal_chars)
        ):
            goal_text = bound(plan.goal.sentence, self.goal_chars)
            self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, goal_text, user_id)
            greeting = self.nudges.pick("greeting", seed)
            questions = self.ask(place, prefer, seed, count=1)
            return self._goal_reply(
                f"{greeting} I've noted the goal:",
                "Goal noted",
                goal_text,
                plan.goal,
                questions,
                seed,
                "thread",
            )
        questions = self.ask(place, prefer, seed, count=2 if plan.goal.stated else 1)
        lead = "Good thread. Here is what I would test next:" if plan.goal.stated else ""
        return replies.challenge(self.deck, questions, lead=lead)
