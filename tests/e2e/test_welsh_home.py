"""The App Home in the workspace's default language, over real HTTP: English by default; Welsh after an admin
chooses Welsh on the Home itself; both, Welsh first, in one view within Slack's limits; the control only for
admins (a forged click changes nothing); the scorecard and the deck's forms in Welsh; and a channel with no
language of its own answering in the workspace's Welsh."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from slack_sdk.models.views import View

from bot.coach import dates, scorecard
from bot.coach.home import WORKSPACE_LANGUAGE
from bot.listeners.views.deck_modals import ADD_CALLBACK, FIELD, HIDE_CALLBACK
from bot.store import Subscription
from tests.e2e.test_deck import _menu, _opened, _submit
from tests.e2e.test_scorecard import _seed
from tests.helpers import kind_of, wait_until_handled

ADMIN, MEMBER = "UADMIN", "UMEMBER"


def _home(bot, user=ADMIN, team="T0001") -> dict:
    before = len(bot.fake.calls_to("views.publish"))
    bot.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}, team=team)
    view = bot.fake.wait_for(lambda f: f.calls_to("views.publish")[before:])[0].args["view"]
    View(**view).validate_json()
    assert len(view["blocks"]) <= 100
    return view


def _choose(bot, setting: str, *, user=ADMIN, team="T0001") -> dict | None:
    """Press the Home's language button for `setting` (as Slack posts it); the Home published after it."""
    before = len(bot.fake.calls_to("views.publish"))
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
                "type": "button",
                "action_id": f"{WORKSPACE_LANGUAGE}_{setting}",
                "block_id": "b",
                "value": setting,
                "action_ts": str(time.time()),
            }
        ],
    }
    assert bot.action(payload).status == 200
    if user != ADMIN:
        return None
    return bot.fake.wait_for(lambda f: f.calls_to("views.publish")[before:])[0].args["view"]


def _text(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def _language_buttons(view: dict) -> list[dict]:
    return [
        e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith(WORKSPACE_LANGUAGE)
    ]


def test_the_home_is_in_english_by_default_with_the_language_control_for_admins(bot):
    bot.fake.admins.add(ADMIN)
    view = _home(bot)
    text = _text(view)
    assert view["blocks"][0]["text"]["text"] == "Goal first, then channel"
    assert "*Recent goals*" in text and "The coach's scorecard" in text and "The 10 paradoxes" in text
    assert "Nodau diweddar" not in text and "Y nod yn gyntaf" not in text
    buttons = _language_buttons(view)
    labels = [b["text"]["text"] for b in buttons]
    assert labels == [
        "Cymraeg / Welsh",
        "Cymraeg a Saesneg / Welsh and English",
        "Saesneg / English",
        "Awtomatig / Automatic",
    ]
    assert [b["value"] for b in buttons if b.get("style") == "primary"] == ["auto"]  # the current one
    assert "answers in the language each person writes in" in text


def test_an_admin_sets_welsh_on_the_home_and_everyone_sees_the_home_in_welsh(bot):
    bot.fake.admins.add(ADMIN)
    bot.services.store.record_goal("T0001", "C1", "1700000000.000100", "300 o ofalwyr yn cofrestru", "U1")
    bot.services.store.save_subscription(
        Subscription("T0001", "C2", 4, "16:00", "Europe/London", "", "U1", 1.0, "", "", "slack")
    )
    view = _choose(bot, "cy")
    assert bot.services.store.workspace_language("T0001") == "cy"
    text = _text(view)
    assert view["blocks"][0]["text"]["text"] == "Y nod yn gyntaf, wedyn y sianel"
    for welsh in (
        "Cynllunio ymgyrch",
        "*Nodau diweddar*",
        "(<https://example.slack.com/archives/C1/p1700000000000100|edefyn>)",
        "*Negeseuon wythnosol*\\n• <#C2>: bob dydd Gwener am 16:00 (Europe/London)",
        "Preifatrwydd: rwy'n cadw nodau",
        "Mae'r hyfforddwr yn ateb yn Gymraeg yn y gweithle hwn",
        "*Cerdyn sgorio'r hyfforddwr*",
        dates.month(datetime.now(UTC).date(), "cy"),
        "10 paradocs y casgliad",
        "Unffordd a sgyrsiol",
        "Ychwanegu cwestiwn",
        "Adfer y casgliad gwreiddiol",
        "*Newidiadau i'r casgliad*",
    ):
        assert welsh in text, welsh
    for english in ("Recent goals", "Weekly prompts", "Fridays", "scorecard", "Plan a campaign", "paradoxes"):
        assert english not in text, english
    assert [b["value"] for b in _language_buttons(view) if b.get("style") == "primary"] == ["cy"]
    (restore,) = [
        e
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "deck_restore"
    ]
    assert (
        restore["confirm"]["title"]["text"] == "Ydych chi'n siŵr?"
        and restore["confirm"]["confirm"]["text"] == "Ydw"
    )
    assert restore["confirm"]["text"]["text"].startswith("Bydd pob cwestiwn a ychwanegwyd yma")
    # Someone else opening the Home sees it in Welsh too, without the control.
    member = _home(bot, user=MEMBER)
    assert member["blocks"][0]["text"]["text"] == "Y nod yn gyntaf, wedyn y sianel"
    assert not _language_buttons(member) and "yn Gymraeg yn y gweithle hwn" in _text(member)
    # Another workspace keeps its own default.
    assert _home(bot, team="T0002")["blocks"][0]["text"]["text"] == "Goal first, then channel"
    # And back to automatic: English again.
    assert _choose(bot, "auto")["blocks"][0]["text"]["text"] == "Goal first, then channel"
    assert bot.services.store.workspace_language("T0001") == "auto"


def test_both_shows_each_section_in_welsh_then_english_in_one_view_within_limits(bot):
    bot.fake.admins.add(ADMIN)
    store = bot.services.store
    # A busy workspace: the most goals, weekly prompts and channels the Home shows, and a hidden paradox.
    for i in range(12):
        store.record_goal("T0001", f"C{i}", f"17000000{i:02d}.000100", f"Goal {i}: <!here> " * 30, "U1")
    for i in range(30):
        store.save_subscription(
            Subscription("T0001", f"CS{i}", i % 7, "09:00", "Europe/London", "", "U1", 1.0, "", "", "slack")
        )
    for i in range(12):
        store.note_thread("T0001", f"CT{i}", f"5.{i}", nudged=True, goal=False)
    published = len(bot.fake.calls_to("views.publish"))
    assert json.loads(_submit(bot, HIDE_CALLBACK, "cost", "cost.1").body or "{}") == {}
    _menu(bot, "hidep:pace")  # each acknowledged first, then the Home published with the edit in it
    bot.fake.wait_for(lambda f: len(f.calls_to("views.publish")) >= published + 2)
    view = _choose(bot, "both")
    View(**view).validate_json()
    assert len(view["blocks"]) <= 100
    text = _text(view)
    assert view["blocks"][0]["block_id"] == "home"
    assert view["blocks"][0]["text"]["text"] == "Y nod yn gyntaf, wedyn y sianel / Goal first, then channel"
    for welsh, english in [
        ("*Iaith*", "*Language*"),
        ("*Nodau diweddar*", "*Recent goals*"),
        ("*Negeseuon wythnosol*", "*Weekly prompts*"),
        ("Preifatrwydd:", "Privacy:"),
        ("*Cerdyn sgorio'r hyfforddwr*", "*The coach's scorecard*"),
        ("*Fesul sianel*", "*By channel*"),
        ("*Wedi'u cuddio:*", "*Hidden:*"),
        ("*Newidiadau i'r casgliad*", "*Deck edits*"),
    ]:
        assert welsh in text and english in text and text.index(welsh) < text.index(english), welsh
    # One set of controls, labelled in both languages.
    assert len(_language_buttons(view)) == 4
    assert text.count('"plan_campaign"') == 1 and "Cynllunio ymgyrch / Plan a campaign" in text
    menus = [b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("type") == "overflow"]
    assert len(menus) == 9 and menus[0]["options"][0]["text"]["text"] == "Ychwanegu cwestiwn / Add a question"
    assert "Adfer y casgliad gwreiddiol / Restore the defaults" in text
    assert "<!here>" not in text  # goals quoted back stay escaped in both languages


def test_a_non_admin_gets_no_control_and_a_forged_click_changes_nothing(bot):
    bot.fake.admins.add(ADMIN)
    view = _home(bot, user=MEMBER)
    assert not _language_buttons(view) and "*Language*" in _text(view)
    before = len(bot.fake.calls_to("views.open"))
    _choose(bot, "cy", user=MEMBER)
    refused = _opened(bot, before)
    assert "Only workspace admins can set the workspace's default language" in json.dumps(refused)
    assert bot.services.store.workspace_language("T0001") == "auto"
    # Once an admin has chosen Welsh, a forged click is refused in Welsh, and the setting stays.
    _choose(bot, "cy")
    before = len(bot.fake.calls_to("views.open"))
    _choose(bot, "en", user=MEMBER)
    refused = _opened(bot, before)
    assert "Dim ond gweinyddwyr y gweithle" in json.dumps(refused, ensure_ascii=False)
    assert refused["title"]["text"] == "Iaith"
    assert bot.services.store.workspace_language("T0001") == "cy"
    # An admin's click with a value that is not a setting is ignored.
    published = len(bot.fake.calls_to("views.publish"))
    payload_setting = "klingon"
    bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": ADMIN},
            "trigger_id": "trig.k",
            "container": {"type": "view", "view_id": "VHOME"},
            "actions": [{"action_id": f"{WORKSPACE_LANGUAGE}_x", "block_id": "b", "value": payload_setting}],
        }
    )
    time.sleep(0.3)
    assert bot.services.store.workspace_language("T0001") == "cy"
    assert len(bot.fake.calls_to("views.publish")) == published


def test_the_scorecard_on_a_welsh_home_is_in_welsh(bot):
    bot.fake.admins.add(ADMIN)
    months = _seed(bot.services.store)
    view = _choose(bot, "cy")
    labels = [scorecard.Month(*m, None, {}).named("cy") for m in months]
    first = next(b for b in view["blocks"] if labels[0] in json.dumps(b, ensure_ascii=False))["text"]["text"]
    assert first.splitlines()[1:6] == [
        labels[0],
        "Edefynnau a hyfforddwyd  ██████████ 4",
        "Nod yn gyntaf            █████░░░░░ 2",
        "Hwb a weithiodd          ██░░░░░░░░ 1 (1 o 2 a gafodd hwb, canolrif 2 awr)",
        "Nodau a gofnodwyd        ██████████ 4",
    ]
    assert first.endswith("Holwyd amlaf: Am ddim, ac yn costio'r ddaear (3), I'r ifanc ac i'r hen (2)")
    by_channel = next(b for b in view["blocks"] if "Fesul sianel" in json.dumps(b, ensure_ascii=False))
    said = by_channel["text"]["text"]
    assert said.startswith(f"*Fesul sianel* ({labels[0]} – {labels[2]})")
    assert (
        "• <#C1>: 4 edefyn, 1 â'r nod yn gyntaf, 2 o 3 hwb wedi gweithio, 4 nod; "
        "holwyd amlaf: Am ddim, ac yn costio'r ddaear" in said
    )
    text = _text(view)
    assert "*Cerdyn sgorio'r hyfforddwr*" in text and "ar ddiwrnod gwaith cyntaf pob mis" in text
    assert "Threads coached" not in text and "Most asked" not in text and "By channel" not in text


def test_the_deck_forms_and_their_refusals_follow_the_homes_welsh(bot):
    bot.fake.admins.add(ADMIN)
    _choose(bot, "cy")
    before = len(bot.fake.calls_to("views.open"))
    _menu(bot, "add:cost")
    add = _opened(bot, before)
    View(**add).validate_json()
    assert add["callback_id"] == ADD_CALLBACK
    assert (add["title"]["text"], add["submit"]["text"], add["close"]["text"]) == (
        "Ychwanegu cwestiwn",
        "Ychwanegu",
        "Canslo",
    )
    field = next(b for b in add["blocks"] if b.get("block_id") == FIELD)
    assert field["label"]["text"] == "Y cwestiwn, fel y dylai'r hyfforddwr ei ofyn"
    assert "Am ddim, ac yn costio'r ddaear" in json.dumps(add["blocks"][0], ensure_ascii=False)
    # Refused in Welsh, inline.
    refused = json.loads(_submit(bot, ADD_CALLBACK, "cost", "Pam?").body)
    assert refused["errors"][FIELD] == "Mae angen o leiaf 10 llythyren mewn cwestiwn."
    # Hide a question: the paradox's questions in Welsh.
    before = len(bot.fake.calls_to("views.open"))
    _menu(bot, "hideq:cost")
    hide = _opened(bot, before)
    View(**hide).validate_json()
    select = next(b for b in hide["blocks"] if b.get("block_id") == FIELD)["element"]
    assert select["placeholder"]["text"] == "Dewiswch gwestiwn"
    welsh_first = bot.services.deck_for("T0001", "cy").by_id["cost"].questions[0]
    assert select["options"][0]["value"] == welsh_first.id
    assert select["options"][0]["text"]["text"].rstrip("…")[:40] in welsh_first.text
    # A member's menu click gets the refusal in Welsh.
    before = len(bot.fake.calls_to("views.open"))
    _menu(bot, "hidep:cost", user=MEMBER)
    notice = _opened(bot, before)
    assert notice["title"]["text"] == "Y casgliad" and notice["close"]["text"] == "Iawn"
    assert "Dim ond gweinyddwyr y gweithle sy'n gallu golygu'r casgliad" in json.dumps(
        notice, ensure_ascii=False
    )
    # An edit is logged in Welsh, dated in Welsh.
    assert _submit(bot, ADD_CALLBACK, "cost", "Pwy fydd yn talu am hyn y flwyddyn nesaf?").status == 200
    log = next(
        b for b in _home(bot)["blocks"] if "Newidiadau i'r casgliad" in json.dumps(b, ensure_ascii=False)
    )
    said = log["text"]["text"]
    assert f"<@{ADMIN}>: ychwanegodd gwestiwn at y paradocs _Am ddim, ac yn costio'r ddaear_" in said
    assert dates.moment(datetime.now(UTC), "cy").split()[1] in said  # the month's Welsh abbreviation


def test_the_deck_forms_in_both_languages_fit_and_hide_from_either_list(bot):
    bot.fake.admins.add(ADMIN)
    _choose(bot, "both")
    before = len(bot.fake.calls_to("views.open"))
    _menu(bot, "hideq:cost")
    hide = _opened(bot, before)
    View(**hide).validate_json()
    assert hide["title"]["text"] == "Y casgliad / The deck"  # both names of the form do not fit in 24
    assert hide["submit"]["text"] == "Cuddio / Hide it" and hide["close"]["text"] == "Canslo / Cancel"
    select = next(b for b in hide["blocks"] if b.get("block_id") == FIELD)["element"]
    groups = select["option_groups"]
    assert [g["label"]["text"] for g in groups] == ["Cymraeg", "English"]
    english_second = groups[1]["options"][1]
    assert english_second["value"] == "en:cost.2"
    resp = _submit(bot, HIDE_CALLBACK, "cost", english_second["value"])
    assert resp.status == 200 and not resp.body
    assert "cost.2" not in {q.id for q in bot.services.deck_for("T0001", "cy").by_id["cost"].questions}
    refused = json.loads(_submit(bot, HIDE_CALLBACK, "cost", "cy:cost.2").body)
    assert refused["errors"][FIELD] == (
        "Dydy'r cwestiwn hwnnw ddim yn y casgliad bellach. / That question is not in the deck any more."
    )


def test_a_workspace_default_of_welsh_answers_in_welsh_where_a_channel_has_no_setting(bot):
    bot.fake.admins.add(ADMIN)
    _choose(bot, "cy")

    def answer(channel: str) -> dict:
        event_id = f"Ev{bot.next_id()}home"
        assert bot.mention("<@U0COACH> we want a TikTok", channel=channel, event_id=event_id).status == 200
        wait_until_handled(bot.services.store, event_id)
        (reply,) = bot.fake.posted(channel)
        return reply

    quiet = answer("CNONE")  # English text, no setting of its own: the workspace's Welsh
    assert kind_of(quiet) == "goal_nudge"
    assert "Mae gennym nod" in json.dumps(quiet["blocks"], ensure_ascii=False)
    assert "We have a goal" not in json.dumps(quiet["blocks"])
    bot.command("language en", channel="CEN")  # a channel's own setting wins
    english = answer("CEN")
    assert "We have a goal" in json.dumps(english["blocks"]) and "Mae gennym nod" not in json.dumps(english)
