"""The coach answers in Welsh over real HTTP: a Welsh thread in an `auto` channel in Welsh, an English one in
English, `both` Welsh first in one message, `/paradox language` and `iaith` set per channel, `/paradox help`
in a Welsh channel in Welsh, and the buttons of a Welsh reply answering in Welsh."""

from __future__ import annotations

import json
import time

import pytest

from tests.helpers import kind_of, wait_until_handled

WELSH_PLAN = "Rydyn ni'n meddwl gwneud cyfres o fideos TikTok i'r cynllun ailgylchu newydd"
WELSH_GOAL = "Y nod: 400 yn fwy o aelwydydd yn Wrecsam yn archebu bin gwastraff bwyd erbyn diwedd mis Mawrth"
ENGLISH_PLAN = "We're thinking of a TikTok series for the new recycling scheme"


def _mention(bot, text: str, thread: list[str], channel: str = "C1") -> dict:
    root = bot.fake.add_thread(channel, [{"user": "U1", "text": t} for t in thread])
    event_id = f"Ev{bot.next_id()}cy"
    assert bot.mention(text, channel=channel, thread_ts=root, event_id=event_id).status == 200
    wait_until_handled(bot.services.store, event_id)
    (reply,) = [m for m in bot.fake.posted(channel) if m.get("thread_ts") == root]
    return reply


def _words(msg: dict) -> str:
    return json.dumps(msg["blocks"], ensure_ascii=False) + msg["text"]


def test_a_welsh_thread_is_answered_in_welsh_and_an_english_one_in_english(bot):
    cy = _mention(bot, "<@U0COACH> be dach chi'n feddwl?", [WELSH_PLAN])
    assert kind_of(cy) == "goal_nudge"
    assert "Mae gennym nod" in _words(cy) and "We have a goal" not in _words(cy)
    assert "nod" in cy["text"] and "goal" not in cy["text"].replace("/paradox goal", "")
    en = _mention(bot, "<@U0COACH> what do you think?", [ENGLISH_PLAN])
    assert (
        kind_of(en) == "goal_nudge" and "We have a goal" in _words(en) and "Mae gennym nod" not in _words(en)
    )


def test_a_welsh_goal_is_noted_in_welsh_with_welsh_questions(bot):
    reply = _mention(bot, "<@U0COACH> posteri neu radio?", [WELSH_GOAL])
    assert kind_of(reply) == "goal_recorded"
    words = _words(reply)
    assert "Dw i wedi nodi'r nod" in words and "Nid dyna ein nod" in words
    assert "400 yn fwy o aelwydydd" in words  # the goal quoted as written
    assert "OASIS" in words and "From _" not in words


def test_both_puts_welsh_first_in_one_message_and_records_the_work_once(bot):
    assert "Gymraeg ac yn Saesneg" in json.dumps(bot.command("language both").json(), ensure_ascii=False)
    reply = _mention(bot, "<@U0COACH> what do you think?", [ENGLISH_PLAN])
    welsh, english = reply["text"].split("\n\n")  # the fallback says both, Welsh first
    telling = bot.services.content.telling
    assert telling.detect(welsh) == "cy" and telling.detect(english) == "en"
    types = [b["type"] for b in reply["blocks"]]
    assert "divider" in types and types.count("actions") == 1
    (actions,) = [b for b in reply["blocks"] if b["type"] == "actions"]
    assert actions["elements"][0]["text"]["text"] == "Mae gennym nod / We have a goal"
    # both languages asked the same question, remembered once
    goal_reply = _mention(bot, "<@U0COACH> which first?", [WELSH_GOAL])
    asked = bot.services.store.asked_in("T0001", "C1", goal_reply["thread_ts"])
    assert len(asked) == 1 and reply["blocks"][0]["block_id"].startswith("goal_nudge")


@pytest.mark.parametrize(
    "typed, setting",
    [
        ("language cy", "cy"),
        ("iaith cymraeg", "cy"),
        ("language welsh", "cy"),
        ("iaith saesneg", "en"),
        ("language bilingual", "both"),
        ("iaith dwyieithog", "both"),
        ("language auto", "auto"),
        ("iaith awtomatig", "auto"),
    ],
)
def test_paradox_language_sets_the_channel_in_either_language(bot, typed, setting):
    channel = f"C{bot.next_id()}"
    reply = bot.command(typed, channel=channel).json()
    assert kind_of(reply) == "help"
    assert bot.services.store.language_of("T0001", channel) == setting
    shown = bot.command("language", channel=channel).json()
    assert kind_of(shown) == "help" and "/paradox" in _words(shown)


def test_a_mistyped_language_is_an_error_saying_what_to_type(bot):
    reply = bot.command("iaith ffrangeg").json()
    assert kind_of(reply) == "error"
    assert "ffrangeg" in reply["text"] and "/paradox iaith cymraeg" in reply["text"]
    assert "Rhowch gynnig ar" in _words(reply)  # typed in Welsh: answered in Welsh
    assert bot.services.store.language_of("T0001", "C1") == "auto"
    english = bot.command("language klingon <!channel>").json()
    assert kind_of(english) == "error" and "&lt;!channel&gt;" in english["text"]
    assert "/paradox language cy" in english["text"]


def test_help_in_a_welsh_channel_is_in_welsh_and_a_private_reply_follows_the_person(bot):
    bot.command("language cy", channel="CW")
    helped = bot.command("help", channel="CW").json()
    assert (
        kind_of(helped) == "help" and helped["blocks"][0]["text"]["text"] == "Y nod yn gyntaf, wedyn y sianel"
    )
    assert "Y nod yn gyntaf" in helped["text"] and "Goal first" not in helped["text"]
    listed = bot.command("list", channel="CW").json()
    assert "paradocs" in listed["text"]
    # in an auto channel, a plan typed in Welsh gets Welsh, one typed in English gets English
    cy = bot.command(
        "goal 300 yn fwy o ofalwyr maeth yn cofrestru erbyn diwedd mis Ionawr", channel="CA"
    ).json()
    assert "Nod wedi'i gofnodi" in _words(cy)
    en = bot.command("goal 300 more foster carer enquiries by the end of January", channel="CB").json()
    assert "Goal recorded" in _words(en)


def test_a_button_on_a_welsh_reply_answers_in_welsh(bot):
    bot.command("language cy", channel="CQ")
    first = bot.command("cost", channel="CQ").json()
    (actions,) = [b for b in first["blocks"] if b["type"] == "actions"]
    button = next(e for e in actions["elements"] if e["action_id"] == "another_question")
    assert button["text"]["text"] == "Cwestiwn arall"
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001", "domain": "example"},
            "user": {"id": "U1"},
            "api_app_id": "A0001",
            "token": "legacy",
            "trigger_id": f"t.{time.time()}",
            "container": {"type": "message", "channel_id": "CQ", "is_ephemeral": True},
            "channel": {"id": "CQ", "name": "ymgyrchoedd"},
            "message": {"text": first["text"], "blocks": first["blocks"]},
            "response_url": bot.fake.response_url("cy-click"),
            "actions": [
                {
                    "type": "button",
                    "action_id": "another_question",
                    "block_id": actions.get("block_id", ""),
                    "value": button["value"],
                    "action_ts": str(time.time()),
                }
            ],
        }
    )
    assert resp.status == 200
    replaced = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(replaced) == "challenge" and "Cwestiwn arall" in _words(replaced)


def test_the_readme_welsh_exchange_is_answered_in_welsh_line_by_line(tmp_path):
    import re

    from tests.helpers import ROOT, run_try

    block = re.search(
        r"<!-- try-welsh[^>]*-->\s*```text\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S
    )
    assert block, "the README has no Welsh exchange"
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    out = run_try("\n".join(lines) + "\n", tmp_path)
    assert "(no button called" not in out and "Traceback" not in out
    turns = dict(zip(*[iter(re.split(r"^you> (.*)$", out, flags=re.M)[1:])] * 2, strict=True))
    assert "Gymraeg" in turns["iaith cymraeg"]
    assert "Mae gennym nod" in turns["@coach be dach chi'n feddwl?"]
    chose = turns["@coach TikTok neu daflenni drwy'r drws?"]
    assert "Dw i wedi nodi'r nod" in chose and "TikTok" in chose and "daflenni" in chose
    assert "Cwestiwn arall" in turns["/paradox cost"]
    for said in turns.values():
        assert "We have a goal" not in said and "Another question" not in said


def test_a_channel_set_to_auto_follows_the_writer_under_a_welsh_workspace_default(bot):
    store = bot.services.store
    store.set_language(
        "T0001", "", "cy", "UADMIN"
    )  # the workspace's default, as an admin sets it on the Home
    assert store.language_of("T0001", "CNEW") == "cy"  # a channel with no setting takes it
    bot.command("language auto", channel="CAUTO")
    assert store.language_of("T0001", "CAUTO") == "auto"
    reply = _mention(bot, "<@U0COACH> what do you think?", [ENGLISH_PLAN], channel="CAUTO")
    assert "We have a goal" in _words(reply) and "Mae gennym nod" not in _words(reply)
