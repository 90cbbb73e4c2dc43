"""The coach: from what someone typed, or a thread's messages, to the bot's reply.

Plain Python with no Slack or SQLAlchemy imports: the Slack listeners (and so `python -m bot
try`) call it, and it keeps its memory through the `Storage` protocol. Randomness comes only
from the seed the caller passes, so a run can be repeated exactly.
"""

from __future__ import annotations

from dataclasses import replace

from bot.coach import answering, privacy, replies
from bot.coach.answers import Answers
from bot.coach.choosing import gaps, known_parts, pick_questions, preferred_paradoxes, unfitting
from bot.coach.command import Command, Form
from bot.coach.deck import Deck, Question
from bot.coach.facts import Facts, facts_of
from bot.coach.nudges import Nudges, capitalised
from bot.coach.reader import NONE, NOT_A_PLAN, OUTPUT, STATED, WEAK, PlanReading, read_plan
from bot.coach.storage import Place, Storage
from bot.coach.text import bound, plain, quote

__all__ = ["Coach", "Place"]

# The nudge that answers a goal that is not yet a goal: awareness, or a count of outputs.
_NUDGE_FOR = {WEAK: "weak_goal", OUTPUT: "output_goal"}


class Coach:
    def __init__(
        self,
        deck: Deck,
        nudges: Nudges,
        store: Storage,
        *,
        answers: Answers | None = None,
        goal_chars: int = 600,
        text_chars: int = 4000,
        privacy_line: str = "",
    ):
        self.deck = deck
        self.nudges = nudges
        self.store = store
        self.answers = answers
        self.goal_chars = goal_chars
        self.text_chars = text_chars
        # The one-line privacy summary (`privacy.summary_line`, from the settings' retention and page).
        self.privacy_line = privacy_line or privacy.summary_line()

    # -- questions -----------------------------------------------------------------------------------

    def ask(
        self,
        place: Place,
        prefer: list[str],
        seed: str,
        count: int = 1,
        *,
        plan: PlanReading | None = None,
        spread: bool | None = None,
    ) -> list[Question]:
        """Pick questions not yet asked in this place (none asking for what `plan` says), and remember them.

        In a thread, paradoxes already asked from come last (`spread`), so follow-ups move between them.
        """
        key = place.memory_key
        asked = self.store.asked_in(place.team_id, place.channel_id, key)
        skip = unfitting(self.deck, plan) if plan is not None else set()
        questions, ran_out = pick_questions(
            self.deck,
            prefer,
            asked,
            seed,
            count,
            skip=skip,
            spread=bool(place.thread_ts) if spread is None else spread,
        )
        if ran_out:
            self.store.forget_asked(place.team_id, place.channel_id, key)
        self.store.mark_asked(place.team_id, place.channel_id, key, [q.id for q in questions])
        return questions

    def _nudge(
        self, plan: PlanReading, seed: str, *, place: Place, turn: int = 0, facts: Facts | None = None
    ) -> replies.Reply:
        """Ask for the goal, naming the channels the mention is about (both options of a choice)."""
        values = facts.values() if facts else {}
        names = (facts.names if facts else ()) or tuple(c.name for c in plan.channels)
        channel = quote(names[0], 60) if names else "this"
        key = _NUDGE_FOR.get(plan.goal.strength, "goal_nudge")
        if facts and len(facts.options) >= 2:
            # the options as the team wrote them: "X or Y", "X, Y or Z"
            head, last = facts.options_said()
            values = {**values, "channel": head, "other_channel": last}
            if key == "goal_nudge":
                key, channel = "choice_nudge", values["channel"]
        if plan.ask == "sanity" and "sanity" in self.nudges.ask_nudges:
            key = "goal_nudge"  # "ok to send?": a check of the draft, not a lecture on awareness or outputs
        if key == "goal_nudge" and plan.ask in self.nudges.ask_nudges:
            key = f"ask_nudge.{plan.ask}"  # "how do we measure the newsletter?": measured against what?
        known = known_parts(plan)
        in_thread = bool(place.thread_ts)
        words = {"channel": channel, "other_channel": values.get("other_channel", "")}  # for every line kind
        if in_thread:
            # Follow-ups in one thread vary: the n-th reply takes the n-th line.
            ask = self.nudges.turn(key, place.memory_key, turn, known, **words)
        else:
            ask = self.nudges.pick(key, seed, known, **words)
        if key in _NUDGE_FOR.values() and facts and len(facts.options) >= 2:
            # an awareness or output goal under a choice: the options named first
            ask = self.nudges.turn("choice_prefix", place.memory_key, turn, **values) + " " + ask
        # a date said back as a deadline only when it is one ("by March"), not a start ("from January")
        known_here = [f"a deadline ({values['date']})"] if facts and facts.deadline else []
        known_here += [f"a budget ({values['budget']})"] if "budget" in values else []
        if known_here and key not in _NUDGE_FOR.values():
            # what the thread does say, said back: the nudge asks only for what is missing
            ask = f"You've got {' and '.join(known_here)}. {ask}"
        parts: list[replies.Part] = [replies.Section(ask)]
        # The how-to once a thread: on a first nudge, not on every follow-up.
        if turn == 0:
            parts.append(
                replies.Context(
                    "A channel is a means, not an end. Tell me the goal and I'll help test the plan: "
                    "`/paradox goal <who should do what, how much, by when>`"
                    + (", or say it in this thread." if in_thread else "."),
                )
            )
        parts.append(replies.Actions([replies.we_have_a_goal_button(place.thread_ts)]))
        return replies.Reply("goal_nudge", ask, parts, suffix=plan.channels[0].id if plan.channels else "")

    def _answer(self, place: Place, plan: PlanReading, facts: Facts, seed: str) -> answering.Answer | None:
        """The slotted question that answers what the mention asked, remembered as asked; None to fall back."""
        asked = self.store.asked_in(place.team_id, place.channel_id, place.memory_key)
        found = answering.answer(
            self.deck, plan, facts, asked, seed, prefer=preferred_paradoxes(self.deck, plan)
        )
        if found is not None:
            self.store.mark_asked(place.team_id, place.channel_id, place.memory_key, [found.question.id])
        return found

    def _answer_parts(
        self, place: Place, plan: PlanReading, facts: Facts, seed: str, turn: int, *, fallback_lead: str = ""
    ) -> tuple[list[replies.Part], list[str], list[str]]:
        """The answer to the mention as reply parts, its plain text and the question ids; the deck's plain
        question when no slotted one fits."""
        found = self._answer(place, plan, facts, seed)
        if found is not None:
            values = facts.values()
            lead = self.nudges.lead(
                "audience"
                if facts.groups
                else "choice"
                if len(facts.options) == 2
                else plan.ask or "opinion",
                place.memory_key,
                turn,
                channel=values.get("channel", ""),
                other_channel=values.get("other_channel", ""),
                step=answering.step_name(found.step),
            )
            if facts.groups:  # "members or staff?": the groups named back before the audience question
                lead = capitalised(" or ".join(quote(o, 60) for o in facts.options) + "? ") + lead
            parts: list[replies.Part] = [
                replies.Section(f"{lead}\n*{found.text}*" if lead else f"*{found.text}*"),
                replies.Context(replies.paradox_named(self.deck.paradox_of(found.question.id), found.step)),
            ]
            return parts, [lead, found.text] if lead else [found.text], [found.question.id]
        # no slotted question fits: a plain one from the paradoxes on the OASIS step the mention asked about
        step = answering.step_for(plan, facts)
        prefer = [p.id for p in self.deck.paradoxes if step in p.oasis] + preferred_paradoxes(self.deck, plan)
        questions = self.ask(place, list(dict.fromkeys(prefer)), seed, count=1, plan=plan)
        if len(facts.options) >= 2:
            # no slotted question left for this choice: the options are still named
            head, last = facts.options_said()
            fallback_lead = capitalised(
                f"{head} or {last}? Test {'both' if len(facts.options) == 2 else 'each'} against this:"
            )
        parts = [replies.Section(fallback_lead)] if fallback_lead else []
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_named(self.deck.paradox_of(q.id))))
        text = ([fallback_lead] if fallback_lead else []) + [q.text for q in questions]
        return parts, text, [q.id for q in questions]

    # -- small talk -------------------------------------------------------------------------------------

    def small_talk(self, plan: PlanReading, seed: str) -> replies.Reply:
        """The short `help` answer to a mention (or /paradox text) with no plan in it: never a question or a nudge."""
        answers = self.answers
        if answers is None:
            return replies.help_reply()
        if plan.talk == "howto":
            return replies.small_talk(
                answers.howto_answer(plan.howto_topic),
                f"howto.{plan.howto_topic or 'other'}",
                context="Mention me in a campaign thread and I'll test the plan goal-first. `/paradox help` for more.",
            )
        # Nothing about a plan, but not plainly off-topic either: say what the coach is for, gently.
        kind = (
            "unclear" if plan.rule.id == "no_plan" and plan.talk not in ("thanks", "greeting") else plan.talk
        )
        return replies.small_talk(answers.line(kind if kind in answers.lines else "off_topic", seed), kind)

    # -- /paradox --------------------------------------------------------------------------------------

    def command(self, cmd: Command, place: Place, user_id: str, seed: str) -> replies.Reply:
        """Answer the coaching forms of /paradox (the weekly ones: `bot.weekly.subscriptions.answer`; privacy: `privacy`)."""
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
        """A plan typed after /paradox: small talk gets help, a channel without a goal a nudge, else a question."""
        plan = read_plan(self.deck, [bound(text, self.text_chars)])
        if plan.verdict == NOT_A_PLAN and plan.rule.id != "no_plan":
            return self.small_talk(
                plan, seed
            )  # "/paradox thanks": help; other unplanned words still get a question
        if plan.needs_goal:
            return self._nudge(plan, seed, place=Place.in_channel(personal.team_id, personal.channel_id))
        prefer = preferred_paradoxes(self.deck, plan)
        return replies.challenge(self.deck, self.ask(personal, prefer, seed, plan=plan), buttons=True)

    def another_angle(
        self, place: Place, previous_qid: str, seed: str, *, lead: str = "", buttons: bool = False
    ) -> replies.Reply:
        """A different question, from the same paradox as `previous_qid` while it has one left."""
        previous = self.deck.questions.get(previous_qid)
        if previous:
            self.store.mark_asked(place.team_id, place.channel_id, place.memory_key, [previous.id])
        questions = self.ask(place, [previous.paradox_id] if previous else [], seed, spread=False)
        return replies.challenge(self.deck, questions, lead=lead, buttons=buttons)

    def privacy(self, form: Form, place: Place, user_id: str) -> replies.Reply:
        """`forget` and `forget me` only ask (a button erases); `my data` shows what is stored."""
        if form is Form.FORGET:
            return privacy.confirm_forget(place.channel_id)
        data = self.store.data_about(place.team_id, user_id)
        if form is Form.FORGET_ME:
            return privacy.confirm_forget_me(data)
        return privacy.my_data(data, self.privacy_line)

    # -- erasure (after the confirmation button) --------------------------------------------------------

    def forget_channel(self, place: Place) -> replies.Reply:
        return privacy.forgotten_channel(
            place.channel_id, self.store.forget_channel(place.team_id, place.channel_id)
        )

    def forget_me(self, team_id: str, user_id: str) -> replies.Reply:
        return privacy.forgotten_me(self.store.forget_user(team_id, user_id))

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
            [
                replies.Section(f"*The goal on record*{who}:\n>{quote(goal.text, self.goal_chars)}"),
                replies.Actions([replies.not_our_goal_button(goal.thread_ts)]),
            ],
            suffix="show",
        )

    def _follow_ups(self, plan: PlanReading, seed: str, *, skip: tuple[str, ...] = ()) -> list[str]:
        """SMART feedback, as questions: what a stated goal lacks (anywhere in the thread, and not in `skip`),
        or what a weak one should become."""
        known = known_parts(plan)
        if plan.goal.stated:
            return [self.nudges.pick(gap, seed) for gap in gaps(plan) if gap not in skip]
        return [self.nudges.pick(_NUDGE_FOR.get(plan.goal.strength, "weak_goal"), seed, known)]

    def _goal_reply(
        self,
        heading: str,
        fallback: str,
        goal_text: str,
        plan: PlanReading,
        questions: list[Question],
        seed: str,
        *,
        thread_ts: str,
        suffix: str = "",
    ) -> replies.Reply:
        quoted = quote(goal_text, self.goal_chars)
        follow_ups = self._follow_ups(plan, seed)
        parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
        if follow_ups:
            parts.append(replies.Section("*To make it SMART:*\n" + "\n".join(f"• {f}" for f in follow_ups)))
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_context(self.deck.paradox_of(q.id))))
        parts.append(replies.Actions([replies.not_our_goal_button(thread_ts)]))
        text = " ".join([f"{fallback}: {quoted}."] + follow_ups + [q.text for q in questions])
        return replies.Reply(
            "goal_recorded", text, parts, suffix=suffix, question_ids=[q.id for q in questions]
        )

    def _as_goal(self, text: str) -> PlanReading:
        """What a goal someone typed says; it is their goal whatever the reader makes of it."""
        plan = read_plan(self.deck, [text])
        if not plan.goal.stated:
            plan.goal = replace(plan.goal, strength=STATED, sentence=text)
        return plan

    def set_goal(self, place: Place, text: str, user_id: str, seed: str) -> replies.Reply:
        """`/paradox goal <text>`: the channel's goal."""
        text = bound(text, self.goal_chars)
        plan = read_plan(self.deck, [text])
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id)
        questions = self.ask(place, preferred_paradoxes(self.deck, plan), seed, count=2, plan=plan)
        return self._goal_reply(
            "*Goal recorded* for this channel:",
            "Goal recorded",
            text,
            plan,
            questions,
            seed,
            thread_ts=place.thread_ts,
        )

    def goal_typed(self, place: Place, text: str, user_id: str, seed: str) -> replies.Reply:
        """A goal typed into the "We have a goal" form: recorded for the thread (or channel) as its author's."""
        text = bound(text, self.goal_chars)
        plan = self._as_goal(text)
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id)
        questions = self.ask(place, preferred_paradoxes(self.deck, plan), seed, count=1, plan=plan)
        where = "this thread" if place.thread_ts else "this channel"
        return self._goal_reply(
            f"*Goal recorded* for {where}, from <@{user_id}>:"
            if user_id
            else f"*Goal recorded* for {where}:",
            "Goal recorded",
            text,
            plan,
            questions,
            seed,
            thread_ts=place.thread_ts,
            suffix="typed",
        )

    def forget_goal(self, place: Place) -> replies.Reply:
        """ "That's not our goal": the goal of this thread (or channel) is forgotten, and not read again."""
        goal = self.store.forget_goal(place.team_id, place.channel_id, place.thread_ts)
        where = "this thread" if place.thread_ts else "this channel"
        if goal is None:
            text = f"There is no goal on record for {where}, so there was nothing to forget."
            parts: list[replies.Part] = [replies.Section(text)]
        else:
            quoted = quote(goal.text, self.goal_chars)
            text = (
                f"Forgotten: I won't treat that as the goal for {where}. What is the goal, then: who should do "
                "what, by how much, by when?"
            )
            parts = [replies.Section(f"{text}\n>~{quoted}~")]
        parts.append(replies.Actions([replies.we_have_a_goal_button(place.thread_ts)]))
        return replies.Reply("goal_recorded", text, parts, suffix="forgotten")

    # -- threads ------------------------------------------------------------------------------------------

    def _read_thread(self, place: Place, messages: list[str]) -> PlanReading:
        """The plan, with any goal someone said was not theirs left out of the reading."""
        plan = read_plan(self.deck, messages)
        forgotten = set(self.store.forgotten_goals(place.team_id, place.channel_id, place.thread_ts))
        for _ in range(3):  # a thread rarely has more than one misread goal; bound the re-reading anyway
            goal = plan.goal
            if not (goal.stated and bound(goal.sentence, self.goal_chars) in forgotten):
                break
            i = goal.message_index if 0 <= goal.message_index < len(messages) else -1
            if i < 0:
                plan.goal = replace(goal, strength=NONE)
                break
            without = plain(messages[i]).replace(goal.sentence, " ")
            if without == plain(messages[i]):
                plan.goal = replace(goal, strength=NONE)
                break
            messages = [*messages[:i], without, *messages[i + 1 :]]
            plan = read_plan(self.deck, messages)
        return plan

    def _coaching(self, place: Place, turn: int) -> bool:
        """Whether the coach is already at work here (it has replied, or asked questions: a brief's or a weekly
        prompt's thread), so "what next?" with no plan in words asks for more coaching, not small talk."""
        return turn > 0 or bool(self.store.asked_in(place.team_id, place.channel_id, place.memory_key))

    def thread(
        self,
        place: Place,
        messages: list[str],
        user_id: str,
        seed: str,
        *,
        authors: list[str] | None = None,
        turn: int = 0,
    ) -> replies.Reply | replies.Reaction:
        """Coach a campaign thread: goal first, then the questions the goal leaves open.

        `authors[i]` wrote `messages[i]` (the goal is theirs); `turn` counts the coach's replies in the
        thread so far, so openers vary from one follow-up to the next.
        """
        messages = [bound(m, self.text_chars) for m in messages]
        plan = self._read_thread(place, messages)
        if plan.verdict == NOT_A_PLAN and not (plan.rule.id == "no_plan" and self._coaching(place, turn)):
            if plan.talk == "thanks" and self.answers is not None:
                return replies.Reaction(self.answers.reaction)
            return self.small_talk(plan, seed)
        recorded = self.store.goal_for(place.team_id, place.channel_id, place.thread_ts)
        own = recorded if recorded and recorded.thread_ts == place.thread_ts else None
        from_record = False
        if not plan.goal.stated and own:
            typed = self._as_goal(own.text)
            plan.goal = typed.goal
            plan.audience_found = plan.audience_found or typed.audience_found
            plan.measure_found = plan.measure_found or typed.measure_found
            plan.date_found = plan.date_found or typed.date_found
            from_record = True
        # The scorecard's facts: the coach answered here, and nudged or saw a goal (ids and times only).
        self.store.note_thread(
            place.team_id, place.channel_id, place.thread_ts, nudged=plan.needs_goal, goal=plan.goal.stated
        )
        facts = facts_of(self.deck, plan, messages)
        if plan.needs_goal:
            return self._nudge(plan, seed, place=place, turn=turn, facts=facts)
        goal_text = bound(plan.goal.sentence, self.goal_chars)
        if plan.goal.stated and not from_record and not (own and own.text == goal_text):
            index = plan.goal.message_index
            author = (authors or [])[index] if authors and 0 <= index < len(authors) else ""
            author = author or user_id
            self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, goal_text, author)
            return self._noted(place, plan, facts, author, seed, turn)
        lead = self.nudges.turn("opener", place.memory_key, turn) if plan.goal.stated else ""
        parts, text, ids = self._answer_parts(place, plan, facts, seed, turn, fallback_lead=lead)
        return replies.Reply(
            "challenge", " ".join(text), parts, suffix=ids[0] if ids else "", question_ids=ids
        )

    def _noted(
        self, place: Place, plan: PlanReading, facts: Facts, author: str, seed: str, turn: int
    ) -> replies.Reply:
        """A goal read in the thread: quoted back as written, what it really lacks, and the answer to the mention."""
        quoted = quote(facts.goal or plan.goal.sentence, self.goal_chars)
        heading = f"I've noted the goal <@{author}> set:" if author else "I've noted the goal:"
        parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
        # one gap at a time, so the reply stays short; never "by when?" of a thread that names a time
        follow_ups = self._follow_ups(plan, seed, skip=("date",) if facts.timed else ())[:1]
        if follow_ups:
            parts.append(replies.Context(f"To make it SMART: {follow_ups[0]}"))
        answer_parts, text, ids = self._answer_parts(place, plan, facts, seed, turn)
        parts += answer_parts
        parts.append(replies.Actions([replies.not_our_goal_button(place.thread_ts)]))
        return replies.Reply(
            "goal_recorded",
            " ".join([f"Goal noted: {quoted}.", *follow_ups, *text]),
            parts,
            suffix="thread",
            question_ids=ids,
        )
