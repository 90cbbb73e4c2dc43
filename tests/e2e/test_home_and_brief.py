"""App Home, the "Plan a campaign" modal and the campaign brief, end to end over HTTP."""

from __future__ import annotations

import json
import time

import pytest
from slack_sdk.models.views import View

from bot.store import Subscription
from tests.helpers import kind_of, run_try, wait_until_handled


def _home(bot, user="U1") -> dict:
    before = len(bot.fake.calls_to("views.publish"))
    resp = bot.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    assert resp.status == 200
    call = bot.fake.wait_for(lambda f: f.calls_to("views.publish")[before:])[0]
    assert call.args["user_id"] == user
    return call.args["view"]


def _valid_view(view: dict) -> None:
    View(**view).validate_json()
    assert len(view["blocks"]) <= 100


def test_home_renders_for_an_empty_workspace(bot):
    view = _home(bot)
    _valid_view(view)
    assert view["type"] == "home" and view["blocks"][0]["block_id"] == "home"
    body = json.dumps(view, ensure_ascii=False)
    assert "No goals recorded yet" in body and "None yet" in body and "Plan a campaign" in body
    for p in bot.services.deck.paradoxes:
        assert p.sides[0] in body and p.sides[1] in body


def test_home_renders_a_busy_workspace_within_limits(bot):
    store = bot.services.store
    for i in range(60):
        store.record_goal(
            "T0001", f"C{i}", f"17000000{i:02d}.000100", f"Goal {i}: 10 more sign-ups <!here> " * 20, "U1"
        )
    for i in range(80):
        store.save_subscription(
            Subscription("T0001", f"CS{i}", i % 7, "09:00", "Europe/London", "", "U1", 1.0, "", "", "slack")
        )
    store.record_goal("T0OTHER", "CX", "", "another workspace's goal", "U9")
    view = _home(bot)
    _valid_view(view)
    body = json.dumps(view, ensure_ascii=False)
    assert "Goal 59" in body and "Goal 49" not in body  # the ten most recent
    assert "https://example.slack.com/archives/C59/p" in body  # links to the thread
    assert "<!here>" not in body and "another workspace" not in body
    assert "…and more" in body


def _click_plan(bot) -> dict:
    before = len(bot.fake.calls_to("views.open"))
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "trigger_id": "trig.plan",
            "container": {"type": "view", "view_id": "VHOME"},
            "actions": [{"action_id": "plan_campaign", "block_id": "b", "value": "home"}],
        }
    )
    assert resp.status == 200
    call = bot.fake.wait_for(lambda f: f.calls_to("views.open")[before:])[0]
    assert call.args["trigger_id"] == "trig.plan"
    return call.args["view"]


def _submit(bot, view: dict, values: dict, channel: str = "CB1"):
    state = {key: {key: {"type": "plain_text_input", "value": value}} for key, value in values.items()}
    state["post_to"] = {"post_to": {"type": "conversations_select", "selected_conversation": channel}}
    submitted = {**view, "id": "VPLAN1", "state": {"values": state}}
    return bot.action(
        {
            "type": "view_submission",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "view": submitted,
            "trigger_id": "t.sub",
        }
    )


def test_the_button_opens_the_planning_modal(bot):
    view = _click_plan(bot)
    _valid_view(view)
    assert view["callback_id"] == "plan_campaign" and view["title"]["text"] == "Plan a campaign"
    ids = [b.get("block_id") for b in view["blocks"]]
    assert ids == ["intro", "objective", "audience", "idea", "channels", "scoring", "post_to"]


def test_an_objective_without_number_or_date_gets_a_gentle_prompt_then_posts(bot):
    view = _click_plan(bot)
    values = {
        "objective": "We want more parents to book flu jabs",
        "audience": "",
        "idea": "",
        "channels": "TikTok",
        "scoring": "",
    }
    resp = _submit(bot, view, values)
    assert resp.status == 200
    answer = json.loads(resp.body)
    assert answer["response_action"] == "update"
    updated = answer["view"]
    _valid_view(updated)
    hint = next(b for b in updated["blocks"] if b.get("block_id") == "objective_hint")
    assert "number and a date" in json.dumps(hint) and "as it is" in json.dumps(hint)
    assert (
        next(b for b in updated["blocks"] if b.get("block_id") == "objective")["element"]["initial_value"]
        == values["objective"]
    )
    time.sleep(0.2)
    assert bot.fake.posted("CB1") == []  # not posted yet: a prompt, not a refusal...
    resp = _submit(bot, updated, values)  # ...and submitting again posts it as it is
    assert resp.status == 200 and not resp.body
    brief = bot.fake.wait_for(lambda f: f.posted("CB1"))[0]
    assert kind_of(brief) == "brief"


def test_the_brief_is_posted_recorded_and_its_thread_coached(bot):
    view = _click_plan(bot)
    values = {
        "objective": "Get 300 more unpaid carers in Kent to register with their GP by March 2027",
        "audience": "",
        "idea": "Carers' stories from GP waiting rooms <!channel>",
        "channels": "Instagram and a podcast",
        "scoring": "",
    }
    resp = _submit(bot, view, values, channel="CB2")
    assert resp.status == 200 and not resp.body  # closes the modal
    brief = bot.fake.wait_for(lambda f: f.posted("CB2"))[0]
    assert kind_of(brief) == "brief"
    body = json.dumps(brief)
    assert "300 more unpaid carers" in body and "<!channel>" not in body and "&lt;!channel&gt;" in body
    assert "Questions this brief leaves most open" in body
    from slack_sdk.models.blocks import Block

    for raw in brief["blocks"]:
        Block.parse(raw).validate_json()
    store = bot.services.store
    # The listener records the goal and the brief's questions just after Slack takes the post.
    deadline = time.time() + 5
    while not store.asked_in("T0001", "CB2", brief["ts"]) and time.time() < deadline:
        time.sleep(0.02)
    goal = store.goal_for("T0001", "CB2")
    assert goal.text.startswith("Get 300 more unpaid carers")
    asked = store.asked_in("T0001", "CB2", brief["ts"])
    assert {q.split(".")[0] for q in asked} & {"audience", "value"}  # audience and scoring were left empty
    # The thread under the brief is coached like any campaign thread: the goal is known, and no
    # question is asked twice, neither the brief's nor one asked in the thread before.
    seen = _questions_in(brief)
    assert len(seen) == len(asked)

    def in_thread(f) -> list[dict]:
        return [m for m in f.posted("CB2") if m.get("thread_ts") == brief["ts"]]

    # Ten mentions ask 20 questions of the 45: by chance alone, a repeat would be all but certain.
    for n in range(1, 11):
        bot.mention("what next?", channel="CB2", thread_ts=brief["ts"])
        reply = bot.fake.wait_for(lambda f, n=n: in_thread(f)[n - 1 :])[0]
        assert kind_of(reply) == "challenge"
        questions = _questions_in(reply)
        assert questions and not questions & seen, (questions, seen)
        seen |= questions


def _questions_in(message: dict) -> set[str]:
    """The challenge questions in a message: each is a bold line (after any lead line) ending a section that
    is followed by its paradox's context."""
    blocks = message["blocks"]
    return {
        b["text"]["text"].split("\n")[-1]
        for b, after in zip(blocks, blocks[1:], strict=False)
        if b["type"] == "section"
        and b["text"]["text"].split("\n")[-1].startswith("*")
        and after["type"] == "context"
        and "OASIS" in json.dumps(after)
    }


def test_the_message_shortcut_opens_the_modal_prefilled(bot):
    text = "We want 200 more care leavers to claim the bursary by September. Thinking TikTok and a podcast."
    resp = bot.action(
        {
            "type": "message_action",
            "callback_id": "plan_goal_first",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "trigger_id": "trig.short",
            "channel": {"id": "CMSG"},
            "message": {"ts": "1.2", "text": text},
            "response_url": bot.fake.response_url("sc"),
        }
    )
    assert resp.status == 200
    view = bot.fake.wait_for(lambda f: f.calls_to("views.open"))[0].args["view"]
    _valid_view(view)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert "200 more care leavers" in blocks["objective"]["element"]["initial_value"]
    assert blocks["channels"]["element"]["initial_value"] == "TikTok, a podcast"
    assert blocks["post_to"]["element"]["initial_conversation"] == "CMSG"


def test_a_brief_slack_will_not_post_is_explained_to_the_planner(bot):
    from bot.dev.fakeslack import Fault

    view = _click_plan(bot)
    bot.fake.fail("chat.postMessage", Fault(error="not_in_channel"))
    _submit(
        bot,
        view,
        {
            "objective": "Get 50 more volunteers to sign up by June",
            "audience": "a",
            "idea": "b",
            "channels": "",
            "scoring": "c",
        },
        channel="CPRIV",
    )
    dm = bot.fake.wait_for(lambda f: f.posted("U1"))[0]
    assert kind_of(dm) == "error" and "not_in_channel" in dm["text"]
    assert bot.services.store.goal_for("T0001", "CPRIV") is None


@pytest.mark.parametrize("tab", ["messages"])
def test_the_messages_tab_does_not_publish_home(bot, tab):
    bot.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": tab}, event_id="EvTab")
    wait_until_handled(bot.services.store, "EvTab")  # its listener has returned: nothing more comes
    assert bot.fake.calls_to("views.publish") == []


def test_try_mode_shows_the_home_tab(tmp_path):
    out = run_try("home\nclick Plan a campaign\n", tmp_path)
    assert "the Home tab" in out and "Recent goals" in out and "[Plan a campaign]" in out
    assert "[Objective]" in out
