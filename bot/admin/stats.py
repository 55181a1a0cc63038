"""Operator statistics for /stats, queried: counts only, never a learner's identity or text.

The wording is in `bot/admin/replies.py`. A dead reminder's reason is Telegram's error
description (e.g. "Bad Request: message is too long"), which never contains the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from bot.storage.db import Database
from bot.storage.models import BLOCKED, DEAD, SENT, Learner, Plan, Reminder, SearchMiss


@dataclass(frozen=True)
class Stats:
    learners: int
    active_learners: int
    active_plans: int
    paused_plans: int
    sent_last_day: int
    failed_last_day: int  # dead or blocked
    pending: int
    top_misses: list[tuple[str, int]]
    dead_last_day: int = 0
    blocked_last_day: int = 0
    retrying: int = 0  # pending after at least one failed attempt
    dead_reasons: list[tuple[str, int]] | None = None  # last 24 h, most frequent first


async def collect(db: Database, now: datetime) -> Stats:
    day_ago = now - timedelta(days=1)
    async with db.session() as session:

        async def count(*conditions: object, model: type = Reminder) -> int:
            query = select(func.count()).select_from(model).where(*conditions)  # type: ignore[arg-type]
            return int((await session.exec(query)).one())

        misses = (
            await session.exec(select(SearchMiss).order_by(col(SearchMiss.count).desc()).limit(5))
        ).all()
        recent = col(Reminder.sent_at) >= day_ago
        reasons = (
            await session.exec(
                select(Reminder.last_error, func.count())
                .where(col(Reminder.state) == DEAD, recent)
                .group_by(col(Reminder.last_error))
                .order_by(func.count().desc())
                .limit(3)
            )
        ).all()
        dead = await count(col(Reminder.state) == DEAD, recent)
        blocked = await count(col(Reminder.state) == BLOCKED, recent)
        return Stats(
            learners=await count(model=Learner),
            active_learners=await count(col(Learner.active).is_(True), model=Learner),
            active_plans=await count(col(Plan.status) == "active", model=Plan),
            paused_plans=await count(col(Plan.status) == "paused", model=Plan),
            sent_last_day=await count(col(Reminder.state) == SENT, recent),
            failed_last_day=dead + blocked,
            pending=await count(col(Reminder.sent_at).is_(None)),
            top_misses=[(m.term, m.count) for m in misses],
            dead_last_day=dead,
            blocked_last_day=blocked,
            retrying=await count(col(Reminder.sent_at).is_(None), col(Reminder.attempts) > 0),
            dead_reasons=[(reason or "unknown", int(n)) for reason, n in reasons],
        )
