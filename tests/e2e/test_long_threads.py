"""Long threads: the coach reads the root and the newest messages, as config/coach.yml says."""

from __future__ import annotations

from tests.helpers import kind_of


def _reply_to(bot, root):
    return bot.fake.wait_for(lambda f: [m for m in f.posted("C1") if m.get("thread_ts") == root], timeout=10)


def test_a_goal_stated_late_in_a_1200_message_thread_is_seen(bot):
    messages = [{"user": "U1", "text": "Campaign thread: we want a TikTok series"}]
    messages += [{"user": f"U{i % 5 + 2}", "text": f"chatter {i}"} for i in range(1, 1200)]
    messages[1190] = {
        "user": "U2",
        "text": "Our goal is to get 500 more young carers to register for support by March 2027.",
    }
    root = bot.fake.add_thread("C1", messages)
    bot.mention("what do you think?", thread_ts=root)
    reply = _reply_to(bot, root)[0]
    assert kind_of(reply) == "goal_recorded", reply["text"]
    assert "500 more young carers" in reply["text"]
    # The fake pages like Slack: oldest first, the root on every page, an opaque cursor.
    calls = bot.fake.calls_to("conversations.replies")
    assert len(calls) == 2 and calls[1].args.get("cursor")


def test_the_root_is_kept_when_the_thread_is_longer_than_the_limit(bot):
    messages = [
        {"user": "U1", "text": "Our goal is 300 new volunteers signed up by June 2027. We want a podcast."}
    ]
    messages += [{"user": "U3", "text": f"chatter {i}"} for i in range(1, 450)]
    root = bot.fake.add_thread("C1", messages)
    bot.mention("ideas?", thread_ts=root)
    reply = _reply_to(bot, root)[0]
    assert kind_of(reply) != "goal_nudge", reply["text"]
