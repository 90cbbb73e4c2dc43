"""Modals: the "Plan a campaign" form, opened from the Home tab or a message, and its brief."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot import plan_form
from bot.coach import replies
from bot.coaching import Place, objective_hint, prefill
from bot.delivery import deliver, slack_error
from bot.render import message
from bot.services import Services
from bot.slack_ids import team_of, user_of

log = logging.getLogger(__name__)


def open_plan(client, trigger_id: str, values: dict | None = None, channel: str = "") -> None:
    """Open the modal; the trigger_id works once and only for 3 seconds, so this runs right after ack()."""
    try:
        client.views_open(trigger_id=trigger_id, view=plan_form.plan_modal(values, channel=channel))
    except SlackApiError as exc:
        log.warning("could not open the planning form: %s", slack_error(exc)[1] or "error")


def register(app: App, services: Services) -> None:
    @app.action("plan_campaign")
    def plan_from_home(ack: Ack, body: dict, client) -> None:
        ack()
        open_plan(client, str(body.get("trigger_id") or ""))

    @app.shortcut(plan_form.SHORTCUT)
    def plan_from_message(ack: Ack, body: dict, client) -> None:
        ack()
        text = str((body.get("message") or {}).get("text") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        open_plan(client, str(body.get("trigger_id") or ""), prefill(services.deck, text), channel)

    @app.view(plan_form.CALLBACK)
    def plan_submitted(ack: Ack, body: dict, view: dict, client, context) -> None:
        fields, channel, metadata = plan_form.read_submission(view)
        objective = fields["objective"]
        hint = objective_hint(objective)
        if hint and metadata.get("warned") != plan_form.fingerprint(objective):
            # A prompt, not a refusal: the form stays open with the hint; submitting again posts it.
            ack(
                response_action="update",
                view=plan_form.plan_modal(
                    fields,
                    channel=channel or metadata.get("channel", ""),
                    hint=hint,
                    warned=plan_form.fingerprint(objective),
                ),
            )
            return
        if not channel:
            ack(response_action="errors", errors={"post_to": "Choose the channel for the brief."})
            return
        ack()
        user = user_of(body)
        place = Place(team_of(body, context), channel)
        reply = services.briefs.brief(place, fields, user, seed=str(view.get("id") or channel))
        sent = deliver(client, channel, message(reply), key=f"brief:{view.get('id') or ''}", what="brief")
        if sent.ok:
            services.briefs.record_brief(place, objective, user, sent.ts, reply.question_ids)
            return
        problem = (
            f"I couldn't post the brief in <#{channel}> (Slack said `{sent.error}`). Invite me to the "
            "channel, or pick another one, and plan again."
        )
        deliver(
            client,
            user,
            message(replies.error(problem, ["/invite @paradox-coach"])),
            key=f"brief-failed:{view.get('id') or ''}",
            what="brief failure notice",
        )
