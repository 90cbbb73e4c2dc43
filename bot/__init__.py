"""paradox-coach: a Slack app that asks comms teams for their strategic goal before their channel."""

__version__ = "0.1.0"
