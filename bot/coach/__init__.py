"""The coaching itself: the deck, reading a plan, choosing questions. Plain Python, no Slack imports."""
