"""Builds the Bolt app: the client, the install mode, the middleware, and the listener packages."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.errors import SlackApiError

from bot.delivery import make_client, slack_error
from bot.executor import BoundedExecutor
from bot.listeners import actions, commands, events, fallback, views
from bot.listeners.events.once import claim_events
from bot.services import Services

log = logging.getLogger(__name__)


def build_app(services: Services) -> App:
    settings = services.settings
    client = make_client(settings.api_url, settings.bot_token or None, settings.api_timeout)
    kwargs: dict = {}
    if settings.oauth:
        # Imported here: only multi-workspace installs need them, and they are slow to import.
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
        from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

        installation_store = SQLAlchemyInstallationStore(
            client_id=settings.client_id, engine=services.store.engine
        )
        state_store = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=services.store.engine)
        installation_store.create_tables()
        state_store.metadata.create_all(services.store.engine)
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
    app = App(
        signing_secret=settings.signing_secret or None,
        client=client,
        process_before_response=False,
        listener_executor=BoundedExecutor(max_workers=12, max_pending=200),
        token_verification_enabled=not settings.oauth,  # checks SLACK_BOT_TOKEN once, at start-up
        user_facing_authorize_error_message="paradox-coach is not installed in this workspace yet.",
        **kwargs,
    )
    app.use(claim_events(services.store))

    @app.error
    def on_error(error: Exception, body: dict) -> None:
        # Expected Slack refusals get one line; anything else is a bug and keeps its traceback.
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
    fallback.register(app, services.store)  # last: Bolt tries listeners in order
    return app
