"""The App Home, scorecard and deck forms as plain Python, in Welsh and English: every entry the code says is
in prompts/home.yml and every entry there is said; the scorecard's English is unchanged for the digest;
Welsh counts and lines up; a Home in both languages pairs its parts; a deck edit refused in either."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import yaml

from bot.coach import home, replies, scorecard
from bot.coach import workspace_deck as wd
from bot.coach.deck import load_deck
from bot.coach.language import SETTINGS
from bot.coach.storage import ScoreFacts, ThreadFact
from tests.helpers import ROOT

SECTIONS = ("home", "scorecard", "deck_admin")
SOURCES = [
    "bot/coach/home.py",
    "bot/coach/scorecard.py",
    "bot/coach/workspace_deck.py",
    "bot/listeners/admin.py",
    "bot/listeners/deck_edits.py",
    "bot/listeners/actions/deck_menu.py",
    "bot/listeners/actions/workspace_language.py",
    "bot/listeners/views/deck_modals.py",
]


@pytest.fixture(scope="module")
def cy():
    return load_deck(ROOT / "prompts", "cy")


def _entries() -> set[str]:
    data = yaml.safe_load((ROOT / "prompts" / "home.yml").read_text(encoding="utf-8"))
    found = set()

    def walk(node, prefix):
        for key, value in node.items():
            if isinstance(value, dict) and not set(value) <= {"en", "cy"}:
                walk(value, f"{prefix}{key}.")
            else:
                found.add(f"{prefix}{key}")

    walk(data, "")
    return found


def _said_in_code() -> set[str]:
    """The entries the code names: literally, as an EditError's reason, or as a family filled from a list."""
    code = "\n".join((ROOT / path).read_text(encoding="utf-8") for path in SOURCES)
    keys = set(re.findall(r"[\"']((?:home|scorecard|deck_admin)\.[a-z_]+(?:\.[a-z_]+)*)[\"']", code))
    keys |= {f"deck_admin.errors.{k}" for k in re.findall(r"EditError\(\s*\w+,\s*\"(\w+)\"", code)}
    keys |= {f"home.language.names.{c}" for c in home.LANGUAGE_CHOICES}
    keys |= {f"home.language.current.{s}" for s in SETTINGS}
    keys |= {f"home.weekly.days.{d}" for d in home.WEEKDAYS}
    keys |= {f"scorecard.rows.{r}" for r in scorecard.ROWS}
    keys |= {f"scorecard.{word}{s}" for word in ("thread", "nudge", "goal") for s in ("", "s")}
    return keys


def test_every_entry_the_code_says_is_there_and_every_entry_there_is_said(deck):
    entries, said = _entries(), _said_in_code()
    assert said - entries == set(), "said in the code, missing from prompts/home.yml"
    assert entries - said == set(), "in prompts/home.yml, said nowhere"
    assert all(key in deck.words.texts for key in said)


def _ts(y, m, d, h=0):
    return datetime(y, m, d, h, tzinfo=UTC).timestamp()


FACTS = ScoreFacts(
    [
        ThreadFact("C1", "1.1", _ts(2026, 10, 3), True, None, None),
        ThreadFact("C1", "1.2", _ts(2026, 10, 4), False, _ts(2026, 10, 4), _ts(2026, 10, 4, 2)),
        ThreadFact("C1", "1.3", _ts(2026, 10, 5), False, _ts(2026, 10, 5), None),
        ThreadFact("C2", "1.4", _ts(2026, 10, 6), True, None, None),
        ThreadFact("C1", "2.1", _ts(2026, 11, 2), False, _ts(2026, 11, 2), _ts(2026, 11, 2) + 1800),
        ThreadFact("C3", "2.2", _ts(2026, 11, 3), False, _ts(2026, 11, 3), _ts(2026, 11, 8)),
        ThreadFact("C2", "3.1", _ts(2026, 12, 1), True, None, None),
        *[ThreadFact(f"C{i + 10}", f"4.{i}", _ts(2026, 12, 2), False, None, None) for i in range(9)],
    ],
    [("C1", _ts(2026, 10, 2))] * 3 + [("C2", _ts(2026, 10, 3)), ("C1", _ts(2026, 11, 2))],
    [
        ("C1", "cost.1", _ts(2026, 10, 2)),
        ("C1", "cost.2", _ts(2026, 10, 2)),
        ("C1", "audience.1", _ts(2026, 10, 2)),
        ("C3", "pace.1", _ts(2026, 11, 3)),
    ],
)


def test_the_digest_says_in_english_what_it_said_before_the_scorecard_had_words(deck):
    """`scorecard.digest` is another surface's: its English, built on these helpers, must not move."""
    digest = scorecard.digest(FACTS, deck, 2026, 10)
    assert digest.text == (
        "Your paradox-coach digest for October 2026\nOctober 2026\n"
        "Threads coached  ██████████ 4\nGoal first       █████░░░░░ 2\n"
        "Nudge worked     ██░░░░░░░░ 1 (1 of 2 nudged, median 2 h)\nGoals recorded   ██████████ 4\n"
        "Most asked: Free and ruinous (2), For the young and for the old (1)\n\nBy channel (October 2026):\n"
        "• <#C1>: 3 threads, 1 goal first, 1 of 2 nudges worked, 3 goals; most asked: Free and ruinous\n"
        "• <#C2>: 1 thread, 1 goal first, 0 of 0 nudges worked, 1 goal"
    )
    assert digest.parts[2].text.startswith("*By channel* (October 2026)\n• <#C1>: 3 threads")
    empty = scorecard.digest(ScoreFacts([], [], []), deck, 2026, 9)
    assert empty.parts[2].text == "No coached threads yet in September 2026. Mention me in a campaign thread."
    _, text = scorecard.home_section(FACTS, deck, _ts(2026, 12, 15))
    assert "Nudge worked     ██░░░░░░░░ 2 (2 of 2 nudged, median 3 days)" in text
    assert "\nBy channel (October 2026 to December 2026):\n" in text and text.endswith("…and 4 more channels")
    waits = [scorecard.duration(s, deck.words) for s in (5, 3599, 3600, 47 * 3600, 100 * 3600)]
    assert waits == ["1 min", "60 min", "1 h", "47 h", "4 days"]


def test_the_welsh_scorecard_counts_in_the_singular_and_its_bars_line_up(cy):
    parts, text = scorecard.home_section(FACTS, cy, _ts(2026, 12, 15))
    lines = text.splitlines()
    assert lines[0] == "Hydref 2026"
    bars = [line.index("█") if "█" in line else line.index("░") for line in lines[1:5]]
    assert len(set(bars)) == 1  # the longest Welsh name still leaves the bars in one column
    assert "Hwb a weithiodd          ██░░░░░░░░ 2 (2 o 2 a gafodd hwb, canolrif 3 diwrnod)" in text
    assert "• <#C10>: 1 edefyn, 0 â'r nod yn gyntaf, 0 o 0 hwb wedi gweithio, 0 nod" in text
    assert "Fesul sianel (Hydref 2026 – Rhagfyr 2026):" in text and text.endswith("…a 4 sianel arall")
    assert parts[0].text.startswith("*Cerdyn sgorio'r hyfforddwr*")
    assert [scorecard.duration(s, cy.words) for s in (60, 7200, 100 * 3600)] == [
        "1 mun",
        "2 awr",
        "4 diwrnod",
    ]


def test_the_home_s_languages_follow_the_workspace_default():
    assert home.languages("auto") == ("en",)
    assert home.languages("en") == ("en",)
    assert home.languages("cy") == ("cy",)
    assert home.languages("both") == ("cy", "en")
    assert home.languages("klingon") == ("en",)


def _page(lang: str, deck) -> replies.Reply:
    words = deck.words
    return replies.Reply(
        "home",
        f"text {lang}",
        [
            replies.Header(words.say("home.title")),
            replies.Section(
                words.say("home.intro"), replies.Menu("m", ((words.say("deck_admin.menu.add"), "add:x"),))
            ),
            replies.Actions([replies.Button("b", words.say("home.plan"), "v", words.say("home.plan_label"))]),
            replies.Divider(),
            replies.Context("same in both"),
        ],
    )


def test_a_home_in_both_languages_pairs_its_parts_welsh_first(deck, cy):
    merged = home.bilingual([_page("cy", cy), _page("en", deck)])
    kinds = [type(p).__name__ for p in merged.parts]
    assert kinds == ["Header", "Section", "Section", "Actions", "Divider", "Context"]
    header, welsh, english, actions = merged.parts[:4]
    assert header.text == "Y nod yn gyntaf, wedyn y sianel / Goal first, then channel"
    assert welsh.text.startswith("Mae'r cyfryngau") and english.text.startswith("Social media")
    assert welsh.menu.options == (("Ychwanegu cwestiwn / Add a question", "add:x"),) and english.menu is None
    assert actions.buttons[0].text == "Cynllunio ymgyrch / Plan a campaign"
    assert merged.text == "text cy\n\ntext en" and merged.kind == "home"
    # Pages that do not pair (never expected) are shown whole, Welsh first, rather than mismatched.
    short = replies.Reply("home", "en", [replies.Section("English only")])
    fallback = home.bilingual([_page("cy", cy), short])
    assert isinstance(fallback.parts[-2], replies.Divider) and fallback.parts[-1].text == "English only"


def test_a_refused_edit_says_why_in_either_language(deck, cy):
    with pytest.raises(wd.EditError) as refused:
        wd.check_edit(deck, deck, wd.ADD, "cost", text="Pam?")
    assert str(refused.value) == "A question needs at least 10 characters."  # the shipped deck's words
    assert refused.value.said(cy.words) == "Mae angen o leiaf 10 llythyren mewn cwestiwn."
    with pytest.raises(wd.EditError, match="llythyren o hyd; mae gan hwn 301"):
        wd.check_edit(deck, deck, wd.ADD, "cost", text="x" * 301, words=cy.words)
    with pytest.raises(wd.EditError, match="Dydy'r paradocs hwnnw ddim yn y casgliad"):
        wd.check_edit(deck, deck, wd.HIDE_PARADOX, "invented", words=cy.words)
