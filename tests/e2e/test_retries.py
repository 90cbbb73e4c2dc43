"""A retried event gets one reply: on one server, and across two bot processes sharing one database."""

from __future__ import annotations

import threading
import time

from tests.helpers import BotClient, kind_of, spawn_bot


def test_a_retried_mention_gets_one_reply(bot):
    root = bot.fake.add_thread("C1", [{"user": "U1", "text": "We should do a podcast"}])
    first = bot.mention("thoughts?", thread_ts=root, event_id="EvRetry1")
    assert first.status == 200
    bot.fake.wait_for(lambda f: f.posted("C1"))
    for n in (1, 2, 3):
        assert bot.mention("thoughts?", thread_ts=root, event_id="EvRetry1", retry=n).status == 200
    time.sleep(0.5)
    posts = bot.fake.posted("C1")
    assert len(posts) == 1 and kind_of(posts[0]) == "goal_nudge"


def _send(client: BotClient, root: str, event_id: str, retry: int | None, statuses: list) -> None:
    statuses.append(
        client.mention("ideas?", channel="C9", thread_ts=root, event_id=event_id, retry=retry).status
    )


def test_two_processes_sharing_a_database_answer_a_retry_once(fake, db_url):
    procs = []
    try:
        a, client_a = spawn_bot(fake, db_url)
        procs.append(a)
        b, client_b = spawn_bot(fake, db_url)
        procs.append(b)
        for round_ in range(5):
            root = fake.add_thread("C9", [{"user": "U1", "text": f"Plan {round_}: a TikTok series"}])
            before = len(fake.posted("C9"))
            statuses = []
            # Slack's retry can arrive at the other process while the first attempt still runs.
            threads = [
                threading.Thread(target=_send, args=(c, root, f"EvTwo{round_}", r, statuses))
                for c, r in ((client_a, None), (client_b, 1), (client_a, 2))
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert statuses == [200, 200, 200]
            fake.wait_for(lambda f, n=before: len(f.posted("C9")) > n)
            time.sleep(0.3)
            assert len(fake.posted("C9")) == before + 1
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
