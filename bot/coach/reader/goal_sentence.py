"""What one sentence says about the goal: who should do what, how much and by when.

A goal is grammar over word classes, not a phrase list (see the package's docstring), so a sentence is
first read for its structures (`_look`: audience, measure, date, outputs, labels), and then the patterns
are tried strongest first: someone doing something, a labelled measure, a measured awareness objective,
and last the weaker aims and the counts of outputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coach.reader import quantities as q
from bot.coach.reader.compiled import Reader, _fallback_reader
from bot.coach.reader.forms import Norm, _first, _raw_spans
from bot.coach.reader.readings import NONE, OUTPUT, STATED, WEAK, GoalReading


def _statement(reader: Reader, sentence: str) -> str:
    """The part of a sentence that states something: up to a trailing question, or '' for a question."""
    body = sentence.strip()
    if not body.endswith("?"):
        return body
    norm = reader.lexicon.norm(body)
    # "How do we get 200 more carers to register?" presupposes the goal it asks how to reach.
    how = re.match(
        r"^\W*(?:(?:how\s+)?(?:do|can|could|should|might|would|will)\s+(?:we|i|you)|what'?s\s+the\s+best\s+way\s+to)"
        r"\s+(?=get|help|encourage|persuade|convince|see|reach|recruit|increase|reduce|cut|boost|raise|double|halve)",
        body,
        re.I,
    )
    if how:
        return body[how.end() :].rstrip("?! ")
    # "What we need is 40 more carers…, TikTok?" opens with a label, not a question.
    labelled = bool(reader.labels.match(norm.text, 1))
    if reader.question_start.match(norm.text) and not labelled:
        return ""
    cut = max(body.rfind(","), body.rfind(" - "), body.rfind(" – "), body.rfind(" or "))
    if cut <= 0:
        return ""
    head = body[:cut].rstrip(" ,-–")
    if reader.question_start.match(reader.lexicon.norm(head).text) and not labelled:
        return ""
    return head


def _negated(norm: Norm, start: int) -> bool:
    """A negator earlier in the same clause ("not about getting people to sign up")."""
    before = norm.text[:start]
    cut = max(before.rfind(f" {p} ") for p in ".;?!,") if any(f" {p} " in before for p in ".;?!,") else 0
    clause = before[cut:]
    words = clause.split()
    tail = " " + " ".join(words[-5:]) + " "
    return bool(re.search(r" (?:not|n't|don't|dont|isn't|isnt|aren't|won't|never|nid|ddim) ", tail))


@dataclass
class _Sentence:
    """One statement as the goal patterns see it: its stems, and its parts found as structures."""

    statement: str
    norm: Norm  # sport blanked out
    acting: Norm  # awareness words blanked out too
    outputs: list[tuple[int, int]]
    output_spans: list[tuple[int, int]]  # outputs and outtakes, as offsets into the stem string
    outtake: bool  # it asks people to act on the message itself ("open the e-newsletter")
    audience: str
    measure: str
    date: str
    label: re.Match | None
    goal_word: re.Match | None
    intention: re.Match | None
    move: bool  # a level now and the level wanted, in numbers ("86% → 92%")


def _look(reader: Reader, statement: str) -> _Sentence:
    norm = reader.lexicon.norm(statement)
    for m in reader.sport.finditer(norm.text):
        norm = norm.blank(m.start(), m.end())
    acting = norm
    # "raise awareness of recycling" names an outcome noun but asks nobody to do anything.
    for m in reader.awareness.finditer(norm.text):
        acting = acting.blank(m.start(), m.end())
    # "30% of tenants to open the e-newsletter": opening it is an outtake, so nobody acts here.
    outtakes = [(m.start(), m.end()) for m in reader.output_acts.finditer(norm.text)]
    for start, end in outtakes:
        acting = acting.blank(start, end)
    output_spans = [(m.start(), m.end()) for m in reader.outputs.finditer(norm.text)] + outtakes
    outputs = _raw_spans(norm, reader.outputs) + _raw_spans(norm, reader.output_acts)
    return _Sentence(
        statement,
        norm,
        acting,
        outputs,
        output_spans,
        bool(outtakes),
        q.first(statement, q.audiences(statement)) or _first(reader.audiences, norm),
        q.first(statement, q.measures(statement, outputs)),
        q.first(statement, q.dates(statement)),
        reader.labels.search(norm.text),
        reader.goal_word.search(norm.text),
        reader.intentions.search(norm.text),
        q.has_move(statement),
    )


_COUNT_RULES = ("count_outcome", "count_act", "number_act", "count_done", "count_in_post")


def _acts(reader: Reader, s: _Sentence, name: str, m: re.Match) -> bool:
    """Whether a behaviour pattern's match really names someone doing something."""
    text = s.acting.text
    if _negated(s.acting, m.start()):
        return False
    if "v" in m.re.groupindex and m.group("v"):
        thing = reader.compound.match(text, m.start("v"))
        if thing and thing.end() > m.end("v"):
            return False  # "foster carers" is people, not fostering
    # "100k site visits", "a 1.5% CTR to the page": the count is of outputs, whatever words follow.
    if _counts_outputs(s, m):
        return False
    if s.outtake and name in (*_COUNT_RULES, "share_act", "more_outcome", "outcome_from_to"):
        return False  # "Target - 30% of tenants to open the e-newsletter" counts readers
    if name == "more_act" and m.start("v") == text.index(" ", m.start() + 1) + 1:
        return False  # "more volunteers", "more recycling": a noun right after "more" names no action
    found = text[m.start() : m.end()]
    if name in ("people_to", "people_act") and not reader.someone.search(found, found.find(" ", 1)):
        return False  # "we'd need someone from finance there to answer questions"
    if not _wanted(s, name):
        return False
    if name == "count_done" and any(start <= m.start("v") < end for start, end in s.output_spans):
        return False  # "100k site visits": the act is part of an output
    # "the panel is down to about 600 members" is where things stand, not a goal
    return name not in _COUNT_RULES or bool(s.label or s.goal_word or s.intention or s.date)


def _wanted(s: _Sentence, name: str) -> bool:
    """Whether people joining or places filled are wanted, not reported."""
    aim = s.intention or s.label or s.goal_word
    if name == "count_people":
        return bool(aim and _deadline(s))  # "we need 12 more volunteers on Saturday" staffs a day
    if name == "fill_count":
        return bool(aim or _deadline(s))  # "we filled 200 places last year" is news
    if name == "count_done":
        # "12 volunteers joined last week" is news, "we want 12 volunteers joined up" is a goal
        return bool(s.intention or s.label)
    return True


def _counts_outputs(s: _Sentence, m: re.Match) -> bool:
    """Whether the words a pattern counts are outputs: an output named before its action, or its
    outcome noun being part of an output ("site visits")."""
    verb = m.start("v") if "v" in m.re.groupindex and m.group("v") else -1
    for start, end in s.output_spans:
        # "more people clicking through to book a jab": the click is the way to the action
        route = verb >= 0 and re.fullmatch(r" (?:through |thru |on )?(?:to )?", s.acting.text[end:verb])
        if verb >= 0 and m.start() < end <= verb and not route:
            return True
        if verb < 0 and start < m.end() and m.start() < end:
            return True  # "reach 80% of households": the count is who was reached
    return False


def _behaviour(reader: Reader, s: _Sentence) -> tuple[str, str]:
    """The words that say who should do what, and the pattern that found them."""
    for name, regex in reader.behaviour:
        for m in regex.finditer(s.acting.text):
            if _acts(reader, s, name, m):
                return s.acting.source(m.start() + 1, m.end()).strip(), name
    if s.label or s.goal_word or s.intention:
        m = reader.so_that.search(s.acting.text)
        if m:
            return s.acting.source(m.start() + 1, m.end()).strip(), "label_so_that"
    return "", ""


def _label_measure(reader: Reader, s: _Sentence) -> tuple[str, str, str] | None:
    if not (s.label or s.goal_word or s.intention and _target_amount(s)) or not s.measure:
        return None
    if s.outputs or reader.awareness.search(s.norm.text):
        return None
    # "Open rate target for the e-bulletin is 45%": the amount measures an output named beside it.
    # The thing measured is named first: "Success = 25 GPs taking posts" counts GPs, not posts.
    # (the label's own words are not what it measures: "we'd like" names no likes)
    norm = s.norm
    for found in (s.label, s.intention):
        if found:
            norm = norm.blank(found.start(), found.end())
    # "quick update from me: SLT agreed the objective ...": what opens before a colon is a preamble
    opened = norm.text.rfind(" : ", 0, (s.label or s.goal_word or s.intention).start())
    if opened > 0:
        norm = norm.blank(0, opened)
    # "want to hit 2,400 self-referrals": hitting a number is reaching it, not web hits
    output = next((m for m in reader.output_nouns.finditer(norm.text) if not _hits_a_number(norm, m)), None)
    people = reader.audiences.search(norm.text)
    if output and (people is None or output.start() < people.start()):
        return OUTPUT, "output_target", s.norm.source(output.start(), output.end())
    if not (s.label or s.goal_word):
        # "Rydyn ni eisiau eu cael nhw'n ôl i 95% erbyn yr haf": an intention, a level and a date
        return STATED, "intention_measure", _first(reader.intentions, s.norm)
    return STATED, "label_measure", _first(reader.labels, s.norm) or _first(reader.goal_word, s.norm)


def _hits_a_number(norm: Norm, m: re.Match) -> bool:
    return m.group().strip() == "hit" and norm.text[m.end() :].lstrip().startswith("#")


def _target_amount(s: _Sentence) -> bool:
    """A level to reach, by a date: a percentage or a from-to ("we want it back to 95% by summer")."""
    if not s.date:
        return False
    if q.has_baseline(s.statement):
        return True
    # a level reached ("back up to 95%", "at 80%", "i 95%"), not a share of our own work ("80% planned")
    reached = (
        rf"\b(?:to|i|at|reach|hit|cyrraedd|be|fod yn|bod yn)\s+(?:about\s+|around\s+|over\s+|tua\s+)?"
        rf"{re.escape(s.measure)}"
    )
    return "%" in s.measure and bool(re.search(reached, s.statement, re.I))


def _measured_awareness(reader: Reader, s: _Sentence) -> tuple[str, str, str] | None:
    found = reader.measurable_awareness.search(s.norm.text)
    if found and (q.has_baseline(s.statement) or s.measure and s.date):
        return STATED, "measured_awareness", s.norm.source(found.start(), found.end())
    return None


def _weaker(reader: Reader, s: _Sentence) -> tuple[str, str, str] | None:
    if s.outputs and s.label and not s.outtake:
        # "KPIs: 250k impressions, 8% engagement rate": a label over counts of outputs
        return OUTPUT, "output_label", s.statement[s.outputs[0][0] : s.outputs[0][1]]
    awareness = reader.awareness.search(s.norm.text)
    if awareness:
        return WEAK, "awareness", s.norm.source(awareness.start(), awareness.end())
    if s.outputs:
        return OUTPUT, "output", s.statement[s.outputs[0][0] : s.outputs[0][1]]
    if s.goal_word and s.label:
        return WEAK, "goal_word_only", ""
    return None


def read_sentence(sentence: str, reader: Reader | None = None, index: int = -1) -> GoalReading:
    """What one sentence says about the goal."""
    reader = reader or _fallback_reader()
    statement = _statement(reader, sentence)
    if not statement:
        return GoalReading(NONE, sentence, message_index=index)
    if reader.no_goal.search(reader.lexicon.norm(statement).text):
        return GoalReading(NONE, statement, message_index=index, rule="no_goal")
    s = _look(reader, statement)
    aside = _no_goal_here(reader, s)
    if aside:
        return GoalReading(NONE, statement, s.audience, s.measure, s.date, "", index, aside)
    behaviour, rule = _behaviour(reader, s)
    if behaviour:
        strength = STATED
        # "need more members ... this year": a direction with no amount is a goal only when labelled one,
        # or when it says who and a deadline ("more recycling from the flats by March")
        who = _audience_outside(reader, s.acting, behaviour) if rule in _NOUN_RULES else False
        labelled = (s.label or s.goal_word) and (s.date or who)
        deadline = who and re.search(r"\b(?:by|before|until|ahead of|erbyn|cyn)\b", s.date, re.I)
        if rule in _NOUN_RULES and not (s.measure or labelled or deadline):
            strength, rule = WEAK, "bare_outcome"  # "more members": no who, no amount, no when
        found: tuple[str, str, str] | None = (strength, rule, behaviour)
    else:
        found = (
            _label_measure(reader, s)
            or _measured_awareness(reader, s)
            or _level_move(reader, s)
            or _weaker(reader, s)
        )
    strength, rule, behaviour = found or (NONE, "", "")
    return GoalReading(strength, statement, s.audience, s.measure, s.date, behaviour, index, rule)


_NOUN_RULES = ("more_outcome", "change_outcome")


def _no_goal_here(reader: Reader, s: _Sentence) -> str:
    """Why a sentence states no goal whatever it counts (the rule), or ''."""
    # A result already reached: "target was 6,000 visitors, we got 6,400". One cited after the goal's own
    # word is its baseline ("Objective: 250 new donors by 30 June (we got 140 last year)"), unless it
    # puts that goal itself in the past ("target was", "nod oedd").
    past = reader.past_results.search(s.norm.text)
    if past:
        baseline = s.goal_word is not None and s.goal_word.start() < past.start()
        if not (s.intention or s.label) and (reader.goal_word.search(f" {past.group()} ") or not baseline):
            return "past_result"
    # A finding from research describes today ("Survey: 62% of tenants don't know …"); a level to reach
    # or a deadline makes a target whatever research it cites ("from 20% to 35% (baseline survey in Jan)").
    # A label or intention counts only before the finding: "1 in 3 say they wouldn't know where to go for
    # help" reports what people said.
    # "(currently around 80%)", "(46% y llynedd)": a baseline in brackets, not the sentence's finding
    finding = reader.findings.search(s.norm.text)
    if finding and "(" in s.statement:
        outside = reader.lexicon.norm(re.sub(r"\([^)]*\)", " ", s.statement)).text
        finding = finding if reader.findings.search(outside) else None
    if finding:
        leads = [s.goal_word] + [m for m in (s.label, s.intention) if m and m.start() < finding.start()]
        if not (any(leads) or s.move or _deadline(s)):
            return "finding"
    if _money_only(reader, s):
        return "budget"
    return "audience_target" if _names_a_group(reader, s) else ""


def _deadline(s: _Sentence) -> bool:
    """A date to reach something by ("by March", "erbyn Ionawr", "before the clocks go back"), not one that
    places what is described ("this year", "last year", "Q1")."""
    if not s.date:
        return False
    at = s.statement.find(s.date)
    around = s.statement[max(0, at - 14) : at + len(s.date)] if at >= 0 else s.date
    return bool(q.DEADLINE_CUE.search(around))


def _money_only(reader: Reader, s: _Sentence) -> bool:
    """ "We've got £18k left in the flood awareness pot before year end": the only amount is money to
    spend, so the sentence is a budget, not a goal. Money to raise ("raise £50k by March") is a goal."""
    return q.money_only(s.statement) and not reader.fundraising.search(s.norm.text)


def _names_a_group(reader: Reader, s: _Sentence) -> bool:
    """ "Target = dads 30-50 in the town centre wards": a target label over a group of people names who,
    not what they should do. It opens with words, not an amount, and counts nothing people do."""
    lead = s.label or s.goal_word
    if not lead or s.outputs or s.move or not re.search(r"targ|audienc|cynulleidfa", lead.group()):
        return False
    after = s.norm.text[lead.end() :].lstrip(" =:-–")
    # "Target = men who turned 65 and haven't responded to their invite": the clause says which men
    after = re.split(r" (?:who|that|whose|sy|sy 'n|sy'n|sy '|sydd|nad|na) ", after, maxsplit=1)[0]
    # "target is to sell 700", "our target of 400": an amount or an act follows, not a group
    if re.match(r"(?:#|#%|more|fewer|extra|new|half|double|to|of|is|for|i|o|yw|ydi|ydy) ", after):
        return False
    # "students", "households" are outcome nouns too ("500 more students"); here they name the group
    words = " " + after + " "
    groups = [m.span() for m in reader.audiences.finditer(words)]
    # "Target: 1,000 trainee officers recruited", "1 in 3 households applying": people doing something
    acts = [m for m in reader.outcome_nouns.finditer(words) if not any(a <= m.start() < b for a, b in groups)]
    # a verb counts unless the word is the group itself (Welsh "plant", children), after a count even then
    # ("# new firefighters recruited")
    count = words.find(" # ")
    acts += [m for m in reader.goal_verbs.finditer(words) if m.span() not in groups or 0 <= count < m.start()]
    return "#%" not in after and not acts


def _level_move(reader: Reader, s: _Sentence) -> tuple[str, str, str] | None:
    """A level now and the level wanted, with no verb ("MMR2 uptake at 5: 86% → 92% by March", "Specials
    in post: 31 now, 43 by April"): a goal when dated or labelled, unless what moves is an output."""
    if not s.move or not (s.date or s.label or s.goal_word):
        return None
    # "online share 91% → 96%" moves people to a route; a social "share" is counted as an output elsewhere
    # and "in post" counts people in jobs
    output = next(
        (
            m
            for m in reader.output_nouns.finditer(s.norm.text)
            if m.group().strip() != "share" and not s.norm.text[: m.start()].rstrip().endswith(" in")
        ),
        None,
    )
    # "raise the share of residents who know …": a share of people, not shares of a post
    shares = [
        (a, b)
        for a, b in s.output_spans
        if not (s.norm.text[a:b].endswith(" share") and s.norm.text[b:].startswith(" of "))
    ]
    if shares or output:
        return OUTPUT, "output_level", s.norm.source(output.start(), output.end()).strip() if output else ""
    return STATED, "baseline_target", s.measure


def _audience_outside(reader: Reader, norm: Norm, behaviour: str) -> bool:
    """An audience named beyond the outcome words themselves ("more members" names none)."""
    rest = norm.raw.replace(behaviour, " ", 1)
    return bool(q.audiences(rest) or reader.audiences.search(reader.lexicon.norm(rest).text))
