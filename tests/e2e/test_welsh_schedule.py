"""The weekly prompts and the monthly digest in Welsh and English, over real HTTP and the real poster.

A weekly prompt goes out in its channel's language (`cy` Welsh; `both` Welsh first, in one message, on one
claim; `auto` English, there being no words to follow); `/paradox weekly …` and `digest …` are answered in
the asker's language (the channel's setting, or Welsh words typed) with Welsh dates; `digest on` keeps that
language and the digest DM is written in it. SQLite and PostgreSQL, as the `bot` fixture runs both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.coach import dates
from bot.coach.storage import DigestSubscription
from bot.digest.sender import DigestSender
from bot.store import Store, Subscription
from bot.weekly.poster import Poster
from bot.weekly.schedule import Rule, next_slots
from tests.e2e.test_digest import CREATED as DIGEST_CREATED
from tests.e2e.test_digest import _dms, _history
from tests.helpers import BOT_TOKEN, ROOT, bot_env, kind_of

CREATED = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TEAM = "T0001"


def _sub(channel: str) -> Subscription:
    return Subscription(TEAM, channel, 0, "09:00", "UTC", "", "USUB", CREATED, "", "", "slack")


def _poster(bot) -> Poster:
    s = bot.services
    client = WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url)
    return Poster(
        s.store,
        s.deck,
        client,
        s.settings,
        sleep=lambda _: None,
        decks=s.decks,
        decks_by_lang=s.decks_by_lang,
    )


def _words(msg: dict) -> str:
    return json.dumps(msg["blocks"], ensure_ascii=False) + msg["text"]


def _language(bot, text: str) -> str | None:
    return bot.services.content.telling.detect(text)


def _subscribed(bot, channel: str, language: str) -> None:
    if language != "auto":
        bot.services.store.set_language(TEAM, channel, language, "U1")
    bot.services.store.save_subscription(_sub(channel))


# -- the weekly prompt ------------------------------------------------------------------------------------


def test_a_weekly_prompt_in_a_welsh_channel_is_in_welsh(bot):
    _subscribed(bot, "CCY", "cy")
    assert _poster(bot).post_due(MONDAY).posted == 1
    (prompt,) = bot.fake.posted("CCY")
    assert kind_of(prompt) == "weekly"
    assert prompt["blocks"][0]["text"]["text"].startswith("Paradocs yr wythnos: ")
    assert "Atebwch yn yr edefyn" in prompt["text"] and "This week's paradox" not in _words(prompt)
    assert _language(bot, prompt["text"]) == "cy"
    (button,) = [e for b in prompt["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == "another_angle" and button["text"]["text"] == "Ongl arall"
    # the question is the Welsh deck's, under the same id the rotation records
    question = prompt["blocks"][0]["block_id"].split(":", 1)[1]
    welsh = bot.services.deck_for(TEAM, "cy").questions[question].text
    assert f"*{welsh}*" in _words(prompt)
    assert bot.services.store.sent_questions(TEAM, "CCY") == [question]


def test_a_weekly_prompt_in_a_both_channel_is_welsh_first_in_one_message_on_one_claim(bot):
    _subscribed(bot, "CBOTH", "both")
    poster = _poster(bot)
    assert poster.post_due(MONDAY).posted == 1
    assert poster.post_due(MONDAY).posted == 0  # one claim for the channel's week, whatever the languages
    (prompt,) = bot.fake.posted("CBOTH")
    welsh, english = prompt["text"].split("\n\n")
    assert welsh.startswith("Paradocs yr wythnos: ") and english.startswith("This week's paradox: ")
    assert _language(bot, welsh) == "cy" and _language(bot, english) == "en"
    types = [b["type"] for b in prompt["blocks"]]
    assert types.count("header") == 2 and types.count("divider") == 1 and types.count("actions") == 1
    assert prompt["blocks"][0]["text"]["text"].startswith("Paradocs yr wythnos")  # Welsh first
    (actions,) = [b for b in prompt["blocks"] if b["type"] == "actions"]
    assert actions["elements"][0]["text"]["text"] == "Ongl arall / Another angle"
    assert len(bot.services.store.sent_questions(TEAM, "CBOTH")) == 1


def test_a_weekly_prompt_in_an_auto_channel_is_in_english_and_follows_the_workspace_default(bot):
    _subscribed(bot, "CAUTO", "auto")
    assert _poster(bot).post_due(MONDAY).posted == 1
    (prompt,) = bot.fake.posted("CAUTO")
    assert prompt["text"].startswith("This week's paradox: ") and "Paradocs" not in _words(prompt)
    assert _language(bot, prompt["text"]) == "en"
    # a workspace whose default is Welsh: its channels with no setting of their own get Welsh
    bot.services.store.set_language(TEAM, "", "cy", "UADMIN")
    assert _poster(bot).post_due(MONDAY.replace(day=12)).posted == 1
    later = bot.fake.posted("CAUTO")[1]
    assert later["text"].startswith("Paradocs yr wythnos: ")


def test_a_poster_given_only_the_english_deck_still_posts_in_welsh(bot):
    """`python -m bot try` and older callers hand the poster one deck: the Welsh is read when needed."""
    _subscribed(bot, "CLAZY", "cy")
    s = bot.services
    client = WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url)
    poster = Poster(s.store, s.deck, client, s.settings, sleep=lambda _: None, decks=s.decks)
    assert poster.post_due(MONDAY).posted == 1
    assert bot.fake.posted("CLAZY")[0]["text"].startswith("Paradocs yr wythnos: ")


def test_post_due_posts_each_channel_in_its_language_once(fake, db_url):
    store = Store(db_url)
    store.migrate()
    for channel, language in (("CP1", "cy"), ("CP2", "both"), ("CP3", "auto")):
        store.save_subscription(_sub(channel))
        if language != "auto":
            store.set_language(TEAM, channel, language, "U1")
    env = {**os.environ, **bot_env(fake, db_url)}
    for _ in range(2):  # the second run finds every week claimed
        out = subprocess.run(
            [sys.executable, "-m", "bot", "post-due", "--at", "2026-01-05T09:01:00Z"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
    welsh, both, english = (fake.posted(c) for c in ("CP1", "CP2", "CP3"))
    assert len(welsh) == len(both) == len(english) == 1
    assert welsh[0]["text"].startswith("Paradocs yr wythnos: ") and "\n\n" not in welsh[0]["text"]
    assert (
        both[0]["text"].startswith("Paradocs yr wythnos: ") and "\n\nThis week's paradox: " in both[0]["text"]
    )
    assert english[0]["text"].startswith("This week's paradox: ")
    store.engine.dispose()


def test_the_paused_notice_is_in_the_channels_language(bot):
    from bot.dev.fakeslack import Fault

    _subscribed(bot, "CGONE", "cy")
    bot.fake.fail("chat.postMessage", Fault(error="channel_not_found"))
    assert _poster(bot).post_due(MONDAY).stopped == 1
    dm = bot.fake.wait_for(lambda f: f.posted("USUB"))[0]
    assert "Rwyf wedi oedi'r neges paradocs wythnosol" in dm["text"] and "channel_not_found" in dm["text"]
    assert "/paradox weekly resume" in dm["text"]


# -- /paradox weekly --------------------------------------------------------------------------------------


def _next_friday_4pm_london() -> datetime:
    return next_slots(Rule(4, "16:00", "Europe/London"), datetime.now(UTC))[0].due


def test_weekly_friday_1600_in_a_welsh_channel_is_answered_in_welsh_with_a_welsh_date(bot):
    bot.services.store.set_language(TEAM, "CWY", "cy", "U1")
    bot.fake.user_tz["UCY"] = "Europe/London"
    assert bot.command("weekly friday 16:00", user="UCY", channel="CWY").status == 200
    reply = bot.fake.wait_for(lambda f: f.responses)[-1]  # the user's timezone is asked first
    assert kind_of(reply) == "weekly_status" and reply["blocks"][0]["block_id"] == "weekly_status:set"
    due = _next_friday_4pm_london()
    day = dates.day(due.date(), "cy", year=due.year != datetime.now(UTC).year)
    assert day.startswith("dydd Gwener ")
    # "Daw'r neges nesaf ddydd Gwener 4 Rhagfyr am 16:00": the date mutated after the verb, as Welsh says it
    assert f"Daw'r neges nesaf d{day} am 16:00 (Europe/London)" in reply["text"]
    assert "bob dydd Gwener am 16:00 (Europe/London)" in reply["text"]
    assert "Friday" not in _words(reply) and "next one comes" not in _words(reply)
    assert bot.services.store.subscription(TEAM, "CWY").timezone == "Europe/London"
    # shown, paused and cancelled in Welsh too
    shown = bot.command("weekly", channel="CWY").json()
    assert shown["text"].startswith("Mae'r sianel hon yn cael neges wythnosol bob dydd Gwener")
    paused = bot.command("weekly pause 2 weeks", channel="CWY").json()
    assert (
        "wedi'i hoedi am 2 wythnos" in paused["text"] and "Daw'r neges nesaf ddydd Gwener " in paused["text"]
    )
    off = bot.command("weekly off", channel="CWY").json()
    assert kind_of(off) == "weekly_status" and "wedi'u canslo" in off["text"]
    assert bot.services.store.subscription(TEAM, "CWY") is None


def test_weekly_in_a_both_channel_is_one_reply_welsh_first_and_one_change(bot):
    bot.services.store.set_language(TEAM, "CWB", "both", "U1")
    bot.command("weekly monday 09:30 Europe/London", channel="CWB")
    reply = bot.command("weekly pause 1 week", channel="CWB").json()
    welsh, english = reply["text"].split("\n\n")
    assert "wedi'i hoedi am 1 wythnos" in welsh and english.startswith("Paused for 1 week.")
    upcoming = next_slots(Rule(0, "09:30", "Europe/London"), datetime.now(UTC), 2)
    # paused once, not once a language
    assert bot.services.store.subscription(TEAM, "CWB").resume_on == upcoming[1].nominal.isoformat()


def test_welsh_day_names_are_read_and_answered_in_welsh(bot):
    reply = bot.command("weekly dydd gwener 16:00 Europe/London", channel="CWD").json()  # an auto channel
    assert kind_of(reply) == "weekly_status" and "bob dydd Gwener am 16:00" in reply["text"]
    assert bot.services.store.subscription(TEAM, "CWD").weekday == 4
    english = bot.command("weekly friday 16:00 Europe/London", channel="CWD").json()
    assert english["text"].startswith("Weekly prompt set: every Friday at 16:00")


def test_a_weekly_error_in_a_welsh_channel_is_in_welsh(bot):
    bot.services.store.set_language(TEAM, "CWE", "cy", "U1")
    bot.command("weekly monday 09:30 Europe/London", channel="CWE")
    msg = bot.command("weekly pause 99 weeks", channel="CWE").json()
    assert kind_of(msg) == "error"
    assert "am gyfnod o 1 i 52 wythnos, nid 99" in msg["text"] and "Rhowch gynnig ar" in _words(msg)
    assert "/paradox weekly pause 2 weeks" in msg["text"]  # the forms to type stay as they are typed
    assert "I can pause" not in _words(msg)
    day = bot.command("weekly frday 16:00", channel="CWE").json()
    assert kind_of(day) == "error" and "Dydy 'frday' ddim yn ddiwrnod o'r wythnos" in day["text"]
    escaped = bot.command("weekly holidays <!here>", channel="CWE").json()
    assert (
        kind_of(escaped) == "error"
        and "<!here>" not in _words(escaped)
        and "&lt;!HERE&gt;" in escaped["text"]
    )
    assert "calendr gwyliau" in escaped["text"]
    # in an English channel the same mistake is said in English
    english = bot.command("weekly pause 99 weeks", channel="CWEN").json()
    assert "1 to 52 weeks, not 99" in english["text"]


# -- /paradox digest and the digest DM --------------------------------------------------------------------


def test_digest_on_and_off_in_a_welsh_channel_are_in_welsh_and_keep_the_language(bot):
    bot.services.store.set_language(TEAM, "CDY", "cy", "U1")
    bot.fake.user_tz["ULEADCY"] = "Europe/London"
    assert bot.command("digest on", user="ULEADCY", channel="CDY").status == 200
    on = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(on) == "digest" and on["blocks"][0]["block_id"] == "digest:on"
    assert (
        "Mae'r crynodeb misol ymlaen" in on["text"]
        and "ar ddiwrnod gwaith cyntaf pob mis am 09:00" in on["text"]
    )
    assert "daw'r nesaf ddydd " in on["text"] and "Monthly digest" not in _words(on)
    assert bot.services.store.digest_of(TEAM, "ULEADCY").language == "cy"
    shown = bot.command("digest", user="ULEADCY", channel="CDY").json()
    assert shown["text"].startswith("Rydych chi'n cael y crynodeb misol")
    off = bot.command("digest off", user="ULEADCY", channel="CDY").json()
    assert kind_of(off) == "digest" and "Mae'r crynodeb misol wedi'i ddiffodd" in off["text"]
    assert bot.services.store.digest_of(TEAM, "ULEADCY") is None
    error = bot.command("digest efallai", user="ULEADCY", channel="CDY").json()
    assert kind_of(error) == "error" and "Allwn i ddim deall 'efallai'" in error["text"]


def test_digest_on_keeps_the_language_asked_in(bot):
    bot.services.store.set_language(TEAM, "CDB", "both", "U1")
    bot.command("digest on", user="ULBOTH", channel="CDB")
    reply = bot.fake.wait_for(lambda f: [r for r in f.responses if "crynodeb" in r.get("text", "")])[-1]
    assert reply["text"].index("Mae'r crynodeb misol ymlaen") < reply["text"].index("Monthly digest on")
    assert bot.services.store.digest_of(TEAM, "ULBOTH").language == "both"
    bot.command("digest ymlaen", user="ULWORDS", channel="CDA")  # Welsh words in an auto channel
    bot.fake.wait_for(lambda f: bot.services.store.digest_of(TEAM, "ULWORDS"))
    assert bot.services.store.digest_of(TEAM, "ULWORDS").language == "cy"
    bot.command("digest on", user="ULEN", channel="CDA")
    bot.fake.wait_for(lambda f: bot.services.store.digest_of(TEAM, "ULEN"))
    assert bot.services.store.digest_of(TEAM, "ULEN").language == "en"


def _digest_to(bot, user: str, language: str) -> dict:
    store = bot.services.store
    store.save_digest(DigestSubscription(TEAM, user, "Europe/London", "", DIGEST_CREATED, language))
    assert DigestSender(_poster(bot)).post_due(datetime(2027, 1, 1, 9, 0, tzinfo=UTC)).posted == 1
    (dm,) = _dms(bot.fake, user)
    assert kind_of(dm) == "digest" and dm["blocks"][0]["block_id"] == "digest:2026-12"
    return dm


def test_a_digest_dm_is_in_the_leads_welsh(bot):
    _history(bot.services.store)
    dm = _digest_to(bot, "UDMCY", "cy")
    assert dm["blocks"][0]["text"]["text"] == "Eich crynodeb paradox-coach ar gyfer mis Rhagfyr 2026"
    words = _words(dm)
    assert "Rhagfyr 2026" in dm["text"] and "December" not in words
    assert (
        "Agorwch fy nhab Cartref" in words and "Threads coached" not in words and "Your paradox" not in words
    )
    assert "`/paradox digest off`" in words


def test_a_digest_dm_in_both_is_welsh_first_in_one_message_and_an_old_one_in_english(bot):
    _history(bot.services.store)
    dm = _digest_to(bot, "UDMBOTH", "both")
    assert dm["text"].index("Eich crynodeb paradox-coach") < dm["text"].index("Your paradox-coach digest")
    assert [b["type"] for b in dm["blocks"]].count("divider") == 1
    old = _digest_to(bot, "UDMOLD", "")  # subscribed before there was a choice
    assert (
        old["text"].startswith("Your paradox-coach digest for December 2026") and "Rhagfyr" not in old["text"]
    )
