"""Commands an operator runs on a live server do only what they say.

`try` never writes to $DATABASE_URL; `post-due` and `scheduler` refuse to start without Slack
credentials (exit 2, no stray SQLite file); start-up names what it could not reach; `migrate`
upgrades and exits; LOG_LEVEL, HOST and --version work.
"""

from __future__ import annotations

import http.client
import importlib.metadata
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

import bot
from bot.settings import load_settings
from bot.store import SCHEMA_VERSION, Store
from tests.helpers import ROOT, SECRET, bot_env, free_port, spawn_bot


def _bot(*args: str, cwd: Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PARADOX_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_try_never_touches_database_url(tmp_path):
    production = tmp_path / "production.sqlite3"
    script = tmp_path / "s.txt"
    script.write_text("/paradox goal Get 300 more carers in Kent to register by March 2027\n")
    result = _bot("try", "--script", str(script), cwd=tmp_path, DATABASE_URL=f"sqlite:///{production}")
    assert result.returncode == 0, result.stderr
    assert "300 more carers" in result.stdout
    assert not production.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.txt"]


def test_try_keeps_state_where_the_flag_says(tmp_path):
    kept = tmp_path / "kept.sqlite3"
    script = tmp_path / "s.txt"
    script.write_text("/paradox goal Get 300 more carers in Kent to register by March 2027\n")
    result = _bot("try", "--script", str(script), "--database", f"sqlite:///{kept}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    goal = Store(f"sqlite:///{kept}").goal_for("T0001", "CTRY")
    assert goal is not None and "300 more carers" in goal.text


@pytest.mark.parametrize(
    "command", [["post-due"], ["post-due", "--at", "2026-12-04T16:00:00Z"], ["scheduler"]]
)
def test_weekly_commands_refuse_to_start_without_credentials(tmp_path, command):
    result = _bot(*command, cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and ".env.example" in result.stderr
    assert "Traceback" not in result.stderr and "posted" not in result.stdout
    assert list(tmp_path.iterdir()) == []  # no stray SQLite file


def test_an_unreachable_slack_is_named_as_slack(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/api/"
    result = _bot(
        cwd=tmp_path,
        SLACK_BOT_TOKEN="xoxb-unreachable",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=url,
        DATABASE_URL=f"sqlite:///{tmp_path / 's.sqlite3'}",
    )
    assert result.returncode == 2
    message = result.stderr.strip().splitlines()[-1]
    assert f"Slack at {url}" in message and "SLACK_BOT_TOKEN" in message and "SLACK_API_URL" in message
    assert "database" not in message and "Traceback" not in result.stderr


def test_an_unreachable_database_is_named_without_its_password(fake, tmp_path):
    port = free_port()
    result = _bot(
        cwd=tmp_path,
        **bot_env(fake, f"postgres://coach:s3cret-pw@127.0.0.1:{port}/paradox"),
    )
    assert result.returncode == 2
    message = result.stderr.strip().splitlines()[-1]
    assert f"the database at postgresql+psycopg://coach:***@127.0.0.1:{port}/paradox" in message
    assert "s3cret-pw" not in result.stderr and "Slack" not in message
    assert "DATABASE_URL" in message and "Traceback" not in result.stderr
    assert fake.calls == []  # the database is checked before Slack is called


def test_migrate_upgrades_and_exits_without_slack_credentials(db_url, tmp_path):
    first = _bot("migrate", cwd=tmp_path, DATABASE_URL=db_url)
    assert first.returncode == 0, first.stderr
    assert f"upgraded from schema version 0 to {SCHEMA_VERSION}" in first.stdout
    store = Store(db_url)
    assert store.schema_version() == SCHEMA_VERSION
    store.engine.dispose()
    again = _bot("migrate", cwd=tmp_path, DATABASE_URL=db_url)
    assert again.returncode == 0 and "nothing to do" in again.stdout


def test_migrate_in_oauth_mode_creates_the_installation_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'oauth.sqlite3'}"
    result = _bot(
        "migrate", cwd=tmp_path, DATABASE_URL=url, SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="x" * 10
    )
    assert result.returncode == 0, result.stderr
    tables = set(sa.inspect(sa.create_engine(url)).get_table_names())
    assert {"paradox_meta", "slack_installations", "slack_oauth_states"} <= tables


def test_migrate_names_an_unreachable_database(tmp_path):
    result = _bot("migrate", cwd=tmp_path, DATABASE_URL=f"postgresql://u:pw@127.0.0.1:{free_port()}/x")
    assert result.returncode == 2 and "the database at postgresql+psycopg://u:***@" in result.stderr
    assert "Traceback" not in result.stderr


def test_version_is_the_package_version(tmp_path):
    result = _bot("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"paradox-coach {bot.__version__}"
    assert importlib.metadata.version("paradox-coach") == bot.__version__


def test_log_level_in_the_environment_wins_over_the_config(tmp_path):
    config = tmp_path / "coach.yml"
    config.write_text("log_level: INFO\n")
    env = {"PARADOX_CONFIG": str(config)}
    assert load_settings(env, dotenv_path=os.devnull).log_level == "INFO"
    assert load_settings({**env, "LOG_LEVEL": "debug"}, dotenv_path=os.devnull).log_level == "DEBUG"
    bad = _bot(cwd=tmp_path, LOG_LEVEL="LOUD")
    assert bad.returncode == 2 and "LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR" in bad.stderr


def test_log_level_warning_silences_the_start_up_line(fake, tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    for level, expect in (("INFO", True), ("WARNING", False)):
        proc, _ = spawn_bot(fake, url, output=True, LOG_LEVEL=level)
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
        assert ("listening on" in out) is expect, (level, out)


def _healthz(host: str, port: int) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.request("GET", "/healthz")
        return conn.getresponse().status
    finally:
        conn.close()


def test_host_sets_the_address_the_server_binds(fake, tmp_path):
    port = free_port()
    env = {**os.environ, **bot_env(fake, f"sqlite:///{tmp_path / 's.sqlite3'}"), "PORT": str(port)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env={**env, "HOST": "127.0.0.2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.time() + 20
        while True:
            try:
                if _healthz("127.0.0.2", port) == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.time() < deadline
            time.sleep(0.05)
        with pytest.raises(OSError):
            _healthz("127.0.0.1", port)  # not bound: only HOST is
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"listening on 127.0.0.2:{port}" in out


def test_socket_mode_on_a_heroku_web_dyno_says_to_use_a_worker(fake, tmp_path):
    result = _bot(
        cwd=tmp_path,
        **bot_env(fake, f"sqlite:///{tmp_path / 's.sqlite3'}"),
        SLACK_APP_TOKEN="xapp-1-A1-1-abc",
        DYNO="web.1",
    )
    assert result.returncode == 2  # the fake has no WebSocket to hand out
    assert "run it as a worker process" in result.stderr


def test_migrate_from_copies_every_table_including_oauth_installations(pg_database, tmp_path):
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    from bot.store import Subscription

    source_url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Store(source_url)
    old.migrate()
    old.record_goal("T1", "C1", "", "Get 300 more carers to register by March", "U1")
    old.save_subscription(
        Subscription("T1", "C1", 4, "16:00", "Europe/London", "", "U1", 1.0, "", "", "slack")
    )
    installs = SQLAlchemyInstallationStore(client_id="1.2", engine=old.engine)
    installs.create_tables()
    installs.save(
        Installation(
            app_id="A1",
            team_id="T1",
            user_id="U1",
            bot_token="xoxb-1",
            bot_id="B1",
            bot_user_id="UB",
            is_enterprise_install=False,
        )
    )
    old.engine.dispose()
    engine = sa.create_engine(pg_database)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    env = {"DATABASE_URL": pg_database}
    result = _bot("migrate", "--from", source_url, cwd=tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert "paradox_goals 1" in result.stdout and "slack_installations 1" in result.stdout
    new = Store(pg_database)
    assert new.goal_for("T1", "C1").text.startswith("Get 300")
    assert new.subscription("T1", "C1").timezone == "Europe/London"
    assert new.record_goal("T1", "C2", "", "another", "U1")  # ids carry on after the copied ones
    found = SQLAlchemyInstallationStore(client_id="1.2", engine=new.engine).find_installation(
        enterprise_id=None, team_id="T1"
    )
    assert found is not None and found.bot_token == "xoxb-1" and found.is_enterprise_install is False
    new.engine.dispose()
    again = _bot("migrate", "--from", source_url, cwd=tmp_path, **env)
    assert again.returncode == 2 and "already holds data" in again.stderr


def test_try_with_an_unusable_database_flag_says_so(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("/paradox\n")
    url = f"postgresql://u:pw@127.0.0.1:{free_port()}/x"
    result = _bot("try", "--script", str(script), "--database", url, cwd=tmp_path)
    assert result.returncode == 2 and "Check --database" in result.stderr
    assert "pw@" not in result.stderr and "Traceback" not in result.stderr
