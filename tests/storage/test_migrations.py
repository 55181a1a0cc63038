"""Migrations: they build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from bot.storage.db import Database, open_database
from bot.storage.migrate import head_revision


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), SQLModel.metadata))


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def test_migrated_schema_matches_the_models(empty_database_url: str) -> None:
    db = await open_database(empty_database_url)
    async with db.engine.connect() as connection:
        assert await connection.run_sync(_revision) == head_revision()
        assert await connection.run_sync(_differences) == []
    assert await db.migrate() == head_revision()  # a second start changes nothing
    await db.dispose()


async def test_database_made_before_migrations_is_stamped_not_recreated(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    old = Database(url)
    async with old.engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    await old.dispose()
    db = await open_database(url)
    async with db.engine.connect() as connection:
        assert await connection.run_sync(_revision) == head_revision()
    await db.dispose()


def test_db_upgrade_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    command = [sys.executable, "-m", "bot", "db", "upgrade"]
    first = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    again = subprocess.run(command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert f"new -> {head_revision()}" in first.stdout
    assert f"{head_revision()} -> {head_revision()}" in again.stdout
