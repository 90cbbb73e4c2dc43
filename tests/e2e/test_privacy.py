"""Data care end to end over signed HTTP: forget, forget me, my data, the admin export, goal attribution.

Each erasure is asked for on a private reply and done by its button; the answer says what went.
"""

from __future__ import annotations

import csv
import io
import json
import time

from bot.dev import payloads
from tests.helpers import kind_of, wait_until


def _button(msg: dict, action_id: str) -> dict:
    for block in msg["blocks"]:
        for el in block.get("elements", []) if block["type"] == "actions" else []:
            if el["action_id"] == action_id:
                assert el["accessibility_label"]
                return el
    raise AssertionError(f"no {action_id} button in {msg['blocks']}")


def _press(bot, button: dict, *, channel="C1", user="U1") -> dict:
    before = len(bot.fake.responses)
    payload = payloads.button_press(
        button["action_id"],
        button["value"],
        trigger_id=f"t.{time.time()}",
        response_url=bot.fake.response_url(f"press{bot.next_id()}"),
        channel=channel,
        user=user,
    )
    assert bot.action(payload).status == 200
    return bot.fake.wait_for(lambda f: f.responses[before:])[0]


def _seed(store) -> None:
    store.record_goal("T0001", "C1", "", "U1 goal: 40 foster carers by March", "U1")
    store.record_goal("T0001", "C1", "1700000000.000100", "U2 goal in a thread", "U2")
    store.record_goal("T0001", "C2", "", "U1 goal elsewhere", "U1")
    store.record_goal("T0001", "C2", "", "U2 goal elsewhere", "U2")
    store.mark_asked("T0001", "C1", "1700000000.000100", ["cost-1", "cost-2"])
    store.mark_asked("T0001", "C1", "u:U1", ["audience-1"])
    store.mark_asked("T0001", "C2", "u:U1", ["audience-2"])


def test_forget_asks_privately_then_erases_only_this_channel(bot):
    store = bot.services.store
    _seed(store)
    ask = bot.command("forget", channel="C1").json()
    assert kind_of(ask) == "privacy" and ask.get("response_type") != "in_channel"  # ephemeral
    assert store.goal_for("T0001", "C1") is not None  # nothing goes before the button
    done = _press(bot, _button(ask, "privacy_forget_channel"), channel="C1")
    assert done["replace_original"] in (True, "true") and kind_of(done) == "privacy"
    assert "2 goals" in done["text"] and "3 remembered questions" in done["text"]
    assert store.goal_for("T0001", "C1") is None
    assert store.asked_in("T0001", "C1", "1700000000.000100") == set()
    assert store.asked_in("T0001", "C1", "u:U1") == set()
    assert store.goal_for("T0001", "C2") is not None  # other channels untouched
    assert store.asked_in("T0001", "C2", "u:U1") == {"audience-2"}


def test_cancel_erases_nothing(bot):
    store = bot.services.store
    _seed(store)
    ask = bot.command("forget me").json()
    done = _press(bot, _button(ask, "privacy_cancel"))
    assert kind_of(done) == "privacy" and "Nothing was erased" in done["text"]
    assert len(store.data_about("T0001", "U1").goals) == 2


def test_forget_me_erases_the_person_pressing_everywhere_and_nobody_else(bot):
    store = bot.services.store
    _seed(store)
    bot.command("weekly monday 09:00 Europe/London", user="U1", channel="C3")
    assert store.subscription("T0001", "C3").created_by == "U1"
    ask = bot.command("forget me", user="U1").json()
    assert kind_of(ask) == "privacy" and "2 goals" in ask["text"]
    # The button only ever erases who presses it: U2 pressing U1's button erases U2's data.
    _press(bot, _button(ask, "privacy_forget_me"), user="U2")
    assert store.data_about("T0001", "U2").empty and len(store.data_about("T0001", "U1").goals) == 2
    done = _press(bot, _button(ask, "privacy_forget_me"), user="U1")
    assert "2 goals" in done["text"] and "2 remembered questions" in done["text"]
    assert "1 weekly prompt" in done["text"]
    mine = store.data_about("T0001", "U1")
    assert mine.empty
    assert store.subscription("T0001", "C3").created_by == ""  # the channel keeps its prompt
    assert store.asked_in("T0001", "C1", "1700000000.000100") == {"cost-1", "cost-2"}


def test_my_data_shows_the_person_privately_what_is_held(bot):
    store = bot.services.store
    _seed(store)
    store.record_goal("T0001", "C5", "", "<!channel> & friends", "U1")
    shown = bot.command("my data", user="U1").json()
    assert kind_of(shown) == "privacy" and shown["blocks"][0]["block_id"] == "privacy:my_data"
    assert shown.get("response_type") != "in_channel"
    text = json.dumps(shown["blocks"])
    assert "U1 goal: 40 foster carers by March" in text and "U1 goal elsewhere" in text
    assert "U2 goal" not in text
    assert "&lt;!channel&gt; &amp; friends" in text and "<!channel>" not in text
    assert "<#C1>: 1 question" in text and "<#C2>: 1 question" in text
    assert "Goals you wrote (3)" in shown["text"]
    empty = bot.command("my data", user="U9").json()
    assert "Nothing" in json.dumps(empty["blocks"])


def test_an_admin_gets_the_export_as_json_and_csv_in_a_dm(bot):
    store = bot.services.store
    _seed(store)
    store.record_goal("T0OTHER", "C9", "", "another workspace's goal", "U1")
    bot.fake.admins.add("UADMIN")
    assert bot.command("export", user="UADMIN").status == 200
    told = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(told) == "privacy" and "direct message" in told["text"], told
    assert bot.fake.calls_to("users.info")[-1].args["user"] == "UADMIN"
    assert bot.fake.calls_to("conversations.open")[-1].args["users"] == "UADMIN"
    assert bot.fake.calls_to("files.getUploadURLExternal")
    files = {f["filename"]: f for f in bot.fake.files}
    assert {f["channel_id"] for f in files.values()} == {"DADMIN"}
    document = json.loads(next(f for name, f in files.items() if name.endswith(".json"))["content"])
    assert document["workspace"] == "T0001"
    goals = document["tables"]["paradox_goals"]
    assert sorted(g["text"] for g in goals) == sorted(
        [
            "U1 goal: 40 foster carers by March",
            "U2 goal in a thread",
            "U1 goal elsewhere",
            "U2 goal elsewhere",
        ]
    )
    assert all(g["user_id"] in ("U1", "U2") for g in goals)
    goals_csv = next(f for name, f in files.items() if name.endswith("-paradox_goals.csv"))["content"]
    rows = list(csv.DictReader(io.StringIO(goals_csv)))
    assert len(rows) == 4 and "another workspace" not in goals_csv
    assert {"text", "user_id", "created_at"} <= set(rows[0])
    assert any(name.endswith("-paradox_inbox.csv") for name in files)


def test_the_export_is_refused_to_anyone_but_an_admin(bot):
    _seed(bot.services.store)
    assert bot.command("export", user="U1").status == 200
    told = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert told["blocks"][0]["block_id"] == "privacy:export_refused"
    assert not bot.fake.calls_to("files.getUploadURLExternal") and not bot.fake.files


def test_a_goal_read_from_a_thread_is_stored_as_its_authors(bot):
    root = bot.fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": "Thinking Instagram for the fostering campaign"},
            {"user": "U2", "text": "Our goal is 40 new fostering households approved by next March"},
            {"user": "U3", "text": "sounds good"},
        ],
    )
    bot.mention("what next?", thread_ts=root, user="U1")
    bot.fake.wait_for(lambda f: [m for m in f.posted("C1") if m.get("thread_ts") == root])
    goal = bot.services.store.goal_for("T0001", "C1", root)
    assert goal is not None and "40 new fostering households" in goal.text
    assert goal.user_id == "U2"  # who wrote it, not U1 who asked
    assert [g.text for g in bot.services.store.data_about("T0001", "U2").goals] == [goal.text]
    assert bot.services.store.data_about("T0001", "U1").goals == []


def test_the_home_tab_carries_a_one_line_privacy_summary_with_the_link(fake, db_url):
    from bot.settings import Retention
    from tests.helpers import BotClient, start_bot

    url = "https://intranet.example.gov.uk/paradox-coach/privacy"
    overrides = {"privacy_url": url, "retention": Retention(goals_days=30)}
    server, services, app = start_bot(fake, db_url, overrides=overrides)
    try:
        bot = BotClient(server.effective_port, fake, services, app)
        assert bot.event({"type": "app_home_opened", "user": "U1", "tab": "home"}).status == 200
        view = fake.wait_for(lambda f: f.calls_to("views.publish"))[0].args["view"]
        lines = [e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"]]
        summary = [t for t in lines if t.startswith("Privacy:")]
        assert len(summary) == 1 and f"<{url}|" in summary[0] and "/paradox my data" in summary[0]
        assert "goals (with who wrote them) for 30 days" in summary[0]  # the configured retention
    finally:
        server.stop()
        services.store.engine.dispose()


def test_forget_me_stops_the_persons_digest_and_unnames_their_deck_edits(bot):
    store = bot.services.store
    bot.command("digest on", user="U1")
    # `digest on` asks Slack for the person's timezone, so it is answered after the ack.
    wait_until(lambda: store.digest_of("T0001", "U1"))
    store.add_deck_edits("T0001", "U1", [{"kind": "hide_question", "question_id": "cost-1"}])
    store.add_deck_edits("T0001", "U2", [{"kind": "hide_question", "question_id": "cost-2"}])
    mine = store.data_about("T0001", "U1")
    assert mine.digest and mine.deck_edits == 1 and not mine.empty
    shown = bot.command("my data", user="U1").json()
    assert "Monthly digest" in shown["text"] + json.dumps(shown["blocks"])
    ask = bot.command("forget me", user="U1").json()
    done = _press(bot, _button(ask, "privacy_forget_me"), user="U1")
    assert "digest stopped" in done["text"] and "1 deck edit" in done["text"]
    assert store.data_about("T0001", "U1").empty and store.digest_of("T0001", "U1") is None
    # The workspace's deck stays as edited; only the name comes off.
    assert [e.user_id for e in store.deck_edits("T0001")] == ["", "U2"]
