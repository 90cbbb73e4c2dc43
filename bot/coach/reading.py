"""Reading a plan: which channels are on the table, and whether a strategic goal has been stated.

A goal says what people should do differently, for whom, by how much and by when. This reader
looks for the outcome (who does what differently) and notes which SMART parts are missing.
It is deliberately rule-based: deterministic, explainable to editors, and measured against the
labelled set in `tests/data/plans.yml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.coach.deck import Channel, Deck
from bot.coach.text import plain

STATED, WEAK, OUTPUT, NONE = "stated", "weak", "output", "none"
_RANK = {STATED: 3, WEAK: 2, OUTPUT: 1, NONE: 0}


def _words(*items: str) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_VERBS = _words(
    "sign up",
    "signs up",
    "signed up",
    "signing up",
    "register",
    "registers",
    "registering",
    "registered",
    "apply",
    "applies",
    "applying",
    "applied",
    "book",
    "books",
    "booking",
    "booked",
    "attend",
    "attending",
    "get vaccinated",
    "getting vaccinated",
    "get jabbed",
    "get their jab",
    "have their jab",
    "get boosted",
    "take up",
    "taking up",
    "switch",
    "switching",
    "recycle",
    "recycling",
    "donate",
    "donating",
    "volunteer",
    "volunteering",
    "vote",
    "voting",
    "report",
    "reporting",
    "call",
    "calling",
    "ring",
    "visit",
    "visiting",
    "use",
    "using",
    "complete",
    "completing",
    "claim",
    "claiming",
    "quit",
    "quitting",
    "stop",
    "stopping",
    "start",
    "starting",
    "choose",
    "choosing",
    "check",
    "checking",
    "respond",
    "responding",
    "enrol",
    "enroll",
    "enrolling",
    "join",
    "joining",
    "pay",
    "paying",
    "renew",
    "renewing",
    "foster",
    "fostering",
    "adopt",
    "adopting",
    "save",
    "saving",
    "walk",
    "walking",
    "cycle",
    "cycling",
    "turn up",
    "come forward",
    "seek help",
    "contact",
    "contacting",
    "fill in",
    "filling in",
    "return",
    "returning",
    "get tested",
    "test",
    "screen",
    "give blood",
    "update",
    "updating",
    "order",
    "ordering",
    "collect",
    "wear",
    "wearing",
    "wash",
    "stay",
    "staying",
    "buy",
    "buying",
    "eat",
    "eating",
    "drink",
    "drinking",
    "drive",
    "driving",
    "speak to",
    "talk to",
    "refer",
    "referring",
    "take part",
    "taking part",
    "participate",
    "participating",
    "make a will",
    "sign",
    "pledge",
    "pledging",
    "download",
    "downloading",
    "install",
    "read",
    "reading",
    "phone",
    "email us",
    "get help",
    "get support",
    "get advice",
    "see a gp",
    "see their gp",
    "go to",
    "put out",
    "dispose",
    "bin",
    "compost",
    "insulate",
    "apply for",
    "check their",
    "check eligibility",
    "breastfeed",
    "exercise",
    "recruit",
    "hire",
    "become",
    "move",
    "cut down",
    "reduce",
    "give",
    "share",
    # added after measuring the labelled set: more ways of saying what people should do
    "have the",
    "have their",
    "get their",
    "go for",
    "vape",
    "vaping",
    "smoke",
    "gamble",
    "gambling",
    "speed",
    "speeding",
    "spend",
    "spending",
    "shop",
    "shopping",
    "finish",
    "finishing",
    "learn",
    "train",
)
_OUTCOME_NOUNS = _words(
    "uptake",
    "take-up",
    "takeup",
    "sign-ups",
    "signups",
    "sign ups",
    "registrations",
    "applications",
    "enquiries",
    "inquiries",
    "referrals",
    "bookings",
    "appointments",
    "attendance",
    "attendees",
    "donations",
    "donors",
    "volunteers",
    "responses",
    "response rate",
    "turnout",
    "vaccinations",
    "vaccination rate",
    "vaccination rates",
    "jabs",
    "no-shows",
    "no shows",
    "missed appointments",
    "complaints",
    "calls",
    "claims",
    "renewals",
    "recycling rate",
    "recycling rates",
    "recycling",
    "fly-tipping",
    "fly tipping",
    "litter",
    "smoking",
    "quit attempts",
    "footfall",
    "visits",
    "visitors",
    "members",
    "membership",
    "foster carers",
    "adopters",
    "recruits",
    "applicants",
    "entries",
    "nominations",
    "pledges",
    "signatures",
    "purchases",
    "completions",
    "returns",
    "submissions",
    "screenings",
    "tests",
    "checks",
    "admissions",
    "accidents",
    "deaths",
    "injuries",
    "waiting times",
    "usage",
    "users",
    "participants",
    "participation",
    "enrolments",
    "enrollments",
    "take up",
    "repeat prescriptions",
    "carers",
    "blood donors",
    "organ donors",
    "voter registration",
    "uptake rate",
    "people cycling",
    "journeys",
    "cases",
    "reports",
    "contacts",
    "downloads of the app",
    "switchers",
    "claimants",
    "households",
    "tenants",
    "landlords",
    "sales",
    "tickets",
    "places",
)
_AUDIENCES = _words(
    "residents",
    "parents",
    "young people",
    "carers",
    "students",
    "over-65s",
    "over 65s",
    "over-50s",
    "people aged",
    "smokers",
    "drivers",
    "landlords",
    "tenants",
    "renters",
    "businesses",
    "employers",
    "small firms",
    "smes",
    "nurses",
    "gps",
    "doctors",
    "patients",
    "families",
    "teenagers",
    "teens",
    "older people",
    "older adults",
    "pensioners",
    "volunteers",
    "households",
    "jobseekers",
    "job seekers",
    "veterans",
    "voters",
    "pupils",
    "teachers",
    "schools",
    "staff",
    "employees",
    "women",
    "men",
    "mums",
    "dads",
    "migrants",
    "refugees",
    "farmers",
    "commuters",
    "cyclists",
    "first-time buyers",
    "homeowners",
    "claimants",
    "graduates",
    "apprentices",
    "under-25s",
    "under 25s",
    "18-24s",
    "16-24s",
    "16 to 24",
    "18 to 24",
    "gen z",
    "millennials",
    "new parents",
    "expectant mothers",
    "pregnant women",
    "care leavers",
    "social workers",
    "councillors",
    "members of staff",
    "local people",
    "rural",
    "disabled people",
    "people with",
    "people who",
    "people living",
    "anyone who",
    "those who",
    "heads",
    "headteachers",
    "head teachers",
    "practices",
    "pharmacies",
    "shops",
    "retailers",
    "charities",
    "donors",
    "supporters",
    "alumni",
    "customers",
    "users",
    "visitors",
    "tourists",
    "adults",
    "children",
    "kids",
    "boys",
    "girls",
    "men aged",
    "women aged",
    "black",
    "asian",
    "south asian",
    "communities",
    "community groups",
    "faith",
    "fans",
    "members",
    "owners",
    "dog owners",
    "businesses in",
    "firms",
    "people in",
    "travellers",
    "passengers",
    "motorists",
    "learners",
    "foster carers",
    "adopters",
    "trainees",
    "recruits",
    "nhs",
)
_DATE = re.compile(
    r"\b(by|before|until|ahead of|in time for|within|over the next|this|next|end of|by the end of)\s+"
    r"(the\s+)?(end\s+of\s+)?(next\s+)?"
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?|q[1-4]|spring|summer|autumn|winter|christmas|easter|half[- ]term|"
    r"(the\s+)?(financial|academic|school|calendar)\s+year|year|month|quarter|term|week|"
    r"\d{1,2}(st|nd|rd|th)?\b|\d{4}|\d+\s+(days|weeks|months|years)|(one|two|three|four|six|twelve|"
    r"eighteen)\s+(days|weeks|months|years)|the\s+(election|deadline|launch|winter|summer|new year)|"
    r"polling day|census day|year[- ]end)"
    r"|\b(20\d\d(/\d\d)?|q[1-4])\b|\bdeadline\b|\bper (year|month|quarter)\b|\ba year\b"
)
_NUMBER = re.compile(
    r"(\d[\d,.]*\s?(%|percent|per cent|k\b|m\b|pp\b|percentage points?)|\b\d[\d,]*\b|"
    r"\b(double|doubling|halve|halving|triple|tripling|twice as many|half as many|a third|a quarter|"
    r"one in (three|four|five|ten))\b|\bfrom\s+\S+\s+to\s+\S+|\bbaseline\b)"
)
_OUTPUT = re.compile(
    r"\b(\d[\d,.]*\s?k?|a few|one|two|three|four|five|six|seven|ten|twenty|daily|weekly|more|a load of|"
    r"lots of|some|regular)\s+(new\s+)?(posts?|tweets?|videos?|reels?|stories|episodes?|blogs?|blog posts?|"
    r"articles?|newsletters?|updates?|followers?|likes?|views?|impressions?|shares?|retweets?|"
    r"engagements?|clicks?|subscribers?|fans?|page views|hits|mentions|comments|pieces of content|"
    r"graphics|memes|streams)\b"
    r"|\b(go|goes|going|went)\s+viral\b|\btrending\b|\btrend\b"
    r"|\b(grow|growing|build|building|boost|boosting|increase|increasing|get|getting|drive|driving|double)\s+"
    r"(our\s+|the\s+|its\s+|more\s+)?([\w-]+\s+)?(following|follower count|followers|engagement|reach|impressions|"
    r"likes|views|audience on|presence|share of voice|subscriber count|subscribers|page views|traffic|"
    r"clicks|numbers)\b"
)
_AWARENESS = re.compile(
    r"\bawareness\b|\bget\s+(the|our)\s+(word|message|name)\s+out\b|\bput\s+(it|this|that)\s+out\s+there\b|"
    r"\bmake\s+(people|everyone|folk)\s+aware\b|\blet\s+(people|everyone|folk)\s+know\b|\bvisibility\b|"
    r"\b(raise|raising|boost|build|building)\s+(our|the)\s+profile\b|\bbuzz\b|\bmake\s+some\s+noise\b|"
    r"\bshowcase\b|\bspread\s+the\s+word\b|\bget\s+it\s+out\s+there\b|\bremind\s+people\b|\binform\b|"
    r"\beducate\b|\bcelebrate\b|\bpromote\b|\bhighlight\b"
)
_MARKER = re.compile(
    r"\b(our|the|main|primary|overall|campaign|comms|strategic|key|real|one|my|shared|business)\s+"
    r"(goal|goals|objective|objectives|aim|aims|purpose|target|targets|outcome|outcomes|ambition|kpi)\b"
    r"|\b(goal|objective|aim|target|outcome|kpi|ambition)\s*(:|-|—|is\b|would be\b|will be\b|here\b)"
    r"|\b(aim|aims|aiming|want|wants|wanting|need|needs|trying)\s+to\s+(get|encourage|persuade|help|see|"
    r"have|make|increase|reduce|cut|boost|raise|double|halve|grow)\b"
    r"|\bso\s+that\b|\bin\s+order\s+to\b|\bsuccess\s+(is|means|looks\s+like|would\s+be|will\s+be)\b"
    r"|\bthe\s+point\s+(is|of\s+this\s+is)\s+to\b|\bwe('ll|\s+will)\s+know\s+it('s|\s+has)?\s+worked\b"
    r"|\bmeasure\s+of\s+success\b|\bwhat\s+we\s+want\s+is\b|\bwe\s+want\s+(more|fewer|people|[a-z-]+s)\b"
)
_SPORT = re.compile(
    r"\b(world\s+cup|match|matches|scor(e|ed|es|ing|er)|goalkeeper|keeper|striker|penalty|own\s+goal|"
    r"goal\s+(clip|clips|of\s+the\s+(month|season|day|year)|celebration|line|post|posts|kick|highlights)|"
    r"goalposts?|goal-line|football|netball|hockey|premier\s+league|league|winning\s+goal|"
    r"last-minute|stoppage\s+time|extra\s+time|equaliser|hat-trick|fixture|fixtures|kick-off)\b"
)
_NO_GOAL = re.compile(
    r"\b(no|don't\s+have\s+an?|do\s+not\s+have\s+an?|haven't\s+(got|set|agreed)\s+an?|not\s+sure\s+(what|of)\s+"
    r"(the|our)|without\s+an?|still\s+need\s+an?|need\s+to\s+(agree|set|decide|work\s+out|figure\s+out)\s+"
    r"(an?|the|our)|tbc|tbd|yet\s+to\s+agree\s+an?)\s+(real\s+|clear\s+|proper\s+)?"
    r"(goal|goals|objective|objectives|aim|aims|target|kpi)\b|\bgoals?\s+(tbc|tbd)\b"
)
_PEOPLE_TO = re.compile(
    r"\b(get|getting|encourage|encouraging|persuade|persuading|help|helping|want|wants|need|needs|convince|"
    r"nudge|support|enable|prompt|motivate|inspire|ask|asking|remind|see|seeing)\s+"
    r"((more|fewer|the|our|local|all|every|at\s+least|\d[\d,]*%?|[\w'-]+)\s+){1,5}?to\s+(" + _VERBS + r")\b"
    # "help 150 jobseekers book a session": help takes a bare infinitive
    r"|\bhelp(ing)?\s+((more|the|our|local|\d[\d,]*%?|[\w'-]+)\s+){1,5}?(" + _VERBS + r")\b"
    # "cut the number of year 10s who vape": people who do something, counted
    r"|\b(cut|cutting|reduce|reducing|increase|increasing|raise|raising|halve|double|lower|grow)\s+the\s+"
    r"(number|proportion|share|percentage)\s+of\s+([\w'-]+\s+){1,5}?(who|that)\s+\w+"
)
_MORE_FEWER = re.compile(
    r"\b(more|fewer|less|extra|additional|\d[\d,]*%?\s+(more|fewer|new)|new)\s+([\w'-]+\s+){0,3}?("
    + _OUTCOME_NOUNS
    + r")\b|\b(more|fewer)\s+([\w'-]+\s+){0,3}?("
    + _VERBS
    + r")\b"
)
_CHANGE = re.compile(
    r"\b(increase|increasing|increased|boost|boosting|raise|raising|grow|growing|improve|improving|"
    r"double|doubling|halve|halving|reduce|reducing|cut|cutting|lower|lowering|lift|lifting|drive|driving|"
    r"get|getting|hit|reach|recruit|recruiting|bring\s+down|bring\s+up|tackle|tackling|decrease|"
    r"decreasing|generate|generating)\s+(the\s+|our\s+|local\s+)?(number\s+of\s+|rate\s+of\s+|level\s+of\s+|"
    r"share\s+of\s+|proportion\s+of\s+)?([\w'-]+\s+){0,3}?(" + _OUTCOME_NOUNS + r")\b"
)
_COUNT_OUTCOME = re.compile(r"\b\d[\d,]*%?\s+(new\s+|more\s+|extra\s+|fewer\s+)?(" + _OUTCOME_NOUNS + r")\b")
_SHARE_OF = re.compile(r"\b\d[\d,.]*\s?(%|percent|per cent)\s+of\s+([\w'-]+\s+){1,5}?(" + _VERBS + r")\b")
_SO_THAT = re.compile(
    r"\b(so\s+that|in\s+order\s+to|so)\s+(more\s+|fewer\s+)?([\w'-]+\s+){0,4}?(" + _VERBS + r")\b"
)
_AWARENESS_PHRASE = re.compile(
    r"\b((raise|raising|build|building|increase|increasing|boost|boosting|drive|driving|spread|create|"
    r"improve|improving|grow|growing)\s+)?(\w+\s+)?awareness(\s+(of|about|around|among|on)(\s+the)?)?\s+([\w'-]+)?"
)
_AUDIENCE = re.compile(r"\b(" + _AUDIENCES + r")\b")


@dataclass(frozen=True)
class GoalReading:
    """What one message (or a whole thread) says about the goal."""

    strength: str = NONE  # stated, weak (awareness and the like), output (a count of posts), none
    sentence: str = ""  # the sentence that carries it, as written
    has_audience: bool = False
    has_measure: bool = False
    has_date: bool = False

    @property
    def stated(self) -> bool:
        return self.strength == STATED

    def gaps(self) -> list[str]:
        """What a stated goal still leaves open: audience, measure, date."""
        out = []
        if not self.has_audience:
            out.append("audience")
        if not self.has_measure:
            out.append("measure")
        if not self.has_date:
            out.append("date")
        return out


@dataclass
class PlanReading:
    channels: list[Channel] = field(default_factory=list)
    goal: GoalReading = field(default_factory=GoalReading)
    topics: list[str] = field(default_factory=list)  # paradox ids the words hint at

    @property
    def needs_goal(self) -> bool:
        """The gate: a channel is on the table and no strategic goal has been stated."""
        return bool(self.channels) and not self.goal.stated


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+|;\s*|\s+-\s+|\s+—\s+", text)
    return [p.strip() for p in parts if p and p.strip()]


def read_sentence(sentence: str) -> GoalReading:
    low = " " + sentence.lower().replace("’", "'").replace("‘", "'") + " "
    if sentence.rstrip().endswith("?") or _NO_GOAL.search(low):
        return GoalReading(NONE, sentence)
    marker = bool(_MARKER.search(low))
    if marker and _SPORT.search(low) and not re.search(r"\b(objective|aim|target|outcome|so that)\b", low):
        marker = False
    # "raise awareness of recycling" names an outcome noun but asks nobody to do anything.
    acting = _AWARENESS_PHRASE.sub(" ", low)
    behaviour = bool(
        _PEOPLE_TO.search(acting)
        or _MORE_FEWER.search(acting)
        or _CHANGE.search(acting)
        or _COUNT_OUTCOME.search(acting)
        or _SHARE_OF.search(acting)
        or (marker and _SO_THAT.search(acting))
    )
    output = bool(_OUTPUT.search(low))
    awareness = bool(_AWARENESS.search(low))
    without_outputs = _OUTPUT.sub(" ", low)
    measure = bool(_NUMBER.search(without_outputs))
    date = bool(_DATE.search(low))
    audience = bool(_AUDIENCE.search(low))
    if behaviour or marker and measure and not output and not awareness:
        strength = STATED
    elif awareness:
        strength = WEAK
    elif output:
        strength = OUTPUT
    elif marker and re.search(r"\b(goal|objective|aim)\b", low):
        strength = WEAK
    else:
        strength = NONE
    return GoalReading(strength, sentence, audience, measure, date)


def read_goal(texts: list[str]) -> GoalReading:
    """The strongest goal statement across messages; a later one wins a tie."""
    best = GoalReading()
    for text in texts:
        for sentence in _sentences(plain(text)):
            found = read_sentence(sentence)
            if _RANK[found.strength] >= _RANK[best.strength] and found.strength != NONE:
                best = found
    return best


@lru_cache(maxsize=8)
def _channel_patterns(
    patterns: tuple[tuple[str, tuple[str, ...]], ...], not_followed_by: tuple[str, ...]
) -> list[tuple[str, re.Pattern]]:
    def phrase(p: str) -> str:
        return re.escape(p).replace(r"\ ", r"[\s-]+")

    ignore = "|".join(phrase(w) for w in sorted(not_followed_by, key=len, reverse=True))
    guard = rf"(?!\s+(?:{ignore})\b)" if ignore else ""
    out = []
    for cid, pats in patterns:
        alternatives = "|".join(phrase(p) for p in sorted(pats, key=len, reverse=True))
        out.append((cid, re.compile(r"(?<![\w@#/.])(" + alternatives + r")(s|es)?(?![\w])" + guard)))
    return out


def find_channels(deck: Deck, text: str) -> list[Channel]:
    """Channels named in `text`, in order of first mention, each once."""
    low = plain(text).lower().replace("’", "'")
    key = tuple((c.id, c.patterns) for c in deck.channels)
    found: list[tuple[int, Channel]] = []
    for cid, pattern in _channel_patterns(key, deck.not_followed_by):
        match = pattern.search(low)
        if match:
            found.append((match.start(), deck.channel_by_id[cid]))
    # "social media" is the umbrella: drop it when a specific platform is also named.
    specific = [c for _, c in sorted(found, key=lambda x: x[0]) if c.id != "social_media"]
    return specific or [c for _, c in found]


def find_topics(deck: Deck, text: str) -> list[str]:
    """Paradox ids whose keywords appear in `text`, most mentioned first."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z][a-z'-]+", plain(text).lower()):
        for pid in deck.keyword_index.get(word, ()):
            counts[pid] = counts.get(pid, 0) + 1
    return sorted(counts, key=lambda p: -counts[p])


def read_plan(deck: Deck, texts: list[str]) -> PlanReading:
    joined = "\n".join(texts)
    return PlanReading(find_channels(deck, joined), read_goal(texts), find_topics(deck, joined))
