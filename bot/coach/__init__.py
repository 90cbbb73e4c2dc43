"""The coaching core: the deck, reading a plan, choosing questions, the coach, the brief and the Home tab.

Plain Python: nothing here imports Slack or SQLAlchemy; the core reaches storage through the
`storage.Storage` protocol, and the Slack layer turns its `replies.Reply` into Block Kit.
"""
