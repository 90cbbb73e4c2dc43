"""`/paradox`: parse the text, let the coach (or the weekly subscriptions) answer, acknowledge with the reply."""

from __future__ import annotations

import logging

from slack_bolt import Ack, Respond
from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.coach.coach import Place
from bot.coach.command import Command, Form
from bot.dbhealth import DB_ERRORS
from bot.delivery import slack_error
from bot.digest import subscriptions as digests
from bot.listeners.commands.export import export_to_dm
from bot.render import message
from bot.services import Services
from bot.slack_ids import channel_of, team_of, user_of
from bot.slash import parse
from bot.weekly import subscriptions
from bot.weekly.parsing import check_timezone

log = logging.getLogger(__name__)

SORRY = replies.SORRY


def paradox_command(services: Services):
    def paradox(ack: Ack, body: dict, respond: Respond, client, context) -> None:
        place = Place.in_channel(team_of(body, context), channel_of(body))
        user = user_of(body)  # both "" unless of Slack's shape: they end up in <@…> and <#…>
        seed = str(body.get("trigger_id") or "") or f"{user}:{body.get('channel_id')}"
        try:
            cmd = parse(str(body.get("text") or ""), services.deck_for(place.team_id))
            if cmd.form is Form.EXPORT:
                # Slack calls (users.info, uploads) take longer than the ack may wait.
                ack()
                respond(**message(export_to_dm(client, services, place.team_id, user)))
                return
            if cmd.needs_user_timezone:
                # The user's Slack timezone needs a Web API call: acknowledge first, answer after.
                ack()
                tz = _user_timezone(client, user)
                if cmd.form.is_digest:
                    respond(**message(digests.answer(cmd, place.team_id, user, services.store, user_tz=tz)))
                else:
                    respond(**message(subscriptions.answer(cmd, place, user, services.store, user_tz=tz)))
                return
            reply = _answer(cmd, place, user, seed, services)
        except DB_ERRORS as exc:
            services.health.failed(exc)  # one line per outage, not a traceback per command
            reply = SORRY
        except Exception:
            log.exception("could not answer /paradox")
            reply = SORRY
        ack(**message(reply))

    return paradox


def _answer(cmd: Command, place: Place, user: str, seed: str, services: Services) -> replies.Reply:
    if cmd.form.is_weekly:
        return subscriptions.answer(cmd, place, user, services.store)
    if cmd.form.is_digest:
        return digests.answer(cmd, place.team_id, user, services.store)
    if cmd.form.is_privacy:
        return services.coach_for(place.team_id).privacy(cmd.form, place, user)
    return services.coach_for(place.team_id).command(cmd, place, user, seed)


def _user_timezone(client, user: str) -> str:
    """The user's timezone from their Slack profile, or "" when Slack will not say."""
    try:
        info = client.users_info(user=user)
    except SlackApiError as exc:
        log.warning("could not read the timezone of %s: %s", user, slack_error(exc)[1] or "error")
        return ""
    except OSError as exc:
        log.warning("could not read the timezone of %s: %s", user, exc.__class__.__name__)
        return ""
    return check_timezone(str((info.get("user") or {}).get("tz") or "")) or ""
