"""The "Share in channel" button: post the private question for everyone, or say why it could not be."""

from __future__ import annotations

from slack_bolt import Ack, Respond

from bot.coach import replies
from bot.inbox import RESUMED, interaction_id
from bot.listeners.actions.values import button_value, message_text
from bot.services import Services
from bot.slack.delivery import deliver
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message

NOT_A_MEMBER = ("not_in_channel", "channel_not_found", "restricted_action")


def share_listener(services: Services):
    def share_in_channel(ack: Ack, body: dict, respond: Respond, client, context) -> None:
        ack()
        # Claimed with its body before the ack (bot/inbox.py): resumed if this process dies.
        with services.inbox.working(interaction_id(body)):
            _share(body, respond, client, context)

    def _share(body: dict, respond: Respond, client, context) -> None:
        team = team_of(body, context)
        langs = services.languages_for(team, channel_of(body), message_text(body), [])
        coach = services.coach_for(team, lang=langs[0])
        if coach.shared(button_value(body), user_of(body)) is None:
            respond(**message(replies.error(coach.words.say("errors.gone"), ["/paradox"], coach.words)))
            return
        reply = services.answer_in(team, langs, lambda coach: coach.shared(button_value(body), user_of(body)))
        key = f"share:{body.get('trigger_id') or button_value(body)}"
        sent = deliver(
            client,
            channel_of(body),
            message(reply),
            key=key,
            what="shared question",
            look_first=bool(context.get(RESUMED)),  # a resumed share may have posted before
        )
        if sent.ok:
            respond(delete_original=True)
            return
        problem = (
            "I can't post in this conversation. Invite me first, then share again."
            if sent.error in NOT_A_MEMBER
            else f"Slack would not take the post ({sent.error}). Please try again in a minute."
        )
        respond(replace_original=False, **message(replies.error(problem, ["/invite @paradox-coach"])))

    return share_in_channel
