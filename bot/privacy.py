"""What the bot stores about a learner: all of it on request (/mydata), and deleting it (/forget)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, delete, select

from bot.storage.db import Database
from bot.storage.models import (
    ConversationState,
    FloodCounter,
    Learner,
    ModuleProgress,
    Plan,
    Reminder,
    SearchRequest,
    StudySession,
)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


async def export_learner(db: Database, user_id: int) -> dict[str, Any]:
    """Every stored row about the learner, as JSON-ready data."""
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        plans = (await session.exec(select(Plan).where(Plan.learner_id == user_id))).all()
        plan_ids = [p.id for p in plans]
        progress = (
            await session.exec(select(ModuleProgress).where(col(ModuleProgress.plan_id).in_(plan_ids)))
        ).all()
        reminders = (await session.exec(select(Reminder).where(Reminder.learner_id == user_id))).all()
        studied = (await session.exec(select(StudySession).where(StudySession.learner_id == user_id))).all()
        searches = (await session.exec(select(SearchRequest).where(SearchRequest.user_id == user_id))).all()
        conversations = (
            await session.exec(select(ConversationState).where(ConversationState.learner_id == user_id))
        ).all()

    def rows(items: Any) -> list[dict[str, Any]]:
        return [{k: _plain(v) for k, v in item.model_dump().items()} for item in items]

    return {
        "learner": rows([learner])[0] if learner else None,
        "plans": rows(plans),
        "module_progress": rows(progress),
        "reminders": rows(reminders),
        "study_sessions": rows(studied),
        "recent_searches": rows(searches),
        "conversations": rows(conversations),
    }


async def forget_learner(db: Database, user_id: int) -> int:
    """Delete everything stored about the learner, in one transaction; returns rows deleted."""
    deleted = 0
    async with db.session() as session:
        plan_ids = list((await session.exec(select(Plan.id).where(Plan.learner_id == user_id))).all())
        statements = [
            delete(Reminder).where(col(Reminder.learner_id) == user_id),
            delete(ModuleProgress).where(col(ModuleProgress.plan_id).in_(plan_ids)),
            delete(StudySession).where(col(StudySession.learner_id) == user_id),
            delete(Plan).where(col(Plan.learner_id) == user_id),
            delete(SearchRequest).where(col(SearchRequest.user_id) == user_id),
            delete(ConversationState).where(col(ConversationState.learner_id) == user_id),
            delete(FloodCounter).where(col(FloodCounter.learner_id) == user_id),
            delete(Learner).where(col(Learner.id) == user_id),
        ]
        for statement in statements:
            result = await session.exec(statement)
            deleted += result.rowcount or 0
    return deleted
