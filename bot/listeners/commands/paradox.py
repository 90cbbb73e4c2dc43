"""`/paradox`: parse the text, let the coach (or the weekly subscriptions) answer, acknowledge with the reply."""

from __future__ import annotations

import logging

from slack_bolt import Ack, Respond
from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.coach.coach import Place
from bot.coach.command import Command, Form
from bot.coach.language import person_languages, reply_languages
from bot.listeners.commands.export import export_to_dm
from bot.services import Services
from bot.slack.delivery import slack_error
from bot.slack.ids import channel_of, team_of, user_of
from bot.slack.render import message
from bot.slash import parse
from bot.web.dbhealth import DB_ERRORS
from bot.weekly import answering as schedule
from bot.weekly.parsing import check_timezone

log = logging.getLogger(__name__)

SORRY = replies.SORRY


def paradox_command(services: Services):
    def paradox(ack: Ack, body: dict, respond: Respond, client, context) -> None:
        # Runs in the request's own thread (bot/web/runner.py): the answer goes back in the HTTP response.
        place = Place.in_channel(team_of(body, context), channel_of(body))
        user = user_of(body)  # both "" unless of Slack's shape: they end up in <@…> and <#…>
        seed = str(body.get("trigger_id") or "") or f"{user}:{body.get('channel_id')}"
        try:
            deck = services.deck_for(place.team_id)
            cmd = parse(str(body.get("text") or ""), deck)
            if cmd.form is Form.EXPORT or cmd.needs_user_timezone:
                # These need Slack calls (users.info, uploads) that take longer than the ack may
                # wait: acknowledge now, answer through response_url from the listener pool.
                ack()
                services.executor.submit(_slow, cmd, place, user, services, client, respond)
                return
            reply = _answer(cmd, place, user, seed, services, deck)
        except DB_ERRORS as exc:
            services.health.failed(exc)  # one line per outage, not a traceback per command
            reply = SORRY
        except Exception:
            log.exception("could not answer /paradox")
            reply = SORRY
        ack(**message(reply))

    return paradox


def _slow(cmd: Command, place: Place, user: str, services: Services, client, respond: Respond) -> None:
    """The forms answered after the ack; a failure is still answered, with the apology."""
    try:
        if cmd.form is Form.EXPORT:
            reply = export_to_dm(client, services, place.team_id, user, _languages(cmd, place, services))
        else:
            tz = _user_timezone(client, user)
            reply = schedule.answer(cmd, place, user, services, _languages(cmd, place, services), user_tz=tz)
    except DB_ERRORS as exc:
        services.health.failed(exc)
        reply = SORRY
    except Exception:
        log.exception("could not answer /paradox")
        reply = SORRY
    try:
        respond(**message(reply))
    except (SlackApiError, OSError) as exc:
        log.warning("could not answer /paradox through response_url: %s", exc.__class__.__name__)


def _answer(cmd: Command, place: Place, user: str, seed: str, services: Services, deck) -> replies.Reply:
    """`deck`: the workspace's English deck, just looked up to read the command (not looked up again)."""
    langs = _languages(cmd, place, services)
    if schedule.handles(cmd):  # weekly and digest forms, and their errors
        return schedule.answer(cmd, place, user, services, langs)
    if cmd.form.is_privacy:
        # `anghofio fi` is answered in Welsh; the English forms carry no words to tell the language by
        return services.answer_in(
            place.team_id, langs, lambda coach: coach.privacy(cmd.form, place, user), deck=deck
        )
    return services.answer_in(
        place.team_id, langs, lambda coach: coach.command(cmd, place, user, seed), deck=deck
    )


def _languages(cmd: Command, place: Place, services: Services) -> tuple[str, ...]:
    """A /paradox reply follows the person: the language they typed in, else the channel's setting.

    Setting the language answers in the language set (`auto`: the language the command was typed in).
    """
    if cmd.form is Form.LANGUAGE_SET:
        return reply_languages(cmd.text, "cy" if cmd.welsh else "en")
    typed = services.content.telling.detect(cmd.text) if cmd.text and services.content else None
    if cmd.welsh:
        typed = "cy"
    setting = services.store.language_of(place.team_id, place.channel_id)
    return person_languages(typed, setting)


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
