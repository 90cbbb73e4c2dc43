"""The Heroku files have the shape the buildpack, the Heroku Button and the CLI need.

Nothing here can push to Heroku; it checks what a push would read: requirements.txt installs the
project, `.python-version` names a Python the project supports, every Procfile command exists in
the CLI, and app.json names every variable the app needs, the PostgreSQL add-on and the formation.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

from tests.helpers import ROOT


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    out = {}
    for line in lines:
        match = re.fullmatch(r"([a-z][a-z0-9_-]*):\s*(.+)", line.strip())
        assert match, f"not a Procfile line: {line!r}"
        out[match.group(1)] = match.group(2)
    return out


def test_procfile_runs_migrate_on_release_and_names_web_clock_and_worker():
    procs = _procfile()
    assert procs["release"] == "python -m bot migrate"
    assert procs["web"] == "python -m bot"
    assert procs["clock"] == "python -m bot scheduler"
    assert procs["worker"] == "python -m bot"  # Socket Mode binds no port: it runs as a worker


def test_every_procfile_command_exists_in_the_cli():
    for name, command in _procfile().items():
        argv = shlex.split(command)
        assert argv[:3] == ["python", "-m", "bot"], name
        result = subprocess.run(
            [sys.executable, "-m", "bot", *argv[3:], "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0 and "usage:" in result.stdout, (name, result.stderr)


def test_an_unknown_command_is_refused():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "migrat", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_python_version_is_one_the_project_supports():
    version = (ROOT / ".python-version").read_text().strip()
    assert re.fullmatch(r"3\.\d+", version), "Heroku wants a major version such as 3.11"
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11" and int(version.split(".")[1]) >= 11


def test_requirements_txt_installs_the_project(tmp_path):
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["."], "the dependency ranges live in pyproject.toml only"
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--quiet", "--report", str(report)]
        + ["--ignore-installed", "-r", "requirements.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    names = [item["metadata"]["name"] for item in json.loads(report.read_text())["install"]]
    assert names == ["paradox-coach"]


def test_app_json_names_every_variable_the_add_on_and_the_formation():
    app = json.loads((ROOT / "app.json").read_text())
    assert app["name"] == "paradox-coach" and app["description"]
    from bot.settings import ENV_NAMES, Settings

    env = app["env"]
    for name, spec in env.items():
        assert name in ENV_NAMES, f"{name} is not a variable the app reads"
        assert spec["description"].strip(), name
    # What the app refuses to start without, in the single-workspace HTTP mode the button sets up.
    required = {name for name, spec in env.items() if spec.get("required")}
    assert required == {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"}
    ready = Settings(**{"bot_token": "xoxb-1", "signing_secret": "s" * 10})
    assert ready.missing_credentials() == [] and Settings().missing_credentials()
    assert "DATABASE_URL" not in env, "the PostgreSQL add-on sets DATABASE_URL"
    assert any(addon["plan"].startswith("heroku-postgresql") for addon in app["addons"])
    assert set(app["formation"]) == set(_procfile()) - {"release"}
    assert app["formation"]["web"]["quantity"] == 1 and app["formation"]["clock"]["quantity"] == 1
    assert app["formation"]["worker"]["quantity"] == 0  # Socket Mode only


def test_env_example_and_app_json_only_name_variables_the_app_reads():
    from bot.settings import ENV_NAMES

    named = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    assert named and set(named) <= set(ENV_NAMES) | {"WEB_CONCURRENCY", "TOKEN_ENCRYPTION_KEY"}
    assert {"LOG_LEVEL", "HOST", "PARADOX_PROMPTS"} <= set(named)
    assert os.path.exists(ROOT / "LICENSE") and "MIT License" in (ROOT / "LICENSE").read_text()
