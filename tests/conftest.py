"""Test fixtures: the fake Slack Web API, a fresh database on each engine, and the bot on loopback HTTP.

Every request is signed as Slack signs it. The database fixture runs each test that uses it on
SQLite and on the local PostgreSQL (127.0.0.1:5432), which `.ci/run` checks is reachable first.
The helpers the tests import are in `tests/helpers.py`.
"""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from bot.dev.fakeslack import FakeSlack
from tests.helpers import BotClient, start_bot

PG_ADMIN_URL = os.environ.get("PARADOX_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_admin() -> sa.Engine:
    return sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_database():
    """A throwaway PostgreSQL database for this test run; dropped at the end."""
    name = f"paradox_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}. "
            "Start it, or set PARADOX_TEST_PG to a reachable server."
        )
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL on each engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'state.sqlite3'}"
        return
    url = request.getfixturevalue("pg_database")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture
def fake():
    slack = FakeSlack().start()
    yield slack
    slack.stop()


@pytest.fixture
def bot(fake, db_url):
    server, services, app = start_bot(fake, db_url)
    yield BotClient(server.effective_port, fake, services, app)
    server.stop()
    services.store.engine.dispose()
