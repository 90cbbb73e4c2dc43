"""A misread costs one click: "That's not our goal" and "We have a goal", pressed through signed block_actions
and view_submission payloads over real HTTP."""

from __future__ import annotations

import json

from bot.dev import payloads
from tests.helpers import kind_of, wait_until_handled


def _thread_replies(bot, root: str, n: int = 1) -> list[dict]:
    def found(f):
        got = [m for m in f.posted("C1") if m.get("thread_ts") == root]
        return got if len(got) >= n else None

    return bot.fake.wait_for(found)


def _button(message: dict, action_id: str) -> dict | None:
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element["action_id"] == action_id:
                return element
    return None


def _press(bot, message: dict, action_id: str, *, user: str = "U1", response_url: str = "") -> dict:
    button = _button(message, action_id)
    assert button is not None, f"no {action_id} button on {message['blocks'][0]['block_id']}"
    n = bot.next_id()
    # A posted thread reply says where it was; a /paradox reply (no ts) is ephemeral, the default.
    where = {}
    if message.get("ts"):
        where["container"] = payloads.message_container(
            "C1", str(message["ts"]), str(message.get("thread_ts") or "")
        )
    payload = payloads.button_press(
        action_id,
        button["value"],
        trigger_id=f"trigger.press.{n}",
        response_url=response_url or bot.fake.response_url(f"press{n}"),
        user=user,
        **where,
    )
    assert bot.action(payload).status == 200
    return payload


def _opened_form(bot) -> dict:
    call = bot.fake.wait_for(lambda f: f.calls_to("views.open"))[-1]
    return call.args["view"]


def _submit(bot, view: dict, text: str, *, user: str) -> object:
    n = bot.next_id()
    values = {"goal": {"goal": {"type": "plain_text_input", "value": text}}}
    body = payloads.view_submission({**view, "id": f"VGOAL{n}"}, values, trigger_id=f"t.sub.{n}", user=user)
    return bot.action(body)


def test_a_goal_nudge_opens_a_form_and_records_what_is_typed_as_the_typists_goal(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "Let's do a TikTok for the bus routes"}])
    bot.mention("thoughts?", thread_ts=root)
    nudge = _thread_replies(bot, root)[0]
    assert kind_of(nudge) == "goal_nudge"
    _press(bot, nudge, "we_have_a_goal")
    view = _opened_form(bot)
    assert view["callback_id"] == "goal_typed" and [b["type"] for b in view["blocks"]] == ["input"]
    resp = _submit(bot, view, "300 more under-25s in Leeds use the night bus by June <!here>", user="U7")
    assert resp.status == 200 and not resp.body.strip(b"{} ")  # the form closes
    reply = _thread_replies(bot, root, 2)[1]
    assert reply["blocks"][0]["block_id"] == "goal_recorded:typed"
    assert "<@U7>" in json.dumps(reply["blocks"]) and "&lt;!here&gt;" in reply["text"]
    assert _button(reply, "not_our_goal") is not None
    goal = bot.services.store.goal_for("T0001", "C1", root)
    assert goal.user_id == "U7" and goal.text.startswith("300 more under-25s in Leeds")
    bot.mention("what next?", thread_ts=root)
    assert kind_of(_thread_replies(bot, root, 3)[2]) == "challenge"  # the typed goal lets the plan through


def test_a_blank_goal_keeps_the_form_open_with_a_reason(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "A podcast?"}])
    bot.mention("go", thread_ts=root)
    _press(bot, _thread_replies(bot, root)[0], "we_have_a_goal")
    resp = _submit(bot, _opened_form(bot), "   ", user="U1")
    assert resp.json()["response_action"] == "errors" and "goal" in resp.json()["errors"]
    assert bot.services.store.goal_for("T0001", "C1", root) is None


def test_not_our_goal_forgets_the_thread_goal_says_so_and_does_not_read_it_again(bot):
    root = bot.fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": "Thinking Instagram for the fostering campaign"},
            {"user": "U2", "text": "Our goal is 40 new fostering households approved by next March"},
        ],
    )
    bot.mention("next?", thread_ts=root)
    recorded = _thread_replies(bot, root)[0]
    assert kind_of(recorded) == "goal_recorded"
    _press(bot, recorded, "not_our_goal", user="U3")
    said = _thread_replies(bot, root, 2)[1]
    assert said["blocks"][0]["block_id"] == "goal_recorded:forgotten" and "Forgotten" in said["text"]
    assert _button(said, "we_have_a_goal") is not None  # one more click to give the real one
    assert bot.services.store.goal_for("T0001", "C1", root) is None
    event_id = "EvAfterForgetting"
    bot.mention("and now?", thread_ts=root, event_id=event_id)
    wait_until_handled(bot.services.store, event_id)
    again = _thread_replies(bot, root, 3)[2]
    assert kind_of(again) == "goal_nudge"  # the misread sentence is not taken for the goal again
    assert bot.services.store.goal_for("T0001", "C1", root) is None


def test_not_our_goal_on_a_slash_goal_forgets_the_channel_goal_privately(bot):
    url = bot.fake.response_url("goalcmd")
    reply = bot.command("goal we want more people to book flu jabs", channel="C1", response_url=url).json()
    assert kind_of(reply) == "goal_recorded"
    _press(bot, reply, "not_our_goal", response_url=url)
    answer = bot.fake.wait_for(lambda f: [r for r in f.responses if r["url"].endswith("/goalcmd")])[0]
    assert answer["blocks"][0]["block_id"] == "goal_recorded:forgotten" and answer["replace_original"] in (
        True,
        "true",
    )
    assert bot.services.store.goal_for("T0001", "C1") is None
    shown = bot.command("goal", channel="C1").json()
    assert "No goal" in shown["text"]


def test_a_private_nudge_records_the_typed_goal_for_the_channel_and_answers_privately(bot):
    url = bot.fake.response_url("plancmd")
    nudge = bot.command("we're thinking of a TikTok series", channel="C1", response_url=url).json()
    assert kind_of(nudge) == "goal_nudge"
    _press(bot, nudge, "we_have_a_goal", response_url=url, user="U5")
    view = _opened_form(bot)
    assert (
        _submit(bot, view, "1,000 more residents sign up for garden waste by April", user="U5").status == 200
    )
    answer = bot.fake.wait_for(lambda f: [r for r in f.responses if r["url"].endswith("/plancmd")])[0]
    assert answer["blocks"][0]["block_id"] == "goal_recorded:typed"
    goal = bot.services.store.goal_for("T0001", "C1")
    assert goal.thread_ts == "" and goal.user_id == "U5" and "garden waste" in goal.text
    assert bot.fake.posted("C1") == []  # nothing public
