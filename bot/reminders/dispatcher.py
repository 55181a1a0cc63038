"""The reminder pipeline: claim due reminders, send them within Telegram's limits, mark them.

Guarantee (also in the README):
* **No reminder is lost.** A reminder row is claimed (a lease), sent, then marked sent in its
  own small transaction right after Telegram acknowledges it. A crash anywhere leaves the row
  unsent, and once the lease expires any dispatcher claims it again. Transient failures
  (timeouts, 5xx, dropped connections) release the claim with a back-off; a 429 waits
  `retry_after` and resends; a 403 (the learner blocked the bot) marks the learner inactive
  and stops their reminders until they /start again.
* **None is sent twice, except in one window:** between Telegram's acknowledgement of a send
  and the commit that marks it sent (a few milliseconds). A crash exactly there resends that
  one message after the lease expires.

Claims use `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so several dispatchers can share a
database; on SQLite the claim is a single UPDATE, which SQLite runs one writer at a time.
Memory does not grow with the number of learners: only one batch is held at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import or_, update
from sqlmodel import col, select

from bot.catalog.search import CourseInfo
from bot.reminders.limits import RateLimiter, SendLimiter
from bot.reminders.replies import PlanDue, reminder_message
from bot.replies import Reply
from bot.storage.db import Database
from bot.storage.models import Learner, Plan, Reminder
from bot.study.store import ACTIVE, done_positions, next_due

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a claim older than this is taken again
GRACE = timedelta(hours=2)  # reminders missed by more than this become one "welcome back"
BATCH_SIZE = 100
MAX_BATCHES_PER_RUN = 50
CONCURRENT_SENDS = 4  # enough for 30/s at Telegram's latency; more only adds contention
MAX_RETRY_AFTER_WAITS = 3


class SendStatus(Enum):
    SENT = "sent"
    RETRY_AFTER = "retry_after"  # 429: wait and resend
    BLOCKED = "blocked"  # 403: the learner blocked the bot
    FAILED = "failed"  # timeout, 5xx, network: try again later


@dataclass(frozen=True)
class SendResult:
    status: SendStatus
    retry_after: float = 0.0
    error: str = ""


Sender = Callable[[int, Reply], Awaitable[SendResult]]


@dataclass(frozen=True)
class _Outgoing:
    chat_id: int
    reply: Reply
    next_due: dict[int, datetime]  # plan id → its next reminder, if this one is sent


@dataclass
class DispatchReport:
    claimed: int = 0
    messages: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    skipped: int = 0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"




async def claim_due(
    db: Database, now: datetime, worker: str, batch: int = BATCH_SIZE, lease: timedelta = LEASE
) -> list[Reminder]:
    """Claim up to `batch` due reminders, oldest first, for this worker."""
    due = (
        select(Reminder.id)
        .where(
            col(Reminder.sent_at).is_(None),
            col(Reminder.due_at) <= now,
            or_(col(Reminder.claimed_at).is_(None), col(Reminder.claimed_at) < now - lease),
            or_(col(Reminder.retry_at).is_(None), col(Reminder.retry_at) <= now),
        )
        .order_by(col(Reminder.due_at))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(Reminder)
        .where(col(Reminder.id).in_(due.scalar_subquery()))
        .values(claimed_at=now, claimed_by=worker)
        .returning(col(Reminder.id))
    )
    async with db.session() as session:
        ids = list((await session.exec(claim)).scalars().all())  # type: ignore[call-overload]
        if not ids:
            return []
        rows = await session.exec(select(Reminder).where(col(Reminder.id).in_(ids)))
        return sorted(rows.all(), key=lambda r: r.due_at)


class ReminderDispatcher:
    """Sends due reminders; one per process, run every few seconds by the scheduler."""

    def __init__(
        self,
        db: Database,
        courses: Callable[[], dict[int, CourseInfo]],
        sender: Sender,
        default_tz: str,
        limiter: SendLimiter | None = None,
        worker: str | None = None,
        lease: timedelta = LEASE,
    ) -> None:
        self.db = db
        self.courses = courses
        self.sender = sender
        self.default_tz = default_tz
        self.limiter: SendLimiter = limiter or RateLimiter()
        self.worker = worker or worker_name()
        self.lease = lease
        self.stopping = False
        self._write_lock = asyncio.Lock()

    async def run_once(self, now: Callable[[], datetime]) -> DispatchReport:
        """Claim and send batches until nothing is due (bounded per run)."""
        report = DispatchReport()
        for _ in range(MAX_BATCHES_PER_RUN):
            if self.stopping:
                break
            claimed = await claim_due(self.db, now(), self.worker, lease=self.lease)
            if not claimed:
                break
            report.claimed += len(claimed)
            by_learner: dict[int, list[Reminder]] = defaultdict(list)
            for reminder in claimed:
                by_learner[reminder.learner_id].append(reminder)
            gate = asyncio.Semaphore(CONCURRENT_SENDS)
            await asyncio.gather(*(self._gated(gate, k, v, now, report) for k, v in by_learner.items()))
        return report

    async def _gated(
        self,
        gate: asyncio.Semaphore,
        learner_id: int,
        reminders: list[Reminder],
        now: Callable[[], datetime],
        report: DispatchReport,
    ) -> None:
        async with gate:
            try:
                await self._deliver(learner_id, reminders, now, report)
            except Exception:  # e.g. the database went away mid-send: retry later, never lose
                log.exception("Delivering reminders to learner %s failed", learner_id)
                with contextlib.suppress(Exception):
                    await self._release(reminders, now(), "delivery error")
                report.failed += len(reminders)

    async def _deliver(
        self,
        learner_id: int,
        reminders: list[Reminder],
        now: Callable[[], datetime],
        report: DispatchReport,
    ) -> None:
        if self.stopping:
            # Shutting down: hand the claim back so the next start sends it at once.
            await self._release(reminders, now(), "shutdown", backoff=False)
            return
        try:
            message = await self._compose(learner_id, reminders, now())
        except Exception:  # a bug must not lose the reminders: release them for a retry
            log.exception("Could not compose reminders for learner %s", learner_id)
            await self._release(reminders, now(), "compose error")
            report.failed += len(reminders)
            return
        if message is None:
            await self._finish(reminders, now(), error="plan not active")
            report.skipped += len(reminders)
            return
        result = await self._send(message.chat_id, message.reply, reminders, now)
        if result is None:  # taken over by another dispatcher after our lease ran out
            return
        if result.status is SendStatus.SENT:
            await self._finish(reminders, now(), next_due_by_plan=message.next_due)
            report.messages += 1
            report.sent += len(reminders)
        elif result.status is SendStatus.BLOCKED:
            await self._blocked(learner_id, reminders, now())
            report.blocked += len(reminders)
        else:
            await self._release(reminders, now(), result.error or result.status.value)
            report.failed += len(reminders)

    async def _still_ours(self, reminders: list[Reminder], now: datetime) -> bool:
        """Renew our claim right before sending; False if another dispatcher took it over.

        A claim is only taken over once it is older than the lease, so renewing it here keeps
        a slow batch (rate limits, many instances) from being sent twice.
        """
        async with self._write_lock, self.db.session() as session:
            renewed = await session.exec(
                update(Reminder)
                .where(
                    col(Reminder.id).in_([r.id for r in reminders]),
                    col(Reminder.claimed_by) == self.worker,
                    col(Reminder.sent_at).is_(None),
                )
                .values(claimed_at=now)
            )  # type: ignore[call-overload]
            return bool(renewed.rowcount == len(reminders))

    async def _send(
        self, chat_id: int, reply: Reply, reminders: list[Reminder], now: Callable[[], datetime]
    ) -> SendResult | None:
        for _ in range(MAX_RETRY_AFTER_WAITS + 1):
            if not await self._still_ours(reminders, now()):
                return None
            await self.limiter.wait(chat_id)  # last: nothing may delay the send after its slot
            try:
                result = await self.sender(chat_id, reply)
            except Exception as error:  # unknown failures are retried later, never dropped
                log.warning("Sending a reminder failed: %s", type(error).__name__)
                return SendResult(SendStatus.FAILED, error=type(error).__name__)
            if result.status is not SendStatus.RETRY_AFTER:
                return result
            self.limiter.hold(result.retry_after)
            await asyncio.sleep(result.retry_after)
        return SendResult(SendStatus.FAILED, error="rate limited")

    async def _compose(self, learner_id: int, reminders: list[Reminder], now: datetime) -> _Outgoing | None:
        """The message for one learner, and each plan's next reminder (worked out before
        sending, so that marking "sent" afterwards is as short as possible)."""
        courses = self.courses()
        async with self.db.session() as session:
            learner = await session.get(Learner, learner_id)
            if learner is None or not learner.active:
                return None
            due: list[PlanDue] = []
            following: dict[int, datetime] = {}
            for reminder in reminders:
                plan = await session.get(Plan, reminder.plan_id)
                course = courses.get(plan.course_id) if plan else None
                if plan is None or plan.id is None or plan.status != ACTIVE or course is None:
                    continue
                following[plan.id] = next_due(plan, learner, self.default_tz, max(now, reminder.due_at))
                due.append(PlanDue(plan, course, await done_positions(session, plan.id)))
        if not due:
            return None
        missed = all(now - r.due_at > GRACE for r in reminders)
        return _Outgoing(learner.chat_id, reminder_message(due, welcome_back=missed), following)

    async def _finish(
        self,
        reminders: list[Reminder],
        now: datetime,
        error: str | None = None,
        next_due_by_plan: dict[int, datetime] | None = None,
    ) -> None:
        """Mark sent at once, then schedule each plan's next reminder.

        Marking runs right after Telegram's acknowledgement, and the time it takes is the
        crash window in which a reminder could be sent twice: so it is one UPDATE in its own
        transaction, one writer at a time (SQLite would otherwise make writers wait and
        retry). Should the process die before the next reminder is written, `repair_plans`
        writes it at the next start.
        """
        async with self._write_lock, self.db.session() as session:
            await session.exec(
                update(Reminder)
                .where(col(Reminder.id).in_([r.id for r in reminders]), col(Reminder.sent_at).is_(None))
                .values(sent_at=now, last_error=error)
            )  # type: ignore[call-overload]
        if next_due_by_plan:
            async with self._write_lock:  # queued behind other messages' "sent" marks
                await self._schedule_next(reminders[0].learner_id, next_due_by_plan)

    async def _schedule_next(self, learner_id: int, following: dict[int, datetime]) -> None:
        async with self.db.session() as session:
            await session.exec(
                update(Plan)
                .where(col(Plan.id).in_(list(following)), col(Plan.status) == ACTIVE)
                .values(reminders_sent=Plan.reminders_sent + 1)
            )  # type: ignore[call-overload]
            # Snooze or Skip may already have set a plan's next reminder: keep that one.
            already = set(
                (await session.exec(
                    select(Reminder.plan_id).where(
                        col(Reminder.plan_id).in_(list(following)), col(Reminder.sent_at).is_(None)
                    )
                )).all()
            )  # fmt: skip
            for plan_id, due in following.items():
                if plan_id not in already:
                    session.add(Reminder(plan_id=plan_id, learner_id=learner_id, due_at=due))

    async def _release(
        self, reminders: list[Reminder], now: datetime, error: str, backoff: bool = True
    ) -> None:
        """A transient failure: give the claim back, with a back-off before the next try."""
        async with self._write_lock, self.db.session() as session:
            for reminder in reminders:
                row = await session.get(Reminder, reminder.id)
                if row is None or row.sent_at is not None:
                    continue
                row.claimed_at = None
                row.claimed_by = None
                if backoff:
                    row.attempts += 1
                    row.retry_at = now + min(timedelta(seconds=5 * 2**row.attempts), timedelta(minutes=10))
                    row.last_error = error[:200]
                session.add(row)

    async def _blocked(self, learner_id: int, reminders: list[Reminder], now: datetime) -> None:
        """The learner blocked the bot: stop their reminders until they /start again."""
        async with self._write_lock, self.db.session() as session:
            learner = await session.get(Learner, learner_id)
            if learner is not None:
                learner.active = False
                session.add(learner)
            await session.exec(
                update(Reminder)
                .where(col(Reminder.learner_id) == learner_id, col(Reminder.sent_at).is_(None))
                .values(sent_at=now, last_error="blocked")
            )  # type: ignore[call-overload]




async def repair_plans(db: Database, now: datetime, default_tz: str) -> int:
    """Give every active plan without an unsent reminder its next one (run at start-up).

    Covers a crash between marking a reminder sent and writing the plan's next one.
    """
    unsent = select(Reminder.id).where(Reminder.plan_id == Plan.id, col(Reminder.sent_at).is_(None))
    async with db.session() as session:
        orphans = (await session.exec(
            select(Plan).where(Plan.status == ACTIVE, ~unsent.exists())
        )).all()  # fmt: skip
        for plan in orphans:
            learner = await session.get(Learner, plan.learner_id)
            if learner is None or not learner.active:
                continue
            assert plan.id is not None
            due = next_due(plan, learner, default_tz, now)
            session.add(Reminder(plan_id=plan.id, learner_id=plan.learner_id, due_at=due))
        return len(orphans)
