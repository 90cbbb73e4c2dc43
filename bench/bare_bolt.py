"""The app a newcomer writes from the Bolt docs, as the benchmark's baseline.

    python bench/bare_bolt.py PORT API_URL

Bolt's getting-started shape on Bolt's built-in server: the command answers in its ack, and a
mention is answered with `say()` in the thread, so its mention-to-reply rate is measured at the
same fake Slack, the same way as the bot's. It does no more than that: no database, no thread
read, no de-duplication. `API_URL` points the client at the fake Web API.
"""

import logging
import os
import sys

from slack_bolt import App
from slack_sdk import WebClient

logging.basicConfig(level=logging.ERROR)
port, api_url = int(sys.argv[1]), sys.argv[2]
app = App(
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    client=WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=api_url),
)


@app.command("/paradox")
def paradox(ack, command):
    ack(f"Before you pick a channel: what is the goal? ({command['text'] or 'no text'})")


@app.event("app_mention")
def mention(event, say):
    say(text="Thanks for the mention. What is the goal?", thread_ts=event["ts"])


app.start(port=port)
