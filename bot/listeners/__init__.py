"""Slack listeners, one package per kind. Each translates between Slack and the coach, nothing more."""
