"""End to end: the real Bolt app on loopback HTTP, Slack-signed requests, the fake Web API, SQLite and PostgreSQL."""
