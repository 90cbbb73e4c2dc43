"""The coach: from what someone typed, or a thread's messages, to the bot's reply.

Plain Python with no Slack or SQLAlchemy imports: the Slack listeners (and so `python -m bot
try`) call it, and it keeps its memory through the `Storage` protocol. Randomness comes only
from the seed the caller passes, so a run can be repeated exactly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from bot.coach import answering, followup, privacy, replies
from bot.coach.answers import Answers
from bot.coach.choosing import gaps, known_parts, pick_questions, preferred_paradoxes, unfitting
from bot.coach.command import Command, Form
from bot.coach.deck import Deck, Question
from bot.coach.facts import Facts, facts_of
from bot.coach.nudges import Nudges, capitalised
from bot.coach.reader import NONE, NOT_A_PLAN, OUTPUT, STATED, WEAK, PlanReading, read_plan
from bot.coach.storage import DryStorage, Place, Storage
from bot.coach.text import bound, plain, quote

__all__ = ["Coach", "Place", "answer_in"]

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
        today: Callable[[], date] | None = None,
    ):
        self.deck = deck
        self.words = deck.words
        self.nudges = nudges
        self.store = store
        self.answers = answers
        self.goal_chars = goal_chars
        self.text_chars = text_chars
        # The one-line privacy summary in the coach's language (`privacy.summary_line`: retention, page).
        self.privacy_line = privacy_line or privacy.summary_line(self.words)
        # The day a goal's "by 31 January" is read against (a date with no year is the next to come).
        self.today = today or (lambda: datetime.now(UTC).date())

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
        channel = quote(names[0], 60) if names else self.words.say("nudge.this")
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
        say = self.words.say
        known_here = [say("nudge.deadline", date=values["date"])] if facts and facts.deadline else []
        known_here += [say("nudge.budget", budget=values["budget"])] if "budget" in values else []
        if known_here and key not in _NUDGE_FOR.values():
            # what the thread does say, said back: the nudge asks only for what is missing
            ask = say("nudge.known", known=f" {say('nudge.and')} ".join(known_here)) + " " + ask
        parts: list[replies.Part] = [replies.Section(ask)]
        # The how-to once a thread: on a first nudge, not on every follow-up.
        if turn == 0:
            parts.append(replies.Context(say("nudge.howto_thread" if in_thread else "nudge.howto_channel")))
        parts.append(replies.Actions([replies.we_have_a_goal_button(place.thread_ts, self.words)]))
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
                step=self.words.oasis(found.step),
            )
            if facts.groups:  # "members or staff?": the groups named back before the audience question
                named = f" {self.words.say('choice.or')} ".join(quote(o, 60) for o in facts.options)
                lead = capitalised(self.words.say("choice.groups", options=named) + " ") + lead
            if _same_start(lead, found.text):
                lead = ""  # "Working back from the deadline:" before "Working back from your deadline (…)"
            parts: list[replies.Part] = [
                replies.Section(f"{lead}\n*{found.text}*" if lead else f"*{found.text}*"),
                replies.Context(
                    replies.paradox_named(self.deck, self.deck.paradox_of(found.question.id), found.step)
                ),
            ]
            return parts, [lead, found.text] if lead else [found.text], [found.question.id]
        # no slotted question fits: a plain one from the paradoxes on the OASIS step the mention asked about
        step = answering.step_for(plan, facts)
        prefer = [p.id for p in self.deck.paradoxes if step in p.oasis] + preferred_paradoxes(self.deck, plan)
        questions = self.ask(place, list(dict.fromkeys(prefer)), seed, count=1, plan=plan)
        if len(facts.options) >= 2:
            # no slotted question left for this choice: the options are still named
            head, last = facts.options_said()
            key = "choice.test_both" if len(facts.options) == 2 else "choice.test_each"
            fallback_lead = capitalised(
                self.words.say(key, options=f"{head} {self.words.say('choice.or')} {last}")
            )
        parts = [replies.Section(fallback_lead)] if fallback_lead else []
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_named(self.deck, self.deck.paradox_of(q.id))))
        text = ([fallback_lead] if fallback_lead else []) + [q.text for q in questions]
        return parts, text, [q.id for q in questions]

    # -- small talk -------------------------------------------------------------------------------------

    def small_talk(self, plan: PlanReading, seed: str) -> replies.Reply:
        """The short `help` answer to a mention (or /paradox text) with no plan in it: never a question or a nudge."""
        answers = self.answers
        if answers is None:
            return replies.help_reply(self.deck)
        if plan.talk == "howto":
            return replies.small_talk(
                answers.howto_answer(plan.howto_topic),
                f"howto.{plan.howto_topic or 'other'}",
                context=self.words.say("small_talk.footer"),
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
                return replies.help_reply(self.deck)
            case Form.LIST:
                return replies.list_reply(self.deck)
            case Form.ERROR | Form.LANGUAGE_SHOW | Form.LANGUAGE_SET:
                return self._error(cmd) if cmd.form is Form.ERROR else self.language(cmd, place, user_id)
            case Form.QUESTION:
                return replies.challenge(self.deck, self.ask(personal, [], seed), buttons=True)
            case Form.TOPIC:
                return replies.challenge(self.deck, self.ask(personal, [cmd.text], seed), buttons=True)
            case Form.UNMATCHED:
                lead = self.words.say("paradox.no_match", text=quote(cmd.text.replace("`", ""), 40))
                return replies.challenge(self.deck, self.ask(personal, [], seed), lead=lead, buttons=True)
            case Form.GOAL_SHOW | Form.GOALS:
                return self.show_goal(place) if cmd.form is Form.GOAL_SHOW else self.goals(place)
            case Form.GOAL_SET:
                return self.set_goal(place, cmd.text, user_id, seed)
            case Form.PLAN:
                return self.plan(personal, cmd.text, seed)
        raise ValueError(f"not a coaching form: {cmd.form}")

    def goals(self, place: Place) -> replies.Reply:
        """`/paradox goals`: the channel's recorded goals, with their dates and follow-up results."""
        goals = self.store.goals_of(place.team_id, place.channel_id)
        return followup.goals_list(goals, place.channel_id, self.words)

    def _error(self, cmd: Command) -> replies.Reply:
        """What could not be used, said in this coach's language when the words have an entry for it."""
        problem = cmd.problem
        if cmd.problem_key:
            joined = f" {self.words.say('choice.or')} ".join(cmd.close)
            problem = self.words.say(cmd.problem_key, text=cmd.text, options=joined)
        return replies.error(problem, cmd.suggestion, self.words)

    def language(self, cmd: Command, place: Place, user_id: str) -> replies.Reply:
        if cmd.form is Form.LANGUAGE_SET:
            return self.set_language(place, cmd.text, user_id)
        return self.language_shown(place)

    def language_shown(self, place: Place) -> replies.Reply:
        """`/paradox language`: this channel's reply language, and how to change it."""
        setting = self.store.language_of(place.team_id, place.channel_id)
        text = self.words.say(f"language.shown.{setting}")
        change = self.words.say("language.change")
        return replies.Reply(
            "help", f"{text} {change}", [replies.Section(text), replies.Context(change)], suffix="language"
        )

    def set_language(self, place: Place, setting: str, user_id: str) -> replies.Reply:
        """`/paradox language cy|en|both|auto`: the channel's replies from now on."""
        self.store.set_language(place.team_id, place.channel_id, setting, user_id)
        text = self.words.say(f"language.set.{setting}")
        return replies.Reply("help", text, [replies.Section(text)], suffix="language")

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
            return privacy.confirm_forget(place.channel_id, self.words)
        data = self.store.data_about(place.team_id, user_id)
        if form is Form.FORGET_ME:
            return privacy.confirm_forget_me(data, self.words)
        return privacy.my_data(data, self.words, self.privacy_line)

    # -- erasure (after the confirmation button) --------------------------------------------------------

    def forget_channel(self, place: Place) -> replies.Reply:
        gone = self.store.forget_channel(place.team_id, place.channel_id)
        return privacy.forgotten_channel(place.channel_id, gone, self.words)

    def forget_me(self, team_id: str, user_id: str) -> replies.Reply:
        return privacy.forgotten_me(self.store.forget_user(team_id, user_id), self.words)

    def shared(self, question_id: str, user_id: str) -> replies.Reply | None:
        question = self.deck.questions.get(question_id)
        return replies.shared(self.deck, question, user_id) if question else None

    # -- goals ------------------------------------------------------------------------------------------

    def show_goal(self, place: Place) -> replies.Reply:
        goal = self.store.goal_for(place.team_id, place.channel_id, place.thread_ts)
        if not goal:
            return replies.Reply(
                "goal_recorded",
                self.words.say("goal.none_text"),
                [replies.Section(self.words.say("goal.none"))],
                suffix="none",
            )
        who = " " + self.words.say("goal.set_by", user=goal.user_id) if goal.user_id else ""
        quoted = quote(goal.text, self.goal_chars)
        return replies.Reply(
            "goal_recorded",
            self.words.say("goal.on_record_text", goal=quoted),
            [
                replies.Section(self.words.say("goal.on_record", who=who, goal=quoted)),
                replies.Actions([replies.not_our_goal_button(goal.thread_ts, self.words)]),
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
        due: str = "",
    ) -> replies.Reply:
        quoted = quote(goal_text, self.goal_chars)
        follow_ups = self._follow_ups(plan, seed)
        parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
        if follow_ups:
            smart = self.words.say("goal.smart")
            parts.append(replies.Section(smart + "\n" + "\n".join(f"• {f}" for f in follow_ups)))
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_context(self.deck, self.deck.paradox_of(q.id))))
        # said once, here: whether (and after when) the coach will ask how the goal went
        parts.append(followup.recorded_line(due, self.words))
        parts.append(replies.Actions([replies.not_our_goal_button(thread_ts, self.words)]))
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
        due = followup.due_on(text, self.today())
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id, due_on=due)
        questions = self.ask(place, preferred_paradoxes(self.deck, plan), seed, count=2, plan=plan)
        return self._goal_reply(
            self.words.say("goal.recorded_channel"),
            self.words.say("goal.recorded"),
            text,
            plan,
            questions,
            seed,
            thread_ts=place.thread_ts,
            due=due,
        )

    def goal_typed(self, place: Place, text: str, user_id: str, seed: str) -> replies.Reply:
        """A goal typed into the "We have a goal" form: recorded for the thread (or channel) as its author's."""
        text = bound(text, self.goal_chars)
        plan = self._as_goal(text)
        due = followup.due_on(text, self.today())
        self.store.record_goal(place.team_id, place.channel_id, place.thread_ts, text, user_id, due_on=due)
        questions = self.ask(place, preferred_paradoxes(self.deck, plan), seed, count=1, plan=plan)
        where = self.words.say("where.thread" if place.thread_ts else "where.channel")
        return self._goal_reply(
            self.words.say("goal.recorded_from", where=where, user=user_id)
            if user_id
            else self.words.say("goal.recorded_for", where=where),
            self.words.say("goal.recorded"),
            text,
            plan,
            questions,
            seed,
            thread_ts=place.thread_ts,
            suffix="typed",
            due=due,
        )

    def forget_goal(self, place: Place) -> replies.Reply:
        """ "That's not our goal": the goal of this thread (or channel) is forgotten, and not read again."""
        goal = self.store.forget_goal(place.team_id, place.channel_id, place.thread_ts)
        where = self.words.say("where.thread" if place.thread_ts else "where.channel")
        if goal is None:
            text = self.words.say("goal.nothing_to_forget", where=where)
            parts: list[replies.Part] = [replies.Section(text)]
        else:
            quoted = quote(goal.text, self.goal_chars)
            text = self.words.say("goal.forgotten", where=where)
            parts = [replies.Section(f"{text}\n>~{quoted}~")]
        parts.append(replies.Actions([replies.we_have_a_goal_button(place.thread_ts, self.words)]))
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
            due = followup.due_on(goal_text, self.today())
            self.store.record_goal(
                place.team_id, place.channel_id, place.thread_ts, goal_text, author, due_on=due
            )
            return self._noted(place, plan, facts, author, seed, turn, due)
        lead = self.nudges.turn("opener", place.memory_key, turn) if plan.goal.stated else ""
        parts, text, ids = self._answer_parts(place, plan, facts, seed, turn, fallback_lead=lead)
        return replies.Reply(
            "challenge", " ".join(text), parts, suffix=ids[0] if ids else "", question_ids=ids
        )

    def _noted(
        self, place: Place, plan: PlanReading, facts: Facts, author: str, seed: str, turn: int, due: str = ""
    ) -> replies.Reply:
        """A goal read in the thread: quoted back as written, what it really lacks, and the answer to the mention."""
        quoted = quote(facts.goal or plan.goal.sentence, self.goal_chars)
        heading = self.words.say("goal.noted_by", user=author) if author else self.words.say("goal.noted")
        parts: list[replies.Part] = [replies.Section(f"{heading}\n>{quoted}")]
        # one gap at a time, so the reply stays short; never "by when?" of a thread that names a time
        follow_ups = self._follow_ups(plan, seed, skip=("date",) if facts.timed else ())[:1]
        if follow_ups:
            parts.append(replies.Context(self.words.say("goal.smart_line", text=follow_ups[0])))
        answer_parts, text, ids = self._answer_parts(place, plan, facts, seed, turn)
        parts += answer_parts
        parts.append(followup.recorded_line(due, self.words))
        parts.append(replies.Actions([replies.not_our_goal_button(place.thread_ts, self.words)]))
        return replies.Reply(
            "goal_recorded",
            " ".join([self.words.say("goal.noted_text", goal=quoted), *follow_ups, *text]),
            parts,
            suffix="thread",
            question_ids=ids,
        )


def _same_start(lead: str, question: str) -> bool:
    """Whether the lead and the question open with the same two words (a lead would only say it twice)."""
    first = [w.strip(",:").lower() for w in lead.split()[:2]]
    return len(first) == 2 and first == [w.strip(",:").lower() for w in question.split()[:2]]


def answer_in(
    coach_of: Callable[[str], Coach],
    langs: tuple[str, ...],
    work: Callable[[Coach], replies.Reply | replies.Reaction],
) -> replies.Reply | replies.Reaction:
    """`work` done by the coach of each language (`coach_of(lang)`), as one reply, Welsh first.

    The other languages are worked out first against a store that keeps nothing, then the first for
    real: every language sees the same state, so each says the same thing, and it is recorded once.
    """
    others = []
    for lang in langs[1:]:
        coach = copy.copy(coach_of(lang))
        coach.store = DryStorage(coach.store)
        others.append(work(coach))
    return replies.together([work(coach_of(langs[0])), *others])
