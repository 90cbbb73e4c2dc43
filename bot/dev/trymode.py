"""`python -m bot try`: the coach in a terminal, on the same path as in Slack.

Each line is handed to the real Bolt app as a signed Slack request; the bot's Web API calls go
to the loopback stand-in (`bot.dev.fakeslack`) and are printed as Slack would show them. State
lives in a throwaway SQLite file unless `--database URL` names one: never in $DATABASE_URL,
which on a server is the production database (`heroku run python -m bot try` must not write
test data there).

  /paradox <text>         the slash command, exactly as in Slack (/paradox help lists its forms)
  @coach <text>           mention the coach in the current thread
  <any other text>        a message in the current thread (the coach reads it when mentioned)
  click <button>          press a button on a reply (the latest one that has it): click Another question
  home                    open the coach's Home tab (its Plan a campaign button opens the form)
  weekly now              post this channel's weekly prompt now, as the scheduler does when it is due
  scorecard               the coach's scorecard, as the Home tab shows it (the last three months)
  digest now              send your monthly digest now (/paradox digest on first), covering this month
  followup now            post the follow-up of this thread's goal (or the channel's) now, as the scheduler
                          does after the goal's date; then click Met, Partly, Not met or Too early to say
  language cy             the channel's reply language: cy, en, both or auto (/paradox language cy);
                          `iaith cymraeg` too
  ---                     start a new thread
  help                    this list;  quit  to leave;  # starts a comment

An emoji the coach puts on your message shows as (reacted :+1:).

In a form (Plan a campaign, or the one field that We have a goal opens), each line fills the
field it names: type the text, or - to leave the field as it is, or cancel to close the form.
After the last field the form is submitted.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bot.dev import payloads
from bot.dev.fakeslack import FakeSlack
from bot.dev.signing import signed_headers
from bot.dev.tryform import Form
from bot.settings import load_settings, safe_url
from bot.slack.render import as_text
from bot.yamlfile import ConfigError

SECRET = "try-mode-signing-secret"
CHANNEL, USER, TEAM = "CTRY", "UTRY", "T0001"
Counts = tuple[int, int, int, int, int]  # replies, posts, views, reactions and updates seen so far
HELP = "\n\n".join(__doc__.split("\n\n")[2:]).rstrip()  # the commands, reactions, how forms work


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


class Session:
    def __init__(self, app, fake: FakeSlack, seed: str, out=sys.stdout, services=None):
        self.app = app
        self.fake = fake
        self.seed = seed
        self.out = out
        self.services = services
        self.n = itertools.count(1)
        self.thread_root: str | None = None
        self.last_response_url = ""
        # Every reply shown, newest last, with where it is: a button on any of them can be clicked.
        self.shown: list[tuple[list[dict], dict]] = []
        self.names = {CHANNEL: "campaign-planning", USER: "you", fake.bot_user_id: "coach", "DTRY": "coach"}
        self.form: Form | None = None

    def note(self, text: str) -> None:
        print(f"\n({text})", file=self.out)

    def say(self, who: str, blocks: list[dict] | None, text: str = "", where: dict | None = None) -> None:
        body = as_text(blocks or [_section(text)], self.names)
        print(f"\n{who}:", file=self.out)
        for line in body.splitlines():
            print(f"  {line}", file=self.out)
        if blocks:
            self.shown.append(
                (blocks, where or {"kind": "ephemeral", "response_url": self.last_response_url})
            )

    def _dispatch(self, request: tuple[str, str]):
        from slack_bolt.request import BoltRequest

        body, content_type = request
        headers = signed_headers(SECRET, body, content_type=content_type)
        return self.app.dispatch(BoltRequest(body=body, headers=headers))

    # -- showing what the coach did ------------------------------------------------------------------------

    def _views(self) -> list:
        return [c for c in self.fake.calls if c.method.startswith("views.")]

    def _updates(self) -> list:
        return [c for c in self.fake.calls if c.method == "chat.update"]

    def _counts(self) -> Counts:
        return (
            len(self.fake.responses),
            len(self.fake.messages),
            len(self._views()),
            len(self.fake.reactions),
            len(self._updates()),
        )

    def _show_since(self, before: Counts, wait: float) -> bool:
        """Wait up to `wait` for the coach to answer; show every reply, post, view and reaction since `before`."""
        try:
            self.fake.wait_for(
                lambda f: any(now > then for now, then in zip(self._counts(), before, strict=True)), wait
            )
        except TimeoutError:
            return False
        time.sleep(0.1)  # what comes together (a reply removed, the post that replaces it) shows together
        responses, messages, views, reactions, updates = before
        for reaction in self.fake.reactions[reactions:]:
            self.note(f"reacted :{reaction['name']}:")
        for resp in self.fake.responses[responses:]:
            if resp.get("delete_original") in (True, "true"):
                self.note("the private reply was removed")
            else:
                self.say("coach (only you can see this)", resp.get("blocks"), resp.get("text", ""))
        for msg in self.fake.messages[messages:]:
            self._show_post(msg)
        for call in self._views()[views:]:
            self._show_view(call.args.get("view") or {})
        for call in self._updates()[updates:]:
            # a message changed in place (a follow-up once answered): shown as Slack shows the new one
            blocks = call.args.get("blocks")
            blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
            self.say("coach (updated its message)", blocks, str(call.args.get("text") or ""))
        return True

    def _expect(self, before: Counts, wait: float = 5.0) -> None:
        if not self._show_since(before, wait):
            self.note("the coach said nothing")

    def _show_post(self, msg: dict) -> None:
        where = {
            "kind": "message",
            "channel": msg["channel"],
            "ts": msg["ts"],
            "thread_ts": msg.get("thread_ts", ""),
        }
        if msg["channel"] != CHANNEL:
            place = (
                "a direct message to you" if msg["channel"] in (USER, "DTRY") else f"in <#{msg['channel']}>"
            )
        else:
            place = "in the thread" if msg.get("thread_ts") else "in the channel"
        self.say(
            f"coach ({as_text([_section(place)], self.names)})", msg.get("blocks"), msg.get("text", ""), where
        )
        if msg["channel"] == CHANNEL and not msg.get("thread_ts"):
            # A new message in the channel (a brief, a weekly prompt, a shared question): people
            # answer in its thread, so the next lines go there.
            if (CHANNEL, msg["ts"]) not in self.fake.threads:
                self.fake.add_thread(CHANNEL, [dict(msg)])
            self.thread_root = msg["ts"]
            print(
                "  (your next messages and mentions go in this message's thread; --- starts a new one)",
                file=self.out,
            )

    def _show_view(self, view: dict) -> None:
        title = (view.get("title") or {}).get("text") or "the Home tab"
        self.say(f"coach ({title})", view.get("blocks"), where={"kind": "view", "view": view})
        if Form.opens(view):
            self.form = Form(view, CHANNEL)
            print(
                "\n  (fill in the form: one line per field, - to leave a field as it is, cancel to close it)",
                file=self.out,
            )
            self._ask()

    # -- what you type ------------------------------------------------------------------------------------

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
        before = self._counts()
        resp = self._dispatch(request)
        if resp.status != 200:
            self.note(f"Slack would show an error: HTTP {resp.status}")
            return
        if resp.body:
            data = json.loads(resp.body)
            self.say("coach (only you can see this)", data.get("blocks"), data.get("text", ""))
        self._show_since(before, 0.5 if not resp.body else 0.2)

    def message(self, text: str) -> dict:
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
        before = self._counts()
        self._event(event)
        self._expect(before)

    def _event(self, event: dict) -> None:
        """Deliver an Events API callback, as Slack wraps it."""
        self._dispatch(payloads.event(event, team=TEAM, event_id=f"Ev{self.seed}{next(self.n)}"))

    def home(self) -> None:
        before = self._counts()
        self._event({"type": "app_home_opened", "user": USER, "channel": "DTRY", "tab": "home"})
        self._expect(before)

    def scorecard(self) -> None:
        """The Home tab's scorecard alone: its blocks from the heading to the divider after it."""
        before = len(self._views())
        self._event({"type": "app_home_opened", "user": USER, "channel": "DTRY", "tab": "home"})
        try:
            self.fake.wait_for(lambda f: len(self._views()) > before, 5.0)
        except TimeoutError:
            self.note("the coach said nothing")
            return
        blocks = (self._views()[-1].args.get("view") or {}).get("blocks") or []
        start = next((i for i, b in enumerate(blocks) if "scorecard" in json.dumps(b.get("text") or {})), 0)
        end = next((i for i in range(start, len(blocks)) if blocks[i].get("type") == "divider"), len(blocks))
        self.say("coach (the scorecard on the Home tab)", blocks[start:end])

    def click(self, label: str) -> None:
        for blocks, where in reversed(self.shown):
            for block in blocks:
                for element in block.get("elements", []) if block.get("type") == "actions" else []:
                    if element.get("text", {}).get("text", "").strip().lower() == label.strip().lower():
                        return self._click(block, element, blocks, where)
        buttons = sorted(
            {
                e.get("text", {}).get("text", "")
                for blocks, _ in self.shown
                for b in blocks
                if b.get("type") == "actions"
                for e in b.get("elements", [])
            }
        )
        known = f" Buttons so far: {', '.join(buttons)}." if buttons else " No reply has a button yet."
        self.note(f"no button called '{label}'.{known}")

    def _where(self, blocks: list[dict], where: dict) -> dict:
        """Where the clicked button was, as Slack describes it: a private reply, a posted message, a view."""
        if where["kind"] == "message":
            message = {"type": "message", "ts": where["ts"], "user": self.fake.bot_user_id, "blocks": blocks}
            if where["thread_ts"]:
                message["thread_ts"] = where["thread_ts"]
            return {
                "container": payloads.message_container(where["channel"], where["ts"], where["thread_ts"]),
                "message": message,
                "response_url": self.fake.response_url(f"msg{next(self.n)}"),
            }
        if where["kind"] == "view":
            return {
                "container": {"type": "view", "view_id": "V0001"},
                "view": {"id": "V0001", **where["view"]},
            }
        return {"response_url": where.get("response_url") or self.last_response_url}

    def _click(self, block: dict, element: dict, blocks: list[dict], where: dict) -> None:
        place = self._where(blocks, where)
        payload = payloads.button_press(
            element["action_id"],
            element.get("value", ""),
            trigger_id=f"{self.seed}.{next(self.n)}",
            response_url=place.pop("response_url", ""),
            team=TEAM,
            channel=CHANNEL,
            user=USER,
            block_id=block.get("block_id", ""),
            **place,
        )
        before = self._counts()
        self._dispatch(payloads.interaction(payload))
        self._expect(before, 3.0)

    # -- forms -------------------------------------------------------------------------------------------

    def _ask(self) -> None:
        for line in self.form.question(self.names):
            print(f"  {line}", file=self.out)

    def fill(self, raw: str) -> None:
        if raw.strip().lower() == "cancel":
            self.form = None
            self.note("the form is closed; nothing was sent")
            return
        self.form.fill(raw, self.names)
        if self.form.done:
            self._submit()
        else:
            self._ask()

    def _submit(self) -> None:
        form, self.form = self.form, None
        payload = payloads.view_submission(
            form.view, form.state(), trigger_id=f"{self.seed}.{next(self.n)}", team=TEAM, user=USER
        )
        self.note("you submitted the form")
        before = self._counts()
        resp = self._dispatch(payloads.interaction(payload))
        answer = json.loads(resp.body) if resp.body else {}
        if answer.get("response_action") == "update":
            self._show_view(answer["view"])  # the form again, with a prompt: fill it in again
        elif answer.get("response_action") == "errors":
            for block_id, problem in answer.get("errors", {}).items():
                self.note(f"the form says: {problem}")
                form.go_back_to(block_id)
            self.form = form
            self._ask()
        else:
            self._expect(before)

    # -- the weekly prompt ---------------------------------------------------------------------------------

    def _poster(self):
        """What the scheduler posts with, over this session's store and decks (both languages, already read)."""
        from bot.slack.delivery import make_client
        from bot.weekly.poster import Poster

        services = self.services
        settings = services.settings
        client = make_client(settings.api_url, settings.bot_token, settings.api_timeout)
        return Poster(
            services.store,
            services.deck,
            client,
            settings,
            decks=services.decks,
            decks_by_lang=services.decks_by_lang,
        )

    def weekly_now(self) -> None:
        from datetime import UTC, datetime

        from bot.weekly.poster import Outcome
        from bot.weekly.schedule import next_slots
        from bot.weekly.subscriptions import rule_of

        services = self.services
        sub = services.store.subscription(TEAM, CHANNEL) if services else None
        if sub is None:
            self.note(
                "this channel has no weekly prompt yet: set one with /paradox weekly friday 16:00 Europe/London"
            )
            return
        slot = next_slots(rule_of(sub), datetime.now(UTC))[0].nominal.isoformat()
        before = self._counts()
        poster = self._poster()
        if poster.post(sub, slot) is Outcome.SKIPPED:
            self.note("this week's prompt is already posted; the scheduler posts one a week")
            return
        self._expect(before)

    def digest_now(self) -> None:
        """Send the digest as the scheduler would next month, so that it covers this session."""
        from datetime import UTC, datetime

        from bot.digest.sender import DigestSender
        from bot.weekly.poster import Outcome

        services = self.services
        sub = services.store.digest_of(TEAM, USER) if services else None
        if sub is None:
            self.note("you get no monthly digest yet: type /paradox digest on first")
            return
        now = datetime.now(UTC)
        slot = f"{now.year + now.month // 12:04d}-{now.month % 12 + 1:02d}"
        before = self._counts()
        poster = self._poster()
        if DigestSender(poster).post(sub, slot) is Outcome.SKIPPED:
            self.note("this month's digest is already sent; there is one a month")
            return
        self._expect(before)

    def followup_now(self) -> None:
        """Post the follow-up of the thread's goal (else the channel's) now, whatever its date."""
        from bot.followup.sender import FollowupSender
        from bot.weekly.poster import Outcome

        services = self.services
        goal = services.store.goal_for(TEAM, CHANNEL, self.thread_root or "") if services else None
        if goal is None:
            self.note("no goal is recorded here yet: state one in the thread, or /paradox goal <text>")
            return
        if not goal.due_on:
            self.note("this goal names no date, so it is never followed up: add one (by 31 March)")
            return
        if not goal.next_ask_on:
            self.note("this goal's follow-up is already posted (or answered)")
            return
        before = self._counts()
        poster = self._poster()
        if FollowupSender(poster).post(goal) is Outcome.SKIPPED:
            self.note("this goal's follow-up is already posted")
            return
        self._expect(before)

    def line(self, raw: str) -> bool:
        text = raw.strip()
        if self.form is not None:
            self.fill(raw)
            return True
        if not text or text.startswith("#"):
            return True
        lower = text.lower()
        if lower in ("quit", "exit"):
            return False
        if text == "---":
            self.thread_root = None
            self.note("a new thread")
        elif lower.startswith(("/paradox", "@coach", "click ")):
            self._to_slack(text)
        else:
            self._local(text)
        return True

    def _to_slack(self, text: str) -> None:
        lower = text.lower()
        if lower.startswith("/paradox"):
            self.command(text[len("/paradox") :].strip())
        elif lower.startswith("@coach"):
            self.mention(text[len("@coach") :].strip())
        else:
            self.click(text[len("click ") :].strip())

    def _local(self, text: str) -> None:
        lower = text.lower()
        if lower in ("help", "?"):
            print(HELP, file=self.out)
        elif lower == "weekly now":
            self.weekly_now()
        elif lower == "home":
            self.home()
        elif lower == "scorecard":
            self.scorecard()
        elif lower == "digest now":
            self.digest_now()
        elif lower == "followup now":
            self.followup_now()
        elif lower.split(" ", 1)[0] in ("language", "iaith"):
            self.command(text)
        else:
            self.message(text)
            print("  (noted in the thread; mention @coach to ask the coach)", file=self.out)


def _start(database: str | None, tmp: tempfile.TemporaryDirectory, fake: FakeSlack):
    """The services and the app on the fake Slack and a database of try mode's own; or None and why."""
    env = dict(os.environ)
    env.update(
        {"SLACK_BOT_TOKEN": "xoxb-try-mode", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url}
    )
    for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):
        env.pop(name, None)
    env["DATABASE_URL"] = database or f"sqlite:///{Path(tmp.name) / 'try.sqlite3'}"
    try:
        from bot.app import build_app
        from bot.services import build_services

        services = build_services(load_settings(env))
        return services, build_app(services), ""
    except ConfigError as exc:
        return None, None, str(exc)
    except SQLAlchemyError as exc:
        first = str(exc).strip().splitlines()[0][:200]
        return (
            None,
            None,
            (
                f"the database at {safe_url(env['DATABASE_URL'])} could not be used "
                f"({exc.__class__.__name__}: {first}). Check --database."
            ),
        )


def run_try(script: str | None = None, seed: str = "try", database: str | None = None) -> int:
    logging.basicConfig(level=logging.ERROR)
    fake = FakeSlack().start()
    tmp = tempfile.TemporaryDirectory(prefix="paradox-try-")
    services, app, problem = _start(database, tmp, fake)
    if services is None:
        print(f"paradox-coach: cannot start: {problem}", file=sys.stderr)
        fake.stop()
        tmp.cleanup()
        return 2
    session = Session(app, fake, seed, services=services)
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
        if session.form is not None or (line.strip() and not line.strip().startswith("#")):
            print(f"\nyou> {line.strip()}")
        if not session.line(line):
            break
    return 0


def _run_keyboard(session: Session) -> int:
    print(HELP.split("\n\nIn a form", 1)[0])
    print("\nYou are @you in #campaign-planning. Try: /paradox cost   or   @coach we want a TikTok\n")
    while True:
        try:
            raw = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            break
        if not session.line(raw):
            break
    return 0
