"""Goal follow-ups (issue 24): one follow-up after a dated goal's date, never before, never twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

from slack_sdk import WebClient

from bot.dev.fakeslack import Fault
from bot.followup.schedule import followup_at
from bot.followup.sender import FollowupSender, claim_of
from bot.store import Store, Subscription
from bot.weekly.poster import Poster
from tests.helpers import BOT_TOKEN, ROOT, bot_env, kind_of

GOAL = "300 more foster carer enquiries by 31 January"


def _sender(bot) -> FollowupSender:
    client = WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url)
    poster = Poster(
        bot.services.store, bot.services.deck, client, bot.services.settings, sleep=lambda s: None
    )
    return FollowupSender(poster)


def _followups(bot, channel: str = "C1") -> list[dict]:
    return [m for m in bot.fake.posted(channel) if kind_of(m) == "goal_followup"]


def _moment(goal, tz: str = "Europe/London", calendar: str = "") -> datetime:
    return followup_at(date.fromisoformat(goal.due_on), tz, calendar)


def _channel_goal(bot, text: str = GOAL, *, user: str = "U1", channel: str = "C1"):
    reply = bot.command(f"goal {text}", channel=channel, user=user).json()
    assert kind_of(reply) == "goal_recorded"
    return reply, bot.services.store.goal_for("T0001", channel)


def test_a_dated_goal_is_followed_up_once_after_its_date_and_never_before(bot):
    reply, goal = _channel_goal(bot)
    assert goal.due_on.endswith("-01-31")
    # the recorded reply says, once, when the coach will ask
    assert "ask how it went after" in str(reply["blocks"]) and "31 January" in str(reply["blocks"])
    sender = _sender(bot)
    moment = _moment(goal)
    assert moment.weekday() < 5 and moment.astimezone(UTC).hour in (10, 9)  # 10:00 London
    assert sender.post_due(moment - timedelta(minutes=1)).posted == 0
    assert sender.post_due(moment - timedelta(days=3)).posted == 0
    assert _followups(bot) == []
    assert sender.post_due(moment).posted == 1
    assert sender.post_due(moment + timedelta(minutes=5)).posted == 0
    assert sender.post_due(moment + timedelta(days=40)).posted == 0
    posted = _followups(bot)
    assert len(posted) == 1
    first = posted[0]["blocks"][0]
    assert (
        first["block_id"] == f"goal_followup:{goal.id}" and "foster carer enquiries" in first["text"]["text"]
    )
    assert "300" in str(posted[0]["blocks"])  # what to look at: the measure the goal named
    labels = [e["text"]["text"] for b in posted[0]["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Met", "Partly", "Not met", "Too early to say", "That's not our goal"]


def test_an_undated_goal_says_so_and_is_never_followed_up(bot):
    reply, goal = _channel_goal(bot, "More people in Wrexham recycle food waste")
    assert goal.due_on == "" and "no date I can read" in str(reply["blocks"])
    assert _sender(bot).post_due(datetime.now(UTC) + timedelta(days=800)).posted == 0
    assert _followups(bot) == []


def test_a_thread_goal_is_followed_up_in_its_thread_at_ten_in_the_setters_timezone(bot):
    bot.fake.user_tz["U9"] = "America/New_York"
    root = bot.fake.add_thread("C1", [{"user": "U9", "text": f"Our goal: {GOAL}"}])
    bot.mention("what do you think?", thread_ts=root, user="U9")
    bot.fake.wait_for(lambda f: [m for m in f.posted("C1") if m.get("thread_ts") == root])
    goal = bot.services.store.goal_for("T0001", "C1", root)
    assert goal.thread_ts == root and goal.due_on
    sender = _sender(bot)
    moment = _moment(goal, "America/New_York")
    assert sender.post_due(moment - timedelta(minutes=1)).posted == 0  # 10:00 London has passed: not yet
    assert sender.post_due(moment).posted == 1
    (posted,) = _followups(bot)
    assert posted["thread_ts"] == root
    assert bot.services.store.goal_for("T0001", "C1", root).timezone == "America/New_York"


def test_a_holiday_in_the_channels_calendar_moves_the_follow_up_to_the_next_working_day(bot):
    store = bot.services.store
    store.save_subscription(
        Subscription("T0001", "C1", 0, "09:00", "Europe/London", "GB-WLS", "U1", time.time(), "", "", "slack")
    )
    _, goal = _channel_goal(bot, "200 more people sign up for the food waste bins by 24 December")
    moment = _moment(goal, calendar="GB-WLS")
    # 25 and 26 December and the weekend are skipped: never on Christmas Day or Boxing Day
    assert moment.date() not in (date(moment.year, 12, 25), date(moment.year, 12, 26))
    assert _moment(goal) < moment or _moment(goal).date() == moment.date()
    sender = _sender(bot)
    assert sender.post_due(moment - timedelta(minutes=1)).posted == 0
    assert sender.post_due(moment).posted == 1


def test_a_5xx_after_slack_stored_the_follow_up_is_not_posted_again(bot):
    _, goal = _channel_goal(bot)
    bot.fake.fail("chat.postMessage", Fault(status=500, post_anyway=True))
    assert _sender(bot).post_due(_moment(goal)).posted == 1
    assert len(_followups(bot)) == 1


def test_a_crash_mid_send_is_recovered_without_a_second_follow_up(bot):
    _, goal = _channel_goal(bot)
    store = bot.services.store
    claim = claim_of(goal)
    # a process claimed the follow-up, reached Slack, then died before recording it
    assert store.claim_send(*claim, "dead", now=time.time() - 1000)[0]
    WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url).chat_postMessage(
        channel="C1",
        text="How did this goal go?",
        metadata={"event_type": "paradox_followup", "event_payload": {"key": f"followup:{goal.id}:1"}},
    )
    sender = _sender(bot)
    assert sender.post_due(_moment(goal)).posted == 0
    assert sender.post_due(_moment(goal) + timedelta(hours=1)).posted == 0
    assert len(bot.fake.posted("C1")) == 1
    assert store.goal_by_id("T0001", goal.id).asks == 1  # the goal moved on: no second ask


def test_a_later_goal_in_the_same_place_replaces_the_earlier_ones_follow_up(bot):
    _, first = _channel_goal(bot)
    _, second = _channel_goal(bot, "500 more foster carer enquiries by 28 February")
    sender = _sender(bot)
    assert sender.post_due(_moment(first)).posted == 0
    assert sender.post_due(_moment(second)).posted == 1
    assert [m["blocks"][0]["block_id"] for m in _followups(bot)] == [f"goal_followup:{second.id}"]


def test_two_racing_post_due_processes_post_each_follow_up_once(fake, db_url):
    store = Store(db_url)
    store.migrate()
    goals = [
        store.record_goal(
            "T0001", f"CR{i}", "", f"{i + 10} more enquiries by 31 January", "U1", due_on="2027-01-31"
        )
        for i in range(6)
    ]
    moment = followup_at(date(2027, 1, 31), "Europe/London")
    env = {**os.environ, **bot_env(fake, db_url)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "post-due", "--at", moment.isoformat()],
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
    posted = sum(int(out.split("goal follow-ups: ")[1].split(" posted")[0]) for out, _ in outputs)
    assert posted == 6
    for i, goal in enumerate(goals):
        assert len(fake.posted(f"CR{i}")) == 1
        assert store.goal_by_id("T0001", goal.id).asks == 1
    # and a later run posts nothing more
    again = subprocess.run(
        [sys.executable, "-m", "bot", "post-due", "--at", (moment + timedelta(days=2)).isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "goal follow-ups: 0 posted" in again.stdout, again.stdout
    store.engine.dispose()


# -- the answer ------------------------------------------------------------------------------------------


def _press(bot, posted: dict, action_id: str, *, user: str = "U5") -> None:
    from bot.dev import payloads

    button = next(
        e
        for b in posted["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    )
    n = bot.next_id()
    payload = payloads.button_press(
        action_id,
        button["value"],
        trigger_id=f"trigger.fu.{n}",
        response_url=bot.fake.response_url(f"fu{n}"),
        user=user,
        container=payloads.message_container("C1", str(posted["ts"]), str(posted.get("thread_ts") or "")),
        message=posted,
    )
    assert bot.action(payload).status == 200


def _updates(bot, n: int = 1) -> list:
    return bot.fake.wait_for(
        lambda f: f.calls_to("chat.update") if len(f.calls_to("chat.update")) >= n else None
    )


def test_met_records_the_result_updates_the_message_and_opens_the_optional_form(bot):
    from bot.dev import payloads

    _, goal = _channel_goal(bot)
    sender = _sender(bot)
    assert sender.post_due(_moment(goal)).posted == 1
    (posted,) = _followups(bot)
    _press(bot, posted, "followup_met")
    update = _updates(bot)[-1].args
    assert update["ts"] == posted["ts"] and "<@U5> said: *Met*" in str(update["blocks"])
    stored = bot.services.store.goal_by_id("T0001", goal.id)
    assert (stored.result, stored.result_by, stored.next_ask_on) == ("met", "U5", "")
    assert stored.result_at and abs(stored.result_at - time.time()) < 60
    view = bot.fake.wait_for(lambda f: f.calls_to("views.open"))[-1].args["view"]
    assert view["callback_id"] == "followup_note" and "A number helps" in str(view["blocks"])
    values = {"note": {"note": {"type": "plain_text_input", "value": "340 enquiries <!channel>"}}}
    sub = payloads.view_submission({**view, "id": "VNOTE"}, values, trigger_id="t.note", user="U5")
    assert bot.action(sub).status == 200
    update = _updates(bot, 2)[-1].args
    assert "340 enquiries &lt;!channel&gt;" in str(update["blocks"])
    assert bot.services.store.goal_by_id("T0001", goal.id).result_note == "340 enquiries <!channel>"
    # an answered follow-up is never repeated
    assert sender.post_due(_moment(goal) + timedelta(days=60)).posted == 0
    assert len(_followups(bot)) == 1


def test_too_early_asks_again_after_four_weeks_at_most_twice(bot):
    _, goal = _channel_goal(bot)
    sender = _sender(bot)
    store = bot.services.store
    assert sender.post_due(_moment(goal)).posted == 1
    for ask in (1, 2, 3):
        posted = _followups(bot)[-1]
        _press(bot, posted, "followup_too_early")
        _updates(bot, ask)
        stored = store.goal_by_id("T0001", goal.id)
        assert stored.result == "too_early" and stored.asks == ask
        if ask == 3:
            assert stored.next_ask_on == ""  # asked again twice: no more
            assert "won't ask about this goal again" in str(_updates(bot, 3)[-1].args["blocks"])
            break
        assert "ask again in four weeks" in str(_updates(bot, ask)[-1].args["blocks"])
        again = date.fromisoformat(stored.next_ask_on)
        assert again == datetime.now(UTC).date() + timedelta(weeks=4)
        moment = followup_at(again, "Europe/London")
        assert sender.post_due(moment - timedelta(minutes=1)).posted == 0
        assert sender.post_due(moment).posted == 1
        assert sender.post_due(moment + timedelta(hours=1)).posted == 0
        assert "Four weeks on" in _followups(bot)[-1]["blocks"][0]["text"]["text"]
    assert len(_followups(bot)) == 3
    assert sender.post_due(datetime.now(UTC) + timedelta(days=400)).posted == 0
    assert len(_followups(bot)) == 3


def test_thats_not_our_goal_on_a_follow_up_forgets_the_goal(bot):
    _, goal = _channel_goal(bot)
    assert _sender(bot).post_due(_moment(goal)).posted == 1
    (posted,) = _followups(bot)
    _press(bot, posted, "not_our_goal")
    deadline = time.monotonic() + 5
    while bot.services.store.goal_for("T0001", "C1") is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert bot.services.store.goal_for("T0001", "C1") is None
    _press(bot, posted, "followup_met")  # a result for a forgotten goal is not recorded
    assert bot.services.store.goal_by_id("T0001", goal.id).result == ""


# -- data care -------------------------------------------------------------------------------------------


def _answered(
    store, channel: str, text: str, author: str, answerer: str, result: str = "met", note: str = ""
):
    goal = store.record_goal("T0001", channel, "", text, author, due_on="2027-01-31")
    store.record_result("T0001", goal.id, result, answerer, "")
    if note:
        store.record_result_note("T0001", goal.id, note)
    return goal


def test_my_data_forget_me_forget_and_export_include_results(bot):
    import json

    store = bot.services.store
    mine = _answered(store, "C1", "40 more foster carers by 31 January", "U1", "U2", "partly", "31 of 40")
    theirs = _answered(store, "C2", "100 more blood donors by 31 January", "U3", "U1", "not_met", "U1 saw 60")
    shown = json.dumps(bot.command("my data", user="U1").json()["blocks"])
    assert "40 more foster carers" in shown and "Partly" in shown and "31 of 40" in shown
    assert "answers to goal follow-ups" in shown and "100 more blood donors" in shown and "Not met" in shown
    # the export has the results with the goals
    exported = store.export_workspace("T0001")["paradox_goals"]
    by_id = {g["id"]: g for g in exported}
    assert by_id[mine.id]["result"] == "partly" and by_id[mine.id]["result_note"] == "31 of 40"
    assert by_id[theirs.id]["result_by"] == "U1"
    # forget me: U1's own goal goes with its result; their name and words come off U3's goal's result
    gone = store.forget_user("T0001", "U1")
    assert gone["goals"] == 1 and gone["results"] == 1
    assert store.goal_by_id("T0001", mine.id) is None
    kept = store.goal_by_id("T0001", theirs.id)
    assert (kept.result, kept.result_by, kept.result_note) == ("not_met", "", "")
    # forget: the channel's goals go with their results
    store.forget_channel("T0001", "C2")
    assert store.goal_by_id("T0001", theirs.id) is None


def test_results_follow_the_goals_retention(bot):
    store = bot.services.store
    goal = _answered(store, "C1", "40 more foster carers by 31 January", "U1", "U2")
    retention = bot.services.settings.retention
    store.purge_expired(retention, time.time() + (retention.goals_days - 1) * 86400)
    assert store.goal_by_id("T0001", goal.id).result == "met"
    store.purge_expired(retention, time.time() + (retention.goals_days + 1) * 86400)
    assert store.goal_by_id("T0001", goal.id) is None


# -- for leads: /paradox goals and the goals command ------------------------------------------------------


def test_paradox_goals_lists_the_channels_goals_with_dates_and_results(bot):
    import json

    _, dated = _channel_goal(bot)
    _channel_goal(bot, "More people recycle <!here>")
    bot.services.store.record_result("T0001", dated.id, "partly", "U5", "")
    bot.services.store.record_goal("T0001", "C2", "", "Another channel's goal by 31 March", "U1")
    shown = bot.command("goals").json()
    text = json.dumps(shown["blocks"])
    assert shown["blocks"][0]["block_id"] == "goal_recorded:list"
    assert "foster carer enquiries" in text and "31 January" in text and "*Partly*" in text
    assert "More people recycle &lt;!here&gt;" in text and "no date" in text
    assert "Another channel" not in text
    welsh = json.dumps(bot.command("nodau").json()["blocks"])
    assert "Nodau a gofnodwyd" in welsh and "Ionawr" in welsh and "*Yn rhannol*" in welsh
    assert "No goals are recorded" in json.dumps(bot.command("goals", channel="C9").json()["blocks"])


def test_the_goals_command_exports_them_as_csv(fake, db_url):
    import csv
    import io

    store = Store(db_url)
    store.migrate()
    goal = store.record_goal(
        "T0001", "C1", "", "40 more foster carers by 31 January, 2027", "U1", due_on="2027-01-31"
    )
    store.record_result("T0001", goal.id, "met", "U2", "")
    store.record_result_note("T0001", goal.id, 'saw 44, "a record"')
    store.record_goal("T0001", "C1", "", "no date here", "U1")
    store.record_goal("T0OTHER", "C1", "", "someone else's", "U1")
    store.engine.dispose()
    env = {**os.environ, **bot_env(fake, db_url)}
    run = subprocess.run(
        [sys.executable, "-m", "bot", "goals", "--team", "T0001", "--csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [r["text"] for r in rows] == ["no date here", "40 more foster carers by 31 January, 2027"]
    met = rows[1]
    assert (met["due_on"], met["result"], met["result_by"], met["result_note"]) == (
        "2027-01-31",
        "met",
        "U2",
        'saw 44, "a record"',
    )
    plain = subprocess.run(
        [sys.executable, "-m", "bot", "goals", "--team", "T0001"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "by 2027-01-31: met" in plain.stdout and "no date: not followed up" in plain.stdout


# -- the scorecard and the digest ----------------------------------------------------------------------------


def _dated(store, channel: str, due_on: str, *, asks: int = 0, result: str = ""):
    goal = store.record_goal("T0001", channel, "", f"goal due {due_on} in {channel}", "U1", due_on=due_on)
    for n in range(1, asks + 1):
        store.followup_asked("T0001", goal.id, n)
    if result:
        store.record_result("T0001", goal.id, result, "U2", "")
    return goal


def test_the_scorecard_and_the_digest_count_goals_due_followed_up_answered_and_met(bot):
    import json

    from bot.coach.storage import DigestSubscription
    from bot.digest.sender import DigestSender
    from bot.followup.schedule import first_working_day_after, zone

    store = bot.services.store
    this_month = datetime.now(UTC).date().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    _dated(store, "C1", last_month.isoformat(), asks=1, result="met")
    _dated(store, "C1", (last_month + timedelta(days=3)).isoformat(), asks=1, result="partly")
    _dated(store, "C2", (last_month + timedelta(days=5)).isoformat(), asks=1, result="not_met")
    _dated(store, "C2", (last_month + timedelta(days=6)).isoformat(), asks=1)
    _dated(store, "C2", (last_month + timedelta(days=7)).isoformat())
    _dated(store, "C3", (this_month + timedelta(days=40)).isoformat())  # not due in either
    bot.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    view = bot.fake.wait_for(lambda f: f.calls_to("views.publish"))[-1].args["view"]
    home = json.dumps(view, ensure_ascii=False)
    assert "Goals followed through" in home
    assert "goals due: 5 · followed up: 4 · answered: 3 (met: 1, partly: 1, not met: 1)" in home
    # the digest of last month, in English and in Welsh
    store.save_digest(DigestSubscription("T0001", "ULEAD", "Europe/London", "", time.time() - 90 * 86400))
    store.save_digest(DigestSubscription("T0001", "UCY", "Europe/London", "", time.time() - 90 * 86400, "cy"))
    client = WebClient(token=BOT_TOKEN, base_url=bot.fake.api_url)
    poster = Poster(store, bot.services.deck, client, bot.services.settings, sleep=lambda s: None)
    # the digest's moment: 09:00 London on the first working day of this month
    first = first_working_day_after(this_month - timedelta(days=1))
    moment = datetime.combine(first, datetime.min.time(), tzinfo=zone("Europe/London")).replace(hour=9)
    sender = DigestSender(poster)
    assert sender.post_due(moment.astimezone(UTC)).posted == 2
    english = bot.fake.posted("DLEAD")
    welsh = bot.fake.posted("DCY")
    for where in (json.dumps(english[0]["blocks"], ensure_ascii=False), english[0]["text"]):
        assert "goals due: 5 · followed up: 4 · answered: 3 (met: 1, partly: 1, not met: 1)" in where
    cy = json.dumps(welsh[0]["blocks"], ensure_ascii=False)
    assert "5 nod â dyddiad yn y cyfnod" in cy and "1 wedi'u cyflawni" in cy


def test_try_mode_shows_the_follow_up_for_the_threads_goal(tmp_path):
    from tests.helpers import run_try

    out = run_try(
        "followup now\n"
        "We want more foster carers\n"
        "Our goal: 300 more foster carer enquiries by 31 January\n"
        "@coach what next?\n"
        "followup now\n"
        "followup now\n"
        "---\n"
        "/paradox goal more people recycle\n"
        "followup now\n",
        tmp_path,
    )
    assert "no goal is recorded here yet" in out
    assert "How did it go?" in out and "[Met]  [Partly]  [Not met]  [Too early to say]" in out
    assert "already posted" in out
    assert "names no date" in out


# -- multi-workspace (OAuth) mode -----------------------------------------------------------------------------


def test_follow_ups_in_multi_workspace_mode_use_each_workspaces_token_and_buttons_work(fake, db_url):
    from tests.e2e.test_weekly_oauth import OAUTH, WORKSPACES, _install
    from tests.helpers import BotClient, start_bot

    fake.installs.update(WORKSPACES)
    fake.user_tz["UB1"] = "Asia/Tokyo"
    server, services, app = start_bot(fake, db_url, **OAUTH)
    bot = BotClient(server.effective_port, fake, services, app)
    try:
        for code in WORKSPACES:
            _install(bot, code)
        for team, channel, user in (("T0AAA", "CA1", "UA1"), ("T0BBB", "CB1", "UB1")):
            reply = bot.command(f"goal {GOAL}", team=team, channel=channel, user=user).json()
            assert kind_of(reply) == "goal_recorded", reply["text"]
        due = date.fromisoformat(services.store.goal_for("T0AAA", "CA1").due_on)
        env = {**os.environ, **bot_env(fake, db_url, **OAUTH)}

        def post_due(moment: datetime) -> str:
            result = subprocess.run(
                [sys.executable, "-m", "bot", "post-due", "--at", moment.isoformat()],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == 0, result.stderr
            return result.stdout

        tokyo = followup_at(due, "Asia/Tokyo")  # 10:00 in Tokyo comes first: 01:00 UTC
        assert "goal follow-ups: 0 posted" in post_due(tokyo - timedelta(minutes=1))
        assert "goal follow-ups: 1 posted" in post_due(tokyo)
        assert "goal follow-ups: 1 posted" in post_due(followup_at(due, "Europe/London"))
        assert "goal follow-ups: 0 posted" in post_due(followup_at(due, "Europe/London") + timedelta(days=3))
        posts = {c.args["channel"]: c.token for c in fake.calls_to("chat.postMessage")}
        assert posts == {"CA1": "xoxb-team-a-token", "CB1": "xoxb-team-b-token"}
        # a button pressed in workspace B records B's result and updates with B's token
        from bot.dev import payloads

        (posted,) = fake.posted("CB1")
        button = next(
            e
            for b in posted["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == "followup_met"
        )
        press = payloads.button_press(
            "followup_met",
            button["value"],
            trigger_id="t.oauth",
            response_url=fake.response_url("oauth"),
            team="T0BBB",
            channel="CB1",
            user="UB2",
            container=payloads.message_container("CB1", str(posted["ts"])),
            message=posted,
        )
        assert bot.action(press).status == 200
        update = fake.wait_for(lambda f: f.calls_to("chat.update"))[-1]
        assert update.token == "xoxb-team-b-token" and update.args["channel"] == "CB1"
        assert services.store.goal_for("T0BBB", "CB1").result == "met"
        assert services.store.goal_for("T0AAA", "CA1").result == ""
    finally:
        server.stop()
        services.store.engine.dispose()


def test_a_welsh_goal_is_followed_up_in_welsh(bot):
    import json

    reply, goal = _channel_goal(
        bot, "400 yn fwy o aelwydydd yn Wrecsam yn archebu bin gwastraff bwyd erbyn diwedd mis Mawrth"
    )
    assert goal.due_on.endswith("-03-31") and "Fe ofynna i sut aeth hi ar ôl" in json.dumps(
        reply["blocks"], ensure_ascii=False
    )
    assert _sender(bot).post_due(_moment(goal)).posted == 1
    (posted,) = _followups(bot)
    shown = json.dumps(posted["blocks"], ensure_ascii=False)
    assert "Mawrth" in shown and "Sut aeth hi?" in shown
    labels = [e["text"]["text"] for b in posted["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels[:4] == ["Wedi'i gyflawni", "Yn rhannol", "Heb ei gyflawni", "Rhy gynnar i ddweud"]
