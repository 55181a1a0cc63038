"""Schema migrations (Alembic): `python -m bot db upgrade`, also run at every start-up.

Running them at start-up is safe: on PostgreSQL an advisory lock lets one instance migrate
while the others wait, and a database made before migrations existed (tables, but no
version) is stamped with the first revision rather than created again.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from bot.storage import models  # noqa: F401  (registers every table on SQLModel.metadata)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
FIRST_REVISION = "0001"
LOCK_ID = 7_340_221  # arbitrary, fixed: the advisory lock that serialises migrations


def alembic_config(url: str, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _upgrade(connection: Connection, url: str) -> str | None:
    """Bring the schema to the newest revision; returns the revision it started from."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
    current = MigrationContext.configure(connection).get_current_revision()
    config = alembic_config(url, connection)
    existing = set(inspect(connection).get_table_names())
    if current is None and "learner" in existing:
        # Made by `create_all` before migrations existed: record what it already has.
        complete = set(SQLModel.metadata.tables) <= existing
        current = "head" if complete else FIRST_REVISION
        command.stamp(config, current)
    command.upgrade(config, "head")
    return current


async def upgrade(engine: AsyncEngine) -> str | None:
    """Migrate the database behind `engine` to the newest revision."""
    url = engine.url.render_as_string(hide_password=False)
    async with engine.begin() as connection:
        return await connection.run_sync(_upgrade, url)
