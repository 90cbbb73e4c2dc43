"""Reading a plan: which channels are on the table, whether a strategic goal has been stated, or
whether the mention is not about a plan at all.

A goal says what people should do differently, for whom, by how much and by when. The reader is
rule-based on purpose: deterministic, cheap, and able to say which rule decided (`PlanReading.rule`,
shown by `python -m bot read`), so a content editor can see a miss and fix it in `prompts/`.

How it generalises (see `lexicon` for the word forms and why stems were chosen over a lemmatiser):
* vocabulary is data (`prompts/reading.yml`, `prompts/channels.yml`), matched as word forms;
* a goal is grammar over word classes, not a phrase list: "<get|encourage> <people> to <act>",
  "<more|fewer> ... <act|outcome>", "<increase|cut> ... <outcome>", "<number> <outcome>",
  "<share>% of <people> <act>", a label ("Target -", "success looks like") with a measure, and a measured
  awareness or attitude objective with a baseline or a date (as GCS accepts);
* quantities, dates and audiences are structures (`quantities`);
* a sentence is read up to a trailing question, so "300 more carers by March - would TikTok help?"
  keeps its goal; a goal withdrawn later ("parking the number") no longer counts; a negated one never did.

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

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.coach.deck import Channel, Deck, load_deck
from bot.coach.reader import quantities as q
from bot.coach.reader.lexicon import Lexicon, Norm, load_lexicon
from bot.coach.text import plain

STATED, WEAK, OUTPUT, NONE = "stated", "weak", "output", "none"
_RANK = {STATED: 3, WEAK: 2, OUTPUT: 1, NONE: 0}
NUDGE, COACH, NOT_A_PLAN = "nudge", "coach", "not_a_plan"

# Any one word of a clause (sentence punctuation ends a clause; commas do not).
_W = r"(?:[^ .;?!]+ )"
_PUNCT = r"(?:[.;?!,] )"


@dataclass(frozen=True)
class Rule:
    """The rule that decided a verdict: a short id for tests and logs, and why, for people."""

    id: str = ""
    why: str = ""

    def __str__(self) -> str:
        return f"{self.id}: {self.why}" if self.why else self.id


@dataclass(frozen=True)
class GoalReading:
    """What one message (or a whole thread) says about the goal."""

    strength: str = NONE  # stated, weak (awareness and the like), output (a count of posts), none
    sentence: str = ""  # the goal sentence alone: no leading mention, no trailing question
    audience: str = ""  # the words that name who ("" when absent)
    measure: str = ""  # how much
    date: str = ""  # by when
    behaviour: str = ""  # the action or outcome, or for weak/output goals what was read instead
    message_index: int = -1  # index into the texts read of the message it came from
    rule: str = ""  # which goal pattern matched

    @property
    def stated(self) -> bool:
        return self.strength == STATED

    @property
    def has_audience(self) -> bool:
        return bool(self.audience)

    @property
    def has_measure(self) -> bool:
        return bool(self.measure)

    @property
    def has_date(self) -> bool:
        return bool(self.date)

    def gaps(self) -> list[str]:
        """What a stated goal still leaves open: audience, measure, date."""
        return [
            name
            for name, value in (("audience", self.audience), ("measure", self.measure), ("date", self.date))
            if not value
        ]


@dataclass
class PlanReading:
    channels: list[Channel] = field(default_factory=list)
    goal: GoalReading = field(default_factory=GoalReading)
    topics: list[str] = field(default_factory=list)  # paradox ids the words hint at
    verdict: str = COACH  # nudge | coach | not_a_plan
    rule: Rule = field(default_factory=Rule)
    talk: str = ""  # set when not_a_plan: thanks, greeting, capabilities, howto, off_topic
    howto_topic: str = ""  # smart, outputs_outcomes, evaluation, oasis, aim_objective, other
    withdrawn: bool = False  # a goal was stated and then withdrawn
    withdrawal: str = ""  # the words that withdrew it
    # Anywhere in the thread, so replies never ask for what the plan already says.
    audience_found: str = ""
    date_found: str = ""
    measure_found: str = ""
    channel_words: list[tuple[str, str]] = field(default_factory=list)  # (channel id, words as typed)
    talk_words: list[str] = field(default_factory=list)
    aside: bool = False  # the mention named a channel only in passing (what a thanks is for, an errand)

    @property
    def needs_goal(self) -> bool:
        """The gate: a channel is on the table and no strategic goal stands."""
        return bool(self.channels) and not self.goal.stated and self.verdict != NOT_A_PLAN


# -- the compiled reader ---------------------------------------------------------------------------------


class Reader:
    """Every pattern the reader runs, compiled once for one deck's channels and one vocabulary."""

    def __init__(self, lexicon: Lexicon, channels: list[Channel], not_followed_by: tuple[str, ...]):
        self.lexicon = lx = lexicon
        self.channels = {c.id: c for c in channels}
        guard = lx.split_alt(not_followed_by) if not_followed_by else ""
        # "social media policy", "TikTok account login": talk about the organisation, not a plan.
        after = rf"(?! (?:[^ ]+ )?{guard} )" if guard else ""
        self.channel_res = [
            (c.id, re.compile(r"(?<= )" + lx.split_alt(c.patterns) + r"(?= )" + after)) for c in channels
        ]
        # "before anyone says 'video'": the words after, to the end of the clause, are off the table
        self.dismissed = re.compile(
            r"(?<= )" + lx.alt("dismissals", join=False) + r"(?: [^ ,.;:?!]+){0,5}(?= )"
        )
        self.not_channels = re.compile(r"(?<= )" + lx.alt("not_channels", join=False) + r"(?= )")
        a = {name: lx.alt(name) for name in lx.compiled}
        verb, noun, more = f"(?P<v>{a['goal_verbs']})", a["outcome_nouns"], a["more_words"]
        # "foster carers" and "cycle lanes" are things, not people fostering or cycling.
        self.compound = re.compile(rf"(?:{a['audiences']}|{a['outcome_nouns']})(?= )")
        # "the target audience" is an audience, not a target.
        goalword = a["goal_words"] + r"(?! (?:audienc|group|market|demograph|date|area|popul|user)[^ ]* )"
        self.behaviour = [
            (
                "people_to",
                re.compile(
                    rf" {a['people_verbs']} {_W}{{1,10}}?(?:to )(?:be |start |keep |actual )?{verb}(?= )"
                ),
            ),
            ("people_act", re.compile(rf" (?:{a['people_verbs_cy']}|help) {_W}{{0,10}}?{verb}(?= )")),
            ("more_act", re.compile(rf" {more} {_W}{{0,20}}?(?:to |i )?{verb}(?= )")),
            # "more of the Year 12s from the schools we work with ..., the ones who'd be first ..., to
            # actually book": a named group opens a long description of who, then what they should do.
            (
                "more_people_act",
                re.compile(
                    rf" {more} (?:of )?{_W}{{0,3}}?{a['audiences']} {_W}{{0,30}}?"
                    rf"(?:to |i )(?:actual |then |also |all )?{verb}(?= )"
                ),
            ),
            (
                "more_outcome",
                re.compile(rf" (?:{more}|# (?:more|new|extra|fewer|addit)) {_W}{{0,3}}?{noun}(?= )"),
            ),
            (
                "change_outcome",
                re.compile(
                    rf" {a['change_verbs']} (?:the |our |local |overall )?(?:(?:number|rate|level|share|"
                    rf"proport|percentag|amount) of )?{_W}{{0,4}}?{noun}(?= )"
                ),
            ),
            (
                "count_outcome",
                re.compile(
                    rf"(?<![£$€]) (?:#|#%) (?:new |more |extra |fewer |addit )?{_W}{{0,2}}?{noun}(?= )"
                ),
            ),
            ("share_act", re.compile(rf" #% (?:of )?{_W}{{0,8}}?{verb}(?= )")),
            # "400 residents on the estate to respond", Welsh "400 o residents ar stad Cefn i ymateb"
            # (a long description of who: "250 of the over-65s whose Blue Badge runs out this year to renew")
            ("count_act", re.compile(rf"(?<![£$€]) # {_W}{{1,12}}?(?:to|i) {verb}(?= )")),
            # "we want 25 local businesses signed up by 1 Nov": the count, then its act done (an intention only)
            ("count_done", re.compile(rf"(?<![£$€]) # {_W}{{1,4}}?{verb}(?= )")),
            # "cycle trips on the corridor up from 1,900 to 2,600 a day": a count of acts moved from-to
            (
                "outcome_from_to",
                re.compile(
                    rf" {noun} {_W}{{0,5}}?(?:to go |go |rise |fall |increas |grow |get |move )?(?:up |down |back )?"
                    r"from (?:#|#%) (?:to|up to|down to) (?:#|#%)(?= )"
                ),
            ),
            (
                "number_act",
                re.compile(
                    rf" (?:number|proport|share|percentag|rate) of {_W}{{1,5}}?(?:who |that )?{verb}(?= )"
                ),
            ),
            (
                "people_who",
                re.compile(
                    rf" {a['change_verbs']} the (?:number|proport|share|percentag) of {_W}{{1,5}}?(?:who|that) "
                ),
            ),
        ]
        self.so_that = re.compile(
            rf" (?:so that|so|in order to|er mwyn|fel bod) (?:more |fewer )?{_W}{{0,6}}?{verb}(?= )"
        )
        self.labels = re.compile(r"(?<= )" + lx.alt("labels") + r"(?= )")
        self.intentions = re.compile(r"(?<= )" + lx.alt("intentions") + r"(?= )")
        # Who is asked to act: a group, a number, "more", or people ("get the copy to read well" is none).
        self.someone = re.compile(
            rf" (?:{a['audiences']}|(?<!£ )(?<!\$ )#|#%|{more}|them|anyon|everyon|folk|peopl|those)(?= )"
        )
        self.goal_word = re.compile(r"(?<= )" + goalword + r"(?= )")
        self.outputs = re.compile(
            rf" (?:#|#%|more|lot of|some|a few|daili|week|regular|a load of|extra) (?:new )?{_W}{{0,2}}?"
            rf"{a['output_nouns']}(?= )"
            rf"| (?:{a['change_verbs']}|build|grow|increas) (?:our |the |it |more |their )?{_W}{{0,2}}?"
            rf"{a['output_nouns']}(?= )"
            r"| go viral | went viral | viral | trend "
            # "reach 50,000 people" counts who saw it, not who acted
            r"| (?:reach|get in front of|be seen by|seen by|put in front of) (?:at least |over |more than |up to )?#%? "
        )
        self.output_nouns = lx.regex["output_nouns"]
        # "to open the e-newsletter", "click through to the page": acting on the message, an outtake.
        self.output_acts = re.compile(
            rf" {a['output_verbs']} (?:on |through |to |through to )?(?:the |our |their |a |an |this |that |"
            rf"my |your |it |its )?{_W}{{0,2}}?{a['output_objects']}(?= )"
        )
        self.awareness = re.compile(r"(?<= )(?:" + a["awareness"] + "|" + a["soft_aims"] + r")(?= )")
        self.measurable_awareness = lx.regex["awareness"]
        self.no_goal = lx.regex["no_goal"]
        self.sport = lx.regex["sport"]
        # "the Reform campaign leaflet", "the leadership campaign stuff": politics, and the words after it.
        self.politics = re.compile(r"(?<= )" + lx.alt("politics") + r"(?: [^ .;?!]+){0,2}(?= )")
        self.politics_split = re.compile(
            r"(?<= )" + lx.alt("politics", join=False) + r"(?: [^ .;?!]+){0,2}(?= )"
        )
        self.audiences = lx.regex["audiences"]
        # "the volunteers social", "the staff social on Friday": a night out, not social media or a plan.
        self.social_event = re.compile(
            rf"(?<= )(?:{a['audiences']}|team|comms|office|christma|summer|xmas|festiv) social"
            r"(?! (?:media|post|posts|channel|channels|account|feed|content|platform|ad|ads|plan|push|"
            r"campaign|copy|tile|tiles|asset|assets|graphic|graphics|video|card|cards)(?= ))(?= )"
        )
        self.planning = lx.regex["planning_words"]
        withdraw_target = rf"(?:{goalword}|number|numbers|figur|kpi|okr|metric)"
        self.withdraw = re.compile(
            rf"(?<= ){a['withdraw_verbs']} (?:about )?{_W}{{0,3}}?{withdraw_target}(?= )|(?<= ){a['withdrawals']}(?= )"
        )
        # "let's drop that, it's an ops target": only after a goal, and only closing a clause.
        self.withdraw_that = re.compile(
            rf"(?<= ){a['withdraw_verbs']} (?:that|it|this|those)"
            r"(?: out| off| asid| for now| to one side| for the moment)*(?= [.,;:!?–-] | $)"
        )
        self.question_start = lx.question_regex
        self.howto_question = re.compile(
            r"^ (?:§ )*(?:what|what's|how|why|whi|is|are|does|do|can|could|should|explain|anyon|ani|"
            r"differ|help|tell|when|which|beth|sut|pam|pa|oes|any tip|tip)"
        )
        self.own_plan = lx.regex["own_plan"]
        self.explain = re.compile(r" (?:explain|tell me|eglur|esbonio)")
        self.help_only = re.compile(r"^(?: help| helpu| help me| can you help| allwch chi helpu)+ $")


def _default_lexicon() -> Lexicon:
    return load_lexicon(Path(__file__).resolve().parents[3] / "prompts")


_FALLBACK: list[Reader] = []  # the first reader built, for callers without a deck


def reader_for(deck: Deck) -> Reader:
    """The deck's compiled reader, built on first use and kept with the deck."""
    reader = getattr(deck, "_reader", None)
    if reader is None:
        lexicon = getattr(deck, "lexicon", None) or _default_lexicon()
        reader = Reader(lexicon, deck.channels, deck.not_followed_by)
        deck._reader = reader  # type: ignore[attr-defined]
        # Callers that read a goal without a deck (`read_goal([text])`) share the app's reader.
        _FALLBACK[:] = _FALLBACK or [reader]
    return reader


# -- sentences ---------------------------------------------------------------------------------------------

_MENTION = re.compile(r"^(?:\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>|@[\w.-]+)[\s,:;–-]*)+")
# Sentence ends, line breaks, dashes between clauses, bullets, and a mention inside a message
# ("Target is 500 sign-ups by May <@U0COACH> thoughts?" holds a goal and then a question).
_SPLIT = re.compile(r"((?<=[.!?])\s+|\n+|;\s*|\s+[-–—]+\s+|(?<=[.!?])(?=[A-Z])|\s*•\s*|\s+@[\w.-]+[,:]?\s+)")
_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
_LABEL_ONLY = re.compile(
    r"^(?:\W*\w+\W*){0,3}?(?:goal|objective|aim|target|kpis?|okr|outcome|ambition|success|nod|amcan|targed)\W*$",
    re.IGNORECASE,
)


def strip_mention(text: str) -> str:
    """The text without the leading `<@U…>` mentions (the bot's own, usually)."""
    return _MENTION.sub("", text).strip()


def sentences(text: str) -> list[str]:
    """Sentences as written, without leading mentions; a bare label ("Target -") joins the next one."""
    pieces = _SPLIT.split(text)
    out: list[str] = []
    joiner = ""  # the separator before this piece, kept when a bare label joins what follows
    for i, piece in enumerate(pieces):
        if i % 2:
            joiner = piece
            continue
        part = strip_mention(_BULLET.sub("", piece.strip()))
        if not part:
            continue
        # "Beth yw'r nod?" asks for the goal; only a bare label ("Target -") introduces one.
        if out and _LABEL_ONLY.match(out[-1]) and not out[-1].rstrip().endswith("?"):
            out[-1] = f"{out[-1]}{joiner if joiner.strip() else ' '}{part}"
        else:
            out.append(part)
    return out


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


def _first(regex: re.Pattern, norm: Norm) -> str:
    m = regex.search(norm.text)
    return norm.source(m.start() + (norm.text[m.start()] == " "), m.end()).strip() if m else ""


def _negated(norm: Norm, start: int) -> bool:
    """A negator earlier in the same clause ("not about getting people to sign up")."""
    before = norm.text[:start]
    cut = max(before.rfind(f" {p} ") for p in ".;?!,") if any(f" {p} " in before for p in ".;?!,") else 0
    clause = before[cut:]
    words = clause.split()
    tail = " " + " ".join(words[-5:]) + " "
    return bool(re.search(r" (?:not|n't|don't|dont|isn't|isnt|aren't|won't|never|nid|ddim) ", tail))


def _raw_spans(norm: Norm, regex: re.Pattern) -> list[tuple[int, int]]:
    out = []
    for m in regex.finditer(norm.text):
        start = m.start() + (norm.text[m.start()] == " ")
        first = next((i for i, st in enumerate(norm.starts) if st >= start), None)
        last = max((i for i, st in enumerate(norm.starts) if st < m.end()), default=None)
        if first is not None and last is not None and last >= first:
            out.append((norm.spans[first][0], norm.spans[last][1]))
    return out


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
    )


_COUNT_RULES = ("count_outcome", "count_act", "number_act", "count_done")


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
    if name == "count_done" and not (s.intention or s.label):
        return False  # "12 volunteers joined last week" is news, "we want 12 volunteers joined up" is a goal
    if name == "count_done" and any(start <= m.start("v") < end for start, end in s.output_spans):
        return False  # "100k site visits": the act is part of an output
    # "the panel is down to about 600 members" is where things stand, not a goal
    return name not in _COUNT_RULES or bool(s.label or s.goal_word or s.intention or s.date)


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
    output = reader.output_nouns.search(norm.text)
    people = reader.audiences.search(norm.text)
    if output and (people is None or output.start() < people.start()):
        return OUTPUT, "output_target", s.norm.source(output.start(), output.end())
    if not (s.label or s.goal_word):
        # "Rydyn ni eisiau eu cael nhw'n ôl i 95% erbyn yr haf": an intention, a level and a date
        return STATED, "intention_measure", _first(reader.intentions, s.norm)
    return STATED, "label_measure", _first(reader.labels, s.norm) or _first(reader.goal_word, s.norm)


def _target_amount(s: _Sentence) -> bool:
    """A level to reach, by a date: a percentage or a from-to ("we want it back to 95% by summer")."""
    if not s.date:
        return False
    if q.has_baseline(s.statement):
        return True
    # a level reached ("back up to 95%", "at 80%", "i 95%"), not a share of our own work ("80% planned")
    reached = (
        rf"\b(?:to|i|at|reach|hit|cyrraedd)\s+(?:about\s+|around\s+|over\s+|tua\s+)?{re.escape(s.measure)}"
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
        found = _label_measure(reader, s) or _measured_awareness(reader, s) or _weaker(reader, s)
    strength, rule, behaviour = found or (NONE, "", "")
    return GoalReading(strength, statement, s.audience, s.measure, s.date, behaviour, index, rule)


_NOUN_RULES = ("more_outcome", "change_outcome")


def _audience_outside(reader: Reader, norm: Norm, behaviour: str) -> bool:
    """An audience named beyond the outcome words themselves ("more members" names none)."""
    rest = norm.raw.replace(behaviour, " ", 1)
    return bool(q.audiences(rest) or reader.audiences.search(reader.lexicon.norm(rest).text))


def _fallback_reader() -> Reader:
    if not _FALLBACK:
        reader_for(load_deck(Path(__file__).resolve().parents[3] / "prompts"))
    return _FALLBACK[0]


@dataclass
class _GoalTrack:
    best: GoalReading = field(default_factory=GoalReading)
    withdrawn: bool = False
    withdrawal: str = ""
    before_last: str = NONE  # the goal's strength before the last message


def _track_goal(reader: Reader, texts: list[str]) -> _GoalTrack:
    """The strongest goal across messages (a later one wins a tie); a withdrawal clears what came before."""
    track = _GoalTrack()
    for index, text in enumerate(texts):
        if index == len(texts) - 1:
            track.before_last = track.best.strength
        parts = sentences(plain(text))
        for i, sentence in enumerate(parts):
            norm = reader.lexicon.norm(sentence)
            pulled = reader.withdraw.search(norm.text) or (
                track.best.stated and reader.withdraw_that.search(norm.text)
            )
            if pulled and not _negated(norm, pulled.start()):
                if track.best.stated:
                    track.withdrawn = True
                    track.withdrawal = norm.source(pulled.start(), pulled.end()).strip()
                track.best = GoalReading()
                # "Scrap that goal, we'll use the one SLT signed off: 800 bookings by February"
                rest = norm.raw[norm.spans[_token_at(norm, pulled.end() - 1)][1] :].lstrip(" ,;:-–")
                if not rest:
                    continue
                sentence = rest
            found = _in_context(reader, parts, i, sentence, index)
            if found.strength != NONE and _RANK[found.strength] >= _RANK[track.best.strength]:
                track.best = found
                if found.stated:
                    track.withdrawn, track.withdrawal = False, ""
    return track


def _in_context(reader: Reader, parts: list[str], i: int, sentence: str, index: int) -> GoalReading:
    """What sentence `i` of a message says about the goal, read beside its neighbours."""
    found = read_sentence(sentence, reader, index)
    if found.rule in _LEVEL_RULES and i > 0 and _refers_back(found.sentence):
        found = _level_of_output(reader, parts[i - 1], found)
    if found.rule == "bare_outcome" and i + 1 < len(parts):
        # "get people booking their smear tests - 500 more women aged 25-49 by summer": the
        # direction in one clause, its amount in the next
        joined = read_sentence(f"{sentence}, {parts[i + 1]}", reader, index)
        found = joined if joined.stated else found
    return found


_LEVEL_RULES = ("label_measure", "intention_measure")
# "goal is to get it back to 5%", "we want that up to 40% by June": the level belongs to what came before
_REFERS_BACK = re.compile(
    r"\b(?:get|bring|push|take|put|move|grow|raise|lift|have|cael)\s+(?:it|that|this|them|hi|fe|e)\b"
    r"|\b(?:it|that|this|them|hi|fe)\s+(?:back|up|down|'n ôl|yn ôl|i fyny)\b",
    re.I,
)


def _refers_back(sentence: str) -> bool:
    return bool(_REFERS_BACK.search(sentence))


def _level_of_output(reader: Reader, before: str, found: GoalReading) -> GoalReading:
    """A level whose "it" is an output named in the sentence before ("Engagement rate on our TikTok is
    down to 2.1% - goal is to get it back to 5%") counts an output, not people acting."""
    norm = reader.lexicon.norm(before)
    output = reader.output_nouns.search(norm.text)
    if output is None or reader.audiences.search(norm.text):
        return found
    what = norm.source(output.start(), output.end()).strip()
    return GoalReading(
        OUTPUT,
        found.sentence,
        found.audience,
        found.measure,
        found.date,
        what,
        found.message_index,
        "output_level",
    )


def _token_at(norm: Norm, offset: int) -> int:
    """The index of the stem that covers text[offset]."""
    return max(i for i, start in enumerate(norm.starts) if start <= offset)


def read_goal(texts: list[str], deck: Deck | None = None) -> GoalReading:
    """The strongest goal statement across messages; a later one wins a tie."""
    reader = reader_for(deck) if deck is not None else _fallback_reader()
    return _track_goal(reader, texts).best


# -- channels and topics -----------------------------------------------------------------------------------


def _channel_norm(reader: Reader, text: str) -> Norm:
    norm = reader.lexicon.norm(plain(text), join=False)
    for regex in (reader.not_channels, reader.politics_split, reader.social_event, reader.dismissed):
        for m in regex.finditer(norm.text):
            norm = norm.blank(m.start(), m.end())
    return norm


def channel_matches(deck: Deck, text: str) -> list[tuple[Channel, str]]:
    """Channels named in `text` with the words that named them, in order of first mention, each once."""
    reader = reader_for(deck)
    norm = _channel_norm(reader, text)
    found: list[tuple[int, Channel, str]] = []
    for cid, pattern in reader.channel_res:
        m = pattern.search(norm.text)
        if m:
            found.append((m.start(), reader.channels[cid], norm.source(m.start(), m.end())))
    found.sort(key=lambda x: x[0])
    # "social media" is the umbrella: drop it when a specific platform is also named.
    specific = [(c, w) for _, c, w in found if c.id != "social_media"]
    return specific or [(c, w) for _, c, w in found]


def _merge_channels(per_message: list[list[tuple[Channel, str]]]) -> list[tuple[Channel, str]]:
    """Channels across messages, in order of first mention, each once; the umbrella last of all."""
    seen: dict[str, tuple[Channel, str]] = {}
    for found in per_message:
        for channel, words in found:
            seen.setdefault(channel.id, (channel, words))
    specific = [m for m in seen.values() if m[0].id != "social_media"]
    return specific or list(seen.values())


def find_channels(deck: Deck, text: str) -> list[Channel]:
    """Channels named in `text`, in order of first mention, each once."""
    return [c for c, _ in channel_matches(deck, text)]


def find_topics(deck: Deck, text: str) -> list[str]:
    """Paradox ids whose keywords appear in `text`, most mentioned first."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z][a-z'-]+", plain(text).lower()):
        for pid in deck.keyword_index.get(word, ()):
            counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts, key=lambda p: -counts[p])


# -- small talk -------------------------------------------------------------------------------------------


def _howto_topic(reader: Reader, text: str) -> str:
    """The campaign-craft topic a question asks about ("" when it is no question or names none)."""
    if reader.howto_question.match(text) or "?" in text or reader.explain.search(text):
        for topic, regex in reader.lexicon.howto_regex.items():
            if regex.search(text):
                return topic
    return ""


def _talk(reader: Reader, mention: str) -> tuple[str, str, list[str], bool]:
    """What kind of small talk a mention is: (kind, how-to topic, words, made only of small talk)."""
    lx = reader.lexicon
    norm = lx.norm(plain(mention).lower())
    text = norm.text
    found: dict[str, list[str]] = {}
    covered = norm
    for kind, regex in lx.talk_regex.items():
        if kind == "proposal":
            continue  # read by `_narrates`: what a mention asks for is not small talk
        for m in regex.finditer(text):
            if kind != "filler":
                found.setdefault(kind, []).append(norm.source(m.start(), m.end()))
            covered = covered.blank(m.start(), m.end())
    residue = [
        t for t in covered.text.split() if t.strip("_") and t != "§" and (t[0].isalnum() or t[0] in "#")
    ]
    pure = not residue
    words = [w for ws in found.values() for w in ws]
    howto = _howto_topic(reader, text)
    if "mispost" in found:
        return "off_topic", howto, words, pure
    # "is the Facebook page down for anyone else?", "anyone got the Teams link? 🙏": an errand is off-topic
    if "errand" in found:
        found.setdefault("off_topic", []).extend(found["errand"])
    # Stems can share a form ("helpful" and "help"): the kind that covers most words wins.
    order = ("capabilities", "thanks", "greeting", "off_topic")
    kinds = [k for k in order if k in found]
    if kinds:
        best = max(kinds, key=lambda k: (sum(len(w.split()) for w in found[k]), -order.index(k)))
        return best, howto, words, pure
    if not residue and any(not t[0].isalnum() for t in text.split() if t not in "§.,!?"):
        return "emoji", howto, words, True  # a mention made only of emoji
    return "", howto, words, pure


# -- the plan ---------------------------------------------------------------------------------------------


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


@dataclass
class _Mention:
    """What the verdict needs to know about the mention and the thread before it."""

    text: str
    talk: str  # the kind of small talk found in it ("" for none)
    howto: str  # a how-to topic it asks about ("" for none)
    words: list[str]  # the small-talk words found
    pure: bool  # made only of small talk
    channels: bool  # it names a channel itself
    goal_stated: bool  # it states a goal itself
    planning: bool  # it has planning talk in it
    earlier_plan: bool  # an earlier message in the thread has a channel, a goal or planning talk
    thread_len: int

    @property
    def quiet(self) -> bool:
        return not self.channels and not self.goal_stated

    @property
    def listed(self) -> str:
        return ", ".join(self.words) or "emoji"


def _thanks_or_greeting(reader: Reader, m: _Mention) -> Rule | None:
    # "Great goal on Saturday!" is about the match; "great?" under a plan asks for a view.
    sport = bool(reader.sport.search(reader.lexicon.norm(plain(m.text)).text))
    asks = plain(m.text).rstrip().endswith("?")
    if m.talk == "thanks" and not asks and (m.pure or m.quiet and not m.planning and not sport):
        return Rule("small_talk.thanks", f"the mention thanks the coach ({m.listed})")
    if m.talk == "greeting" and (m.pure or m.quiet and not m.planning and not m.earlier_plan):
        return Rule("small_talk.greeting", f"the mention is a greeting ({m.listed})")
    return None


def _capabilities(reader: Reader, m: _Mention) -> Rule | None:
    if m.talk != "capabilities" or m.goal_stated:
        return None
    found = words_of(reader, m.text, "capabilities")
    # A plea for help in a thread with a plan in it is a plea for coaching.
    help_only = all(reader.help_only.match(reader.lexicon.norm(w.lower()).text) for w in found)
    strong = max((len(w.split()) for w in found), default=0) >= 3
    asked = (m.quiet and not m.planning and not m.earlier_plan) if help_only else (not m.channels or strong)
    return (
        Rule("small_talk.capabilities", f"the mention asks what the coach does ({m.listed})")
        if asked
        else None
    )


def _off_topic(reader: Reader, m: _Mention) -> Rule | None:
    if m.talk != "off_topic" or not m.quiet:
        return None
    if _is_mispost(reader, m.text) or not m.planning and not m.earlier_plan:
        return Rule("small_talk.off_topic", f"the mention is off-topic ({m.listed})")
    return None


def _craft(reader: Reader, m: _Mention, goal: GoalReading) -> Rule | None:
    # "we're doing a LinkedIn campaign, how do we make it SMART?": "we" with a channel is the team's plan
    own = _about_own_plan(reader, m.text, m.earlier_plan or m.channels)
    if not m.howto or goal.stated or m.goal_stated or own:
        return None
    if m.channels and m.thread_len > 1 or q.dates(m.text):
        return None  # craft questions are general: not "... by Friday?", not about the channels on the table
    return Rule(f"howto.{m.howto}", f"a how-to question about campaign craft ({m.howto})")


_TALK_OF_RULE = {"small_talk.thanks": "thanks", "small_talk.greeting": "greeting"}


def _small_talk(reader: Reader, m: _Mention, goal: GoalReading) -> tuple[str, Rule] | None:
    """(talk, rule) when the mention is not about a plan, else None."""
    for check in (_thanks_or_greeting, _capabilities, _off_topic):
        rule = check(reader, m)
        if rule:
            return rule.id.removeprefix("small_talk."), rule
    rule = _craft(reader, m, goal)
    return ("howto", rule) if rule else None


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


def read_plan(deck: Deck, texts: list[str]) -> PlanReading:
    """Read a thread (its last message is the mention) or a single message."""
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
    small = _small_talk(reader, mention, goal)
    if small is None and not plan.channels and goal.strength == NONE and not any(planning):
        sport = reader.sport.search(reader.lexicon.norm(plain(texts[-1])).text)
        kind = talk if talk in ("thanks", "greeting", "capabilities") and not sport else "off_topic"
        small = kind, Rule("no_plan", "no channel, no goal and no planning talk anywhere in the thread")
    if small is not None:
        plan.verdict, plan.rule = NOT_A_PLAN, small[1]
        plan.talk = small[0]
        plan.howto_topic = howto if plan.talk == "howto" else ""
        return plan
    plan.verdict, plan.rule = _plan_rule(plan)
    return plan


_CLAUSE_END = frozenset(",.;:!?")
_THANKS_FILLER = frozenset(
    [
        "so",
        "much",
        "again",
        "a",
        "lot",
        "loads",
        "veri",
        "ever",
        "massiv",
        "huge",
        "all",
        "yn",
        "fawr",
        "iawn",
    ]
)


def aside_removed(reader: Reader, text: str) -> str:
    """The text without what it mentions in passing: what a thanks is for ("thanks for the steer on the
    leaflet thing") and sentences about an errand ("the link on the intranet is dead"). A channel named
    there is something done or a place where a file lives, not a plan on the table."""
    lx = reader.lexicon
    raw = plain(text)
    errand = lx.talk_regex.get("errand")
    kept = []
    for sentence in sentences(raw):
        norm = lx.norm(sentence.lower())
        if errand is not None and errand.search(norm.text):
            continue
        for m in lx.talk_regex["thanks"].finditer(norm.text):
            after = norm.text[m.end() :].split()
            while after and after[0] in _THANKS_FILLER:
                after = after[1:]  # "thanks so much for", "diolch yn fawr am"
            if not after or after[0] not in ("for", "am"):
                continue
            # the thanks and what it is for, to the end of the clause
            first = _token_at(norm, m.start() + 1)
            last = first + len(norm.text[m.start() : m.end()].split())
            while last < len(norm.spans) and norm.text.split()[last] not in _CLAUSE_END:
                last += 1
            start, end = norm.spans[first][0], norm.spans[last - 1][1]
            sentence = sentence[:start] + " " * (end - start) + sentence[end:]
            break
        kept.append(sentence)
    return "\n".join(kept)


def _narrates(reader: Reader, talk: str, text: str) -> bool:
    """Whether a thanks, a greeting or an off-topic aside only tells what the writer did or will do: no
    question, nothing proposed or asked for, no goal ("Morning! just back from recording the podcast,
    brain is fried", "lol the printer has eaten my poster proofs again")."""
    if talk not in ("thanks", "greeting", "off_topic") or "?" in text:
        return False
    proposal = reader.lexicon.talk_regex.get("proposal")
    norm = reader.lexicon.norm(strip_mention(plain(text)).lower())
    if proposal is None or proposal.search(norm.text):
        return False
    # the thanks or greeting opens the mention ("YouTube pre-roll up top" thanks nobody)
    opening = reader.lexicon.talk_regex[talk].search(norm.text)
    if opening is None or norm.text[: opening.start()].strip(" §"):
        return False
    return not _track_goal(reader, [text]).best.stated


def words_of(reader: Reader, text: str, kind: str) -> list[str]:
    """The words of one kind of small talk in `text`."""
    norm = reader.lexicon.norm(plain(text).lower())
    return [norm.source(m.start(), m.end()) for m in reader.lexicon.talk_regex[kind].finditer(norm.text)]


def _about_own_plan(reader: Reader, text: str, thread_has_plan: bool) -> bool:
    """Whether the question in `text` is about the team's own plan ("how should we evaluate this campaign?")."""
    parts = sentences(plain(text))
    questions = [reader.lexicon.norm(p.lower()).text for p in parts if p.rstrip().endswith("?")]
    questions = questions or [reader.lexicon.norm(p.lower()).text for p in parts]
    we = reader.lexicon.regex["we_words"]
    return any(reader.own_plan.search(q) or thread_has_plan and we.search(q) for q in questions)


def _is_mispost(reader: Reader, text: str) -> bool:
    regex = reader.lexicon.talk_regex.get("mispost")
    return bool(regex and regex.search(reader.lexicon.norm(plain(text).lower()).text))
