"""The reminder tests' world: the seeded catalogue on SQLite, then on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.catalog.search import CourseInfo
from bot.catalog.store import build_search
from bot.storage.db import Database, open_database


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[tuple[Database, dict[int, CourseInfo]]]:
    """The seeded catalogue on SQLite, then on PostgreSQL."""
    db = await open_database(database_url)
    courses = (await build_search(db)).courses
    yield db, courses
    await db.dispose()
