"""The installed package runs on its own: built as a wheel, installed into a fresh venv, run elsewhere.

`pip install .` must carry the default deck, vocabulary and config, so `check`, `try` and the
console script work from an empty directory with nothing of the checkout in reach. The wheel is
built and installed once for this module (a full install with dependencies, from the pip cache).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from bot.dev.fakeslack import FakeSlack
from tests.helpers import ROOT, SECRET, BotClient, free_port

# pip's own notes about index locations on this machine are not warnings about the build.
_NOT_OURS = re.compile(r"WARNING: Location '.*' is ignored")


def _clean_env(**extra: str) -> dict[str, str]:
    """An environment with nothing of this checkout or its venv in it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "SLACK_", "PARADOX_"))
    }
    env.pop("DATABASE_URL", None)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    env.update(extra)
    return env


def _source_copy(dest: Path) -> Path:
    """The files a checkout has (tracked, or new and not ignored), symlinks kept as symlinks."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target, follow_symlinks=False)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("package")
    src = _source_copy(base / "src")
    dist = base / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(dist), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
        env=_clean_env(),
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("paradox_coach-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=900,
        env=_clean_env(),
    )
    assert install.returncode == 0, install.stderr[-3000:]
    empty = base / "empty"
    empty.mkdir()
    return {"wheel": wheel, "log": build.stdout + build.stderr, "venv": venv, "empty": empty}


def _run(installed, *args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    exe = installed["venv"] / "bin" / args[0]
    return subprocess.run(
        [str(exe), *args[1:]],
        cwd=cwd or installed["empty"],
        env=_clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_build_gives_no_warnings(installed):
    warnings = [
        line
        for line in installed["log"].splitlines()
        if re.search(r"warn|deprecat", line, re.I) and not _NOT_OURS.search(line)
    ]
    assert warnings == []


def test_the_wheel_carries_every_prompt_file_the_config_and_the_model(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for path in [*(ROOT / "prompts").glob("*.yml"), *(ROOT / "config").glob("*.yml")]:
        assert f"bot/defaults/{path.parent.name}/{path.name}" in names
    assert "bot/coach/reader/model.json" in names  # the reader's learned part: without it, rules alone
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in zipfile.ZipFile(installed["wheel"]).read(metadata).decode()


def test_check_works_from_an_empty_directory(installed):
    result = _run(installed, "python", "-m", "bot", "check")
    assert result.returncode == 0, result.stderr
    assert "ok: 10 paradoxes" in result.stdout and "site-packages" in result.stdout
    assert list(installed["empty"].iterdir()) == []


def test_try_works_from_an_empty_directory(installed, tmp_path):
    script = tmp_path / "walk.txt"
    script.write_text("/paradox cost\n@coach we want a TikTok\n")
    result = _run(installed, "python", "-m", "bot", "try", "--script", str(script))
    assert result.returncode == 0, result.stderr
    assert "Free and ruinous" in result.stdout and "TikTok" in result.stdout
    assert list(installed["empty"].iterdir()) == []


def test_the_console_script_serves_from_an_empty_directory(installed, tmp_path):
    assert _run(installed, "paradox-coach", "--version").stdout.startswith("paradox-coach ")
    refused = _run(installed, "paradox-coach")
    assert refused.returncode == 2 and "SLACK_BOT_TOKEN" in refused.stderr
    fake = FakeSlack().start()
    port = free_port()
    proc = subprocess.Popen(
        [str(installed["venv"] / "bin" / "paradox-coach")],
        cwd=installed["empty"],
        env=_clean_env(
            SLACK_BOT_TOKEN="xoxb-package-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
            DATABASE_URL=f"sqlite:///{tmp_path / 'state.sqlite3'}",
            PORT=str(port),
            HOST="127.0.0.1",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = BotClient(port, fake, None, None)
    try:
        deadline = time.time() + 30
        while True:
            try:
                if client.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.time() < deadline, "the console script did not start"
            time.sleep(0.1)
        resp = client.command("cost")
        assert resp.status == 200 and b"challenge" in resp.body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        fake.stop()


def test_working_directory_files_and_environment_paths_override_the_shipped_ones(installed, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(ROOT / "prompts", work / "prompts")
    path = work / "prompts" / "paradoxes.yml"
    path.write_text(path.read_text().replace("  - id: reach\n", "  - id: cost\n", 1))
    local = _run(installed, "python", "-m", "bot", "check", cwd=work)
    assert local.returncode == 1 and f"{Path('prompts/paradoxes.yml')}:" in local.stderr
    by_env = _run(installed, "python", "-m", "bot", "check", PARADOX_PROMPTS=str(work / "prompts"))
    assert by_env.returncode == 1 and "duplicate id 'cost'" in by_env.stderr
    config = tmp_path / "coach.yml"
    config.write_text("log_level: LOUD\n")
    bad = _run(installed, "python", "-m", "bot", "check", PARADOX_CONFIG=str(config))
    assert bad.returncode == 1 and f"{config}:1" in bad.stderr
