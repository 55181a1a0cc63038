"""Operator statistics for /stats, queried: counts only, never a learner's identity or text.

The wording is in `bot/admin/replies.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import col, select

from bot.storage.db import Database
from bot.storage.models import Learner, Plan, Reminder, SearchMiss


@dataclass(frozen=True)
class Stats:
    learners: int
    active_learners: int
    active_plans: int
    paused_plans: int
    sent_last_day: int
    failed_last_day: int
    pending: int
    top_misses: list[tuple[str, int]]


async def collect(db: Database, now: datetime) -> Stats:
    day_ago = now - timedelta(days=1)
    async with db.session() as session:

        async def count(*conditions: object, model: type = Reminder) -> int:
            query = select(func.count()).select_from(model).where(*conditions)  # type: ignore[arg-type]
            return int((await session.exec(query)).one())

        misses = (
            await session.exec(select(SearchMiss).order_by(col(SearchMiss.count).desc()).limit(5))
        ).all()
        return Stats(
            learners=await count(model=Learner),
            active_learners=await count(col(Learner.active).is_(True), model=Learner),
            active_plans=await count(col(Plan.status) == "active", model=Plan),
            paused_plans=await count(col(Plan.status) == "paused", model=Plan),
            sent_last_day=await count(col(Reminder.sent_at) >= day_ago, col(Reminder.last_error).is_(None)),
            failed_last_day=await count(
                col(Reminder.last_error).is_not(None),
                or_(col(Reminder.sent_at) >= day_ago, col(Reminder.due_at) >= day_ago),
            ),
            pending=await count(col(Reminder.sent_at).is_(None)),
            top_misses=[(m.term, m.count) for m in misses],
        )

