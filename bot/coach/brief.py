"""The campaign brief: its fields (one list, for the brief and for the "Plan a campaign" modal) and the reply.

Plain Python: the modal itself is built in `bot.listeners.views.plan_modal` from `FIELDS`. Their words
are in prompts/forms.yml (`brief`), said in the language of the `Words` given (the coach's).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach import followup, replies
from bot.coach.choosing import pick_questions, preferred_paradoxes
from bot.coach.coach import Coach, Place
from bot.coach.deck import Deck
from bot.coach.reader import read_goal, read_plan
from bot.coach.text import bound, quote
from bot.coach.words import Words


@dataclass(frozen=True)
class BriefField:
    key: str  # the modal's block and action id, the brief's field name, and its words' entry
    optional: bool = True
    multiline: bool = True

    def label(self, words: Words) -> str:
        return words.say(f"brief.fields.{self.key}.label")

    def hint(self, words: Words) -> str:
        """Shown under the field in the modal."""
        return words.say(f"brief.fields.{self.key}.hint")


FIELDS: tuple[BriefField, ...] = (
    BriefField("objective", optional=False),
    BriefField("audience"),
    BriefField("idea"),
    BriefField("channels", multiline=False),
    BriefField("scoring"),
)


def objective_hint(text: str, words: Words) -> str:
    """A gentle prompt when an objective lacks what makes it a goal ("" when it reads well)."""
    reading = read_goal([text])
    if not reading.stated:
        return words.say("brief.hint.no_goal")
    missing = [g for g in ("measure", "date") if g in reading.gaps()]
    if missing == ["measure", "date"]:
        return words.say("brief.hint.number_and_date")
    if missing == ["measure"]:
        return words.say("brief.hint.number")
    if missing == ["date"]:
        return words.say("brief.hint.date")
    return ""


def prefill(deck: Deck, text: str) -> dict[str, str]:
    """Modal fields drafted from a message: its goal (if any), its channels, and the text as the idea."""
    plan = read_plan(deck, [text])
    return {
        "objective": plan.goal.sentence if plan.goal.stated else "",
        "idea": bound(text, 2900),
        "channels": ", ".join(c.name for c in plan.channels),
    }


class Briefs:
    """The brief, on the same deck and store as the thread coach."""

    def __init__(self, coach: Coach):
        self.coach = coach

    def brief(self, place: Place, fields: dict[str, str], user_id: str, seed: str) -> replies.Reply:
        """The campaign brief: the plan as written, and the two or three questions it leaves most open."""
        c = self.coach
        say = c.words.say
        fields = {k: bound(v or "", c.goal_chars if k == "objective" else 1500) for k, v in fields.items()}
        parts: list[replies.Part] = [replies.Header(say("brief.header"))]
        for field in FIELDS:
            value = fields.get(field.key, "").strip()
            said = f">{quote(value, 1500)}" if value else say("brief.not_yet")
            parts.append(replies.Section(f"*{field.label(c.words)}*\n{said}"))
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
        parts.append(replies.Context(say("brief.planned_by", user=user_id)))
        parts.append(replies.Section(say("brief.open_questions")))
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_context(c.deck, c.deck.paradox_of(q.id))))
        objective = quote(fields.get("objective", ""), c.goal_chars)
        text = say("brief.text", objective=objective, questions=" ".join(q.text for q in questions))
        return replies.Reply("brief", text, parts, question_ids=[q.id for q in questions])

    def record(self, place: Place, objective: str, user_id: str, brief_ts: str, question_ids: list[str]):
        """The objective becomes the channel's goal and the brief thread's goal; its questions count as asked."""
        c = self.coach
        objective = bound(objective, c.goal_chars)
        # One follow-up per brief: in its thread when there is one, else in the channel.
        due = followup.due_on(objective, c.today())
        c.store.record_goal(
            place.team_id, place.channel_id, "", objective, user_id, due_on="" if brief_ts else due
        )
        if brief_ts:
            thread = Place.in_thread(place.team_id, place.channel_id, brief_ts)
            c.store.record_goal(
                thread.team_id, thread.channel_id, thread.thread_ts, objective, user_id, due_on=due
            )
            c.store.mark_asked(thread.team_id, thread.channel_id, thread.memory_key, question_ids)
