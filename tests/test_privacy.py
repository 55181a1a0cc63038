"""/mydata exports, and /forget deletes, every row about a learner, on both backends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlmodel import SQLModel, select

from bot.clock import ManualClock
from bot.flood import DatabaseFloodGuard
from bot.learners import touch_learner
from bot.privacy import TABLES, export_learner, forget_learner, stores_anything
from bot.reminders.limits import DatabaseRateLimiter
from bot.storage.db import Database, open_database
from bot.storage.models import ChatLastSend, ConversationState, FloodCounter
from tests.fakes.postgres import PostgresServer

LEARNER, OTHER = 4242, 4343
PERSONAL_COLUMNS = {"user_id", "learner_id", "chat_id"}


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = await open_database(database_url)
    yield database
    await database.dispose()


def test_every_table_with_a_user_or_chat_id_is_exported_and_deleted() -> None:
    """A new table holding personal ids must be added to `bot.privacy` (and this fails until it is)."""
    personal = {
        name
        for name, table in SQLModel.metadata.tables.items()
        if PERSONAL_COLUMNS & {c.name for c in table.columns} or name == "learner"
    }
    assert personal <= TABLES, personal - TABLES


async def test_forget_deletes_send_limit_and_flood_rows_on_postgresql(postgres: PostgresServer) -> None:
    """PostgreSQL's shared rate limit and flood control keep rows per chat and learner; /forget
    removes the learner's, /mydata lists them."""
    db = await open_database(postgres.url(await postgres.create_database()))
    try:
        clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True)
        for user in (LEARNER, OTHER):
            await touch_learner(db, clock, user_id=user, chat_id=user, first_name="L")
        limiter = DatabaseRateLimiter(db, per_chat_interval=0.0)
        await limiter.wait(LEARNER)
        await limiter.wait(OTHER)
        flood = DatabaseFloodGuard(db)
        for user in (LEARNER, OTHER):
            await flood.check(user)
        exported = await export_learner(db, LEARNER)
        assert [row["chat_id"] for row in exported["send_limits"]] == [LEARNER]
        assert [row["learner_id"] for row in exported["flood_counter"]] == [LEARNER]
        await forget_learner(db, LEARNER)
        async with db.session() as session:
            left = [row.chat_id for row in (await session.exec(select(ChatLastSend))).all()]
            counted = [row.learner_id for row in (await session.exec(select(FloodCounter))).all()]
        assert left == [OTHER] and counted == [OTHER]  # the other learner's rows are untouched
        assert not stores_anything(await export_learner(db, LEARNER))
    finally:
        await db.dispose()


async def test_a_conversation_without_a_learner_row_is_still_reported(db: Database) -> None:
    """Data that exists is listed even when the learner row does not (yet) exist."""
    async with db.session() as session:
        session.add(
            ConversationState(
                learner_id=LEARNER, chat_id=LEARNER, name="plan", step=1, data="{}",
                updated_at=datetime(2026, 3, 2, tzinfo=UTC),
            )
        )  # fmt: skip
    data = await export_learner(db, LEARNER)
    assert data["learner"] is None and stores_anything(data)
    assert len(data["conversations"]) == 1
    await forget_learner(db, LEARNER)
    assert not stores_anything(await export_learner(db, LEARNER))
