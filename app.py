"""The Slack CLI's entry point: `slack run` starts `app.py` (the start hook of slack-cli-hooks).

It runs the app exactly as `python -m bot` does; the CLI supplies SLACK_BOT_TOKEN and
SLACK_APP_TOKEN, so the app starts in Socket Mode.
"""

import sys

from bot.__main__ import main

if __name__ == "__main__":
    sys.exit(main([]))
