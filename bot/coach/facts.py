"""The thread's facts a reply can name: the goal as written, the options the mention weighs, who, by when
and with what money.

A reply that names "radio or roadside signs", "the parents of under-5s" and "by 31 March" engages with
this plan; one that could be pasted under any thread does not. The reader finds these parts; this module
makes them fit to say back: Slack quote marks and labels taken off, channels in the words the team used,
and only the channels the mention is about (a channel named as how a scam reaches people is not an option).
Plain Python, no Slack: values are escaped here, once, because they are user text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.coach.deck import Deck
from bot.coach.reader import PlanReading
from bot.coach.reader import quantities as q
from bot.coach.reader.channels import channel_matches
from bot.coach.reader.compiled import reader_for
from bot.coach.reader.forms import radical
from bot.coach.text import plain, quote

# A goal's own label, said before it: "Goal:", "Our objective is", "Nod:", "Success =", "we want".
_LABEL = re.compile(
    r"^(?:(?:so|ok|right|and|but)\s*,?\s+)?(?:(?:our|the|main|key|comms|campaign|overall|primary|their|"
    r"[a-z]+'s)\s+)*(?:goal|aim|objective|target|kpi|okr|ambition|outcome|success measure|"
    r"what success looks like|success(?: would be| will be| is| means| looks like)?|what we (?:need|want) is|"
    r"nod|amcan|targed|y nod|ein nod|uchelgais)(?:\s+(?:is|yw|ydi|ydy|here|this time|for this|eleni))*"
    r"\s*(?:=|:|-|–|—|is)?\s*(?:to\s+)?|^(?:we|i|they|ni|dan ni|rydyn ni)\s+(?:want|need|'d like|would like|"
    r"isio|eisiau|angen|moyn)\s+(?:to\s+)?",
    re.I,
)
_QUOTE_MARK = re.compile(r"^(?:\s*(?:>|&gt;|•|-|\*|\d+[.)])\s*)+")
# "aged 16-24", "under-25s", "18-24 year olds": said back as people
_AGE_ONLY = re.compile(r"^(?:aged|ages|age|under|over|\d{1,2}\b)", re.I)
# A date that sets a deadline ("by 31 March", "before half term", "end of Q3"), not "this year" or "eleni"
_DEADLINE = re.compile(
    r"\d|\b(?:by|before|until|till|end of|erbyn|cyn|diwedd|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"spring|summer|autumn|winter|christmas|easter|term|half[- ]term|holiday|q[1-4])",
    re.I,
)
# Any time at all in the thread: a goal read without a date may still have one nearby ("Jan–Mar", "the 2026
# wave", "next round", "before the canvass closes"), and asking "by when?" then asks for what was said
_ANY_TIME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ion|chwe|maw|ebr|meh|gorff|awst|medi|hyd|tach|rhag)[a-z]*\b"
    r"|\b20\d\d\b|\b(?:spring|summer|autumn|winter|christmas|easter|term|half[- ]term|week|weeks|month|months|"
    r"quarter|q[1-4]|fy|year|wave|round|cycle|deadline|closes|opens|launch|by|before|until|erbyn|cyn|tan|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|haf|gaeaf|gwanwyn|hydref|nadolig|pasg|wythnos|mis)\b",
    re.I,
)
# Welsh words in a value: said inside an English sentence they read as a mistake (issue 23 answers in Welsh)
_WELSH = re.compile(
    r"\b(?:y|yr|o|ar|yn|erbyn|mis|eleni|pobl|bobl|plant|rhieni|ifanc|oed|gyda|efo|ac|a'r|i'r|diwedd|"
    r"myfyrwyr|cleifion|trigolion|teuluoedd|gofalwyr|tenantiaid|ddysgwyr|dysgwyr|staff y)\b",
    re.I,
)
# Options that are times, not channels: "too early or too late", "before or after the election"
_TIMES = re.compile(
    r"^(?:too\s+)?(?:early|earlier|late|later|now|before|after|first|then|next (?:week|month)|this (?:week|month)|"
    r"(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|spring|summer|autumn|winter|"
    r"christmas|easter|week \d+|day \d+|cyn|ar ôl|wedyn|nawr|rŵan)\b",
    re.I,
)
# What comes before the first option that is not part of it: "we want to do door knocking"
_WE_DO = re.compile(
    r"^(?:we|i|they|you)\s+(?:want|could|should|might|would|need|plan)\s+(?:to\s+)?(?:do\s+)?", re.I
)
_OR = re.compile(r"\s+(?:or|neu|neu'r|neu’r|ta|'ta|’ta|ynteu|vs\.?|versus)\s+", re.I)
# A mention that asks to choose among options named above it: "which one?", "p'un?", "pa un?"
_WHICH = re.compile(r"\b(?:which|either|p'?un|pa un|pa 'run|pa'r un)\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(.+?)\s+and\s+(.+?)\s*(?:[.?!,;]|$)", re.I)
# "It's one or the other", "this or that": no option named
_NOT_AN_OPTION = re.compile(
    r"^(?:the other|other|both|either|one|it'?s one|this|that|the rest|not|nothing|neither|"
    # a verdict asked for, not options: "good idea or a waste of money?", "syniad da ta gwastraff arian?"
    r"(?:a )?(?:good|bad) idea|(?:a )?waste of (?:money|time)|worth it|syniad (?:da|gwael)|gwastraff (?:arian|amser)|"
    r"werth (?:o|e|hi))$",
    re.I,
)
# Said beside the options without being one: "X, Y or both?", "Mailchimp ta rwbath arall?", "neu'r ddau"
_BESIDE = re.compile(
    r"^(?:both|(?:y|'r|’r)?\s*ddau|dau|something else|anything else|(?:rhywbeth|rwbath) arall|unrhyw beth arall)$",
    re.I,
)
# A question said before the options, not one of them: "be ti'n feddwl, WhatsApp ta grŵp Facebook?"
_QUESTION_ITEM = re.compile(r"^(?:be|beth|pa|sut|ydy|ydi|oes|what|which|how|thoughts|any thoughts)\b", re.I)
# Words that ask, before the first option: "which would you back, X or Y", "do we go with X or Y"
_ASKING = re.compile(
    r"^(?:.*?\b(?:should we|shall we|would you|do we|do you|could we|can we|go with|going with|is it|"
    r"better|rather|prefer|choose|pick|back|ddylen ni|dylen ni|well|so|hmm|ok|okay|honestly|quick one|tell|target|"
    r"reach|prioritise|prioritize|focus on|go after|start with)\b[\s,:-]*)+",
    re.I,
)
# Words after the second option that are not part of it: "X or Y first?", "X or Y, which would you back?"
_AFTER = re.compile(
    r"\s*(?:,|;|\s-\s|\bfirst\b|\bto start( with)?\b|\bwhich\b|\bif\b|\bfor (?:this|the)\b|\bin a\b|"
    r"\bthis time\b|\bgyntaf\b|\bgynta\b|\bi ddechrau\b|\bwe can\b|\bcan't\b|\bor both\b).*$",
    re.I,
)
_MAX_OPTION = 60
_MAX_GOAL = 90


@dataclass(frozen=True)
class Facts:
    goal: str = ""  # the goal sentence as written, cleaned of quote marks and bullets
    goal_action: str = ""  # the same without its label ("Goal:", "we want to"): what should happen
    audience: str = ""
    options: tuple[str, ...] = ()  # what the mention weighs, as typed: two or more for a choice
    channels: tuple[str, ...] = ()  # the channels the mention is about, as typed
    # the same channels by the deck's names ("a podcast"), for the coach's own lines
    names: tuple[str, ...] = ()
    groups: bool = False  # the options are groups of people ("members or staff?"), not channels
    timed: bool = False  # the thread names a time anywhere ("Jan–Mar", "the 2026 wave", "before the canvass")
    baseline: bool = False  # the thread says where things stand ("we had 35 last year", "from 48% to 60%")
    date: str = ""
    budget: str = ""

    @property
    def channel(self) -> str:
        if len(self.options) >= 2 and not self.groups:
            return self.options[0]
        return self.channels[0] if self.channels else ""

    @property
    def other_channel(self) -> str:
        if len(self.options) >= 2 and not self.groups:
            return self.options[1]
        return self.channels[1] if len(self.channels) >= 2 else ""

    @property
    def deadline(self) -> bool:
        """The date sets a deadline ("by March"), not a start ("from January")."""
        return bool(q.DEADLINE_CUE.search(self.date))

    def options_said(self) -> tuple[str, str]:
        """The options weighed, escaped, as "X, Y" and "Z": said back as "X, Y or Z"."""
        said = [quote(o, 60) for o in self.options]
        return ", ".join(said[:-1]), said[-1]

    def values(self) -> dict[str, str]:
        """Slot values, escaped for Slack (they are the team's own words)."""
        raw = {
            "goal_action": self.goal_action,
            "audience": self.audience,
            "channel": self.channel,
            "other_channel": self.other_channel,
            "date": self.date,
            "budget": self.budget,
        }
        return {k: quote(v, 120) for k, v in raw.items() if v}


def clean_goal(sentence: str) -> str:
    """The goal sentence as a person would quote it: no Slack quote marks, bullets or trailing stop, and no
    preamble before a colon ("What we've agreed with them: get no-access down to 5% by March")."""
    text = _QUOTE_MARK.sub("", plain(sentence).strip()).strip()
    text = re.sub(r"(?<!\w)[*_~]+|[*_~]+(?!\w)", "", text)  # Slack's bold, italic and strike marks
    head, colon, rest = text.partition(":")
    if colon and len(head) <= 60 and len(rest.split()) >= 4 and not _LABEL.fullmatch(head.strip() + ":"):
        text = rest.strip()
    return text.rstrip(" .;,")


def goal_action(goal: str) -> str:
    """What the goal asks for, without its label: "Goal: 300 more enquiries by May" -> "300 more enquiries by May"."""
    text = goal
    for _ in range(2):  # "Our goal: we want to ..."
        text = _LABEL.sub("", text, count=1).strip()
    # the goal itself, not its aside: "(we had 410 last year)", "- that's the stretch"
    text = re.split(r"\s+\(|\s[-–—]\s|;", text, maxsplit=1)[0].strip(" ,.")
    # a goal too long to quote inside a question is left unsaid: the questions naming it are not used
    return text if len(text) <= _MAX_GOAL else ""


def _pair(clause: str) -> tuple[str, ...] | None:
    """The options a clause weighs ("X or Y", "X, Y ta Z", "OOH vs DOOH vs radio", "between X and Y")."""
    between = _BETWEEN.search(clause)
    if between:
        options = [between.group(1), between.group(2)]
    else:
        parts = _OR.split(clause.strip())
        if len(parts) < 2:
            return None
        # "LinkedIn ads, Indeed or a recruitment evening": a list, each item an option
        head = re.split(r"[:;(]|\s-\s", parts[0])[-1]
        listed = [item for item in head.split(",") if not _QUESTION_ITEM.match(item.strip())]
        options = [_ASKING.sub("", item) for item in listed] + parts[1:-1] + [_AFTER.sub("", parts[-1])]
    options = [_WE_DO.sub("", " ".join(o.strip(" ,.'\"‘’“”").split()[:8])) for o in options]
    # "door knocking for the": a dangling preposition is where the option was cut, not part of it
    options = [re.sub(r"\s+(?:for|to|in|on|at|with|of)(?:\s+the)?$", "", o) for o in options if o]
    options = [o for o in options if not _BESIDE.match(o)]
    if options and all(_TIMES.match(o) for o in options):
        return None  # when, not which: the timing answer fits
    # "Budget is roughly £1.2m, nothing decided": sums and shares are not options
    if len(options) < 2 or any(
        _NOT_AN_OPTION.match(o)
        or len(o) > _MAX_OPTION
        or re.search(r"[£$€%]", o)
        or o.count("(") != o.count(")")
        for o in options
    ):
        return None
    return tuple(options)


def _options(messages: list[str], channels: list[str], *, asked_to_choose: bool) -> tuple[str, ...]:
    """What the mention weighs: the words either side of its "or" in a question ("careers evening at HQ or
    targeted LinkedIn ads?"), else its channels when it names two; "which one?" weighs the latest options
    above it. A plan that lists "blogs, stories or a LinkedIn post" weighs nothing."""
    for n, message in enumerate(reversed(messages)):
        text = plain(message).replace("@someone", " ")
        clauses = re.findall(r"[^?!\n]+(?:\?|$)", text)
        # in the mention, a question; above it (or when the reader read a choice), any clause
        wanted = (
            [c for c in clauses if c.rstrip().endswith("?")] if n == 0 and not asked_to_choose else clauses
        )
        for clause in reversed(wanted):
            parts = re.split(r"(?<=[.;:])\s", clause.rstrip("? "))
            # of a question, only its own sentence: "plan is: blogs or a post. thoughts?" asks no choice
            for part in reversed(parts[-1:] if n == 0 and not asked_to_choose else parts):
                found = _pair(part)
                if found:
                    return found
        if n == 0 and len(channels) >= 2 and asked_to_choose:
            return tuple(channels)
        if n == 0 and not (asked_to_choose or _WHICH.search(text)):
            return ()  # a mention that asks no choice looks no further up
    return ()


_NOT_PEOPLE = (
    r"(?i)\b(?:applications?|referrals?|recruited|registrations?|bookings?|enquiries|claims?|responses?|calls?|"
    r"visits?|appointments?|sign-?ups?|downloads?|reports?)$"
)


def _audience(plan: PlanReading) -> str:
    """Who, fit to say back inside a question, or "" when the words found would not read as a group."""
    words = (plan.goal.audience or plan.audience_found).strip(" ,.;:-")
    # "tenants in the the": words that dangle where the reader's span stopped are not part of who
    words = re.sub(r"(?:\s+(?:in|of|for|at|on|to|from|the|a|an|and|who|with))+$", "", words)
    words = re.sub(r"\b(\w+)\s+\1\b", r"\1", words)
    if not words or re.match(r"^(?:year|yr|blwyddyn)\s*\d", words, re.I):
        return ""  # "in year 1" is a time
    if _AGE_ONLY.match(words):
        # "under 8%" is a level and "under 50 a quarter" a count, not people under 8 or 50: an age is
        # one said of people ("aged 16-24", "over-65s", "18-24 year olds", "people under 30")
        said = f"{plan.goal.sentence} {plan.audience_found}"
        of_people = re.search(
            r"(?:aged|people|adults|children|kids|men|women|residents|tenants|patients)\s+"
            + re.escape(words)
            + r"|"
            + re.escape(words)
            + r"(?:s\b|\s*(?:year|yr|-year|oed))",
            said,
            re.I,
        )
        return f"people {words}" if of_people or re.match(r"aged|ages", words, re.I) else ""
    if re.search(_NOT_PEOPLE, words):
        return ""  # "applications", "recruited": what people do, not who they are
    if " " not in words and not words.lower().endswith(("s", "au", "ion", "wyr", "ed")):
        return ""  # "charity", "Tenant": one of them, not a group
    return words[0].lower() + words[1:] if words[1:2].islower() else words


def _said_back(value: str, needed: re.Pattern | None = None, lang: str = "en") -> str:
    """A value fit to say inside the coach's sentence: not Welsh in an English one (an English value in a
    Welsh sentence is how people write), and (for a date) a deadline."""
    if (
        not value
        or (lang == "en" and _WELSH.search(value))
        or (needed is not None and not needed.search(value))
    ):
        return ""
    return value


def facts_of(deck: Deck, plan: PlanReading, messages: list[str]) -> Facts:
    """The facts of a thread whose last message is the mention."""
    goal = clean_goal(plan.goal.sentence) if plan.goal.stated else ""
    said = [plain(text) for text in messages]  # Slack markup read once, as people see it
    in_mention = channel_matches(deck, messages[-1] if messages else "")
    named = [words for _, words in in_mention]
    # a mention that names no channel ("what do you think?") is about the plan: every channel on the table
    matches = in_mention or list(zip(plan.channels, [words for _, words in plan.channel_words], strict=False))
    lang = deck.lang
    audience = _said_back(_audience(plan), lang=lang)
    budget = ""
    for text in said:
        # money to spend, not a sum the plan is about ("arrears up £310k")
        found = q.money(text) if q.spends(text) else ""
        if found:
            budget = found
    # "how do we measure our bit vs the news?" asks how to measure; only a choice, or a bare "thoughts?",
    # weighs options
    weighing = plan.ask in ("choice", "opinion", "")
    options = _options(messages[-4:], named, asked_to_choose=plan.ask == "choice") if weighing else ()
    reader = reader_for(deck)
    groups = bool(options) and not any(channel_matches(deck, o) for o in options)
    groups = groups and any(reader.audiences.search(reader.lexicon.norm(o).text) for o in options)
    timed = any(_ANY_TIME.search(text) for text in said)
    baseline = any(
        q.has_baseline(text) or re.search(r"\blast (?:year|time|round)\b", text, re.I) for text in said
    )
    # In a Welsh reply the team's words sit in the coach's own sentence: a mutation they had in the team's
    # sentence ("i ddisgyblion") is undone where that is certain, so "o blith disgyblion" reads right.
    said_back = radical if lang == "cy" else str
    return Facts(
        timed=timed,
        baseline=baseline,
        goal=goal,
        goal_action=goal_action(goal) if goal else "",
        audience=said_back(audience),
        options=tuple(said_back(o) for o in options),
        groups=groups,
        channels=tuple(dict.fromkeys(said_back(words) for _, words in matches)),
        names=tuple(dict.fromkeys(c.name for c, _ in matches)),
        date=said_back(_said_back(plan.goal.date or plan.date_found, _DEADLINE, lang)),
        budget=budget,
    )
