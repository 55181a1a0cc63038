"""Storage: tables on start, WAL mode, aware UTC times, rollback on error."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.clock import ManualClock
from bot.learners import get_learner, touch_learner
from bot.storage.db import Database, open_database
from bot.storage.models import Learner


@pytest.fixture
async def db(empty_database_url: str) -> AsyncIterator[Database]:
    """A fresh database on SQLite, then on PostgreSQL: the same code runs on both."""
    database = await open_database(empty_database_url)
    yield database
    await database.dispose()


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'x.db'}")
    yield database
    await database.dispose()


async def test_file_and_tables_are_created(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    assert (tmp_path / "sub" / "x.db").exists()
    async with db.session() as session:
        connection = await session.connection()
        query = text("SELECT name FROM sqlite_master WHERE type='table'")
        tables = (await connection.execute(query)).all()
    assert "learner" in {row[0] for row in tables}


async def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_db: Database) -> None:
    db = sqlite_db
    async with db.session() as session:
        mode = (await (await session.connection()).execute(text("PRAGMA journal_mode"))).one()
        timeout = (await (await session.connection()).execute(text("PRAGMA busy_timeout"))).one()
    assert mode[0].lower() == "wal"
    assert timeout[0] >= 1000


async def test_times_come_back_aware_in_utc(db: Database) -> None:
    berlin_noon = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    clock = ManualClock(berlin_noon, frozen=True)
    await touch_learner(db, clock, user_id=2**40, chat_id=2**40, first_name="Ada")
    learner = await get_learner(db, 2**40)
    assert learner is not None
    assert learner.created_at == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert learner.created_at is not None and learner.created_at.tzinfo is not None


async def test_naive_datetime_is_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive|timezone"):
        async with db.session() as session:
            session.add(Learner(id=1, chat_id=1, created_at=datetime(2026, 1, 1)))


async def test_failed_unit_of_work_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.session() as session:
            session.add(Learner(id=5, chat_id=5, first_name="half"))
            await session.flush()
            raise RuntimeError("boom")
    assert await get_learner(db, 5) is None


async def test_touch_learner_is_idempotent_and_reactivates(db: Database) -> None:
    clock = ManualClock(datetime(2026, 1, 1, tzinfo=UTC), frozen=True)
    await touch_learner(db, clock, user_id=9, chat_id=9, first_name="Bo")
    async with db.session() as session:
        learner = await session.get(Learner, 9)
        assert learner is not None
        learner.active = False
    await touch_learner(db, clock, user_id=9, chat_id=9, first_name="Bo")
    await touch_learner(db, clock, user_id=9, chat_id=9, first_name="Bo")
    again = await get_learner(db, 9)
    assert again is not None and again.active
