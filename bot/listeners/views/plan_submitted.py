"""The "Plan a campaign" modal submitted: prompt once about a weak objective, else post the brief."""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach import replies
from bot.coach.brief import objective_hint
from bot.coach.coach import Place
from bot.inbox import RESUMED, interaction_id
from bot.listeners.views.plan_modal import fingerprint, plan_modal, read_submission
from bot.services import Services
from bot.slack.delivery import deliver
from bot.slack.ids import CHANNEL_ID, checked, team_of, user_of
from bot.slack.render import message


def plan_submitted_listener(services: Services):
    def plan_submitted(ack: Ack, body: dict, view: dict, client, context) -> None:
        # Claimed with its body before the ack (bot/inbox.py): resumed if this process dies.
        with services.inbox.working(interaction_id(body)):  # finished on every path
            _plan_submitted(ack, body, view, client, context)

    def _plan_submitted(ack: Ack, body: dict, view: dict, client, context) -> None:
        fields, channel, metadata = read_submission(view)
        channel = checked(channel, CHANNEL_ID)  # quoted as <#…> below
        objective = fields["objective"]
        hint = objective_hint(objective)
        if hint and metadata.get("warned") != fingerprint(objective):
            # A prompt, not a refusal: the form stays open with the hint; submitting again posts it.
            form = plan_modal(
                fields,
                channel=channel or metadata.get("channel", ""),
                hint=hint,
                warned=fingerprint(objective),
            )
            ack(response_action="update", view=form)
            return
        if not channel:
            ack(response_action="errors", errors={"post_to": "Choose the channel for the brief."})
            return
        ack()
        user = user_of(body)
        place = Place.in_channel(team_of(body, context), channel)
        view_id = str(view.get("id") or "")
        reply = services.briefs_for(place.team_id).brief(place, fields, user, seed=view_id or channel)
        sent = deliver(
            client,
            channel,
            message(reply),
            key=f"brief:{view_id}",
            what="brief",
            look_first=bool(context.get(RESUMED)),
        )
        if sent.ok:
            services.briefs_for(place.team_id).record(place, objective, user, sent.ts, reply.question_ids)
            return
        problem = (
            f"I couldn't post the brief in <#{channel}> (Slack said `{sent.error}`). Invite me to the "
            "channel, or pick another one, and plan again."
        )
        notice = message(replies.error(problem, ["/invite @paradox-coach"]))
        deliver(client, user, notice, key=f"brief-failed:{view_id}", what="brief failure notice")

    return plan_submitted
