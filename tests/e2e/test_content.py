"""The deck, the vocabulary and the config: loaded, checked, and reported with file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.coach.answers import HOWTO_TOPICS, load_answers
from bot.coach.deck import load_deck
from bot.coach.nudges import load_nudges
from bot.settings import load_settings
from bot.yamlfile import ConfigError
from tests.helpers import ROOT


@pytest.fixture
def prompts(tmp_path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", target)
    return target


def test_the_deck_has_the_ten_paradoxes_with_four_questions_each():
    deck = load_deck(ROOT / "prompts")
    assert len(deck.paradoxes) == 10
    for p in deck.paradoxes:
        assert len(p.questions) >= 4 and len(p.sides) == 2 and p.oasis and p.keywords
    assert {"cost", "audience", "deliberation"} <= set(deck.by_id)
    assert deck.paradox_for_topic("young").id == "audience"


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    "old, new, needle, problem",
    [
        ("  - id: cost\n", "  - id: cost\n    title: [unclosed\n", "title: [unclosed", "YAML syntax"),
        (
            '    title: {en: "Free and ruinous", cy: "Am ddim, ac yn costio\'r ddaear"}\n',
            "",
            "  - id: cost",
            "missing 'title'",
        ),
        ("  - id: reach\n", "  - id: cost\n", "  - id: cost", "duplicate id 'cost'"),
        (
            "      - {en: \"What would you stop doing to pay for this?\", cy: \"Beth fyddech chi'n rhoi'r gorau i'w wneud "
            'er mwyn talu am hyn?"}\n      - {en: "If you had to put money behind it, how much, and what result would '
            "justify that?\", cy: \"Pe bai'n rhaid i chi dalu i'w hyrwyddo, faint fyddech chi'n ei wario, a pha ganlyniad "
            "fyddai'n cyfiawnhau hynny?\"}\n",
            "",
            "    questions:",
            "at least 4",
        ),
        (
            "    oasis: [implementation, scoring]\n",
            "    oasis: [implementation, marketing]\n",
            "marketing",
            "unknown OASIS step",
        ),
    ],
)
def test_a_broken_deck_names_the_file_the_line_and_the_problem(prompts, old, new, needle, problem):
    path = prompts / "paradoxes.yml"
    _break(path, old, new)
    with pytest.raises(ConfigError) as info:
        load_deck(prompts)
    assert info.value.path == str(path)
    assert problem in info.value.problem
    if problem == "YAML syntax":
        # PyYAML notices on the next line; the message also names the line where the list began.
        assert info.value.line == _line_of(path, needle) + 1
        assert f"starts on line {_line_of(path, needle)}" in info.value.problem
    elif needle == "  - id: cost":
        assert info.value.line in {
            i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line
        }
    elif needle == "    questions:":
        lines = {i for i, line in enumerate(path.read_text().splitlines(), 1) if line == needle}
        assert info.value.line in lines
    else:
        assert info.value.line == _line_of(path, needle)


def test_an_empty_question_list_is_refused(prompts):
    path = prompts / "paradoxes.yml"
    text = path.read_text()
    start = text.index("  - id: cost")
    q = text.index("    questions:\n", start)
    end = text.index("\n\n", q)
    path.write_text(text[:q] + "    questions: []" + text[end:])
    with pytest.raises(ConfigError, match="at least 4"):
        load_deck(prompts)


def test_a_channel_naming_an_unknown_paradox_is_refused(prompts):
    _break(prompts / "channels.yml", "paradoxes: [audience, choice]", "paradoxes: [audience, nonsense]")
    with pytest.raises(ConfigError, match="nonsense") as info:
        load_deck(prompts)
    assert info.value.line == _line_of(prompts / "channels.yml", "nonsense")


def test_nudges_with_an_unknown_placeholder_are_refused(prompts):
    _break(prompts / "nudges.yml", "{channel} could work well", "{platform} could work well")
    _break(prompts / "nudges.yml", "Gallai {channel} weithio", "Gallai {platform} weithio")
    with pytest.raises(ConfigError, match="placeholder"):
        load_nudges(prompts)


@pytest.mark.parametrize(
    "file, old, new, needle, problem",
    [
        (
            "paradoxes.yml",
            "        asks: [audience]\n",
            "        asks: [when]\n",
            "asks: [when]",
            "unknown 'when'",
        ),
        (
            "paradoxes.yml",
            "        needs: [channel]\n",
            "        needs: [budget]\n",
            "needs: [budget]",
            "unknown 'budget'",
        ),
        ("nudges.yml", "    asks: [audience]\n", "    asks: [who]\n", "asks: [who]", "unknown 'who'"),
        ("answers.yml", 'reaction: "+1"', 'reaction: "thumbs up!"', "reaction:", "not an emoji name"),
        ("answers.yml", "  oasis:\n", "  osasis:\n", "osasis", "unknown how-to topic 'osasis'"),
        ("answers.yml", "greeting:\n", "greetings:\n", "greetings:", "missing 'greeting'"),
    ],
)
def test_broken_tags_and_answers_name_the_file_the_line_and_the_problem(
    prompts, file, old, new, needle, problem
):
    _break(prompts / file, old, new)
    with pytest.raises(ConfigError) as info:
        {"paradoxes.yml": load_deck, "nudges.yml": load_nudges, "answers.yml": load_answers}[file](prompts)
    assert info.value.path == str(prompts / file) and problem in info.value.problem
    if problem.startswith("missing"):
        assert info.value.line is not None
    else:
        assert info.value.line == _line_of(prompts / file, needle)


def test_the_answers_cover_every_how_to_topic_the_reader_knows():
    answers = load_answers(ROOT / "prompts")
    reader_topics = set(load_deck(ROOT / "prompts").lexicon.howto_regex)
    assert reader_topics <= set(HOWTO_TOPICS) and all(answers.howto_answer(t) for t in HOWTO_TOPICS)


def test_a_broken_config_names_file_and_line(tmp_path):
    cfg = tmp_path / "coach.yml"
    cfg.write_text("log_level: INFO\nweekly:\n  catch_up_hours: soon\n")
    with pytest.raises(ConfigError) as info:
        load_settings({"PARADOX_CONFIG": str(cfg)}, dotenv_path=tmp_path / "none")
    assert info.value.line == 3 and "catch_up_hours" in info.value.problem
    cfg.write_text("colour: blue\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings({"PARADOX_CONFIG": str(cfg)}, dotenv_path=tmp_path / "none")


def test_env_wins_over_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nPORT=4000\n")
    env = {"PORT": "5000", "PARADOX_CONFIG": str(ROOT / "config/coach.yml")}
    settings = load_settings(env, dotenv_path=dotenv)
    assert settings.bot_token == "xoxb-from-file" and settings.port == 5000


def _run(args: list[str], cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def workdir(tmp_path) -> Path:
    shutil.copytree(ROOT / "prompts", tmp_path / "prompts")
    shutil.copytree(ROOT / "config", tmp_path / "config")
    return tmp_path


def test_check_passes_on_the_shipped_files(workdir):
    result = _run(["check"], workdir)
    assert result.returncode == 0, result.stderr
    assert "10 paradoxes" in result.stdout


def test_check_and_startup_report_a_broken_deck_without_a_traceback(workdir):
    path = workdir / "prompts" / "paradoxes.yml"
    _break(path, "  - id: reach\n", "  - id: cost\n")
    result = _run(["check"], workdir)
    assert result.returncode == 1
    assert f"{Path('prompts/paradoxes.yml')}:" in result.stderr and "duplicate id 'cost'" in result.stderr
    assert "Traceback" not in result.stderr
    started = _run(
        [],
        workdir,
        {
            "SLACK_BOT_TOKEN": "xoxb-x",
            "SLACK_SIGNING_SECRET": "s" * 10,
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
        },
    )
    assert started.returncode == 2
    assert "duplicate id 'cost'" in started.stderr and "Traceback" not in started.stderr


def test_missing_credentials_say_what_to_set(workdir):
    result = _run([], workdir)
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET" in result.stderr and "SLACK_BOT_TOKEN" in result.stderr
    assert ".env.example" in result.stderr and "Traceback" not in result.stderr
