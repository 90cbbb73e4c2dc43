"""The workspace's own deck: edited from the Home tab by admins, refused for others, used at once everywhere.

Everything goes through signed payloads over HTTP: the Home tab's menu (block_actions), the deck's
forms (view_submission), `/paradox`. Two bot servers on one database stand in for several processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from bot.coach import workspace_deck as wd
from bot.coach.home import DECK_MENU, DECK_RESTORE, DECK_SHOW
from bot.listeners.admin import NOT_ADMIN
from bot.listeners.views.deck_modals import ADD_CALLBACK, FIELD, HIDE_CALLBACK
from tests.helpers import ROOT, BotClient, bot_env, kind_of, start_bot

ADMIN, MEMBER = "UADMIN", "UMEMBER"
NEW_QUESTION = "Which <!channel> & partner networks would carry this for free?"
ESCAPED = "Which &lt;!channel&gt; &amp; partner networks would carry this for free?"


def _home(bot, user=ADMIN, team="T0001") -> dict:
    before = len(bot.fake.calls_to("views.publish"))
    bot.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}, team=team)
    return bot.fake.wait_for(lambda f: f.calls_to("views.publish")[before:])[0].args["view"]


def _menu(bot, value: str, *, user=ADMIN, team="T0001"):
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "example"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": f"trig.{bot.next_id()}",
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home"},
        "actions": [
            {
                "type": "overflow",
                "action_id": DECK_MENU,
                "block_id": "b",
                "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value},
            }
        ],
    }
    return bot.action(payload)


def _button(bot, action_id: str, value: str, *, user=ADMIN, team="T0001"):
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "example"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": f"trig.{bot.next_id()}",
        "container": {"type": "view", "view_id": "VHOME"},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value}],
    }
    return bot.action(payload)


def _submit(bot, callback: str, paradox_id: str, value: str, *, user=ADMIN, team="T0001"):
    state = (
        {"type": "plain_text_input", "value": value}
        if callback == ADD_CALLBACK
        else {"type": "static_select", "selected_option": {"value": value}}
    )
    payload = {
        "type": "view_submission",
        "team": {"id": team, "domain": "example"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": f"trig.{bot.next_id()}",
        "view": {
            "id": f"V{bot.next_id()}",
            "type": "modal",
            "callback_id": callback,
            "private_metadata": paradox_id,
            "state": {"values": {FIELD: {FIELD: state}}},
        },
    }
    return bot.action(payload)


def _opened(bot, before: int) -> dict:
    return bot.fake.wait_for(lambda f: f.calls_to("views.open")[before:])[0].args["view"]


def _cost_question(bot, team="T0001", user="U1") -> str:
    reply = json.loads(bot.command("cost", team=team, user=user).body)
    assert kind_of(reply) == "challenge"
    return json.dumps(reply["blocks"])


def _edits(bot, count: int, team="T0001") -> None:
    """Wait until the workspace's deck has `count` edits (buttons are acked before they are stored)."""
    deadline = time.monotonic() + 5
    while len(bot.services.store.deck_edits(team)) < count:
        assert time.monotonic() < deadline, "the edit was not stored in time"
        time.sleep(0.02)


def _texts(view: dict) -> str:
    return json.dumps(view["blocks"])


def test_an_admin_tailors_the_deck_from_home_and_replies_use_it_at_once(bot):
    bot.fake.admins.add(ADMIN)
    view = _home(bot)
    menus = [b for b in view["blocks"] if (b.get("accessory") or {}).get("type") == "overflow"]
    assert len(menus) == 10 and "Restore the defaults" in _texts(view)
    # "Add a question" opens its form; submitting it adds the question (escaped when shown).
    before = len(bot.fake.calls_to("views.open"))
    assert _menu(bot, "add:cost").status == 200
    assert _opened(bot, before)["callback_id"] == ADD_CALLBACK
    resp = _submit(bot, ADD_CALLBACK, "cost", NEW_QUESTION)
    assert resp.status == 200 and not resp.body  # the form closes
    # Hide every shipped cost question: the new one is all /paradox cost can ask.
    for q in bot.services.deck.by_id["cost"].questions:
        resp = _submit(bot, HIDE_CALLBACK, "cost", q.id)
        assert resp.status == 200 and not resp.body, resp.body
    for user in ("U1", "U2", "U3"):  # each person's first cost question (memory is per person)
        assert ESCAPED in _cost_question(bot, user=user)
    # The last question cannot go: the form says why, and the deck keeps it.
    extra = bot.services.deck_for("T0001").by_id["cost"].questions[0]
    refused = json.loads(_submit(bot, HIDE_CALLBACK, "cost", extra.id).body)
    assert refused["response_action"] == "errors" and "hide the paradox instead" in refused["errors"][FIELD]
    # Hiding a paradox takes it out of /paradox list and Home; the log says who did what.
    assert _menu(bot, "hidep:pace").status == 200
    _edits(bot, 7)
    listed = json.dumps(json.loads(bot.command("list").body))
    assert bot.services.deck.by_id["pace"].title not in listed
    view = _home(bot)
    log = next(b for b in view["blocks"] if "Deck edits" in json.dumps(b))["text"]["text"]
    assert f"<@{ADMIN}>" in log and "hid the paradox" in log and "added to _" in log
    assert "&lt;!channel&gt;" in log and "<!channel>" not in log
    # Restore the defaults: the shipped deck again, logged too.
    assert _button(bot, DECK_RESTORE, "restore").status == 200
    _edits(bot, 8)
    assert bot.services.deck_for("T0001") is bot.services.deck
    assert len(bot.services.deck_for("T0001").paradoxes) == 10
    assert ESCAPED not in _cost_question(bot, user="U4")


def test_a_non_admin_sees_the_deck_but_cannot_edit_it(bot):
    view = _home(bot, user=MEMBER)
    assert not [b for b in view["blocks"] if b.get("accessory")]
    assert "Restore the defaults" not in _texts(view) and "Deck edits" not in _texts(view)
    assert "The 10 paradoxes" in _texts(view)
    before = len(bot.fake.calls_to("views.open"))
    assert _menu(bot, "hidep:cost", user=MEMBER).status == 200
    not_admin = bot.services.deck.words.say(NOT_ADMIN)
    assert not_admin in json.dumps(_opened(bot, before))
    # Forged requests (no menu was ever shown) change nothing either.
    refused = json.loads(_submit(bot, ADD_CALLBACK, "cost", NEW_QUESTION, user=MEMBER).body)
    assert refused["response_action"] == "errors" and refused["errors"][FIELD] == not_admin
    assert _button(bot, DECK_RESTORE, "restore", user=MEMBER).status == 200
    assert _button(bot, DECK_SHOW, "cost", user=MEMBER).status == 200
    bot.fake.wait_for(lambda f: len(f.calls_to("views.open")) >= before + 3)
    assert bot.services.store.deck_edits("T0001") == []


def test_edits_are_checked_like_prompts(bot):
    bot.fake.admins.add(ADMIN)
    for text, problem in [
        ("Why?", "at least 10 characters"),
        ("x" * 301, "at most 300"),
        (bot.services.deck.by_id["cost"].questions[0].text, "already has this question"),
    ]:
        refused = json.loads(_submit(bot, ADD_CALLBACK, "cost", text).body)
        assert problem in refused["errors"][FIELD]
    refused = json.loads(_submit(bot, ADD_CALLBACK, "nonsense", NEW_QUESTION).body)
    assert "not in the deck" in refused["errors"][FIELD]
    assert bot.services.store.deck_edits("T0001") == []


def test_edits_reach_every_process_and_no_other_workspace(fake, db_url):
    """Two servers on one database: an edit through one is used by the other on its next request."""
    fake.admins.add(ADMIN)
    a_server, a_services, a_app = start_bot(fake, db_url)
    b_server, b_services, b_app = start_bot(fake, db_url)
    a = BotClient(a_server.effective_port, fake, a_services, a_app)
    b = BotClient(b_server.effective_port, fake, b_services, b_app)
    try:
        assert _submit(a, ADD_CALLBACK, "cost", NEW_QUESTION).status == 200
        _cost_question(b)  # b builds (and caches) the deck as it is after the first edit
        assert len(b_services.deck_for("T0001").by_id["cost"].questions) == 6
        for q in a_services.deck.by_id["cost"].questions:
            assert _submit(a, HIDE_CALLBACK, "cost", q.id).status == 200
        assert ESCAPED in _cost_question(b, user="U7")
        # Another workspace keeps the shipped deck, and sees none of this one's edits.
        assert ESCAPED not in _cost_question(b, team="T0002")
        assert "Deck edits" in _texts(_home(b, team="T0002"))
        assert "None yet" in json.dumps(
            [x for x in _home(b, team="T0002")["blocks"] if "Deck edits" in json.dumps(x)]
        )
        assert b_services.store.deck_edits("T0002") == []
    finally:
        for server, services in ((a_server, a_services), (b_server, b_services)):
            server.stop()
            services.store.engine.dispose()


def _cli(fake, db_url, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **bot_env(fake, db_url)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "deck", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_export_and_import_round_trip(bot, tmp_path, db_url):
    bot.fake.admins.add(ADMIN)
    assert _submit(bot, ADD_CALLBACK, "cost", NEW_QUESTION).status == 200
    hidden = bot.services.deck.by_id["audience"].questions[1]
    assert _submit(bot, HIDE_CALLBACK, "audience", hidden.id).status == 200
    assert _menu(bot, "hidep:pace").status == 200
    _edits(bot, 3)
    first = tmp_path / "t1.yml"
    done = _cli(bot.fake, db_url, "export", "--team", "T0001", "--out", str(first))
    assert done.returncode == 0, done.stderr
    text = first.read_text()
    assert NEW_QUESTION in text and hidden.text not in text and "id: pace" not in text
    # Into another workspace, and out again: the same deck.
    done = _cli(bot.fake, db_url, "import", "--team", "T0003", str(first))
    assert done.returncode == 0, done.stderr
    again = _cli(bot.fake, db_url, "export", "--team", "T0003")
    assert again.returncode == 0 and again.stdout == text
    assert ESCAPED in json.dumps(bot.services.deck_for("T0003").by_id["cost"].questions[-1].text)
    # An import is logged, by the command line.
    assert "the command line" in _texts(_home(bot, team="T0003"))


def test_import_errors_name_file_and_line_and_change_nothing(bot, tmp_path, db_url):
    path = tmp_path / "bad.yml"
    exported = _cli(bot.fake, db_url, "export", "--team", "T0001")
    lines = exported.stdout.splitlines()
    # The second question of the first paradox becomes too short.
    first_q = next(i for i, line in enumerate(lines) if line.strip() == "questions:")
    lines[first_q + 2] = "  - Why?"
    path.write_text("\n".join(lines) + "\n")
    done = _cli(bot.fake, db_url, "import", "--team", "T0001", str(path))
    assert done.returncode == 1
    assert f"{path}:{first_q + 3}:" in done.stderr and "at least 10 characters" in done.stderr
    path.write_text(
        "paradoxes:\n  - id: invented\n    title: T\n    sides: [a, b]\n    oasis: [scoring]\n"
        '    keywords: [x]\n    questions: ["What would you measure first here?"]\n'
    )
    done = _cli(bot.fake, db_url, "import", "--team", "T0001", str(path))
    assert (
        done.returncode == 1
        and f"{path}:2:" in done.stderr
        and "not a paradox of the shipped deck" in done.stderr
    )
    assert bot.services.store.deck_edits("T0001") == []


def test_the_shipped_deck_round_trips_unchanged(tmp_path):
    from bot.coach.deck import load_deck

    base = load_deck(ROOT / "prompts")
    path = tmp_path / "deck.yml"
    path.write_text(wd.export_yaml(base))
    assert wd.import_edits(base, path) == [{"kind": wd.RESET}]


def test_uninstalling_forgets_the_deck_digests_and_thread_facts_of_that_workspace_only(bot):
    from bot.coach.storage import DigestSubscription

    store = bot.services.store
    for team in ("T0001", "T0002"):
        store.add_deck_edits(team, ADMIN, [{"kind": wd.HIDE_PARADOX, "paradox_id": "pace"}])
        store.save_digest(DigestSubscription(team, "ULEAD", "UTC", "", time.time()))
        store.note_thread(team, "C1", "1.1", nudged=True, goal=False)
    assert "pace" not in bot.services.deck_for("T0001").by_id
    assert bot.event({"type": "app_uninstalled"}, team="T0001", event_id="EvGone").status == 200
    deadline = time.monotonic() + 5
    while store.deck_edits("T0001") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert store.deck_edits("T0001") == [] and store.digest_of("T0001", "ULEAD") is None
    assert store.score_facts("T0001", 0).threads == []
    assert bot.services.deck_for("T0001") is bot.services.deck
    assert len(store.deck_edits("T0002")) == 1 and store.digest_of("T0002", "ULEAD") is not None
    assert len(store.score_facts("T0002", 0).threads) == 1


def test_weekly_prompts_ask_from_the_workspaces_own_deck(fake, db_url):
    from datetime import UTC, datetime

    from slack_sdk import WebClient

    from bot.coach.deck import load_deck
    from bot.settings import load_settings
    from bot.store import Store, Subscription
    from bot.weekly.poster import Poster
    from tests.helpers import BOT_TOKEN

    store = Store(db_url)
    store.migrate()
    base = load_deck(ROOT / "prompts")
    kept = base.paradoxes[0].id
    store.add_deck_edits(
        "T0001", ADMIN, [{"kind": wd.HIDE_PARADOX, "paradox_id": p.id} for p in base.paradoxes[1:]]
    )
    created = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    for team, channel in (("T0001", "C1"), ("T0002", "C2")):
        store.save_subscription(
            Subscription(team, channel, 0, "09:00", "UTC", "", "U1", created, "", "", "slack")
        )
    settings = load_settings(bot_env(fake, db_url), dotenv_path=os.devnull)
    client = WebClient(token=BOT_TOKEN, base_url=fake.api_url)
    poster = Poster(store, base, client, settings, decks=wd.Decks(base, store))
    for day in ("05", "12", "19"):
        assert poster.post_due(datetime.fromisoformat(f"2026-01-{day}T09:00:00+00:00")).posted == 2

    def asked(channel: str) -> set[str]:
        return {m["blocks"][0]["block_id"].split(":")[1].split(".")[0] for m in fake.posted(channel)}

    assert asked("C1") == {kept}
    assert len(asked("C2")) == 3  # the shipped deck: a different paradox each week
    store.engine.dispose()
