"""Reading a pressed button's value out of a block_actions payload."""

from __future__ import annotations


def button_value(body: dict) -> str:
    actions = body.get("actions") or [{}]
    return str((actions[0] or {}).get("value") or "")
