"""Builds the Bolt app: the client, the install mode, the middleware, and the listener packages."""

from __future__ import annotations

import json
import logging

from slack_bolt import App, BoltResponse
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.errors import SlackApiError

from bot.coach import replies
from bot.listeners import actions, commands, events, fallback, views
from bot.listeners.events.once import claim_events
from bot.services import Services
from bot.slack.delivery import make_client, slack_error
from bot.slack.render import message
from bot.web.dbhealth import is_outage
from bot.web.runner import answer_commands_inline

log = logging.getLogger(__name__)


class _NotTheClientWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def create_oauth_tables(engine) -> None:
    """The OAuth installation and state tables (slack_sdk's own schema), for `migrate`; safe to run again."""
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    from bot.slack.tokens import widen_token_columns

    installations = SQLAlchemyInstallationStore(client_id="", engine=engine)
    installations.create_tables()
    # Room for sealed tokens (bot/slack/tokens.py), so a database copied here can hold them too.
    widen_token_columns(engine, [installations.installations, installations.bots])
    SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=engine).metadata.create_all(engine)


def build_app(services: Services) -> App:
    settings = services.settings
    client = make_client(settings.api_url, settings.bot_token or None, settings.api_timeout)
    kwargs: dict = {}
    if settings.oauth:
        # Imported here: only multi-workspace installs need them, and they are slow to import.
        from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

        from bot.slack.workspaces import installation_store as make_installation_store

        installation_store = make_installation_store(settings, services.store.engine)
        state_store = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=services.store.engine)
        installation_store.create_tables()
        state_store.metadata.create_all(services.store.engine)
        if settings.token_keys:
            installation_store.reseal()  # tokens in clear, or under a key being retired
        else:
            log.warning(
                "TOKEN_ENCRYPTION_KEY is not set: workspaces' bot tokens are stored in the database in clear. "
                "Set it to encrypt them at rest (see docs/privacy.md)."
            )
        kwargs["oauth_settings"] = OAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(settings.scopes),
            installation_store=installation_store,
            state_store=state_store,
            install_path="/slack/install",
            redirect_uri_path="/slack/oauth_redirect",
        )
    # In single-workspace mode the client carries the bot token, and Bolt takes it from there.
    # Bolt also reads SLACK_BOT_TOKEN itself and warns, at every start and in every worker, that
    # the client's token wins: it is the same token, so that line is only noise.
    bolt_log = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _NotTheClientWarning) for f in bolt_log.filters):
        bolt_log.addFilter(_NotTheClientWarning())
    app = App(
        name="paradox-coach",  # without a name Bolt walks the whole call stack (inspect.stack) to make one
        signing_secret=settings.signing_secret or None,
        client=client,
        process_before_response=False,
        listener_executor=services.executor,
        token_verification_enabled=not settings.oauth,  # checks SLACK_BOT_TOKEN once, at start-up
        # bot/web/server.py's gate checks every signature before Bolt sees the request, and Socket
        # Mode and resumed inbox work are not signed: a second HMAC per request would add nothing.
        request_verification_enabled=False,
        user_facing_authorize_error_message="paradox-coach is not installed in this workspace yet.",
        **kwargs,
    )
    app.use(claim_events(services.inbox))  # claims (and stores) events before Bolt acks them

    @app.error
    def on_error(error: Exception, body: dict):
        # Expected Slack refusals get one line; anything else is a bug and keeps its traceback.
        if is_outage(error):
            # One line per outage (bot/web/dbhealth.py), and an answer Slack acts on: commands are told
            # to try again, everything else gets a 503 (events are then retried by Slack).
            services.health.failed(error)
            if isinstance(body, dict) and body.get("command"):
                return BoltResponse(
                    status=200,
                    body=json.dumps(message(replies.SORRY)),
                    headers={"content-type": "application/json;charset=utf-8"},
                )
            return BoltResponse(status=503, body="database unavailable; please retry")
        if isinstance(error, SlackApiError):
            status, code, _ = slack_error(error)
            log.warning(
                "Slack refused a call while handling %s: %s (HTTP %s)", body.get("type"), code, status
            )
        else:
            log.error("unexpected error while handling %s", body.get("type"), exc_info=error)

    commands.register(app, services)
    events.register(app, services)
    actions.register(app, services)
    views.register(app, services)
    fallback.register(app, services.inbox)  # last: Bolt tries listeners in order
    answer_commands_inline(app)
    return app
