"""The forms and the privacy replies in Welsh over real HTTP: `forget`, `forget me`, `my data` and `export`
in a Welsh channel (and in English in an `auto` one), their buttons and Slack's dialogs, the erasures'
answers, the "We have a goal" form on a Welsh thread, and the "Plan a campaign" form and brief when the
workspace's default is Welsh."""

from __future__ import annotations

import json
import time

from bot.dev import payloads
from bot.store.queries.languages import WORKSPACE
from tests.helpers import kind_of, wait_until_handled

WELSH_PLAN = "Rydyn ni'n meddwl gwneud cyfres o fideos TikTok i'r cynllun ailgylchu newydd"


def _words(msg: dict) -> str:
    return json.dumps(msg.get("blocks") or msg, ensure_ascii=False) + str(msg.get("text") or "")


def _buttons(msg: dict) -> dict[str, dict]:
    return {e["action_id"]: e for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]}


def _press(
    bot, msg: dict, action_id: str, *, channel: str, user: str = "U1", with_message: bool = False
) -> dict:
    """Press a button of a private reply; Slack sends no `message` for one, unless `with_message`."""
    button = _buttons(msg)[action_id]
    before = len(bot.fake.responses)
    where = {"message": {"text": msg["text"], "blocks": msg["blocks"]}} if with_message else {}
    payload = payloads.button_press(
        action_id,
        button["value"],
        trigger_id=f"t.{time.time()}",
        response_url=bot.fake.response_url(f"press{bot.next_id()}"),
        channel=channel,
        user=user,
        **where,
    )
    assert bot.action(payload).status == 200
    return bot.fake.wait_for(lambda f: f.responses[before:])[0]


def _seed(store, channel: str) -> None:
    store.record_goal(
        "T0001", channel, "", "400 yn fwy o aelwydydd yn archebu bin bwyd erbyn mis Mawrth", "U1"
    )
    store.record_goal("T0001", channel, "1700000000.000100", "Nod mewn edefyn", "U2")
    store.mark_asked("T0001", channel, "u:U1", ["audience-1", "cost-1"])


def test_forget_in_a_welsh_channel_asks_erases_and_answers_in_welsh_with_a_welsh_dialog(bot):
    bot.command("language cy", channel="CW1")
    _seed(bot.services.store, "CW1")
    ask = bot.command("forget", channel="CW1").json()
    assert kind_of(ask) == "privacy" and ask["blocks"][0]["block_id"] == "privacy:confirm_forget"
    assert "Bydd hyn yn dileu, ar gyfer <#CW1>" in ask["text"] and "This erases" not in _words(ask)
    erase, cancel = _buttons(ask)["privacy_forget_channel"], _buttons(ask)["privacy_cancel"]
    assert erase["text"]["text"] == "Dileu" and cancel["text"]["text"] == "Canslo"
    assert erase["accessibility_label"] == "Dileu nodau'r sianel hon a chof yr edefynnau"
    dialog = erase["confirm"]
    assert dialog["title"]["text"] == "Ydych chi'n siŵr?"
    assert dialog["confirm"]["text"] == "Ydw" and dialog["deny"]["text"] == "Canslo"
    assert "Does dim modd dadwneud hyn" in dialog["text"]["text"] and "<#CW1>" in dialog["text"]["text"]
    assert bot.services.store.goal_for("T0001", "CW1") is not None  # nothing goes before the button
    done = _press(bot, ask, "privacy_forget_channel", channel="CW1")
    assert kind_of(done) == "privacy" and done["blocks"][0]["block_id"] == "privacy:forgotten"
    assert "Wedi'u dileu ar gyfer <#CW1>: 2 nod; 2 cwestiwn ar gof" in done["text"], done["text"]
    assert "Erased" not in done["text"]
    assert bot.services.store.goal_for("T0001", "CW1") is None


def test_forget_me_and_my_data_in_a_welsh_channel_are_in_welsh(bot):
    bot.command("language cy", channel="CW2")
    _seed(bot.services.store, "CW2")
    shown = bot.command("my data", channel="CW2").json()
    assert shown["blocks"][0]["block_id"] == "privacy:my_data"
    assert shown["blocks"][0]["text"]["text"] == "Beth rwy'n ei gadw amdanoch chi"
    said = _words(shown)
    assert "Nodau a ysgrifennwyd gennych chi* (1)" in said and "Preifatrwydd:" in said
    assert "What I store" not in said and "Privacy:" not in said
    ask = bot.command("forget me", channel="CW2").json()
    assert "Bydd hyn yn dileu popeth rwy'n ei gadw amdanoch chi" in ask["text"]
    assert "1 nod a ysgrifennwyd gennych chi; 2 cwestiwn" in ask["text"]
    erase = _buttons(ask)["privacy_forget_me"]
    assert erase["confirm"]["title"]["text"] == "Ydych chi'n siŵr?" and erase["text"]["text"] == "Dileu"
    done = _press(bot, ask, "privacy_forget_me", channel="CW2")
    assert done["blocks"][0]["block_id"] == "privacy:forgotten_me"
    assert (
        done["text"].startswith("Wedi'u dileu: 1 nod a ysgrifennwyd gennych chi")
        and "Tynnwyd eich enw" in done["text"]
    )
    assert bot.services.store.data_about("T0001", "U1").empty
    kept = bot.command("forget me", channel="CW2").json()
    cancelled = _press(bot, kept, "privacy_cancel", channel="CW2")
    assert cancelled["text"] == "Chafodd dim byd ei ddileu."


def test_the_same_commands_in_an_auto_channel_are_in_english(bot):
    _seed(bot.services.store, "CA1")
    ask = bot.command("forget", channel="CA1").json()
    erase = _buttons(ask)["privacy_forget_channel"]
    assert "This erases, for <#CA1>" in ask["text"] and erase["text"]["text"] == "Erase"
    assert (
        erase["confirm"]["title"]["text"] == "Are you sure?" and erase["confirm"]["confirm"]["text"] == "Yes"
    )
    assert "Bydd hyn" not in _words(ask)
    shown = bot.command("my data", channel="CA1").json()
    assert shown["blocks"][0]["text"]["text"] == "What I store about you" and "Privacy:" in _words(shown)
    me = bot.command("forget me", channel="CA1").json()
    assert me["text"].startswith("This erases everything I store about you")
    done = _press(bot, me, "privacy_forget_me", channel="CA1")
    assert done["text"].startswith("Erased: 1 goal you wrote") and "Wedi'u dileu" not in done["text"]


def test_the_welsh_forms_answer_in_welsh_in_an_auto_channel_and_so_does_their_button(bot):
    _seed(bot.services.store, "CA2")
    shown = bot.command("fy nata", channel="CA2").json()
    assert shown["blocks"][0]["text"]["text"] == "Beth rwy'n ei gadw amdanoch chi"
    ask = bot.command("anghofio fi", channel="CA2").json()
    assert ask["blocks"][0]["block_id"] == "privacy:confirm_forget_me" and "Bydd hyn yn dileu" in ask["text"]
    # a private reply's button comes back without its message: the button says the language it was in
    done = _press(bot, ask, "privacy_forget_me", channel="CA2")
    assert done["text"].startswith("Wedi'u dileu:")
    channel = bot.command("anghofio", channel="CA2").json()
    assert channel["blocks"][0]["block_id"] == "privacy:confirm_forget"
    # where Slack does send the message, its words decide
    erased = _press(bot, channel, "privacy_forget_channel", channel="CA2", with_message=True)
    assert erased["text"].startswith("Wedi'u dileu ar gyfer <#CA2>")


def test_both_says_the_privacy_reply_welsh_first_in_one_message(bot):
    bot.command("language both", channel="CB1")
    _seed(bot.services.store, "CB1")
    ask = bot.command("forget me", channel="CB1").json()
    welsh, english = ask["text"].split("\n\n")
    assert welsh.startswith("Bydd hyn yn dileu") and english.startswith("This erases")
    assert [b["type"] for b in ask["blocks"]].count("actions") == 1 and "divider" in [
        b["type"] for b in ask["blocks"]
    ]
    erase = _buttons(ask)["privacy_forget_me"]
    assert erase["text"]["text"] == "Dileu / Erase"
    assert erase["confirm"]["title"]["text"] == "Ydych chi'n siŵr?"  # a dialog is in one language: Welsh
    done = _press(bot, ask, "privacy_forget_me", channel="CB1")
    welsh, english = done["text"].split("\n\n")
    assert welsh.startswith("Wedi'u dileu: 1 nod") and english.startswith("Erased: 1 goal")


def test_the_export_in_a_welsh_channel_is_said_in_welsh_and_so_is_its_direct_message(bot):
    bot.command("language cy", channel="CW3")
    _seed(bot.services.store, "CW3")
    bot.fake.admins.add("UADMIN")
    assert bot.command("export", user="UADMIN", channel="CW3").status == 200
    told = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert told["blocks"][0]["block_id"] == "privacy:export"
    assert told["text"].startswith("Rwyf wedi anfon data'r gweithle atoch chi mewn neges uniongyrchol")
    assert "paradox_goals: 2" in told["text"]
    comment = bot.fake.files[0]["initial_comment"]
    assert comment.startswith("Popeth y mae paradox-coach yn ei gadw") and "Everything" not in comment
    assert bot.command("export", user="U1", channel="CW3").status == 200
    refused = bot.fake.wait_for(lambda f: [r for r in f.responses if "export_refused" in json.dumps(r)])[-1]
    assert refused["text"].startswith("Dim ond gweinyddwr neu berchennog y gweithle")


def test_the_export_in_an_auto_channel_is_in_english(bot):
    bot.fake.admins.add("UADMIN")
    assert bot.command("export", user="UADMIN", channel="CA3").status == 200
    told = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert "direct message" in told["text"] and bot.fake.files[0]["initial_comment"].startswith("Everything")


def _welsh_nudge(bot, channel: str) -> dict:
    root = bot.fake.add_thread(channel, [{"user": "U1", "text": WELSH_PLAN}])
    event_id = f"Ev{bot.next_id()}form"
    bot.mention("<@U0COACH> be dach chi'n feddwl?", channel=channel, thread_ts=root, event_id=event_id)
    wait_until_handled(bot.services.store, event_id)
    (nudge,) = [m for m in bot.fake.posted(channel) if m.get("thread_ts") == root]
    assert kind_of(nudge) == "goal_nudge" and "Mae gennym nod" in _words(nudge)
    return nudge


def _open_goal_form(bot, nudge: dict, channel: str) -> dict:
    before = len(bot.fake.calls_to("views.open"))
    payload = payloads.button_press(
        "we_have_a_goal",
        _buttons(nudge)["we_have_a_goal"]["value"],
        trigger_id=f"trigger.goal.{bot.next_id()}",
        response_url=bot.fake.response_url(f"goal{bot.next_id()}"),
        channel=channel,
        container=payloads.message_container(channel, str(nudge["ts"]), str(nudge["thread_ts"])),
        message={"text": nudge["text"], "blocks": nudge["blocks"], "ts": nudge["ts"]},
    )
    assert bot.action(payload).status == 200
    return bot.fake.wait_for(lambda f: f.calls_to("views.open")[before:])[0].args["view"]


def _submit_goal(bot, view: dict, text: str):
    n = bot.next_id()
    values = {"goal": {"goal": {"type": "plain_text_input", "value": text}}}
    return bot.action(
        payloads.view_submission({**view, "id": f"VCY{n}"}, values, trigger_id=f"t.{n}", user="U7")
    )


def test_we_have_a_goal_on_a_welsh_thread_opens_a_welsh_form_and_answers_in_welsh(bot):
    nudge = _welsh_nudge(bot, "CG1")
    view = _open_goal_form(bot, nudge, "CG1")
    assert view["title"]["text"] == "Ein nod" and view["submit"]["text"] == "Cofnodi'r nod"
    assert view["close"]["text"] == "Canslo"
    (field,) = view["blocks"]
    assert field["label"]["text"] == "Beth yw'r nod?" and field["element"]["placeholder"]["text"].startswith(
        "Er enghraifft"
    )
    blank = _submit_goal(bot, view, "  ").json()
    assert blank["errors"]["goal"].startswith("Teipiwch y nod")
    assert (
        _submit_goal(bot, view, "300 yn fwy o ofalwyr maeth yn cofrestru erbyn diwedd mis Ionawr").status
        == 200
    )
    root = nudge["thread_ts"]
    reply = bot.fake.wait_for(lambda f: [m for m in f.posted("CG1") if m.get("thread_ts") == root][1:])[0]
    assert reply["blocks"][0]["block_id"] == "goal_recorded:typed"
    assert "Nod wedi'i gofnodi" in _words(reply) and "Goal recorded" not in _words(reply)


def test_we_have_a_goal_on_an_english_thread_stays_english(bot):
    root = bot.fake.add_thread("CG2", [{"user": "U1", "text": "Let's do a TikTok for the bus routes"}])
    event_id = f"Ev{bot.next_id()}en"
    bot.mention("thoughts?", channel="CG2", thread_ts=root, event_id=event_id)
    wait_until_handled(bot.services.store, event_id)
    (nudge,) = [m for m in bot.fake.posted("CG2") if m.get("thread_ts") == root]
    view = _open_goal_form(bot, nudge, "CG2")
    assert view["title"]["text"] == "Our goal" and view["blocks"][0]["label"]["text"] == "What is the goal?"


def _click_plan(bot) -> dict:
    before = len(bot.fake.calls_to("views.open"))
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U1"},
            "trigger_id": "trig.plan.cy",
            "container": {"type": "view", "view_id": "VHOME"},
            "actions": [{"action_id": "plan_campaign", "block_id": "b", "value": "home"}],
        }
    )
    assert resp.status == 200
    return bot.fake.wait_for(lambda f: f.calls_to("views.open")[before:])[0].args["view"]


def _submit_plan(bot, view: dict, values: dict, channel: str):
    state = {key: {key: {"type": "plain_text_input", "value": value}} for key, value in values.items()}
    state["post_to"] = {"post_to": {"type": "conversations_select", "selected_conversation": channel}}
    submitted = {**view, "id": f"VPLANCY{bot.next_id()}", "state": {"values": state}}
    payload = {"type": "view_submission", "team": {"id": "T0001"}, "user": {"id": "U1"}, "view": submitted}
    return bot.action({**payload, "trigger_id": "t.sub.cy"})


PLAN = {
    "objective": "Rydyn ni eisiau i fwy o rieni archebu brechiad ffliw",
    "audience": "",
    "idea": "",
    "channels": "TikTok",
    "scoring": "",
}


def test_the_plan_form_and_its_brief_are_in_welsh_when_the_workspace_default_is_welsh(bot):
    bot.services.store.set_language("T0001", WORKSPACE, "cy", "UADMIN")
    view = _click_plan(bot)
    assert view["title"]["text"] == "Cynllunio ymgyrch" and view["submit"]["text"] == "Postio'r briff"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["objective"]["label"]["text"] == "Amcan"
    assert blocks["scoring"]["hint"]["text"].startswith("Allbynnau (postiadau)")
    assert blocks["post_to"]["label"]["text"] == "Ble i bostio'r briff"
    prompted = json.loads(_submit_plan(bot, view, PLAN, "CP1").body)
    assert prompted["response_action"] == "update"
    hint = next(b for b in prompted["view"]["blocks"] if b.get("block_id") == "objective_hint")
    assert "Allech chi ychwanegu nifer a dyddiad" in json.dumps(hint, ensure_ascii=False)
    assert "Postio'r briff eto" in json.dumps(hint, ensure_ascii=False)
    assert prompted["view"]["title"]["text"] == "Cynllunio ymgyrch"
    assert _submit_plan(bot, prompted["view"], PLAN, "CP1").status == 200
    brief = bot.fake.wait_for(lambda f: f.posted("CP1"))[0]
    assert kind_of(brief) == "brief" and brief["blocks"][0]["text"]["text"] == "Briff yr ymgyrch"
    said = _words(brief)
    assert "*Amcan*" in said and "_dim eto_" in said and "Campaign brief" not in said
    assert "Y cwestiynau mwyaf agored yn y briff hwn" in said


def test_a_bilingual_workspace_gets_a_welsh_form_and_a_brief_in_both(bot):
    bot.services.store.set_language("T0001", WORKSPACE, "both", "UADMIN")
    view = _click_plan(bot)
    assert view["title"]["text"] == "Cynllunio ymgyrch"  # a form is one language long: Welsh
    values = {**PLAN, "objective": "300 yn fwy o rieni yn archebu brechiad ffliw erbyn mis Mawrth 2027"}
    assert _submit_plan(bot, view, values, "CP2").status == 200
    brief = bot.fake.wait_for(lambda f: f.posted("CP2"))[0]
    headers = [b["text"]["text"] for b in brief["blocks"] if b["type"] == "header"]
    assert headers == ["Briff yr ymgyrch", "Campaign brief"]
    assert brief["text"].index("Briff yr ymgyrch") < brief["text"].index("Campaign brief")
    deadline = time.time() + 5
    while bot.services.store.goal_for("T0001", "CP2") is None and time.time() < deadline:
        time.sleep(0.02)
    assert bot.services.store.goal_for("T0001", "CP2").text.startswith("300 yn fwy o rieni")  # recorded once


def test_the_plan_form_is_english_in_an_auto_workspace(bot):
    view = _click_plan(bot)
    assert view["title"]["text"] == "Plan a campaign"
    assert {b.get("block_id"): b for b in view["blocks"]}["objective"]["label"]["text"] == "Objective"
