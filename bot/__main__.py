"""Command line: `python -m bot [check | try | read | post-due | scheduler]`; no sub-command runs the app."""

from __future__ import annotations

import argparse
import logging
import sys

from bot.settings import Settings, load_settings
from bot.yamlfile import ConfigError

log = logging.getLogger("bot")


def _fail(message: str, code: int = 2) -> int:
    print(f"paradox-coach: {message}", file=sys.stderr)
    return code


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise SystemExit(_fail(f"cannot start: {exc}")) from None


def _setup_logging(settings: Settings) -> None:
    from bot import logs

    logs.setup(
        settings.log_level,
        [settings.bot_token, settings.signing_secret, settings.client_secret, settings.app_token],
    )


def run(settings: Settings) -> int:
    missing = settings.missing_credentials()
    if missing:
        lines = "\n".join(f"  - {m}" for m in missing)
        return _fail(
            "cannot start: Slack credentials are missing. Set:\n"
            f"{lines}\n"
            "in the environment or in a .env file in this folder (copy .env.example to .env to start).\n"
            "To try the coach without Slack, run: python -m bot try"
        )
    _setup_logging(settings)
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.app import build_app
    from bot.services import build_services

    try:
        services = build_services(settings)
        app = build_app(services)
    except ConfigError as exc:
        return _fail(f"cannot start: {exc}")
    except (BoltError, SlackApiError, SlackClientError) as exc:
        return _fail(
            f"cannot start: Slack refused the credentials or could not be reached ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0][:200]}). Check SLACK_BOT_TOKEN and SLACK_API_URL."
        )
    except Exception as exc:  # the database, most likely: say which, not a traceback
        return _fail(f"cannot start: {exc.__class__.__name__}: {str(exc).splitlines()[0][:300]}")

    from bot import shutdown

    services.inbox.start(app)  # resumes what a previous process acked but did not finish
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        handler = SocketModeHandler(app, settings.app_token)
        try:
            handler.connect()
        except (SlackApiError, SlackClientError, OSError) as exc:
            reason = exc.response.get("error") if isinstance(exc, SlackApiError) else exc.__class__.__name__
            return _fail(
                f"cannot start Socket Mode: Slack refused SLACK_APP_TOKEN or could not be reached ({reason}). "
                "It must be an app-level token (xapp-…) with the connections:write scope."
            )
        log.info("paradox-coach running in Socket Mode")
        return shutdown.serve_socket_mode(handler, services, services.executor)
    from bot.server import make_server

    server = make_server(
        app, services.store, settings.signing_secret, "0.0.0.0", settings.port, health=services.health
    )
    log.info("paradox-coach listening on port %s (POST /slack/events, GET /healthz)", server.effective_port)
    return shutdown.serve_http(server, services, services.executor)


def check() -> int:
    """Validate prompts/ and the config file; print every problem found."""
    problems: list[str] = []
    settings = None
    try:
        settings = load_settings()
    except ConfigError as exc:
        problems.append(str(exc))
    if settings is not None:
        from bot.services import load_content

        try:
            deck, *_ = load_content(settings)
            print(
                f"ok: {len(deck.paradoxes)} paradoxes, {len(deck.questions)} questions, "
                f"{len(deck.channels)} channels in {settings.prompts_dir}/"
            )
        except ConfigError as exc:
            problems.append(str(exc))
        from bot.weekly.subscriptions import check_declared

        try:
            check_declared(settings)
        except ConfigError as exc:
            problems.append(str(exc))
        if not problems:
            print(f"ok: {settings.config_path}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="paradox-coach", description="Coach comms teams to name the goal first."
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="validate prompts/ and the config file")
    p_try = sub.add_parser("try", help="the coach in a terminal, without Slack")
    p_try.add_argument("--script", help="read lines from this file instead of the keyboard")
    p_try.add_argument("--seed", default="try", help="seed for question choice (same seed, same answers)")
    p_read = sub.add_parser("read", help="show what the plan reader finds in TEXT, and why it decides")
    p_read.add_argument("text", nargs="*", help="the message, as typed in Slack")
    p_read.add_argument("--thread", metavar="FILE", help="a thread: a YAML list of messages, or one per line")
    p_due = sub.add_parser("post-due", help="post every weekly prompt due now, then exit")
    p_due.add_argument("--at", help="the moment to use instead of now (ISO-8601)")
    sub.add_parser("scheduler", help="post weekly prompts when due, forever")
    args = parser.parse_args(argv)

    if args.command == "check":
        return check()
    if args.command == "try":
        from bot.dev.trymode import run_try

        return run_try(script=args.script, seed=args.seed)
    settings = _settings_or_exit()
    if args.command == "read":
        from bot.coach.explain import read_command

        return read_command(settings.prompts_dir, args.text, args.thread)
    if args.command in ("post-due", "scheduler"):
        from bot.weekly import cli

        _setup_logging(settings)
        if args.command == "post-due":
            return cli.post_due_command(settings, args.at)
        return cli.scheduler_command(settings)
    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
