"""The app a newcomer writes from the Bolt docs: no-op handlers on Bolt's built-in server.

python bench/bare_bolt.py PORT API_URL
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
def paradox(ack):
    ack()


@app.event("app_mention")
def mention():
    pass


app.start(port=port)
