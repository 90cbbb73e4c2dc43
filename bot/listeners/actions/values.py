"""Reading a pressed button's value, and the language of the message it sits on, out of a block_actions payload."""

from __future__ import annotations

from bot.coach.language import reply_languages
from bot.coach.replies import language_of_button


def button_value(body: dict) -> str:
    actions = body.get("actions") or [{}]
    return str((actions[0] or {}).get("value") or "")


def message_text(body: dict) -> str:
    """The plain text of the message the button sits on (the coach's own reply): what a button answers
    in the same language as, where the channel says `auto`."""
    return str((body.get("message") or {}).get("text") or "")


def press_languages(services, team_id: str, channel_id: str, body: dict) -> tuple[str, ...]:
    """The languages to answer a button press in: the channel's setting, and in `auto` the language of the
    message it sat on, or (when Slack sends no message, as for a private reply) the one the button carries."""
    text = message_text(body)
    if text:
        return services.languages_for(team_id, channel_id, text, [])
    return reply_languages(
        services.store.language_of(team_id, channel_id), language_of_button(button_value(body))
    )
