"""Operator statistics for /stats: counts only, never a learner's identity or text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import col, select

from bot.db import Database
from bot.models import Learner, Plan, Reminder, SearchMiss
from bot.replies import Reply, esc


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


def render(stats: Stats) -> Reply:
    lines = [
        "<b>Microcred Advisor — statistics</b>",
        f"Learners: {stats.learners} ({stats.active_learners} active)",
        f"Study plans: {stats.active_plans} active, {stats.paused_plans} paused",
        f"Reminders, last 24 h: {stats.sent_last_day} sent, {stats.failed_last_day} failed or blocked",
        f"Reminders waiting: {stats.pending}",
    ]
    if stats.top_misses:
        lines.append("Searches with no good match:")
        lines += [f"• {esc(term)} ({count})" for term, count in stats.top_misses]
    return Reply("\n".join(lines))
