"""touch_learner is one atomic upsert: sessions racing for one user never collide on the key."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, func, select

from bot.clock import ManualClock
from bot.learners import get_learner, touch_learner
from bot.storage.db import Database, open_database
from bot.storage.models import Learner

RACERS = 24
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def db(empty_database_url: str) -> AsyncIterator[Database]:
    """A fresh database on SQLite, then on PostgreSQL."""
    database = await open_database(empty_database_url)
    yield database
    await database.dispose()


async def _rows(db: Database, user_id: int) -> int:
    async with db.session() as session:
        return int((await session.exec(select(func.count()).where(col(Learner.id) == user_id))).one())


async def _block(db: Database, user_id: int) -> None:
    async with db.session() as session:
        await session.exec(update(Learner).where(col(Learner.id) == user_id).values(active=False))


async def test_many_sessions_greeting_one_new_user_make_one_row(db: Database) -> None:
    clock = ManualClock(START, frozen=True)
    results = await asyncio.gather(
        *(touch_learner(db, clock, user_id=77, chat_id=77, first_name="Ada") for _ in range(RACERS))
    )
    assert await _rows(db, 77) == 1
    assert [came_back for _, came_back in results] == [False] * RACERS
    assert {learner.id for learner, _ in results} == {77}
    stored = await get_learner(db, 77)
    assert stored is not None and stored.active and stored.first_name == "Ada"
    assert stored.created_at == START


async def test_only_one_racer_sees_a_blocked_learner_come_back(db: Database) -> None:
    clock = ManualClock(START, frozen=True)
    await touch_learner(db, clock, user_id=78, chat_id=78, first_name="Bo")
    await _block(db, 78)
    results = await asyncio.gather(
        *(touch_learner(db, clock, user_id=78, chat_id=78, first_name="Bo") for _ in range(RACERS))
    )
    assert sum(came_back for _, came_back in results) == 1
    assert await _rows(db, 78) == 1
    stored = await get_learner(db, 78)
    assert stored is not None and stored.active


async def test_return_value_and_idempotence(db: Database) -> None:
    clock = ManualClock(START, frozen=True)
    learner, came_back = await touch_learner(db, clock, user_id=79, chat_id=790, first_name="C" * 100)
    assert (learner.id, learner.chat_id, learner.first_name, learner.active, came_back) == (
        79, 790, "C" * 64, True, False
    )  # fmt: skip
    assert learner.created_at == START and learner.updated_at == START
    again, came_back = await touch_learner(db, clock, user_id=79, chat_id=790, first_name="C" * 100)
    assert came_back is False
    assert again.model_dump() == learner.model_dump()
    await _block(db, 79)
    clock.advance(timedelta(minutes=5))
    back, came_back = await touch_learner(db, clock, user_id=79, chat_id=791, first_name="Cy")
    assert came_back is True
    assert (back.chat_id, back.first_name, back.active, back.created_at) == (791, "Cy", True, START)
    assert back.updated_at == START + timedelta(minutes=5)
    _, came_back = await touch_learner(db, clock, user_id=79, chat_id=791, first_name="Cy")
    assert came_back is False
    assert await _rows(db, 79) == 1


async def test_settings_survive_a_touch(db: Database) -> None:
    clock = ManualClock(START, frozen=True)
    await touch_learner(db, clock, user_id=80, chat_id=80, first_name="D")
    async with db.session() as session:
        await session.exec(
            update(Learner).where(col(Learner.id) == 80).values(timezone="Europe/Berlin", last_course_id=None)
        )
    learner, _ = await touch_learner(db, clock, user_id=80, chat_id=80, first_name="D")
    assert learner.timezone == "Europe/Berlin"
