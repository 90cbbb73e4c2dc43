"""For trying and testing without Slack: the fake Web API, try mode, Slack-shaped payloads and request signing.

Nothing in the running app imports this package, except `python -m bot try`.
"""
