"""The campaign brief: its fields (one list, for the brief and for the "Plan a campaign" modal) and the reply.

Plain Python: the modal itself is built in `bot.listeners.views.plan_modal` from `FIELDS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach import replies
from bot.coach.choosing import pick_questions, preferred_paradoxes
from bot.coach.coach import Coach, Place
from bot.coach.deck import Deck
from bot.coach.reader import read_goal, read_plan
from bot.coach.text import bound, quote


@dataclass(frozen=True)
class BriefField:
    key: str  # the modal's block and action id, and the brief's field name
    label: str
    hint: str  # shown under the field in the modal
    optional: bool = True
    multiline: bool = True


FIELDS: tuple[BriefField, ...] = (
    BriefField(
        "objective",
        "Objective",
        "What should people do differently, for whom, by how much, by when?",
        optional=False,
    ),
    BriefField("audience", "Audience and insight", "Who are they, and what stops them acting now?"),
    BriefField("idea", "The idea", "The one thing that will make them act."),
    BriefField(
        "channels",
        "Channels being considered",
        "Last, not first: which channels fit the goal?",
        multiline=False,
    ),
    BriefField(
        "scoring",
        "How success will be scored",
        "Outputs (posts), outtakes (what people took in), outcomes (what "
        "they did). Plan the evaluation before launch.",
    ),
)


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


class Briefs:
    """The brief, on the same deck and store as the thread coach."""

    def __init__(self, coach: Coach):
        self.coach = coach

    def brief(self, place: Place, fields: dict[str, str], user_id: str, seed: str) -> replies.Reply:
        """The campaign brief: the plan as written, and the two or three questions it leaves most open."""
        c = self.coach
        fields = {k: bound(v or "", c.goal_chars if k == "objective" else 1500) for k, v in fields.items()}
        parts: list[replies.Part] = [replies.Header("Campaign brief")]
        for field in FIELDS:
            value = fields.get(field.key, "").strip()
            parts.append(
                replies.Section(
                    f"*{field.label}*\n>{quote(value, 1500)}" if value else f"*{field.label}*\n_not yet_",
                )
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
            replies.Context(
                f"Planned goal-first by <@{user_id}>. The objective is now this channel's goal; "
                "mention me in the thread to keep testing the plan.",
            )
        )
        parts.append(replies.Section("*Questions this brief leaves most open:*"))
        for q in questions:
            parts.append(replies.Section(f"*{q.text}*"))
            parts.append(replies.Context(replies.paradox_context(c.deck.paradox_of(q.id))))
        objective = quote(fields.get("objective", ""), c.goal_chars)
        text = f"Campaign brief. Objective: {objective}. Open questions: " + " ".join(
            q.text for q in questions
        )
        return replies.Reply("brief", text, parts, question_ids=[q.id for q in questions])

    def record(self, place: Place, objective: str, user_id: str, brief_ts: str, question_ids: list[str]):
        """The objective becomes the channel's goal and the brief thread's goal; its questions count as asked."""
        c = self.coach
        objective = bound(objective, c.goal_chars)
        c.store.record_goal(place.team_id, place.channel_id, "", objective, user_id)
        if brief_ts:
            thread = Place.in_thread(place.team_id, place.channel_id, brief_ts)
            c.store.record_goal(thread.team_id, thread.channel_id, thread.thread_ts, objective, user_id)
            c.store.mark_asked(thread.team_id, thread.channel_id, thread.memory_key, question_ids)
