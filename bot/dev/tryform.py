"""Try mode's forms: a modal the coach opens (Plan a campaign), filled in one field per line, then submitted.

Slack shows a modal as a form with inputs; a terminal has only lines. So each line fills the
field it is asked for, in order: text, `-` to leave the field as it is, `cancel` to close the
form. After the last field the form goes to the app as Slack's `view_submission`, with the
typed values in Slack's state shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SELECT = "conversations_select"


@dataclass
class Form:
    view: dict
    default_channel: str
    fields: list[dict] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    at: int = 0

    def __post_init__(self) -> None:
        self.fields = [b for b in self.view.get("blocks", []) if b.get("type") == "input"]
        for block in self.fields:
            element = block.get("element") or {}
            if element.get("type") == SELECT:
                self.values[block["block_id"]] = element.get("initial_conversation") or self.default_channel
            else:
                self.values[block["block_id"]] = element.get("initial_value") or ""

    @staticmethod
    def opens(view: dict) -> bool:
        """Whether a view is a form to fill (a modal with inputs), not something only to read."""
        return view.get("type") == "modal" and any(b.get("type") == "input" for b in view.get("blocks", []))

    @property
    def done(self) -> bool:
        return self.at >= len(self.fields)

    def question(self, names: dict[str, str]) -> list[str]:
        """The lines that ask for the current field: its label, its hint, what it holds now."""
        block = self.fields[self.at]
        element = block.get("element") or {}
        label = block["label"]["text"] + ("" if block.get("optional") else " (required)")
        hint = (block.get("hint") or {}).get("text", "")
        now = self.values.get(block["block_id"], "")
        if element.get("type") == SELECT:
            now = "#" + names.get(now, now) if now else ""
            hint = hint or "a channel name, such as #campaign-planning"
        lines = [f"{label}: {hint}" if hint else label]
        return lines + ([f"  now: {now}"] if now else [])

    def fill(self, text: str, names: dict[str, str]) -> None:
        """The current field gets `text` (`-` or nothing leaves it as it is); move to the next."""
        block = self.fields[self.at]
        text = text.strip()
        if text and text != "-":
            if (block.get("element") or {}).get("type") == SELECT:
                ids = {name: cid for cid, name in names.items() if cid.startswith("C")}
                text = ids.get(text.lstrip("#").strip(), text.lstrip("#").strip())
            self.values[block["block_id"]] = text
        self.at += 1

    def go_back_to(self, block_id: str) -> None:
        """After Slack's `errors` answer: ask again from the field it names."""
        self.at = next((i for i, b in enumerate(self.fields) if b["block_id"] == block_id), 0)

    def state(self) -> dict:
        """The typed values as Slack puts them in `view.state.values`."""
        out = {}
        for block in self.fields:
            element = block.get("element") or {}
            value = self.values.get(block["block_id"], "") or None
            if element.get("type") == SELECT:
                entry = {"type": SELECT, "selected_conversation": value}
            else:
                entry = {"type": element.get("type", "plain_text_input"), "value": value}
            out[block["block_id"]] = {element.get("action_id", block["block_id"]): entry}
        return out
