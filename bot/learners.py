"""Learners: who has talked to the bot, and their per-learner settings."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from bot.clock import Clock
from bot.storage.db import Database
from bot.storage.models import Learner


async def touch_learner(
    db: Database, clock: Clock, *, user_id: int, chat_id: int, first_name: str
) -> tuple[Learner, bool]:
    """Create or refresh the learner; returns it and whether they came back after blocking us.

    Idempotent, so a repeated update (redelivered after a restart) changes nothing more. Atomic,
    so two instances (or two updates at once) for a new user never collide on the key: both
    statements write first, so PostgreSQL locks the row and SQLite takes its write lock before
    anything is read. Only one of several concurrent calls for a learner who blocked us sees
    `came_back`.
    """
    now = clock.now()
    name = first_name[:64]
    insert = sqlite_insert if db.is_sqlite else postgresql_insert
    async with db.session() as session:
        reactivated = await session.exec(
            update(Learner)
            .where(col(Learner.id) == user_id, col(Learner.active).is_(False))
            .values(active=True)
            .returning(col(Learner.id))
        )
        came_back = reactivated.first() is not None
        upsert = insert(Learner).values(
            id=user_id, chat_id=chat_id, first_name=name, active=True, created_at=now, updated_at=now
        )
        upsert = upsert.on_conflict_do_update(
            index_elements=[col(Learner.id)],
            set_={"chat_id": chat_id, "first_name": name, "active": True, "updated_at": now},
        )
        rows = await session.exec(upsert.returning(Learner), execution_options={"populate_existing": True})
        learner: Learner = rows.scalars().one()
    return learner, came_back


async def get_learner(db: Database, user_id: int) -> Learner | None:
    async with db.session() as session:
        return await session.get(Learner, user_id)


async def remember_course(db: Database, user_id: int, course_id: int | None) -> None:
    """Note the course card the learner saw last (for "will employers recognise this?")."""
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        if learner is not None and learner.last_course_id != course_id:
            learner.last_course_id = course_id
            session.add(learner)
