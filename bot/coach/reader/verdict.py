"""The verdict over a thread, and the rule that decided it: the one place where what the other modules
found (small talk, channels, the goal, planning talk) is weighed.

The verdict for a thread (its last message is the mention), first rule that fits:
* `not_a_plan`: the mention is thanks or a greeting (and nothing else of substance), asks what the coach
  does, is off-topic or posted by mistake, or asks a general how-to question about campaign craft; or
  nothing in the thread is about a plan (no channel, no goal, no planning talk). A plea for help under a
  plan is a plea for coaching, and a question ending in "?" is never thanks. Thanks, a greeting or an
  aside that opens the mention and only narrates (no question, nothing proposed, no goal: "Morning! just
  back from recording the podcast") names its channels in passing;
* `nudge`: a channel is on the table and no goal stands (none stated, only outputs or awareness, or
  withdrawn); or the plan is measured only in outputs ("KPIs: 250k impressions, 3,000 clicks"), channel
  named or not;
* `coach`: a goal is stated, or there is planning talk with no channel on the table.
Every verdict carries its `Rule` (an id such as `channel_no_goal` and a sentence saying why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.coach.reader import quantities as q
from bot.coach.reader.channels import _merge_channels, channel_matches, find_topics
from bot.coach.reader.compiled import Reader, reader_for
from bot.coach.reader.forms import _first, _raw_spans
from bot.coach.reader.goal_sentence import _negated
from bot.coach.reader.goal_thread import _track_goal
from bot.coach.reader.learned import Models, features, load_models
from bot.coach.reader.readings import COACH, NONE, NOT_A_PLAN, NUDGE, OUTPUT, WEAK, PlanReading, Rule
from bot.coach.reader.sentences import sentences
from bot.coach.reader.small_talk import _howto_topic, _Mention, _narrates, _small_talk, _talk, aside_removed
from bot.coach.text import plain

if TYPE_CHECKING:
    from bot.coach.deck import Deck


def _found_anywhere(reader: Reader, texts: list[str]) -> tuple[str, str, str]:
    audience = date = measure = ""
    for text in texts:
        for sentence in sentences(plain(text)):
            norm = reader.lexicon.norm(sentence)
            pulled = reader.withdraw.search(norm.text)
            if pulled and not _negated(norm, pulled.start()):
                measure = ""  # "parking the number": the amount said before no longer stands
                continue
            outputs = _raw_spans(norm, reader.outputs)
            audience = audience or q.first(sentence, q.audiences(sentence)) or _first(reader.audiences, norm)
            date = date or q.first(sentence, q.dates(sentence))
            measure = measure or q.first(sentence, q.measures(sentence, outputs))
    return audience, date, measure


def _has_planning(reader: Reader, text: str) -> bool:
    norm = reader.lexicon.norm(plain(text))
    for regex in (reader.sport, reader.politics, reader.social_event):
        for m in regex.finditer(norm.text):
            norm = norm.blank(m.start(), m.end())
    lx = reader.lexicon
    return bool(
        reader.planning.search(norm.text)
        or reader.labels.search(norm.text)  # "she'll ask what success looks like"
        or reader.behaviour[0][1].search(norm.text)
        # "why aren't tenants in Rhyl contacting us early?": who, doing what
        or lx.regex["audiences"].search(norm.text)
        and lx.regex["goal_verbs"].search(norm.text)
        or q.spends(text)  # "Ma'r cyngor 'di cynnig £1,000 i ni ar gyfer hyrwyddo'r pantri"
    )


# Enough for a few hundred ordinary messages; a longer thread is read from its first message and its latest
# ones, so a reply stays well inside Slack's patience however long the thread grows.
READ_CHARS = 60_000


def _within_budget(texts: list[str]) -> list[str]:
    """The texts, with middle messages left out ("") when together they exceed READ_CHARS."""
    if sum(len(t) for t in texts) <= READ_CHARS:
        return texts
    kept = [""] * len(texts)
    budget = READ_CHARS
    for i in [0, *range(len(texts) - 1, 0, -1)]:
        if len(texts[i]) > budget:
            if i == len(texts) - 1:
                kept[i] = texts[i][:budget]
            continue
        kept[i], budget = texts[i], budget - len(texts[i])
    return kept


# A label or a level over counts of outputs: the plan is measured, but only by its outputs.
_MEASURED_OUTPUTS = ("output_label", "output_target", "output_level")


def _plan_rule(plan: PlanReading) -> tuple[str, Rule]:
    """The verdict and its rule for a thread that is about a plan."""
    goal, names = plan.goal, ", ".join(w for _, w in plan.channel_words)
    if plan.channels and plan.withdrawn and not goal.stated:
        return NUDGE, Rule(
            "withdrawn", f"a goal was withdrawn ({plan.withdrawal}) and a channel is on the table"
        )
    if plan.channels and not goal.stated:
        if goal.strength == OUTPUT:
            return NUDGE, Rule(
                "output_only", f"a channel ({names}) and only outputs are counted ({goal.behaviour})"
            )
        if goal.strength == WEAK:
            why = f"a channel ({names}) and an aim that asks nobody to act ({goal.behaviour})"
            return NUDGE, Rule("weak_goal", why)
        return NUDGE, Rule(
            "channel_no_goal", f"a channel is on the table ({names}) and no strategic goal is stated"
        )
    if goal.strength == OUTPUT and goal.rule in _MEASURED_OUTPUTS:
        # "KPIs: 250k impressions, 3,000 link clicks": a plan measured only in outputs has no goal yet
        return NUDGE, Rule(
            "output_only", f"only outputs are counted ({goal.behaviour}) and no goal is stated"
        )
    if goal.stated:
        return COACH, Rule("goal_stated", f"a strategic goal is stated ({goal.rule}: {goal.behaviour})")
    return COACH, Rule("planning_no_channel", "planning talk with no channel on the table")


def read_plan(deck: Deck, texts: list[str], models: Models | None | bool = True) -> PlanReading:
    """Read a thread (its last message is the mention) or a single message: the rules, then what the
    learned models say of the mention (`models`: the shipped ones by default, or False for rules alone)."""
    texts = _within_budget([t or "" for t in texts]) or [""]
    plan = read_by_rules(deck, texts)
    if models is True:
        models = load_models()
    return apply_models(deck, plan, texts, models) if models else plan


def apply_models(deck: Deck, plan: PlanReading, texts: list[str], models: Models) -> PlanReading:
    """The mention first: what it asks, as the model reads it with the rules' findings among its features.

    The model decides whether the mention is about the plan at all, when it is sure enough (`_weighed`);
    the rules keep their word on whether a goal stands and on everything the reply is built from: the
    goal sentence, its audience, measure and date, and the channels. A mention the model reads as not
    about the plan (an errand, sport, a request the coach cannot do) gets small talk whatever the thread
    holds.
    """
    found = features(plan, texts)
    scores = models.verdict.scores(found)
    label = _weighed(plan.verdict, scores)
    p = scores[label]
    plan.rules_verdict = plan.verdict
    plan.learned = f"{label} ({p:.0%})"
    if label != plan.verdict:  # the features that weighed most, only where they changed the verdict
        why = ", ".join(models.verdict.reasons(found, label)) or "its bias"
        plan.learned = f"{label} ({p:.0%}: {why})"
    if label == NOT_A_PLAN and plan.verdict != NOT_A_PLAN:
        talk = models.talk.best(found)[0] if models.talk else "off_topic"
        reader = reader_for(deck)
        topic = _howto_topic(reader, reader.lexicon.norm(plain(texts[-1]).lower()).text)
        plan.verdict, plan.talk = NOT_A_PLAN, talk
        plan.howto_topic = (topic or "other") if talk == "howto" else ""
        plan.rule = Rule(f"learned.{talk}", f"the mention is not about the plan ({p:.0%}: {why})")
    elif label != plan.verdict:  # the rules took it for small talk: it is about the plan
        plan.verdict, plan.talk, plan.howto_topic = label, "", ""
        plan.rule = Rule(f"learned.{label}", f"the mention is about the plan ({p:.0%}: {why})")
    if plan.verdict != NOT_A_PLAN and models.ask:
        plan.ask = models.ask.best(found)[0]
    return plan


# How sure the model must be to overrule the rules, chosen leave-one-writer-out (`python -m
# bot.dev.reader_model lowo`): more than even odds that the mention is not about the plan, and surer to
# find a plan in a mention the rules read as small talk ("how do we get more people involved" alone asks
# what the coach is for). Between nudge and coach it never overrules: letting it gained under a point
# leave-one-writer-out, but it read "Our goal is to get 500 more young carers to register by March" as no
# goal at 95%. Whether a goal stands is the rules' to read, from its grammar.
SURE_NOT_A_PLAN, SURE_PLAN = 0.5, 0.6


def _weighed(rules: str, scores: dict[str, float]) -> str:
    """The verdict: the rules', unless the model is sure enough that the mention is (or is not) about the plan."""
    if rules != NOT_A_PLAN:
        return NOT_A_PLAN if scores[NOT_A_PLAN] >= SURE_NOT_A_PLAN else rules
    best = max((NUDGE, COACH), key=scores.__getitem__)
    return best if scores[best] >= SURE_PLAN else NOT_A_PLAN


def read_by_rules(deck: Deck, texts: list[str]) -> PlanReading:
    """The rules' reading of a thread, before the learned models weigh in (and their features)."""
    reader = reader_for(deck)
    texts = _within_budget([t or "" for t in texts]) or [""]
    joined = "\n".join(texts)
    per_message = [channel_matches(deck, t) for t in texts]
    matches = _merge_channels(per_message)
    track = _track_goal(reader, texts)
    goal = track.best
    audience, date, measure = _found_anywhere(reader, texts)
    plan = PlanReading(
        [c for c, _ in matches],
        goal,
        find_topics(deck, joined),
        withdrawn=track.withdrawn,
        withdrawal=track.withdrawal,
        audience_found=goal.audience or audience,
        date_found=goal.date or date,
        measure_found=goal.measure or measure,
        channel_words=[(c.id, w) for c, w in matches],
    )
    planning = [_has_planning(reader, t) for t in texts]
    earlier_plan = any(per_message[:-1]) or track.before_last != NONE or any(planning[:-1])
    talk, howto, words, pure = _talk(reader, texts[-1])
    # what the mention says in passing (what a thanks is for, an errand) puts nothing on the table
    aside = aside_removed(reader, texts[-1]) if talk else texts[-1]
    if _narrates(reader, talk, texts[-1]):
        aside = ""  # "cheers, that's sorted me before the Yammer meeting 🙌": the channel was in passing
    if talk == "emoji":
        talk = "" if earlier_plan else "thanks"  # 🙏 alone is thanks; 👀 under a plan asks for a look at it
    plan.talk_words = words
    plan.aside = bool(talk and per_message[-1]) and not channel_matches(deck, aside)
    mention = _Mention(
        texts[-1],
        talk,
        howto,
        words,
        pure,
        bool(per_message[-1] and channel_matches(deck, aside)),
        _track_goal(reader, texts[-1:]).best.stated,
        planning[-1] and _has_planning(reader, aside),
        earlier_plan,
        len(texts),
    )
    sport = bool(reader.sport.search(reader.lexicon.norm(plain(texts[-1])).text))
    plan.mention_facts = {
        "talk": talk or "-",
        "howto": str(bool(howto)),
        "pure": str(pure),
        "channels": str(mention.channels),
        "goal": str(mention.goal_stated),
        "planning": str(mention.planning),
        "earlier_plan": str(earlier_plan),
        "sport": str(sport),
    }
    small = _small_talk(reader, mention, goal)
    if small is None and not plan.channels and goal.strength == NONE and not any(planning):
        kind = talk if talk in ("thanks", "greeting", "capabilities") and not sport else "off_topic"
        small = kind, Rule("no_plan", "no channel, no goal and no planning talk anywhere in the thread")
    if small is not None:
        plan.verdict, plan.rule = NOT_A_PLAN, small[1]
        plan.talk = small[0]
        plan.howto_topic = howto if plan.talk == "howto" else ""
        return plan
    plan.verdict, plan.rule = _plan_rule(plan)
    return plan
