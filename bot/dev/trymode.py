"""`python -m bot try`: the coach in a terminal, on the same path as in Slack.

Each line is handed to the real Bolt app as a signed Slack request; the bot's Web API calls go
to the loopback stand-in (`bot.dev.fakeslack`) and are printed as text. State lives in a throwaway
SQLite file unless DATABASE_URL is set.

  /paradox <text>         the slash command, exactly as in Slack
  @coach <text>           mention the bot in the current thread
  <any other text>        a message in the current thread (the coach reads it when mentioned)
  click <button text>     press a button on the last reply (for example: click Another question)
  submit <text>           type <text> into the form the last click opened and submit it
  home                    open the App Home tab
  ---                     start a new thread
  # comment, quit
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from bot.dev import payloads
from bot.dev.fakeslack import FakeSlack
from bot.dev.signing import signed_headers
from bot.render import as_text
from bot.settings import load_settings
from bot.yamlfile import ConfigError

SECRET = "try-mode-signing-secret"
CHANNEL, USER, TEAM = "CTRY", "UTRY", "T0001"


class Session:
    def __init__(self, app, fake: FakeSlack, seed: str, out=sys.stdout):
        self.app = app
        self.fake = fake
        self.seed = seed
        self.out = out
        self.n = itertools.count(1)
        self.thread_root: str | None = None
        self.last_blocks: list[dict] = []
        self.last_posted: dict | None = None  # the message the last blocks came from, when it was posted
        self.last_view: dict | None = None  # the last form opened
        self.last_response_url = ""

    def say(self, who: str, blocks: list[dict] | None, text: str = "", posted: dict | None = None) -> None:
        body = as_text(blocks) if blocks else text
        print(f"\n{who}:", file=self.out)
        for line in body.splitlines():
            print(f"  {line}", file=self.out)
        if blocks:
            self.last_blocks = blocks
            self.last_posted = posted

    def _dispatch(self, request: tuple[str, str]):
        from slack_bolt.request import BoltRequest

        body, content_type = request

        headers = signed_headers(SECRET, body, content_type=content_type)
        return self.app.dispatch(BoltRequest(body=body, headers=headers))

    def _await_responses(self, before: int, wait: float) -> None:
        try:
            self.fake.wait_for(lambda f: len(f.responses) > before, timeout=wait)
        except TimeoutError:
            return
        for resp in self.fake.responses[before:]:
            if resp.get("delete_original") in (True, "true"):
                print("\n(the private reply was removed)", file=self.out)
            else:
                self.say("coach (only you can see this)", resp.get("blocks"), resp.get("text", ""))

    def _await_posts(self, before: int, wait: float, reacted: int | None = None) -> None:
        """Print what the coach posted (or, with `reacted`, the emoji it put on the message)."""
        reactions = reacted if reacted is not None else len(self.fake.reactions)
        try:
            self.fake.wait_for(
                lambda f: len(f.messages) > before or len(f.reactions) > reactions, timeout=wait
            )
        except TimeoutError:
            print("\n(the coach said nothing)", file=self.out)
            return
        for reaction in self.fake.reactions[reactions:]:
            print(f"\n(reacted :{reaction['name']}:)", file=self.out)
        for msg in self.fake.messages[before:]:
            where = "in the thread" if msg.get("thread_ts") else "in the channel"
            self.say(f"coach ({where})", msg.get("blocks"), msg.get("text", ""), posted=msg)

    def command(self, text: str) -> None:
        n = next(self.n)
        self.last_response_url = self.fake.response_url(f"cmd{n}")
        request = payloads.command(
            text,
            response_url=self.last_response_url,
            trigger_id=f"{self.seed}.{n}",
            team=TEAM,
            channel=CHANNEL,
            user=USER,
        )
        before = len(self.fake.responses)
        resp = self._dispatch(request)
        if resp.status != 200:
            print(f"\n(Slack would show an error: HTTP {resp.status})", file=self.out)
            return
        if resp.body:
            data = json.loads(resp.body)
            self.say("coach (only you can see this)", data.get("blocks"), data.get("text", ""))
        self._await_responses(before, 0.5 if not resp.body else 0.2)

    def message(self, text: str) -> None:
        ts = f"{1800000000 + next(self.n)}.000200"
        msg = {"type": "message", "user": USER, "text": text, "ts": ts}
        if self.thread_root is None:
            self.thread_root = self.fake.add_thread(CHANNEL, [msg])
        else:
            msg["thread_ts"] = self.thread_root
            self.fake.threads[(CHANNEL, self.thread_root)].append(msg)
        return msg

    def mention(self, text: str) -> None:
        msg = self.message(f"<@{self.fake.bot_user_id}> {text}")
        event = payloads.mention_event(
            text, ts=msg["ts"], channel=CHANNEL, user=USER, thread_ts=msg.get("thread_ts", "")
        )
        before, reacted = len(self.fake.messages), len(self.fake.reactions)
        self._event(event)
        self._await_posts(before, 5.0, reacted)

    def _event(self, event: dict) -> None:
        """Deliver an Events API callback, as Slack wraps it."""
        self._dispatch(payloads.event(event, team=TEAM, event_id=f"Ev{self.seed}{next(self.n)}"))

    def _views(self) -> list:
        return [c for c in self.fake.calls if c.method.startswith("views.")]

    def _await_views(self, before: int, wait: float) -> None:
        try:
            self.fake.wait_for(lambda f: len(self._views()) > before, wait)
        except TimeoutError:
            return
        for call in self._views()[before:]:
            view = call.args.get("view") or {}
            title = (view.get("title") or {}).get("text") or "the Home tab"
            if view.get("type") == "modal":
                self.last_view = view
            self.say(f"coach ({title})", view.get("blocks"), posted=self.last_posted)

    def home(self) -> None:
        before = len(self._views())
        self._event({"type": "app_home_opened", "user": USER, "channel": "DTRY", "tab": "home"})
        self._await_views(before, 5.0)

    def click(self, label: str) -> None:
        for block in self.last_blocks:
            for element in block.get("elements", []) if block.get("type") == "actions" else []:
                if element.get("text", {}).get("text", "").lower() == label.lower():
                    return self._click(block, element)
        print(f"\n(no button called '{label}' on the last reply)", file=self.out)

    def _click(self, block: dict, element: dict) -> None:
        n = next(self.n)
        posted = self.last_posted or {}
        payload = payloads.button_press(
            element["action_id"],
            element.get("value", ""),
            trigger_id=f"{self.seed}.{n}",
            response_url=self.last_response_url,
            team=TEAM,
            channel=CHANNEL,
            user=USER,
            block_id=block.get("block_id", ""),
            message_ts=str(posted.get("ts") or ""),
            thread_ts=str(posted.get("thread_ts") or ""),
        )
        self._dispatch_and_show(payloads.interaction(payload))

    def submit(self, text: str) -> None:
        """Fill the last opened form's first input with `text` and submit it, as pressing its button does."""
        view = self.last_view
        inputs = [b for b in (view or {}).get("blocks", []) if b.get("type") == "input"]
        if not view or not inputs:
            print("\n(no form is open: click a button that opens one first)", file=self.out)
            return
        self.last_view = None
        n = next(self.n)
        payload = payloads.view_submission(
            view,
            {inputs[0]["block_id"]: text},
            trigger_id=f"{self.seed}.{n}",
            view_id=f"V{n}",
            team=TEAM,
            user=USER,
        )
        self._dispatch_and_show(payloads.interaction(payload))

    def _dispatch_and_show(self, request: tuple[str, str]) -> None:
        """Send an interaction, then print whatever came of it: a form, a private reply or a post."""
        before = (len(self.fake.responses), len(self.fake.messages), len(self._views()))
        self._dispatch(request)
        try:
            self.fake.wait_for(
                lambda f: (len(f.responses), len(f.messages), len(self._views())) != before, timeout=3.0
            )
        except TimeoutError:
            print("\n(nothing happened)", file=self.out)
            return
        if len(self._views()) > before[2]:
            self._await_views(before[2], 0.1)
        if len(self.fake.responses) > before[0]:
            self._await_responses(before[0], 0.1)
        if len(self.fake.messages) > before[1]:
            self._await_posts(before[1], 0.1)

    def line(self, raw: str) -> bool:
        text = raw.strip()
        if not text or text.startswith("#"):
            return True
        if text.lower() in ("quit", "exit"):
            return False
        if text == "---":
            self.thread_root = None
            print("\n(a new thread)", file=self.out)
        elif text.lower().startswith("/paradox"):
            self.command(text[len("/paradox") :].strip())
        elif text.lower().startswith("@coach"):
            self.mention(text[len("@coach") :].strip())
        elif text.lower() == "home":
            self.home()
        elif text.lower().startswith("click "):
            self.click(text[len("click ") :].strip())
        elif text.lower().startswith("submit "):
            self.submit(text[len("submit ") :].strip())
        else:
            self.message(text)
            print("  (noted in the thread; mention @coach to ask the coach)", file=self.out)
        return True


def run_try(script: str | None = None, seed: str = "try") -> int:
    logging.basicConfig(level=logging.ERROR)
    fake = FakeSlack().start()
    tmp = tempfile.TemporaryDirectory(prefix="paradox-try-")
    env = dict(os.environ)
    env.update(
        {"SLACK_BOT_TOKEN": "xoxb-try-mode", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url}
    )
    for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        env.pop(name, None)
    env.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp.name) / 'try.sqlite3'}")
    try:
        from bot.app import build_app
        from bot.services import build_services

        services = build_services(load_settings(env))
        app = build_app(services)
    except ConfigError as exc:
        print(f"paradox-coach: cannot start: {exc}", file=sys.stderr)
        fake.stop()
        tmp.cleanup()
        return 2
    session = Session(app, fake, seed)
    try:
        return _run_script(session, script) if script else _run_keyboard(session)
    finally:
        fake.stop()
        services.store.engine.dispose()
        tmp.cleanup()


def _run_script(session: Session, script: str) -> int:
    try:
        lines = Path(script).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(f"paradox-coach: cannot read {script}: {exc.strerror}", file=sys.stderr)
        return 2
    for line in lines:
        if line.strip() and not line.strip().startswith("#"):
            print(f"\nyou> {line.strip()}")
        if not session.line(line):
            break
    return 0


def _run_keyboard(session: Session) -> int:
    print(__doc__.split("\n\n", 2)[2].rstrip())
    print("\nThe channel is #campaign-planning. Try: /paradox cost   or   @coach we want a TikTok\n")
    while True:
        try:
            raw = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            break
        if not session.line(raw):
            break
    return 0
