"""Migration 0006 (flood counters, content version) on a 0005 database with a conversation in progress."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.storage.db import Database
from bot.storage.migrate import alembic_config


def _upgrade_to(connection: Connection, url: str, revision: str) -> None:
    command.upgrade(alembic_config(url, connection), revision)


def _downgrade_to(connection: Connection, url: str, revision: str) -> None:
    command.downgrade(alembic_config(url, connection), revision)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_upgrade_adds_the_shared_tables_and_keeps_conversations_and_downgrade_removes_them(
    empty_database_url: str,
) -> None:
    db = Database(empty_database_url)
    url = db.engine.url.render_as_string(hide_password=False)
    async with db.engine.begin() as connection:
        await connection.run_sync(_upgrade_to, url, "0005")
        await connection.execute(text(
            "INSERT INTO conversationstate (learner_id, chat_id, name, step, data, updated_at) "
            "VALUES (1, 1, 'study_plan', 2, '{}', '2026-03-02 09:00:00')"
        ))  # fmt: skip
        await connection.run_sync(_upgrade_to, url, "0006")
        assert {"floodcounter", "contentversion"} <= await connection.run_sync(_tables)
        await connection.execute(text(
            "INSERT INTO floodcounter (learner_id, window_start, updates, quiet_until) VALUES (1, 1.5, 3, 0)"
        ))  # fmt: skip
        kept = (await connection.execute(text("SELECT step FROM conversationstate"))).scalar_one()
        await connection.run_sync(_downgrade_to, url, "0005")
        left = await connection.run_sync(_tables)
    await db.dispose()
    assert kept == 2
    assert "floodcounter" not in left and "contentversion" not in left and "conversationstate" in left
