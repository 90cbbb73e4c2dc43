"""Talking to Slack: posting exactly once, rendering replies as Block Kit, reading ids out of payloads,
and each workspace's token (sealed at rest in OAuth mode)."""
