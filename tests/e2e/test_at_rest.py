"""At rest and in the logs: SQLite files 0600, bot tokens sealed with Fernet, no message text in DEBUG logs."""

from __future__ import annotations

import http.client
import logging
import os
import re
import stat

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken

from bot.settings import load_settings
from bot.slack.workspaces import Clients
from bot.store import Store
from bot.yamlfile import ConfigError
from tests.helpers import ROOT, BotClient, bot_env, kind_of, spawn_bot, start_bot

OAUTH = {
    "SLACK_BOT_TOKEN": "",
    "SLACK_CLIENT_ID": "111.222",
    "SLACK_CLIENT_SECRET": "oauth-client-secret-123",
}
TOKEN = "xoxb-installed-token"
# A rotating token is far longer; sealed, it no longer fits slack_sdk's VARCHAR(200) on PostgreSQL.
LONG_TOKEN = "xoxe.xoxb-1-" + "A1b2C3d4" * 22


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_sqlite_file_and_its_wal_and_shm_are_owner_only(fake, tmp_path):
    path = tmp_path / "state.sqlite3"
    server, services, app = start_bot(fake, f"sqlite:///{path}")
    try:
        bot = BotClient(server.effective_port, fake, services, app)
        assert kind_of(bot.command("goal 40 new foster carers by March").json()) == "goal_recorded"
        for name in (path, f"{path}-wal", f"{path}-shm"):
            assert os.path.exists(name) and _mode(name) == 0o600, (name, oct(_mode(name)))
    finally:
        server.stop()
        services.store.engine.dispose()


def test_an_existing_readable_sqlite_file_is_made_owner_only(tmp_path):
    path = tmp_path / "old.sqlite3"
    open(path, "ab").close()
    os.chmod(path, 0o644)  # as an older version (or a copy made by hand) left it
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.record_goal("T1", "C1", "", "a goal", "U1")
    try:
        assert {_mode(n) for n in (path, f"{path}-wal", f"{path}-shm")} == {0o600}
    finally:
        store.engine.dispose()


def _get(port: int, path: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    body = resp.read().decode()
    conn.close()
    return resp, body


def _install(bot: BotClient, code: str) -> None:
    resp, body = _get(bot.port, "/slack/install")
    state = re.search(r"state=([\w-]+)", body).group(1)
    cookie = resp.getheader("Set-Cookie").split(";")[0]
    resp, body = _get(bot.port, f"/slack/oauth_redirect?code={code}&state={state}", {"Cookie": cookie})
    assert resp.status == 200, body


def _stored_tokens(url: str) -> list[str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT bot_token FROM slack_bots")).all()
        rows += conn.execute(sa.text("SELECT bot_token FROM slack_installations")).all()
    engine.dispose()
    return [r[0] for r in rows]


def _token_used(bot: BotClient, team: str) -> str:
    before = len(bot.fake.calls_to("users.info"))
    assert bot.command("weekly monday 09:00", team=team, channel="CN1").status == 200
    return bot.fake.wait_for(lambda f: f.calls_to("users.info")[before:])[0].token


def _running(fake, db_url, key: str):
    server, services, app = start_bot(fake, db_url, **OAUTH, TOKEN_ENCRYPTION_KEY=key)
    return server, services, BotClient(server.effective_port, fake, services, app)


def test_tokens_are_sealed_at_rest_readable_by_the_app_and_rotatable(fake, db_url):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    fake.installs = {"c1": ("T0NEW", TOKEN), "c2": ("T0LONG", LONG_TOKEN)}
    server, services, bot = _running(fake, db_url, old)
    try:
        _install(bot, "c1")
        _install(bot, "c2")
        stored = _stored_tokens(db_url)
        assert len(stored) == 4 and not any(TOKEN in s or LONG_TOKEN in s for s in stored)
        assert {Fernet(old).decrypt(s.encode()).decode() for s in stored} == {TOKEN, LONG_TOKEN}
        assert _token_used(bot, "T0NEW") == TOKEN and _token_used(bot, "T0LONG") == LONG_TOKEN
    finally:
        server.stop()
        services.store.engine.dispose()

    # Rotation: the new key in front, the old one behind; start-up re-seals under the new key.
    server, services, bot = _running(fake, db_url, f"{new},{old}")
    try:
        assert _token_used(bot, "T0NEW") == TOKEN
    finally:
        server.stop()
        services.store.engine.dispose()
    for sealed in _stored_tokens(db_url):
        with pytest.raises(InvalidToken):
            Fernet(old).decrypt(sealed.encode())
        assert Fernet(new).decrypt(sealed.encode()).decode() in (TOKEN, LONG_TOKEN)

    # The old key can now go; the app (and post-due's per-workspace clients) still read the tokens.
    server, services, bot = _running(fake, db_url, new)
    try:
        assert _token_used(bot, "T0LONG") == LONG_TOKEN
        settings = load_settings(
            bot_env(fake, db_url, **OAUTH, TOKEN_ENCRYPTION_KEY=new), dotenv_path=os.devnull
        )
        assert Clients(settings, services.store.engine).for_team("T0NEW").token == TOKEN
    finally:
        server.stop()
        services.store.engine.dispose()


def test_tokens_stored_in_clear_are_sealed_once_a_key_is_set(fake, db_url):
    fake.installs = {"c1": ("T0NEW", TOKEN)}
    server, services, app = start_bot(fake, db_url, **OAUTH)
    try:
        _install(BotClient(server.effective_port, fake, services, app), "c1")
    finally:
        server.stop()
        services.store.engine.dispose()
    assert set(_stored_tokens(db_url)) == {TOKEN}
    key = Fernet.generate_key().decode()
    server, services, bot = _running(fake, db_url, key)
    try:
        assert {Fernet(key).decrypt(s.encode()).decode() for s in _stored_tokens(db_url)} == {TOKEN}
        assert _token_used(bot, "T0NEW") == TOKEN
    finally:
        server.stop()
        services.store.engine.dispose()


def test_migrate_seals_and_rotates_like_start_up(fake, db_url):
    import subprocess
    import sys

    fake.installs = {"c1": ("T0NEW", TOKEN)}
    server, services, app = start_bot(fake, db_url, **OAUTH)
    try:
        _install(BotClient(server.effective_port, fake, services, app), "c1")
    finally:
        server.stop()
        services.store.engine.dispose()
    key = Fernet.generate_key().decode()
    env = {**os.environ, **bot_env(fake, db_url, **OAUTH, TOKEN_ENCRYPTION_KEY=key)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "sealed 2 stored tokens" in done.stdout, done.stdout + done.stderr
    assert {Fernet(key).decrypt(s.encode()).decode() for s in _stored_tokens(db_url)} == {TOKEN}


def test_without_a_key_start_up_warns_once(fake, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    server, services, _ = start_bot(fake, f"sqlite:///{tmp_path / 's.sqlite3'}", **OAUTH)
    server.stop()
    services.store.engine.dispose()
    warned = [r for r in caplog.records if "TOKEN_ENCRYPTION_KEY is not set" in r.getMessage()]
    assert len(warned) == 1 and warned[0].levelno == logging.WARNING


def test_a_bad_key_is_refused_without_echoing_it(fake, tmp_path):
    with pytest.raises(ConfigError) as err:
        load_settings(
            bot_env(fake, "sqlite://", TOKEN_ENCRYPTION_KEY="not-a-fernet-key-secret"), dotenv_path=os.devnull
        )
    assert "TOKEN_ENCRYPTION_KEY" in str(err.value) and "not-a-fernet-key-secret" not in str(err.value)


MARKER = "ZQXJ-private-thread-marker-4417"


def test_debug_logs_never_carry_message_text(fake, tmp_path):
    config = tmp_path / "coach.yml"
    config.write_text(
        (ROOT / "config" / "coach.yml").read_text().replace("log_level: INFO", "log_level: DEBUG")
    )
    db = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    root = fake.add_thread(
        "C1",
        [
            {"user": "U1", "text": f"Instagram for the fostering campaign? {MARKER}"},
            {"user": "U2", "text": f"Our goal is 40 new fostering households by March {MARKER}"},
        ],
    )
    proc, bot = spawn_bot(fake, db, output=True, PARADOX_CONFIG=str(config))
    try:
        assert bot.mention(f"what next? {MARKER}", thread_ts=root).status == 200
        fake.wait_for(lambda f: [m for m in f.posted("C1") if m.get("thread_ts") == root], timeout=15)
        assert bot.command(f"goal {MARKER} 40 carers by March").status == 200
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    assert MARKER not in output
    assert " DEBUG " in output and "characters of payload not logged" in output  # the bodies were there
    assert "conversations.replies" in output  # and what was called still shows
