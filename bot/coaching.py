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
from bot.coach.reading import OUTPUT, WEAK, GoalReading, PlanReading, read_goal, read_plan
from bot.coach.text import bound, quote
from bot.store import Store

# The nudge that answers a goal that is not yet a goal: awareness, or a count of outputs.
_NUDGE_FOR = {WEAK: "weak_goal", OUTPUT: "output_goal"}


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

    def _nudge(self, plan: PlanReading, seed: str, *, in_thread: bool) -> replies.Reply:
        channel = plan.channels[0].name if plan.channels else "this"
        key = _NUDGE_FOR.get(plan.goal.strength, "goal_nudge")
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
                    "`/paradox goal <who should do what, how much, by when>`"
                    + (", or say it in this thread." if in_thread else "."),
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
                return self._nudge(plan, seed, in_thread=False)
            prefer = preferred_paradoxes(self.deck, plan)
            return replies.challenge(self.deck, self.ask(personal, prefer, seed), buttons=True)
        raise ValueError(f"not a coaching form: {cmd.form}")

    def another_angle(
        self, place: Place, previous_qid: str, seed: str, *, lead: str = "", buttons: bool = False
    ) -> replies.Reply:
        """A different question, from the same paradox as `previous_qid` while it has one left."""
        previous = self.deck.questions.get(previous_qid)
        if previous:
            self.store.mark_asked(place.team_id, place.channel_id, place.thread_ts, [previous.id])
        questions = self.ask(place, [previous.paradox_id] if previous else [], seed)
        return replies.challenge(self.deck, questions, lead=lead, buttons=buttons)

    def another(self, place: Place, user_id: str, previous_qid: str, seed: str) -> replies.Reply:
        """The "Another question" button on a private /paradox reply."""
        personal = Place(place.team_id, place.channel_id, f"u:{user_id}")
        return self.another_angle(personal, previous_qid, seed, buttons=True)

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
        parts: list[tuple] = [("section", f"{heading}\n>{quoted}")]
        if follow_ups:
            parts.append(("section", "*To make it SMART:*\n" + "\n".join(f"• {f}" for f in follow_ups)))
        for q in questions:
            parts.append(("section", f"*{q.text}*"))
            parts.append(("context", replies.paradox_context(self.deck.paradox_of(q.id))))
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


# -- App Home and the campaign brief ----------------------------------------------------------------------

BRIEF_FIELDS = (
    ("objective", "Objective"),
    ("audience", "Audience and insight"),
    ("idea", "The idea"),
    ("channels", "Channels being considered"),
    ("scoring", "How success will be scored"),
)
HOME_GOALS = 10  # the Home tab lists at most this many recent goals
HOME_SUBSCRIPTIONS = 25  # and this many weekly subscriptions


def objective_hint(text: str) -> str:
    """A gentle prompt when an objective lacks what makes it a goal ("" when it reads well)."""
    reading = read_goal([text])
    if not reading.stated:
        return (
            "What should people do differently because of this campaign? An objective names who acts, "
            "how many, and by when."
        )
    missing = [g for g in ("measure", "date") if g in reading.gaps()]
    if missing == ["measure", "date"]:
        return 'Could you add a number and a date, for example "300 more sign-ups by March"?'
    if missing == ["measure"]:
        return "Could you add a number: how much change, from what baseline?"
    if missing == ["date"]:
        return "Could you add a date: by when should this have happened?"
    return ""


def prefill(deck: Deck, text: str) -> dict[str, str]:
    """Modal fields drafted from a message: its goal (if any), its channels, and the text as the idea."""
    plan = read_plan(deck, [text])
    return {
        "objective": plan.goal.sentence if plan.goal.stated else "",
        "idea": bound(text, 2900),
        "channels": ", ".join(c.name for c in plan.channels),
    }


class BriefCoach:
    """The Home tab and the brief, on the same deck and store as the thread coach."""

    def __init__(self, coach: Coach):
        self.coach = coach

    def home(self, team_id: str, link) -> replies.Reply:
        """The Home tab: the button, recent goals, weekly prompts, and the deck."""
        c = self.coach
        parts: list[tuple] = [
            ("header", "Goal first, then channel"),
            (
                "section",
                "Social media is one-way and conversational, free and ruinous, quick and slow. That "
                "paradox stops mattering once the channel serves a goal. Plan the goal first:",
            ),
            (
                "actions",
                [
                    replies.Button(
                        "plan_campaign",
                        "Plan a campaign",
                        "home",
                        "Open the campaign planning form",
                        "primary",
                    )
                ],
            ),
            ("divider",),
        ]
        goals = c.store.recent_goals(team_id, limit=HOME_GOALS)
        if goals:
            lines = [f"• {link(g)}: {quote(g.text, 180)}" for g in goals]
            parts.append(("section", "*Recent goals*\n" + "\n".join(lines)))
        else:
            parts.append(
                (
                    "section",
                    "*Recent goals*\nNo goals recorded yet. Use *Plan a campaign*, "
                    "`/paradox goal <your goal>`, or state one in a thread and mention me.",
                )
            )
        subs = c.store.subscriptions(team_id, limit=HOME_SUBSCRIPTIONS + 1)
        if subs:
            from bot.coach.command import DAYS

            lines = [
                f"• <#{s.channel_id}>: {DAYS[s.weekday].capitalize()}s at {s.local_time} ({s.timezone})"
                + (" (paused)" if s.stopped_reason or s.resume_on else "")
                for s in subs[:HOME_SUBSCRIPTIONS]
            ]
            if len(subs) > HOME_SUBSCRIPTIONS:
                lines.append("…and more: `/paradox weekly` in a channel shows its own.")
            parts.append(("section", "*Weekly prompts*\n" + "\n".join(lines)))
        else:
            parts.append(
                ("section", "*Weekly prompts*\nNone yet. In a channel, try `/paradox weekly monday 09:30`.")
            )
        parts.append(("divider",))
        parts.append(("header", f"The {len(c.deck.paradoxes)} paradoxes"))
        for p in c.deck.paradoxes:
            parts.append(("section", f"*{p.title}*  (`/paradox {p.id}`)\n• {p.sides[0]}\n• {p.sides[1]}"))
        text = f"paradox-coach: {len(goals)} recent goals, {len(subs)} weekly prompts, and the deck."
        return replies.Reply("home", text, parts)

    def brief(self, place: Place, fields: dict[str, str], user_id: str, seed: str) -> replies.Reply:
        """The campaign brief: the plan as written, and the two or three questions it leaves most open."""
        c = self.coach
        fields = {k: bound(v or "", c.goal_chars if k == "objective" else 1500) for k, v in fields.items()}
        parts: list[tuple] = [("header", "Campaign brief")]
        for key, label in BRIEF_FIELDS:
            value = fields.get(key, "").strip()
            parts.append(
                ("section", f"*{label}*\n>{quote(value, 1500)}" if value else f"*{label}*\n_not yet_")
            )
        plan = read_plan(
            c.deck, [fields.get("objective", ""), fields.get("idea", ""), fields.get("channels", "")]
        )
        plan.goal = read_goal([fields.get("objective", "")])
        prefer = preferred_paradoxes(c.deck, plan)
        if not fields.get("audience", "").strip():
            prefer = ["audience", *prefer]
        if not fields.get("scoring", "").strip():
            prefer = ["value", *prefer]
        prefer = list(dict.fromkeys(prefer))
        questions, _ = pick_questions(c.deck, prefer, set(), seed, 3 if len(prefer) > 2 else 2)
        parts.append(
            (
                "context",
                f"Planned goal-first by <@{user_id}>. The objective is now this channel's goal; "
                "mention me in the thread to keep testing the plan.",
            )
        )
        parts.append(("section", "*Questions this brief leaves most open:*"))
        for q in questions:
            parts.append(("section", f"*{q.text}*"))
            parts.append(("context", replies.paradox_context(c.deck.paradox_of(q.id))))
        objective = quote(fields.get("objective", ""), c.goal_chars)
        text = f"Campaign brief. Objective: {objective}. Open questions: " + " ".join(
            q.text for q in questions
        )
        return replies.Reply("brief", text, parts, question_ids=[q.id for q in questions])

    def record_brief(
        self, place: Place, objective: str, user_id: str, brief_ts: str, question_ids: list[str]
    ):
        """The objective becomes the channel's goal and the brief thread's goal; its questions count as asked."""
        c = self.coach
        objective = bound(objective, c.goal_chars)
        c.store.record_goal(place.team_id, place.channel_id, "", objective, user_id)
        if brief_ts:
            c.store.record_goal(place.team_id, place.channel_id, brief_ts, objective, user_id)
            c.store.mark_asked(place.team_id, place.channel_id, brief_ts, question_ids)
