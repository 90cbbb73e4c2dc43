"""Weekly prompts: subscribing from Slack, posting on time and exactly once, in every timezone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.coach.deck import load_deck
from bot.dev.fakeslack import Fault
from bot.settings import load_settings
from bot.store import Store, Subscription
from bot.weekly.poster import Poster
from bot.weekly.schedule import Rule, next_slots
from tests.helpers import BOT_TOKEN, ROOT, bot_env, kind_of

CREATED = datetime(2026, 1, 1, tzinfo=UTC).timestamp()


def _sub(channel="C1", day=4, hhmm="16:00", tz="America/New_York", calendar="", team="T0001") -> Subscription:
    return Subscription(team, channel, day, hhmm, tz, calendar, "USUB", CREATED, "", "", "slack")


@pytest.fixture
def poster(fake, db_url):
    store = Store(db_url)
    store.migrate()
    settings = load_settings(bot_env(fake, db_url), dotenv_path=os.devnull)
    sleeps: list[float] = []
    p = Poster(
        store,
        load_deck(ROOT / "prompts"),
        WebClient(token=BOT_TOKEN, base_url=fake.api_url),
        settings,
        sleep=sleeps.append,
    )
    p.sleeps = sleeps
    yield p
    store.engine.dispose()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# -- from Slack ---------------------------------------------------------------------------------------------


def test_subscribe_show_pause_resume_and_cancel_from_slack(bot):
    msg = bot.command("weekly friday 16:00 America/New_York", channel="C7").json()
    assert kind_of(msg) == "weekly_status" and "Friday" in msg["text"] and "America/New_York" in msg["text"]
    shown = bot.command("weekly", channel="C7").json()
    assert kind_of(shown) == "weekly_status" and "next one comes" in shown["text"]
    paused = bot.command("weekly pause 2 weeks", channel="C7").json()
    sub = bot.services.store.subscription("T0001", "C7")
    upcoming = next_slots(Rule(4, "16:00", "America/New_York"), datetime.now(UTC), 3)
    assert sub.resume_on == upcoming[2].nominal.isoformat()
    day = upcoming[2].nominal
    assert f"{day:%A} {day.day} {day:%B}" in paused["text"]  # "Friday 4 December", as people write it
    bot.command("weekly resume", channel="C7")
    assert bot.services.store.subscription("T0001", "C7").resume_on == ""
    assert kind_of(bot.command("weekly holidays GB-ENG", channel="C7").json()) == "weekly_status"
    assert bot.services.store.subscription("T0001", "C7").calendar == "GB-ENG"
    assert kind_of(bot.command("weekly holidays XX-NOPE", channel="C7").json()) == "error"
    off = bot.command("weekly off", channel="C7").json()
    assert kind_of(off) == "weekly_status" and bot.services.store.subscription("T0001", "C7") is None


def test_default_timezone_is_the_users_slack_timezone(bot):
    bot.fake.user_tz["U55"] = "Australia/Sydney"
    resp = bot.command("weekly monday 09:30", user="U55", channel="C8")
    assert resp.status == 200
    reply = bot.fake.wait_for(lambda f: f.responses)[-1]
    assert kind_of(reply) == "weekly_status" and "Australia/Sydney" in reply["text"]
    assert bot.services.store.subscription("T0001", "C8").timezone == "Australia/Sydney"


@pytest.mark.parametrize(
    "text, hint",
    [
        ("weekly frday 16:00", "Friday"),
        ("weekly monday 25:00", "HH:MM"),
        ("weekly monday 09:00 Mars/Olympus", "IANA"),
        ("weekly pause lots", "number"),
    ],
)
def test_bad_weekly_input_gets_an_error_with_the_right_form(bot, text, hint):
    msg = bot.command(text).json()
    assert kind_of(msg) == "error" and hint in msg["text"] and "/paradox weekly" in msg["text"]


# -- posting ----------------------------------------------------------------------------------------------------


def test_new_york_friday_1600_is_2100_utc_in_december_and_2000_in_june(poster, fake):
    poster.store.save_subscription(_sub())
    assert poster.post_due(at("2026-12-04T20:59:00")).posted == 0  # nothing before the due time
    assert poster.post_due(at("2026-12-04T21:00:00")).posted == 1
    assert poster.post_due(at("2026-06-05T19:59:00")).posted == 0
    assert poster.post_due(at("2026-06-05T20:00:30")).posted == 1
    assert poster.post_due(at("2026-06-05T20:10:00")).posted == 0  # once per week
    posts = fake.posted("C1")
    assert len(posts) == 2 and all(kind_of(p) == "weekly" for p in posts)
    assert any(
        b.get("type") == "actions" and b["elements"][0]["action_id"] == "another_angle"
        for b in posts[0]["blocks"]
    )


@pytest.mark.parametrize(
    "tz, day, hhmm, before, after",
    [
        ("Europe/London", 0, "09:00", "2026-03-23T09:00:00", "2026-03-30T08:00:00"),  # BST starts 29 March
        ("Europe/London", 0, "09:00", "2026-10-19T08:00:00", "2026-10-26T09:00:00"),  # BST ends 25 October
        ("America/Chicago", 6, "08:00", "2026-03-01T14:00:00", "2026-03-08T13:00:00"),  # CDT starts 8 March
        ("America/Chicago", 6, "08:00", "2026-10-25T13:00:00", "2026-11-01T14:00:00"),  # CST from 1 November
    ],
)
def test_local_time_holds_across_daylight_saving_changes(poster, fake, tz, day, hhmm, before, after):
    poster.store.save_subscription(_sub(tz=tz, day=day, hhmm=hhmm))
    for moment in (at(before), at(after)):
        assert poster.post_due(moment - timedelta(minutes=1)).posted == 0
        assert poster.post_due(moment).posted == 1
    assert len(fake.posted("C1")) == 2


def test_easter_monday_in_england_goes_out_on_tuesday(poster, fake):
    poster.store.save_subscription(_sub(tz="Europe/London", day=0, hhmm="09:00", calendar="GB-ENG"))
    assert poster.post_due(at("2026-04-06T08:00:00")).posted == 0  # Easter Monday 2026
    assert poster.post_due(at("2026-04-07T07:59:00")).posted == 0
    assert poster.post_due(at("2026-04-07T08:00:00")).posted == 1
    assert poster.post_due(at("2026-04-13T08:00:00")).posted == 1  # the next Monday as usual


def test_rotation_shows_every_paradox_before_repeating(poster, fake):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    monday = at("2026-01-05T09:00:00")
    for week in range(12):
        assert poster.post_due(monday + timedelta(weeks=week)).posted == 1
    sent = poster.store.sent_questions("T0001", "C1")
    paradoxes = [q.split(".")[0] for q in sent]
    assert len(set(paradoxes[:10])) == 10  # all ten in the first ten weeks
    assert len(set(sent)) == 12  # and never the same question twice


def test_catch_up_posts_a_little_late_but_never_floods(poster, fake):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    assert poster.post_due(at("2026-01-05T14:00:00")).posted == 1  # 5 hours late: still posted
    # Three weeks of downtime: nothing for the missed weeks, and the next week is normal.
    assert poster.post_due(at("2026-01-26T16:00:00")).posted == 0
    assert poster.post_due(at("2026-02-02T09:00:00")).posted == 1
    assert len(fake.posted("C1")) == 2


def test_pause_skips_the_next_weeks(poster, fake):
    sub = _sub(tz="UTC", day=0, hhmm="09:00")
    poster.store.save_subscription(Subscription(**{**sub.__dict__, "resume_on": "2026-01-19"}))
    assert poster.post_due(at("2026-01-05T09:00:00")).posted == 0
    assert poster.post_due(at("2026-01-12T09:00:00")).posted == 0
    assert poster.post_due(at("2026-01-19T09:00:00")).posted == 1


def test_429_and_5xx_are_survived_with_one_delivery(poster, fake):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    fake.fail(
        "chat.postMessage",
        Fault(status=429, error="ratelimited", retry_after=7),
        Fault(status=503),
        Fault(status=500),
        Fault(status=429, error="ratelimited", retry_after=2),
    )
    assert poster.post_due(at("2026-01-05T09:00:00")).posted == 1
    assert len(fake.posted("C1")) == 1
    assert 7 in poster.sleeps and 2 in poster.sleeps  # Retry-After honoured


def test_a_5xx_after_slack_stored_the_post_is_not_posted_again(poster, fake):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    fake.fail("chat.postMessage", Fault(status=500, post_anyway=True))
    assert poster.post_due(at("2026-01-05T09:00:00")).posted == 1  # found in the channel, not resent
    assert len(fake.posted("C1")) == 1
    assert poster.store.send_record("T0001", "C1", "2026-01-05")["outcome"] == "sent"


def test_a_crash_mid_post_is_recovered_without_a_double_post(poster, fake):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    # A process claimed the slot, reached Slack, then died before recording it.
    assert poster.store.claim_send("T0001", "C1", "2026-01-05", "dead", now=time.time() - 1000)[0]
    WebClient(token=BOT_TOKEN, base_url=fake.api_url).chat_postMessage(
        channel="C1",
        text="weekly",
        metadata={"event_type": "paradox_weekly", "event_payload": {"key": "weekly:2026-01-05"}},
    )
    assert poster.post_due(at("2026-01-05T09:30:00")).posted == 0
    assert len(fake.posted("C1")) == 1
    assert poster.store.send_record("T0001", "C1", "2026-01-05")["outcome"] == "sent"
    # A crash that never reached Slack: the next run after the lease posts it, once.
    poster.store.claim_send("T0001", "C1", "2026-01-12", "dead", now=time.time() - 1000)
    assert poster.post_due(at("2026-01-12T09:30:00")).posted == 1
    assert len(fake.posted("C1")) == 2


@pytest.mark.parametrize("code", ["channel_not_found", "is_archived", "not_in_channel", "invalid_auth"])
def test_permanent_errors_pause_and_tell_the_subscriber(poster, fake, code):
    poster.store.save_subscription(_sub(tz="UTC", day=0, hhmm="09:00"))
    fake.fail("chat.postMessage", Fault(error=code))
    result = poster.post_due(at("2026-01-05T09:00:00"))
    assert result.stopped == 1
    assert poster.store.subscription("T0001", "C1").stopped_reason == code
    dm = fake.wait_for(lambda f: f.posted("USUB"))[0]
    assert code in dm["text"] and "/paradox weekly resume" in dm["text"]
    assert poster.post_due(at("2026-01-12T09:00:00")).posted == 0  # stays paused


def test_concurrent_post_due_processes_post_once(fake, db_url):
    store = Store(db_url)
    store.migrate()
    for i in range(20):
        store.save_subscription(_sub(channel=f"CW{i}", tz="UTC", day=0, hhmm="09:00"))
    env = {**os.environ, **bot_env(fake, db_url)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "post-due", "--at", "2026-01-05T09:01:00Z"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    posted = sum(int(out.split(": ")[1].split(" posted")[0]) for out, _ in outputs)
    assert posted == 20
    for i in range(20):
        assert len(fake.posted(f"CW{i}")) == 1
    store.engine.dispose()


def test_operator_declared_subscriptions_are_validated_with_the_line(tmp_path, fake):
    cfg = tmp_path / "coach.yml"
    cfg.write_text(
        "weekly:\n  subscriptions:\n    - team: T1\n      channel: C1\n      day: funday\n"
        '      time: "09:00"\n'
    )
    env = {**os.environ, **bot_env(fake, "sqlite://"), "PARADOX_CONFIG": str(cfg)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and f"{cfg}:3" in result.stderr and "funday" in result.stderr


def test_the_scheduler_process_posts_what_is_due(fake, db_url):
    store = Store(db_url)
    store.migrate()
    now = datetime.now(UTC) - timedelta(minutes=1)
    sub = _sub(channel="CSCHED", tz="UTC", day=now.weekday(), hhmm=now.strftime("%H:%M"))
    store.save_subscription(Subscription(**{**sub.__dict__, "created_at": time.time() - 3600}))
    env = {**os.environ, **bot_env(fake, db_url)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        fake.wait_for(lambda f: f.posted("CSCHED"), timeout=20)
        time.sleep(0.5)
        assert len(fake.posted("CSCHED")) == 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    store.engine.dispose()


def test_another_angle_and_mentions_in_the_weekly_thread(bot):
    from bot.weekly.poster import Poster

    store = bot.services.store
    store.save_subscription(_sub(channel="CWK", tz="UTC", day=0, hhmm="09:00"))
    poster = Poster(
        store,
        bot.services.deck,
        WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url),
        bot.services.settings,
        sleep=lambda s: None,
    )
    assert poster.post_due(at("2026-01-05T09:00:00")).posted == 1
    prompt = bot.fake.posted("CWK")[0]
    question = prompt["blocks"][0]["block_id"].split(":")[1]
    paradox = question.split(".")[0]
    resp = bot.action(
        {
            "type": "block_actions",
            "team": {"id": "T0001"},
            "user": {"id": "U2"},
            "trigger_id": "t.a",
            "container": {"type": "message", "channel_id": "CWK", "message_ts": prompt["ts"]},
            "channel": {"id": "CWK"},
            "message": {"ts": prompt["ts"]},
            "actions": [{"action_id": "another_angle", "value": question, "block_id": "b"}],
        }
    )
    assert resp.status == 200
    angle = bot.fake.wait_for(lambda f: [m for m in f.posted("CWK") if m.get("thread_ts") == prompt["ts"]])[0]
    assert kind_of(angle) == "challenge" and "<@U2>" in angle["text"]
    new_q = angle["blocks"][1]["text"]["text"].strip("*")
    same_paradox = {q.text for q in bot.services.deck.by_id[paradox].questions}
    assert new_q in same_paradox and new_q != bot.services.deck.questions[question].text
    # People answer in the thread and mention the bot: it coaches there like any campaign thread.
    bot.fake.threads[("CWK", prompt["ts"])] = [
        prompt,
        angle,
        {
            "type": "message",
            "user": "U3",
            "ts": "2.0",
            "thread_ts": prompt["ts"],
            "text": "We could try a TikTok for this",
        },
    ]
    bot.mention("thoughts?", channel="CWK", thread_ts=prompt["ts"])
    replies = bot.fake.wait_for(
        lambda f: [m for m in f.posted("CWK") if m.get("thread_ts") == prompt["ts"]][1:]
    )
    assert kind_of(replies[0]) == "goal_nudge"
