"""The compiled reader: every pattern the reader runs, built once for a deck and kept with it.

Compiling takes about 0.2 s (hence `Services.warm_up` at start), so a deck's reader is built on first use
and reused for every reading after; callers that read a goal without a deck share the first one built.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from bot.coach.reader.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from bot.coach.deck import Channel, Deck

# Any one word of a clause (sentence punctuation ends a clause; commas do not).
_W = r"(?:[^ .;?!]+ )"
_PUNCT = r"(?:[.;?!,] )"


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
            # "80 new EMTs in post by April", "8 gweithiwr cymdeithasol mewn swydd erbyn Ionawr", "35 mentors
            # trained and matched by Easter": people in post are a count of people acting (joining)
            (
                "count_in_post",
                re.compile(
                    rf"(?<![£$€]) # (?:new |more |extra |addit |newydd )?{_W}{{0,5}}?"
                    r"(?:in post|in their post|mewn swydd|yn eu swydd|on the rota|on the list|ar y rhestr|"
                    r"train|recruit|approv|cymeradwy|hire|appoint|penod)(?= )"
                ),
            ),
            # "fill 200 of the empty swim school places by Easter", "recriwtio 25 cynorthwyydd erbyn mis Medi":
            # places filled and people recruited are people acting (joining, booking)
            (
                "fill_count",
                re.compile(
                    r" (?:fill|llenwi|recruit|recriwtio|hire|appoint|penodi|sell|gwerthu) (?:all |the |y |yr |"
                    r"another |extra |an extra |at least |o leia |o leiaf )?#(?= )"
                ),
            ),
            # "We need 12 more on-call firefighters by April", "1,200 yn rhagor o bobl dan 30 erbyn diwedd y
            # flwyddyn": more people of a kind, wanted by a date, are people joining
            (
                "count_people",
                re.compile(
                    rf"(?<![£$€]) # (?:more|new|extra|addit|yn rhagor o|yn fwy o|arall) {_W}{{0,3}}?"
                    rf"(?:{a['audiences']})(?= )"
                ),
            ),
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
            r"| (?:reach|get in front of|be seen by|seen by|put in front of) "
            r"(?:at least |over |more than |up to )?(?:#%?|everi|all) "
            # "cyrraedd 50,000 o bobl" reaches people; "cyrraedd 70%" reaches a level
            r"| cyrraedd (?:tua |dros )?(?:# |pob )"
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
            # "scratch the 1,000", "anghofiwch y 20%": the goal named by its number
            rf"|(?<= ){a['withdraw_verbs']} (?:the |y |yr |our |that )?(?:#|#%)(?= )"
        )
        self.outcome_nouns = lx.regex["outcome_nouns"]
        self.goal_verbs = re.compile(rf"(?<= ){a['goal_verbs']}(?= )")
        self.findings = lx.regex["findings"]
        # Money to raise is a goal's amount; money to spend is a budget (`goal_sentence._money_only`).
        self.fundraising = re.compile(
            r" (?:rais|rase|fundrais|donat|income|sponsor|pledg|gift|appeal|codi|rhodd|cyfrann|nawdd) "
        )
        self.past_results = re.compile(
            lx.regex["past_results"].pattern
            # "nod yr ymgyrch ailgylchu oedd 5%", "the target for the pilot was 400": a goal put in the past
            + rf"|(?<= ){goalword} {_W}{{0,3}}?(?:was|oedd|were)(?= )"
        )
        self.other_campaign = lx.regex["other_campaign"]
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


def _fallback_reader() -> Reader:
    if not _FALLBACK:
        # Reading a goal needs the vocabulary alone, not a deck's channels: so the reader never loads a
        # deck itself, and the deck (which holds the vocabulary) can import the reader without a cycle.
        _FALLBACK.append(Reader(_default_lexicon(), [], ()))
    return _FALLBACK[0]
