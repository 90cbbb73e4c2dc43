"""Bot tokens encrypted at rest: slack_sdk's SQLAlchemy installation store, wrapped, not rewritten.

In OAuth mode every workspace's bot token (and any refresh or user token) lives in the bot's own
database, where a copied backup or a stray read would hand over the workspace. With
TOKEN_ENCRYPTION_KEY set, `SealedInstallationStore` seals each token with Fernet before slack_sdk's
store writes it and opens it after slack_sdk's store reads it; everything else (the tables, the
queries, Bolt's OAuth flow and token refresh) stays slack_sdk's.

Rotation: TOKEN_ENCRYPTION_KEY holds comma-separated keys, newest first (`MultiFernet`). Tokens
are sealed with the first and opened with any. `reseal()` runs at start-up and re-seals every
token not already under the first key (and seals tokens stored in clear before a key was set), so
an operator adds the new key in front, restarts, then drops the old one (docs/privacy.md).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore

log = logging.getLogger(__name__)

BOT_FIELDS = ("bot_token", "bot_refresh_token")
INSTALLATION_FIELDS = (*BOT_FIELDS, "user_token", "user_refresh_token")
# slack_sdk declares token columns VARCHAR(200); a sealed rotating token (xoxe.xoxb-…) is longer.
SEALED_WIDTH = 1000


class Sealer:
    def __init__(self, keys: tuple[str, ...] | list[str]):
        if not keys:
            raise ValueError("at least one key is needed")
        self.primary = Fernet(keys[0])
        self.fernet = MultiFernet([Fernet(k) for k in keys])

    def seal(self, value: str | None) -> str | None:
        return self.fernet.encrypt(value.encode()).decode() if value else value

    def open(self, value: str | None) -> str | None:
        if not value or _is_clear(value):
            return value  # stored before a key was set; reseal() seals it at the next start
        try:
            return self.fernet.decrypt(value.encode()).decode()
        except InvalidToken:
            log.error(
                "a stored token cannot be opened with TOKEN_ENCRYPTION_KEY: the key it was sealed with is "
                "missing (add it after the new key, restart, then remove it)"
            )
            return None

    def current(self, value: str) -> bool:
        """Sealed with the primary key already."""
        try:
            self.primary.decrypt(value.encode())
        except InvalidToken:
            return False
        return True

    def reseal(self, value: str | None) -> str | None:
        """The value sealed under the primary key; None when it needs no change."""
        if not value or (not _is_clear(value) and self.current(value)):
            return None
        if _is_clear(value):
            return self.seal(value)
        try:
            return self.fernet.rotate(value.encode()).decode()
        except InvalidToken:
            return None  # no key opens it; open() reports it when it is used


def _is_clear(value: str) -> bool:
    return value.startswith(("xox", "xapp-"))


def _with(entity: Any, fields: tuple[str, ...], change) -> Any:
    if entity is None:
        return None
    out = copy.copy(entity)
    for name in fields:
        if hasattr(out, name):
            setattr(out, name, change(getattr(out, name)))
    return out


class SealedInstallationStore(InstallationStore):
    """slack_sdk's SQLAlchemyInstallationStore with every token sealed on the way in, opened on the way out."""

    def __init__(self, inner, keys: tuple[str, ...] | list[str]):
        self.inner = inner
        self.sealer = Sealer(keys)

    @property
    def logger(self) -> logging.Logger:
        return self.inner.logger

    def create_tables(self) -> None:
        self.inner.create_tables()
        widen_token_columns(self.inner.engine, [self.inner.installations, self.inner.bots])

    def save(self, installation: Installation) -> None:
        self.inner.save(_with(installation, INSTALLATION_FIELDS, self.sealer.seal))

    def save_bot(self, bot: Bot) -> None:
        self.inner.save_bot(_with(bot, BOT_FIELDS, self.sealer.seal))

    def find_bot(self, **kwargs) -> Bot | None:
        return _with(self.inner.find_bot(**kwargs), BOT_FIELDS, self.sealer.open)

    def find_installation(self, **kwargs) -> Installation | None:
        return _with(self.inner.find_installation(**kwargs), INSTALLATION_FIELDS, self.sealer.open)

    def delete_bot(self, **kwargs) -> None:
        self.inner.delete_bot(**kwargs)

    def delete_installation(self, **kwargs) -> None:
        self.inner.delete_installation(**kwargs)

    def delete_all(self, **kwargs) -> None:
        self.inner.delete_all(**kwargs)

    def reseal(self) -> int:
        """Seal under the first key every token that is not (clear, or an older key's); return how many."""
        changed = 0
        with self.inner.engine.begin() as conn:
            for table, fields in (
                (self.inner.installations, INSTALLATION_FIELDS),
                (self.inner.bots, BOT_FIELDS),
            ):
                columns = [table.c[f] for f in fields if f in table.c]
                for row in conn.execute(sa.select(table.c.id, *columns)).all():
                    values = {c.name: self.sealer.reseal(row._mapping[c.name]) for c in columns}
                    values = {k: v for k, v in values.items() if v is not None}
                    if values:
                        conn.execute(table.update().where(table.c.id == row.id).values(**values))
                        changed += len(values)
        if changed:
            log.info("sealed %s stored tokens under the current TOKEN_ENCRYPTION_KEY", changed)
        return changed


def widen_token_columns(engine, tables) -> None:
    """PostgreSQL enforces VARCHAR(200); a sealed token needs more. SQLite does not enforce it."""
    if engine.dialect.name != "postgresql":
        return
    inspector = sa.inspect(engine)
    with engine.begin() as conn:
        for table in tables:
            for column in inspector.get_columns(table.name):
                if (
                    column["name"] in INSTALLATION_FIELDS
                    and (getattr(column["type"], "length", None) or 0) < SEALED_WIDTH
                ):
                    conn.execute(
                        sa.text(
                            f'ALTER TABLE "{table.name}" ALTER COLUMN "{column["name"]}" TYPE VARCHAR({SEALED_WIDTH})'
                        )
                    )
