"""Rendering replies: as Block Kit through `slack_sdk.models` (so Slack's limits are checked), or as text."""

from __future__ import annotations

import re

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
)

from bot.coach.replies import Actions, Button, Context, Divider, Header, Menu, Part, Reply, Section

MAX_TEXT = 3000  # Block Kit's section text limit
MESSAGE_BLOCKS = 50  # Slack's limits: blocks in a message, and in a Home tab or modal
VIEW_BLOCKS = 100


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _block(part: Part, block_id: str | None) -> Block:
    match part:
        case Section(text, menu):
            return SectionBlock(
                block_id=block_id, text=MarkdownTextObject(text=_cut(text, MAX_TEXT)), accessory=_menu(menu)
            )
        case Context(text):
            return ContextBlock(block_id=block_id, elements=[MarkdownTextObject(text=_cut(text, MAX_TEXT))])
        case Header(text):
            return HeaderBlock(block_id=block_id, text=PlainTextObject(text=_cut(text, 150)))
        case Divider():
            return DividerBlock(block_id=block_id)
        case Actions(buttons):
            return ActionsBlock(block_id=block_id, elements=[_button(b) for b in buttons])
    raise ValueError(f"unknown reply part {part!r}")


def _button(b: Button) -> ButtonElement:
    confirm = (
        ConfirmObject(
            title=_cut(b.confirm_title, 100),
            text=_cut(b.confirm, 300),
            confirm=_cut(b.confirm_yes, 30),
            deny=_cut(b.confirm_no, 30),
        )
        if b.confirm
        else None
    )
    return ButtonElement(
        text=b.text,
        action_id=b.action_id,
        value=b.value[:2000],
        accessibility_label=b.label[:75],
        style=b.style,
        confirm=confirm,
    )


def _menu(menu: Menu | None) -> OverflowMenuElement | None:
    if menu is None:
        return None
    options = [Option(text=_cut(text, 75), value=value[:75]) for text, value in menu.options[:5]]
    return OverflowMenuElement(action_id=menu.action_id, options=options)


# Rendered blocks by what they were rendered from. Most answers are one of a few hundred (a
# question of the deck, the help, the list), and slack_sdk's models validate every field as they
# render, which was a third of a `/paradox` request's time. Cleared when full: a plain dict, whose
# single operations are atomic, needs no lock.
_RENDERED: dict[tuple, list[dict]] = {}
_RENDERED_MAX = 4096


def blocks(reply: Reply, limit: int = MESSAGE_BLOCKS) -> list[dict]:
    """The reply's blocks as dicts; the first block's id names the reply's kind.

    The dicts may be shared with other answers: they are sent, never changed.
    """
    key = (reply.block_id, repr(reply.parts[:limit]), limit)
    hit = _RENDERED.get(key)
    if hit is not None:
        return list(hit)
    out: list[Block] = []
    for part in reply.parts[:limit]:
        out.append(_block(part, reply.block_id if not out else None))
    # to_dict() runs slack_sdk's validation of every field limit.
    rendered = [b.to_dict() for b in out]
    if len(_RENDERED) >= _RENDERED_MAX:
        _RENDERED.clear()
    _RENDERED[key] = rendered
    return list(rendered)


def home_view(reply: Reply) -> dict:
    """The App Home tab; View.to_dict() checks the view's limits (100 blocks)."""
    from slack_sdk.models.views import View

    return View(type="home", blocks=blocks(reply, VIEW_BLOCKS)).to_dict()


_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")


_FENCE = re.compile(r"^```$\n?", re.M)  # a code block's fence on its own line (the scorecard's bars)


def plain(mrkdwn: str) -> str:
    """Formatting marks removed, everything else kept (escapes and <@U…> mentions stay as Slack wants)."""
    return _CODE.sub(r"\1", _ITALIC.sub(r"\1", _BOLD.sub(r"\1", _FENCE.sub("", mrkdwn))))


def fallback(reply: Reply) -> str:
    """The plain `text` beside the blocks: what every block says, in order (a reply in Welsh and English
    says both, Welsh first).

    Notifications and screen readers use it, so it must not say less than the blocks do
    (a `/paradox goal` instruction in a context line, who shared a question).
    """
    said = []
    for part in reply.parts:
        if isinstance(part, Header | Section | Context):
            said.append(plain(part.text))
        elif isinstance(part, Divider) and said:
            said.append("")  # a blank line where the blocks draw one (between Welsh and English, say)
    return _cut("\n".join(said) if said else reply.text, 3000)


def message(reply: Reply) -> dict:
    """Keyword arguments for chat.postMessage / respond(): blocks plus the plain `text` fallback."""
    return {"text": fallback(reply), "blocks": blocks(reply)}


_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^<>]*))?>")
_USER = re.compile(r"<@([A-Z0-9]+)(?:\|[^<>]*)?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^<>]*)?>")
_LINK = re.compile(r"<([^<>|]+)\|([^<>]+)>")
_BARE_LINK = re.compile(r"<((?:https?|mailto):[^<>|]+)>")
_STRIKE = re.compile(r"(?<![\w~])~([^~\n]+)~(?![\w~])")


def _terminal(mrkdwn: str, names: dict[str, str]) -> str:
    """mrkdwn as Slack would show it, in plain characters: names for ids, no formatting marks."""
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or names.get(m.group(1), m.group(1))), mrkdwn)
    text = _USER.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)
    text = _SPECIAL.sub(r"@\1", text)
    text = _BARE_LINK.sub(r"\1", _LINK.sub(r"\2", text))
    text = _STRIKE.sub(r"\1", plain(text))
    # A quoted line (">text", escaped to "&gt;" only in user text) shows as Slack's quote bar.
    text = re.sub(r"(?m)^>", "│ ", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def as_text(message_blocks: list[dict], names: dict[str, str] | None = None) -> str:
    """Blocks rendered readably for a terminal (`python -m bot try`); `names` maps ids to names."""
    names = names or {}
    lines = []
    for block in message_blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            lines += [title, "=" * len(title)]
        elif kind == "section":
            lines.append(_terminal(block["text"]["text"], names))
        elif kind == "context":
            lines.append(
                "   " + " ".join(_terminal(e.get("text", ""), names) for e in block.get("elements", []))
            )
        elif kind == "actions":
            lines.append("   " + "  ".join(f"[{e['text']['text']}]" for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "input":
            value = (block.get("element") or {}).get("initial_value") or ""
            lines.append(f"[{block['label']['text']}] {value}".rstrip())
    return "\n".join(lines)
