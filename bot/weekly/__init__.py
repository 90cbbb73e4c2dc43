"""The weekly prompt: its schedule, the question rotation, subscriptions, the poster and its command line."""
