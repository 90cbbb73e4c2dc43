"""A database outage in every install mode: commands are told to try again, events get a fast 503.

The outage is real: PostgreSQL stops accepting connections to the bot's database and the open
ones are terminated (bench/durability.py `_outage`).
"""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from bench import durability
from tests.e2e.test_weekly_oauth import OAUTH, _install
from tests.helpers import BotClient, kind_of, start_bot


@pytest.fixture
def pg_own_db(tmp_path):
    url, drop = durability._fresh_database("postgresql", tmp_path)
    yield url
    drop()


@pytest.mark.parametrize("mode", ["single-workspace", "oauth"])
def test_during_an_outage_commands_say_try_again_and_events_get_503(fake, pg_own_db, caplog, mode):
    caplog.set_level(logging.INFO)
    extra = OAUTH if mode == "oauth" else {}
    team = "T0NEW" if mode == "oauth" else "T0001"
    server, services, app = start_bot(fake, pg_own_db, **extra)
    bot = BotClient(server.effective_port, fake, services, app)
    admin = sa.create_engine(durability.PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = pg_own_db.rsplit("/", 1)[1]
    try:
        if mode == "oauth":
            _install(bot, "abc")
        assert kind_of(bot.command("cost", team=team).json()) == "challenge"
        durability._outage(admin, name, True)
        try:
            for _ in range(5):
                reply = bot.command("cost", team=team)
                assert reply.status == 200 and kind_of(reply.json()) == "error"
                assert "try again in a minute" in reply.json()["text"]
                assert bot.mention("a TikTok?", team=team).status == 503
            assert bot.get("/healthz").status == 503
        finally:
            durability._outage(admin, name, False)
        assert kind_of(bot.command("cost", team=team).json()) == "challenge"
    finally:
        server.stop()
        services.store.engine.dispose()
        admin.dispose()
    lines = [r.getMessage() for r in caplog.records if "database unreachable" in r.getMessage()]
    assert len(lines) == 1, lines
    assert not [r for r in caplog.records if r.exc_info and r.name.startswith(("bot", "slack"))]
