"""Which question a channel's weekly prompt asks: every paradox once before any repeats, and the prompt itself."""

from __future__ import annotations

import random

from bot.coach import replies
from bot.coach.deck import Deck, Question


def next_question(deck: Deck, sent: list[str], team_id: str, channel_id: str) -> Question:
    """Every paradox once before any repeats (a seeded order per cycle), and a different question each time."""
    n = len(sent)
    ids = [p.id for p in deck.paradoxes]
    order = ids[:]
    random.Random(f"{team_id}:{channel_id}:cycle{n // len(ids)}").shuffle(order)
    paradox = deck.by_id[order[n % len(ids)]]
    used = {q for q in sent if q.startswith(paradox.id + ".")}
    left = [q for q in paradox.questions if q.id not in used] or list(paradox.questions)
    return left[random.Random(f"{channel_id}:{paradox.id}:{n}").randrange(len(left))]


def weekly_reply(deck: Deck, question: Question) -> replies.Reply:
    p = deck.paradox_of(question.id)
    return replies.Reply(
        "weekly",
        f"This week's paradox: {p.title}. {p.sides[0]} {p.sides[1]} {question.text} Answer in the thread.",
        [
            replies.Header(f"This week's paradox: {p.title}"),
            replies.Section(f"• {p.sides[0]}\n• {p.sides[1]}"),
            replies.Section(f"*{question.text}*"),
            replies.Context("Answer in this thread, and mention me there if you want me to coach the plan."),
            replies.Actions(
                [
                    replies.Button(
                        replies.ANOTHER_ANGLE,
                        "Another angle",
                        question.id,
                        "Post a different question from this paradox in the thread",
                    )
                ],
            ),
        ],
        suffix=question.id,
        question_ids=[question.id],
    )
