"""Which question a channel's weekly prompt asks: every paradox once before any repeats, and the prompt itself,
in the channel's language."""

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
    """The prompt in the deck's language (its words are prompts/schedule.yml's `weekly.prompt`)."""
    p = deck.paradox_of(question.id)
    say = deck.words.say
    return replies.Reply(
        "weekly",
        say("weekly.prompt.text", title=p.title, first=p.sides[0], second=p.sides[1], question=question.text),
        [
            replies.Header(say("weekly.prompt.header", title=p.title)),
            replies.Section(f"• {p.sides[0]}\n• {p.sides[1]}"),
            replies.Section(f"*{question.text}*"),
            replies.Context(say("weekly.prompt.context")),
            replies.Actions(
                [
                    replies.Button(
                        replies.ANOTHER_ANGLE,
                        say("weekly.prompt.another"),
                        question.id,
                        say("weekly.prompt.another_label"),
                    )
                ],
            ),
        ],
        suffix=question.id,
        question_ids=[question.id],
    )


def weekly_prompt(decks: list[Deck], question_id: str) -> replies.Reply:
    """The prompt in each deck's language, in the order given (Welsh first), as one message.

    The question is the same in every language: the decks share their ids, so the rotation is the
    channel's whatever language it reads.
    """
    return replies.together(
        [weekly_reply(d, d.questions[question_id]) for d in decks if question_id in d.questions]
    )
