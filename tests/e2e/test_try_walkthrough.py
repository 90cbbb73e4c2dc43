"""The README's try-mode walkthrough, run line by line: every line gets an answer, with no dead ends."""

from __future__ import annotations

import re

from tests.helpers import ROOT, run_try

_BLOCK = re.compile(r"<!-- try-walkthrough[^>]*-->\s*```text\n(.*?)```", re.S)
DEAD_ENDS = (
    "(the coach said nothing)",
    "(no button called",
    "Slack would show an error",
    "Traceback",
    "cannot start",
)


def walkthrough() -> list[str]:
    match = _BLOCK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match, "the README has no try walkthrough block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def _turns(out: str) -> list[tuple[str, str]]:
    """(what you typed, what came back) for each line of the script."""
    parts = re.split(r"^you> (.*)$", out, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_the_readme_walkthrough_works_line_by_line(tmp_path):
    lines = walkthrough()
    out = run_try("\n".join(lines) + "\n", tmp_path)
    for dead in DEAD_ENDS:
        assert dead not in out, dead
    turns = _turns(out)
    assert [typed for typed, _ in turns] == lines
    for typed, answer in turns:
        assert answer.strip(), f"nothing came back for: {typed}"
    said = dict(turns)
    assert "Another angle, from @you" in said["click Another angle"]
    assert "Shared by @you" in said["click Share in channel"]
    assert (
        "Forgotten" in said["click That's not our goal"]
        and "[We have a goal]" in said["click That's not our goal"]
    )
    assert "What is the goal?" in said["click We have a goal"]  # the goal's one-field form
    assert (
        "Goal recorded for this thread, from @you"
        in said["300 more carers in Kent register with the council by March 2027"]
    )
    assert said["@coach cheers!"].strip() == "(reacted :+1:)"
    assert "Campaign brief" in said["#campaign-planning"]
    assert "coach (in the thread)" in said["@coach what should we test first?"]
    assert "Friday 4 December" in said["/paradox weekly friday 16:00 Europe/London"] or re.search(
        r"Friday \d{1,2} [A-Z][a-z]+ at 16:00", said["/paradox weekly friday 16:00 Europe/London"]
    )


def test_try_shows_names_and_slack_formatting_not_ids_or_marks(tmp_path):
    out = run_try("\n".join(walkthrough()) + "\n", tmp_path)
    for raw in ("UTRY", "CTRY", "UBOT", "<#", "<@", "&gt;", "&lt;", "&amp;"):
        assert raw not in out, raw
    assert not re.search(r"(?<!\w)_[^_\n]+_(?!\w)", out), "raw _italic_ marks"
    assert not re.search(r"(?<![\w*])\*[^*\n]+\*(?![\w*])", out), "raw *bold* marks"
    assert "`" not in out
    assert "#campaign-planning" in out and "@you" in out


def test_help_on_its_own_explains_try_mode(tmp_path):
    out = run_try("help\n/paradox help\n", tmp_path)
    typed = dict(_turns(out))
    assert "click <button>" in typed["help"] and "weekly now" in typed["help"] and "---" in typed["help"]
    assert "noted in the thread" not in typed["help"]
    assert "coach (only you can see this)" in typed["/paradox help"]  # the bot's own help still works


def test_a_form_can_be_corrected_and_cancelled(tmp_path):
    script = (
        "home\nclick Plan a campaign\nMore carers\n-\n-\n-\n-\n-\n"  # no number, no date: a gentle prompt
    )
    out = run_try(script + "-\n-\n-\n-\n-\n-\n", tmp_path)
    assert "Campaign brief" in out  # submitted again as it is, it is posted
    assert out.count("(you submitted the form)") == 2
    cancelled = run_try("home\nclick Plan a campaign\ncancel\n/paradox cost\n", tmp_path)
    assert "(the form is closed; nothing was sent)" in cancelled and "Campaign brief" not in cancelled
    assert "Free and ruinous" in cancelled


def test_every_button_the_walkthrough_shows_can_be_clicked(tmp_path):
    out = run_try("\n".join(walkthrough()) + "\n", tmp_path)
    buttons = set(re.findall(r"\[([A-Z][^\]]+)\]", out)) - {
        "Objective",
        "Audience and insight",
        "The idea",
        "Channels being considered",
        "How success will be scored",
        "Post the brief in",
        "What is the goal?",  # form fields' labels, not buttons
    }
    assert buttons == {
        "Another question",
        "Share in channel",
        "Another angle",
        "Plan a campaign",
        "That's not our goal",
        "We have a goal",
    }
    # A button that opens a form is followed by cancel, so the next click is a click, not a field.
    forms = {"Plan a campaign", "We have a goal"}
    clicks = [f"click {b}\ncancel" if b in forms else f"click {b}" for b in sorted(buttons)]
    clicked = run_try("\n".join(walkthrough() + clicks) + "\n", tmp_path)
    assert "(no button called" not in clicked and "(the coach said nothing)" not in clicked
    assert clicked.count("(the form is closed; nothing was sent)") == len(forms)
