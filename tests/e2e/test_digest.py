"""The monthly digest: subscribed from Slack, sent on the first working day at the lead's time, exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient

from bot.coach import scorecard
from bot.coach.deck import load_deck
from bot.coach.storage import DigestSubscription
from bot.dev.fakeslack import Fault
from bot.digest.sender import DigestSender
from bot.settings import load_settings
from bot.store import Store
from bot.weekly.poster import Poster
from tests.helpers import BOT_TOKEN, ROOT, bot_env, kind_of

CREATED = datetime(2026, 6, 1, tzinfo=UTC).timestamp()
DECEMBER = scorecard.start_of(2026, 12)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _lead(
    user: str, team: str = "T0001", tz: str = "Europe/London", calendar: str = ""
) -> DigestSubscription:
    return DigestSubscription(team, user, tz, calendar, CREATED)


def _history(store: Store) -> None:
    """December 2026 in two workspaces: T0001 coached three threads (one nudge worked), T0002 one."""
    store.note_thread("T0001", "C1", "1.1", nudged=True, goal=False, now=DECEMBER + 3600)
    store.note_thread("T0001", "C1", "1.1", nudged=False, goal=True, now=DECEMBER + 3 * 3600)
    store.note_thread("T0001", "C1", "1.2", nudged=False, goal=True, now=DECEMBER + 7200)
    store.note_thread("T0001", "C2", "1.3", nudged=True, goal=False, now=DECEMBER + 7200)
    store.note_thread("T0002", "C9", "9.1", nudged=False, goal=True, now=DECEMBER + 7200)


def _dms(fake, user: str) -> list[dict]:
    return fake.posted("D" + user[1:])


@pytest.fixture
def sender(fake, db_url):
    store = Store(db_url)
    store.migrate()
    settings = load_settings(bot_env(fake, db_url), dotenv_path=os.devnull)
    sleeps: list[float] = []
    client = WebClient(token=BOT_TOKEN, base_url=fake.api_url)
    poster = Poster(store, load_deck(ROOT / "prompts"), client, settings, sleep=sleeps.append)
    yield DigestSender(poster)
    store.engine.dispose()


# -- from Slack ---------------------------------------------------------------------------------------------


def test_digest_on_show_and_off_from_slack(bot):
    bot.fake.user_tz["ULEAD"] = "America/New_York"
    assert bot.command("digest on", user="ULEAD").status == 200
    on = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(on) == "digest" and "America/New_York" in on["text"] and "first working day" in on["text"]
    sub = bot.services.store.digest_of("T0001", "ULEAD")
    assert sub.timezone == "America/New_York" and sub.calendar == ""
    shown = json.loads(bot.command("digest", user="ULEAD").body)
    assert kind_of(shown) == "digest" and shown["blocks"][0]["block_id"] == "digest:show"
    assert bot.command("digest on gb-eng", user="ULEAD").status == 200
    bot.fake.wait_for(lambda f: "GB-ENG" in f.responses[-1]["text"])
    assert bot.services.store.digest_of("T0001", "ULEAD").calendar == "GB-ENG"
    off = json.loads(bot.command("digest off", user="ULEAD").body)
    assert kind_of(off) == "digest" and bot.services.store.digest_of("T0001", "ULEAD") is None
    # Another workspace's lead with the same user id is a different subscription.
    assert bot.services.store.digest_of("T0002", "ULEAD") is None


@pytest.mark.parametrize("text", ["digest on XX-NOWHERE", "digest maybe", "digest on GB-ENG now"])
def test_bad_digest_input_says_what_to_type(bot, text):
    before = len(bot.fake.responses)
    resp = bot.command(text, user="ULEAD")
    reply = json.loads(resp.body) if resp.body else bot.fake.wait_for(lambda f: f.responses[before:])[0]
    assert kind_of(reply) == "error" and "/paradox digest on" in json.dumps(reply)
    assert bot.services.store.digest_of("T0001", "ULEAD") is None


# -- when it is due -----------------------------------------------------------------------------------------


def test_sent_on_the_first_working_day_at_the_leads_local_time(sender, fake):
    store = sender.store
    _history(store)
    store.save_digest(_lead("ULON"))
    store.save_digest(_lead("UNYC", tz="America/New_York"))
    store.save_digest(_lead("UENG", calendar="GB-ENG"))  # 1 January 2027 is a bank holiday in England
    assert sender.post_due(at("2027-01-01T08:59:00")).posted == 0
    assert sender.post_due(at("2027-01-01T09:00:00")).posted == 1  # London's 09:00, a Friday
    assert len(_dms(fake, "ULON")) == 1 and not _dms(fake, "UNYC") and not _dms(fake, "UENG")
    assert sender.post_due(at("2027-01-01T14:00:00")).posted == 1  # New York's 09:00
    assert len(_dms(fake, "UNYC")) == 1
    assert sender.post_due(at("2027-01-04T09:00:00")).posted == 1  # England's next working day, Monday
    assert len(_dms(fake, "UENG")) == 1
    assert sender.post_due(at("2027-01-04T10:00:00")).posted == 0  # once a month
    digest = _dms(fake, "ULON")[0]
    assert kind_of(digest) == "digest" and digest["blocks"][0]["block_id"] == "digest:2026-12"
    # The figures, in the blocks and in the text fallback alike.
    for where in (json.dumps(digest["blocks"], ensure_ascii=False), digest["text"]):
        assert "December 2026" in where
        assert "Threads coached  ██████████ 3" in where
        assert "Nudge worked     ███░░░░░░░ 1 (1 of 2 nudged, median 2 h)" in where
    assert digest["metadata"]["event_payload"]["key"] == "digest:2027-01"


def test_a_lead_sees_only_their_own_workspace(sender, fake):
    _history(sender.store)
    sender.store.save_digest(_lead("UONE"))
    sender.store.save_digest(_lead("UTWO", team="T0002"))
    assert sender.post_due(at("2027-01-01T09:00:00")).posted == 2
    assert "Threads coached  ██████████ 3" in _dms(fake, "UONE")[0]["text"]
    two = _dms(fake, "UTWO")[0]["text"]
    assert "Threads coached  ██████████ 1" in two and "C1" not in two and "<#C9>" in two


# -- exactly once -------------------------------------------------------------------------------------------


def test_a_5xx_after_slack_stored_the_digest_is_not_sent_again(sender, fake):
    sender.store.save_digest(_lead("ULEAD"))
    fake.fail("chat.postMessage", Fault(status=500, post_anyway=True))
    assert sender.post_due(at("2027-01-01T09:00:00")).posted == 1  # found in the DM, not resent
    assert len(_dms(fake, "ULEAD")) == 1
    assert sender.store.send_record("T0001", "ULEAD", "2027-01")["outcome"] == "sent"


def test_a_crash_mid_send_is_recovered_without_a_second_digest(sender, fake):
    sender.store.save_digest(_lead("ULEAD"))
    # A process claimed the month, reached Slack, then died before recording it.
    assert sender.store.claim_send("T0001", "ULEAD", "2027-01", "dead", now=time.time() - 1000)[0]
    WebClient(token=BOT_TOKEN, base_url=fake.api_url).chat_postMessage(
        channel="DLEAD",
        text="digest",
        metadata={"event_type": "paradox_digest", "event_payload": {"key": "digest:2027-01"}},
    )
    assert sender.post_due(at("2027-01-01T09:30:00")).posted == 0
    assert len(_dms(fake, "ULEAD")) == 1
    assert sender.store.send_record("T0001", "ULEAD", "2027-01")["outcome"] == "sent"


def test_two_racing_post_due_processes_send_each_digest_once(fake, db_url):
    store = Store(db_url)
    store.migrate()
    _history(store)
    leads = [f"UL{i}" for i in range(12)]
    for i, user in enumerate(leads):
        store.save_digest(_lead(user, team="T0001" if i % 2 else "T0002"))
    env = {**os.environ, **bot_env(fake, db_url)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "post-due", "--at", "2027-01-01T09:05:00Z"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    sent = sum(int(out.split("digests: ")[1].split(" posted")[0]) for out, _ in outputs)
    assert sent == len(leads)
    for user in leads:
        assert len(_dms(fake, user)) == 1, user
        assert kind_of(_dms(fake, user)[0]) == "digest"
    store.engine.dispose()


def test_try_mode_sends_the_digest_now(tmp_path):
    from tests.helpers import run_try

    out = run_try(
        "@coach we want a TikTok\ndigest now\n/paradox digest on\ndigest now\ndigest now\n", tmp_path
    )
    assert "/paradox digest on first" in out
    dm = out.split("a direct message to you")[1]
    assert "Your paradox-coach digest for" in dm and "Threads coached  ██████████ 1" in dm
    assert "already sent" in out
