"""docs/operating.md: every command on the page runs, or for Heroku's CLI, names real things.

Fenced blocks marked `sh` run in order in one scratch directory, once on SQLite (the default
file) and once on a fresh PostgreSQL database; `sh sqlite` and `sh postgres` only on that engine;
`sh server` while `python -m bot` serves HTTP. Each line must exit 0. `sh heroku` lines cannot run
here: each must use a Heroku command this page is allowed to name, with processes from the
Procfile, variables the app reads and add-ons from app.json.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.settings import ENV_NAMES
from bot.store import Store
from tests.conftest import PG_ADMIN_URL
from tests.helpers import BOT_TOKEN, ROOT, SECRET, spawn_bot

DOC = ROOT / "docs" / "operating.md"
_FENCE = re.compile(r"^[ \t]*```sh(?:[ \t]+(\w+))?[ \t]*\n(.*?)^[ \t]*```", re.M | re.S)
HEROKU_COMMANDS = {
    "addons:create",
    "config:get",
    "config:set",
    "config:unset",
    "logs",
    "pg:backups:capture",
    "pg:backups:download",
    "pg:backups:schedule",
    "ps:scale",
    "run",
}


def blocks() -> list[tuple[str, list[str]]]:
    out = []
    for match in _FENCE.finditer(DOC.read_text(encoding="utf-8")):
        lines = [line.strip() for line in match.group(2).splitlines()]
        out.append((match.group(1) or "", [line for line in lines if line and not line.startswith("#")]))
    return out


def test_the_page_covers_what_an_operator_needs():
    text = DOC.read_text(encoding="utf-8").lower()
    for topic in (
        "## processes",
        "heroku scheduler",
        "worker",
        "## health checks",
        "## logs and log levels",
        "### sqlite",
        "### postgresql",
        "## upgrades and migrations",
        "signing secret",
        "bot token",
        "## moving from sqlite to postgresql",
    ):
        assert topic in text, topic
    kinds = {kind for kind, _ in blocks()}
    assert kinds == {"", "sqlite", "postgres", "server", "heroku"}


def _procfile() -> set[str]:
    return {line.split(":", 1)[0] for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()}


def _check_heroku(line: str, addons: set[str]) -> None:
    argv = shlex.split(line)
    assert argv[0] == "heroku" and argv[1] in HEROKU_COMMANDS, line
    args = [a for a in argv[2:] if not a.startswith("-")]
    if argv[1] == "ps:scale":
        for pair in args:
            name, count = pair.split("=")
            assert name in _procfile() and count.isdigit(), line
    elif argv[1].startswith("config:"):
        assert all(pair.split("=")[0] in set(ENV_NAMES) for pair in args), line
    elif argv[1] == "addons:create":
        assert args[0] in addons, line
    elif argv[1] == "pg:backups:schedule":
        assert args[0] == "DATABASE_URL", line
    elif argv[1] == "logs":
        assert (argv[argv.index("--dyno") + 1] if "--dyno" in argv else "web") in _procfile(), line


def test_heroku_commands_name_real_processes_variables_and_add_ons():
    app = json.loads((ROOT / "app.json").read_text())
    addons = {a["plan"] for a in app["addons"]} | {"scheduler:standard"}
    lines = [line for kind, block in blocks() if kind == "heroku" for line in block]
    for line in lines:
        _check_heroku(line, addons)
    assert len(lines) >= 10


@pytest.fixture
def pg_url():
    """A fresh database as a plain `postgresql://` URL, the form pg_dump and Heroku use."""
    name = f"paradox_doc_{os.getpid()}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://") + "/" + name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_every_command_on_the_page_runs(fake, pg_url, tmp_path):
    for tool in ("sqlite3", "pg_dump", "pg_restore", "curl"):
        assert shutil.which(tool), f"{tool} is needed to run the commands in {DOC.name}"
    work = tmp_path / "work"
    work.mkdir()
    seeded = Store(f"sqlite:///{work / 'paradox-coach.sqlite3'}")
    seeded.migrate()
    seeded.record_goal("T0001", "C1", "", "Get 300 more carers in Kent to register by March 2027", "U1")
    seeded.engine.dispose()
    base = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "HOME": str(tmp_path),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "PYTHONPATH": str(ROOT),
        "PARADOX_CONFIG": str(ROOT / "config" / "coach.yml"),
        "PARADOX_PROMPTS": str(ROOT / "prompts"),
    }
    engines = {"sqlite": dict(base), "postgres": {**base, "DATABASE_URL": pg_url}}
    ran = 0
    for kind, lines in blocks():
        if kind == "heroku":
            continue
        for engine, env in engines.items():
            if kind in ("sqlite", "postgres") and kind != engine:
                continue
            proc = None
            if kind == "server":
                url = env.get("DATABASE_URL") or f"sqlite:///{work / 'paradox-coach.sqlite3'}"
                proc, client = spawn_bot(fake, url)
                env = {**env, "PORT": str(client.port)}
            try:
                for line in lines:
                    result = subprocess.run(
                        ["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=120
                    )
                    assert result.returncode == 0, f"[{engine}] {line}\n{result.stdout}\n{result.stderr}"
                    ran += 1
            finally:
                if proc is not None:
                    proc.terminate()
                    proc.wait(timeout=10)
    assert ran >= 20
    moved = Store(pg_url.replace("postgresql://", "postgresql+psycopg://"))
    goal = moved.goal_for("T0001", "C1")
    moved.engine.dispose()
    assert goal is not None and "300 more carers" in goal.text  # the move copied the SQLite rows
