"""The "Plan a campaign" modal submitted: prompt once about a weak objective, else post the brief.

In the languages the modal carries (the form itself in the first): the prompt and the errors in the
form's language, the brief in each, Welsh first, recorded once.
"""

from __future__ import annotations

from slack_bolt import Ack

from bot.coach import replies
from bot.coach.brief import Briefs, objective_hint
from bot.coach.coach import Place
from bot.inbox import RESUMED, interaction_id
from bot.listeners.views.metadata import languages_of
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
        team = team_of(body, context)
        langs = languages_of(metadata)
        words = services.deck_for(team, langs[0]).words
        objective = fields["objective"]
        hint = objective_hint(objective, words)
        if hint and metadata.get("warned") != fingerprint(objective):
            # A prompt, not a refusal: the form stays open with the hint; submitting again posts it.
            form = plan_modal(
                words,
                fields,
                langs=langs,
                channel=channel or metadata.get("channel", ""),
                hint=hint,
                warned=fingerprint(objective),
            )
            ack(response_action="update", view=form)
            return
        if not channel:
            ack(response_action="errors", errors={"post_to": words.say("plan_form.choose_channel")})
            return
        ack()
        user = user_of(body)
        place = Place.in_channel(team, channel)
        view_id = str(view.get("id") or "")
        seed = view_id or channel
        reply = services.answer_in(
            team, langs, lambda coach: Briefs(coach).brief(place, fields, user, seed=seed)
        )
        sent = deliver(
            client,
            channel,
            message(reply),
            key=f"brief:{view_id}",
            what="brief",
            look_first=bool(context.get(RESUMED)),
        )
        if sent.ok:
            services.briefs_for(team).record(place, objective, user, sent.ts, reply.question_ids)
            return
        problem = words.say("plan_form.not_posted", channel=channel, error=sent.error)
        notice = message(replies.error(problem, ["/invite @paradox-coach"], words))
        deliver(client, user, notice, key=f"brief-failed:{view_id}", what="brief failure notice")

    return plan_submitted
