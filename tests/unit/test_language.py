"""Which language the coach answers in, Welsh mutations of slot values, and the check that every word is in both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.coach import replies
from bot.coach.language import fill, load_telling, person_languages, reply_languages
from bot.coach.reader.forms import mutated
from bot.coach.storage import DryStorage
from bot.services import Content, load_content
from bot.settings import load_settings
from bot.yamlfile import ConfigError

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@pytest.fixture(scope="module")
def telling():
    return load_telling(PROMPTS)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("<@U0COACH> 'dan ni isio gwneud fideo i'r ysgolion, be ti'n feddwl?", "cy"),
        ("Rydyn ni eisiau i fwy o bobl ifanc gofrestru i bleidleisio erbyn mis Mai", "cy"),
        # Welsh with English nouns in it is still Welsh
        ("Ma'r comms team isio neud reel efo'r peer mentors, ydi o werth o?", "cy"),
        ("We want more parents to book the 2-year-old flu vaccine before half term", "en"),
        ("quick one <@U0COACH> - is Nextdoor worth it for the bin changes in Wrecsam? diolch", "en"),
        ("diolch! 🙏", "cy"),  # a word of thanks alone tells
        ("cheers 👍", "en"),
        ("<@U0COACH> 👀", None),  # nothing to go on
        ("TikTok?", None),
    ],
)
def test_a_message_is_read_as_welsh_english_or_too_short_to_tell(telling, text, lang):
    assert telling.detect(text) == lang


def test_a_short_mention_goes_by_the_thread(telling):
    thread = ["Rydyn ni'n meddwl gwneud podlediad gyda'r gwasanaeth ieuenctid i hyrwyddo'r cynllun", "ok?"]
    assert telling.of_thread("<@U0COACH> ok?", thread) == "cy"
    english = ["We're thinking of a podcast with the youth service to promote the scheme", "ok?"]
    assert telling.of_thread("<@U0COACH> ok?", english) == "en"
    # a mention that tells is answered in its own language, whatever the thread is in
    assert telling.of_thread("<@U0COACH> what do you think of this?", thread) == "en"


def test_the_setting_decides_before_the_words():
    assert reply_languages("both", "en") == ("cy", "en")  # Welsh first
    assert reply_languages("cy", "en") == ("cy",)
    assert reply_languages("en", "cy") == ("en",)
    assert reply_languages("auto", "cy") == ("cy",)
    assert reply_languages("auto", None) == ("en",)
    # a private reply follows the person's words, else the channel
    assert person_languages("cy", "en") == ("cy",)
    assert person_languages(None, "cy") == ("cy",)
    assert person_languages(None, "both") == ("cy", "en")


@pytest.mark.parametrize(
    "word, kind, out",
    [
        ("posteri", "soft", "bosteri"),
        ("taflenni", "soft", "daflenni"),
        ("llythyrau", "soft", "lythyrau"),
        ("rhieni", "soft", "rieni"),
        ("cylchlythyr", "nasal", "nghylchlythyr"),
        ("podlediad", "aspirate", "phodlediad"),
        ("ffrwd fyw", "soft", "ffrwd fyw"),  # ff never mutates
        ("TikTok", "soft", "TikTok"),  # names stay as written
        ("Radio Cymru", "soft", "Radio Cymru"),
    ],
)
def test_a_welsh_slot_value_mutates_when_asked_and_only_when_welsh_grammar_would(word, kind, out):
    assert mutated(word, kind) == out


def test_a_line_fills_its_slots_with_the_mutation_it_asks_for():
    line = "Pa un: {channel} neu {other_channel:soft}?"
    assert fill(line, {"channel": "radio", "other_channel": "posteri"}) == "Pa un: radio neu bosteri?"
    assert fill("{channel} or {other_channel}?", {"channel": "radio", "other_channel": "posters"}) == (
        "radio or posters?"
    )


def _prompts_copy(tmp_path: Path) -> Path:
    out = tmp_path / "prompts"
    shutil.copytree(PROMPTS, out)
    return out


def _content(prompts: Path, monkeypatch) -> Content:
    monkeypatch.setenv("PARADOX_PROMPTS", str(prompts))
    return load_content(load_settings())


def test_every_word_the_coach_says_is_there_in_welsh_and_english(monkeypatch):
    content = _content(PROMPTS, monkeypatch)
    cy, en = content.decks["cy"], content.decks["en"]
    assert set(cy.questions) == set(en.questions)  # the same questions, asked by the same ids
    for qid, q in en.questions.items():
        assert cy.questions[qid].text != q.text, qid
        assert set(cy.questions[qid].slots) == set(q.slots), qid
    assert cy.words.say("buttons.another") != en.words.say("buttons.another")
    assert content.nudges["cy"].lines.keys() == content.nudges["en"].lines.keys()


@pytest.mark.parametrize(
    "file, old, new, problem",
    [
        # a Welsh question taken out: the check names the file, the line and what is missing
        (
            "paradoxes.yml",
            'cy: "Os bydd pobl yn ymateb',
            'xx: "Os bydd pobl yn ymateb',
            "takes 'en:' and 'cy:'",
        ),
        (
            "nudges.yml",
            '  - {en: "Good thread. Here is what I would test next:", cy:',
            '  - {en: "Good thread. Here is what I would test next:", en2:',
            "takes 'en:' and 'cy:'",
        ),
        (
            "messages.yml",
            "another: {en: Another question, cy: Cwestiwn arall}",
            "another: Another question",
            "has no Welsh",
        ),
        # the Welsh naming a slot the English does not
        ("messages.yml", '_{title}_  ·  OASIS: {steps}"}', '_{teitl}_  ·  OASIS: {steps}"}', "must match"),
    ],
)
def test_check_fails_on_a_missing_translation_or_different_slots(
    tmp_path, monkeypatch, file, old, new, problem
):
    prompts = _prompts_copy(tmp_path)
    path = prompts / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in row)
    with pytest.raises(ConfigError) as info:
        _content(prompts, monkeypatch)
    assert problem in str(info.value)
    assert info.value.path.endswith(file) and info.value.line == line


def test_an_answer_in_both_languages_is_one_message_welsh_first():
    cy = replies.Reply(
        "challenge",
        "Cwestiwn?",
        [
            replies.Section("*Cwestiwn?*"),
            replies.Actions([replies.Button("another_question", "Cwestiwn arall", "x", "a")]),
        ],
        suffix="cost.1",
    )
    en = replies.Reply(
        "challenge",
        "Question?",
        [
            replies.Section("*Question?*"),
            replies.Actions([replies.Button("another_question", "Another question", "x", "b")]),
        ],
        suffix="cost.1",
    )
    both = replies.together([cy, en])
    assert both.text == "Cwestiwn?\n\nQuestion?"
    assert [type(p).__name__ for p in both.parts] == ["Section", "Divider", "Section", "Actions"]
    assert both.parts[0].text == "*Cwestiwn?*" and both.block_id == "challenge:cost.1"
    (button,) = both.parts[-1].buttons
    assert button.text == "Cwestiwn arall / Another question"


class _Store:
    def __init__(self):
        self.writes = []

    def goal_for(self, *a):
        return None

    def asked_in(self, *a):
        return {"cost.1"}

    def mark_asked(self, *a):
        self.writes.append(a)

    def record_goal(self, *a):
        self.writes.append(a)


def test_the_second_language_reads_the_store_and_writes_nothing():
    store = _Store()
    dry = DryStorage(store)
    assert dry.asked_in("T", "C", "1") == {"cost.1"}
    dry.mark_asked("T", "C", "1", ["cost.2"])
    goal = dry.record_goal("T", "C", "1", "300 more carers by March", "U1")
    assert goal.text == "300 more carers by March" and store.writes == []


def test_every_entry_the_code_says_is_in_the_word_files(monkeypatch):
    """A `say("key")` whose entry an editor removed would fail mid-reply: each one the code names is there."""
    import re

    content = _content(PROMPTS, monkeypatch)
    root = PROMPTS.parent / "bot"
    named = set()
    for path in root.rglob("*.py"):
        named |= set(
            re.findall(r"""\bsay\(\s*["']([a-z_]+\.[a-z_.]*[a-z_])["']""", path.read_text(encoding="utf-8"))
        )
    assert len(named) > 40
    for lang in ("cy", "en"):
        missing = sorted(key for key in named if key not in content.decks[lang].words.texts)
        assert missing == [], missing


@pytest.mark.parametrize(
    "written, said",
    [
        ("ddisgyblion", "disgyblion"),  # "i ddisgyblion" in the thread, "o blith disgyblion" in the reply
        ("nghylchlythyr", "cylchlythyr"),
        ("ngwasanaeth", "gwasanaeth"),
        ("daflenni", "daflenni"),  # "d" may be a mutated "t" or a radical "d": left as written
        ("TikTok", "TikTok"),
        ("phone banking", "phone banking"),  # English "ph" is not undone
    ],
)
def test_a_welsh_word_said_back_loses_a_mutation_only_where_certain(written, said):
    from bot.coach.reader.forms import radical

    assert radical(written) == said


def test_a_welsh_reply_says_the_teams_words_without_their_mutation(monkeypatch):
    from bot.coach.facts import facts_of
    from bot.coach.reader import read_plan

    content = _content(PROMPTS, monkeypatch)
    texts = [
        "Y nod: 200 yn fwy o ddisgyblion blwyddyn 9 yn dewis TGAU Cymraeg erbyn mis Mawrth",
        "<@U0COACH> syniadau?",
    ]
    cy, en = content.decks["cy"], content.decks["en"]
    assert facts_of(cy, read_plan(cy, texts), texts).audience.startswith("disgyblion")
    assert facts_of(en, read_plan(en, texts), texts).audience == "ddisgyblion"  # only a Welsh reply undoes it


def test_the_language_figures_command_counts_each_label(tmp_path, capsys):
    from bot.dev.language import main

    path = tmp_path / "set.yml"
    path.write_text(
        "items:\n"
        "  - {reply: cy, text: \"<@U0COACH> be dach chi'n feddwl o'r cynllun newydd?\"}\n"
        '  - {reply: en, text: "<@U0COACH> what do you think of the new plan?"}\n'
        '  - {lang: cy, thread: ["Rydyn ni isio gwneud fideo i\'r ysgolion", "<@U0COACH> ok?"]}\n',
        encoding="utf-8",
    )
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 (100.0%) read as cy" in out and "1 of 1 (100.0%) read as en" in out
