"""Whether the mention is small talk rather than about a plan: thanks, a greeting, a question about
what the coach does, something off-topic, or a how-to question about campaign craft.

The same words mean different things beside a plan, so each kind has its own rule: a plea for help under a
plan is a plea for coaching, and "great?" under a plan asks for a view. What small talk names in passing
(what a thanks is for, an errand, a morning's news) puts no channel on the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.coach.reader import quantities as q
from bot.coach.reader.compiled import Reader
from bot.coach.reader.forms import _token_at
from bot.coach.reader.goal_thread import _track_goal
from bot.coach.reader.readings import GoalReading, Rule
from bot.coach.reader.sentences import sentences, strip_mention
from bot.coach.text import plain


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
