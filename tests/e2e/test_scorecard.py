"""The coach's scorecard: recorded from real mentions, counted on a seeded history, shown on Home and in try mode."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa

from bot.coach import scorecard
from bot.store.schema import asked, goals, sends
from tests.helpers import kind_of, run_try, wait_until_handled

DAY, HOUR = 86400, 3600


def _home(bot, user="U1", team="T0001") -> dict:
    before = len(bot.fake.calls_to("views.publish"))
    bot.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}, team=team)
    return bot.fake.wait_for(lambda f: f.calls_to("views.publish")[before:])[0].args["view"]


def _thread(store, team, channel, ts, at, *, goal_first=False, nudged=False, goal_after=None):
    """One coached thread as the coach would have noted it."""
    store.note_thread(team, channel, ts, nudged=nudged, goal=goal_first, now=at)
    if goal_after is not None:
        store.note_thread(team, channel, ts, nudged=False, goal=True, now=at + goal_after)


def _seed(store) -> list[tuple[int, int]]:
    months = scorecard.months_back(time.time(), 3)
    oct_, nov, dec = (scorecard.start_of(*m) for m in months)
    # The first month: four threads, two goal first, two nudged (one went on to a goal after 2 hours).
    _thread(store, "T0001", "C1", "1.1", oct_ + 2 * DAY, goal_first=True)
    _thread(store, "T0001", "C1", "1.2", oct_ + 3 * DAY, nudged=True, goal_after=2 * HOUR)
    _thread(store, "T0001", "C1", "1.3", oct_ + 4 * DAY, nudged=True)
    _thread(store, "T0001", "C2", "1.4", oct_ + 5 * DAY, goal_first=True)
    # The second: one nudged thread, a goal 30 minutes later; the third (this month): one goal first.
    _thread(store, "T0001", "C1", "2.1", nov + 1 * DAY, nudged=True, goal_after=30 * 60)
    _thread(store, "T0001", "C2", "3.1", dec + 10, goal_first=True)
    # Outside the three months, and another workspace: neither is counted.
    _thread(store, "T0001", "C1", "0.1", oct_ - 40 * DAY, nudged=True, goal_after=HOUR)
    for i in range(6):
        _thread(store, "T0002", "C9", f"9.{i}", oct_ + DAY, goal_first=True)
    with store.engine.begin() as conn:
        rows = [("C1", oct_ + DAY)] * 3 + [("C2", oct_ + 2 * DAY), ("C1", nov + DAY), ("C9", nov + DAY)]
        for i, (channel, at) in enumerate(rows):
            team = "T0002" if channel == "C9" else "T0001"
            conn.execute(
                goals.insert().values(
                    team_id=team,
                    channel_id=channel,
                    thread_ts="",
                    text=f"goal {i}",
                    user_id="U1",
                    created_at=at,
                )
            )
        for qid, key in [("cost.1", "u:U1"), ("cost.2", "u:U1"), ("audience.1", "1.1"), ("cost.3", "1.2")]:
            conn.execute(
                asked.insert().values(
                    team_id="T0001", channel_id="C1", thread_ts=key, question_id=qid, asked_at=oct_ + DAY
                )
            )
        # A weekly prompt's question counts as asked too.
        conn.execute(
            sends.insert().values(
                team_id="T0001",
                channel_id="C1",
                slot="2026-10-05",
                claimed_at=oct_ + DAY,
                claimed_by="w",
                attempts=1,
                sent_at=oct_ + DAY,
                message_ts="1.9",
                question_id="audience.2",
                outcome="sent",
            )
        )
    return months


def test_the_scorecard_counts_a_seeded_history_per_month_and_channel(bot):
    months = _seed(bot.services.store)
    view = _home(bot)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    labels = [scorecard.Month(*m, None, {}).label for m in months]
    first = next(b for b in view["blocks"] if labels[0] in json.dumps(b))["text"]["text"]
    assert first.splitlines()[1:6] == [
        labels[0],
        "Threads coached  ██████████ 4",
        "Goal first       █████░░░░░ 2",
        "Nudge worked     ██░░░░░░░░ 1 (1 of 2 nudged, median 2 h)",
        "Goals recorded   ██████████ 4",
    ]
    assert first.endswith("Most asked: Free and ruinous (3), For the young and for the old (2)")
    second = next(b for b in view["blocks"] if labels[1] in json.dumps(b))["text"]["text"]
    assert "Nudge worked     ██░░░░░░░░ 1 (1 of 1 nudged, median 30 min)" in second
    assert "Goals recorded   ██░░░░░░░░ 1" in second
    third = next(b for b in view["blocks"] if labels[2] in json.dumps(b))["text"]["text"]
    assert "Threads coached  ██░░░░░░░░ 1" in third and "Goal first       ██░░░░░░░░ 1" in third
    by_channel = next(b for b in view["blocks"] if "By channel" in json.dumps(b))["text"]["text"]
    assert (
        "• <#C1>: 4 threads, 1 goal first, 2 of 3 nudges worked, 4 goals; most asked: Free and ruinous"
        in by_channel
    )
    assert "• <#C2>: 2 threads, 2 goal first, 0 of 0 nudges worked, 1 goal\n" in by_channel + "\n"
    assert "C9" not in text  # another workspace's history
    # The other workspace sees only its own.
    other = json.dumps(_home(bot, team="T0002")["blocks"], ensure_ascii=False)
    assert "Threads coached  ██████████ 6" in other and "<#C1>" not in other


def test_mentions_record_the_facts_the_scorecard_needs(bot):
    # A nudged thread that goes on to state a goal...
    bot.mention("we want a TikTok", ts="1760000000.000100")
    nudge = bot.fake.wait_for(lambda f: f.posted("C1"))[0]
    assert kind_of(nudge) == "goal_nudge"
    bot.mention("our goal is for 500 parents to sign up for flu jabs by March", thread_ts="1760000000.000100")
    bot.fake.wait_for(lambda f: len(f.posted("C1")) == 2)
    # ...and a thread with its goal before the coach was asked.
    resp = bot.mention(
        "we want 200 carers in Leeds to book a flu jab by 31 January with a Facebook post",
        ts="1760000100.000100",
        event_id="EvGoalFirst",
    )
    assert resp.status == 200
    wait_until_handled(bot.services.store, "EvGoalFirst")
    facts = bot.services.store.score_facts("T0001", 0)
    by_ts = {t.thread_ts: t for t in facts.threads}
    nudged, first = by_ts["1760000000.000100"], by_ts["1760000100.000100"]
    assert nudged.nudged_at is not None and nudged.goal_at >= nudged.nudged_at and not nudged.goal_first
    assert first.goal_first and first.nudged_at is None
    assert not hasattr(nudged, "text")  # ids and moments only
    view = _home(bot)
    assert "Nudge worked     █████░░░░░ 1 (1 of 1 nudged, median 1 min)" in json.dumps(
        view["blocks"], ensure_ascii=False
    )


def test_the_scorecard_fits_the_home_tab_with_many_channels(bot):
    store = bot.services.store
    now = time.time()
    for i in range(40):
        _thread(store, "T0001", f"C{i:03d}", f"5.{i}", now - 60, nudged=True, goal_after=30)
    view = _home(bot)
    assert len(view["blocks"]) <= 100
    assert "…and 32 more channels" in json.dumps(view["blocks"], ensure_ascii=False)


def test_try_mode_shows_the_scorecard(tmp_path):
    out = run_try(
        "@coach we want a TikTok\n@coach our goal is for 500 parents to sign up by March\nscorecard\n",
        tmp_path,
    )
    assert "Threads coached  ██████████ 1" in out and "1 of 1 nudged" in out and "```" not in out


def test_an_empty_workspace_gets_a_scorecard_of_zeros(bot):
    view = _home(bot)
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Threads coached  ░░░░░░░░░░ 0" in text and "No coached threads yet" in text
    with bot.services.store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM paradox_threads")).scalar() == 0
