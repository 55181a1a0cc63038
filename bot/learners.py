"""Learners: who has talked to the bot, and their per-learner settings."""

from __future__ import annotations

from bot.clock import Clock
from bot.storage.db import Database
from bot.storage.models import Learner


async def touch_learner(
    db: Database, clock: Clock, *, user_id: int, chat_id: int, first_name: str
) -> tuple[Learner, bool]:
    """Create or refresh the learner; returns it and whether they came back after blocking us.

    Idempotent, so a repeated update (redelivered after a restart) changes nothing more.
    """
    now = clock.now()
    came_back = False
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        if learner is None:
            learner = Learner(
                id=user_id,
                chat_id=chat_id,
                first_name=first_name[:64],
                created_at=now,
                updated_at=now,
            )
        else:
            came_back = not learner.active
            learner.chat_id = chat_id
            learner.first_name = first_name[:64]
            learner.active = True
            learner.updated_at = now
        session.add(learner)
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
