"""Slack listeners, one package per kind (commands, events, actions, views), then the catch-alls.

Each callback is a small named function in its own module and translates between Slack and the
core, nothing more; each package's `register()` only wires them to the app.
"""
