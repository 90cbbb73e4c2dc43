"""Builds the Bolt app: the client, the install mode, the middleware, and the listener packages."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.listeners import actions, commands, events, views
from bot.services import Services
from bot.slack_ids import team_of

log = logging.getLogger(__name__)


def web_client(services: Services, token: str | None = None) -> WebClient:
    """A Web API client on SLACK_API_URL that survives 429 (honouring Retry-After) and brief 5xx.

    The handlers sleep, so this client is only used off the 3-second ack path.
    """
    return WebClient(
        token=token,
        base_url=services.settings.api_url,
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def _dedupe_events(services: Services):
    def dedupe_events(body, next, logger):  # noqa: A002 - Bolt passes `next` by name
        event_id = body.get("event_id") if isinstance(body, dict) else None
        is_event = body.get("type") == "event_callback" and event_id
        if is_event and not services.store.claim_event(team_of(body), str(event_id)):
            logger.info("event %s was already handled; ignoring Slack's retry", event_id)
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events


def build_app(services: Services, *, token_verification: bool = True) -> App:
    settings = services.settings
    client = web_client(services, settings.bot_token or None)
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
        token_verification_enabled=token_verification and not settings.oauth,
        user_facing_authorize_error_message="paradox-coach is not installed in this workspace yet.",
        **kwargs,
    )
    app.use(_dedupe_events(services))
    commands.register(app, services)
    events.register(app, services)
    actions.register(app, services)
    views.register(app, services)
    return app
