"""The reminder pipeline: claim due reminders, send them within Telegram's limits, mark them.

The delivery guarantee, exactly (the README says the same):

* **At most one pending reminder per plan**, enforced by the schema (a unique partial index
  on `reminder.plan_id WHERE sent_at IS NULL`): instances repairing the same plan at once,
  or a repair racing a send, cannot leave two.
* **Claims are leases timed by the database's clock.** A claim sets `claimed_at` to the
  database's `now()` (`CURRENT_TIMESTAMP` on SQLite), and another dispatcher may take the
  row only once `claimed_at` is older than the lease by that same clock: instances on
  machines with skewed clocks agree. While a dispatcher holds claims, a heartbeat renews
  them every quarter lease: through waits for a send slot, 429 waits, the send itself and
  the retries of the "sent" mark. (Due and retry times are schedule times, compared with
  the app's clock; being early or late by a skew never sends anything twice.)
* **Right before each send**, after its send slot was granted, one UPDATE renews the claim
  only if the row is still this dispatcher's, still unsent, its plan still active and its
  learner still active. Anything else (taken over, paused, snoozed, skipped, /forget,
  blocked) sends nothing; whatever is still this dispatcher's is handed back at once and
  composed again (without the paused plan) when next claimed.
* **Once Telegram acknowledged a send**, "sent" and each plan's next reminder are written
  in one transaction, retried until written (a locked or unreachable database only delays
  it); the claim is never released, and the heartbeat keeps it.
* **Failures.** A 429 is handled here, not by the library (the bot sending reminders does
  not retry 429 itself): the dispatcher holds every send for `retry_after`, keeps its
  lease, then waits for a slot, checks again and resends (at most `MAX_RETRY_AFTER_WAITS`
  times per claim). A 403 or "chat not found" marks the learner inactive and closes their
  reminders as `blocked` until they /start again. Another 400 is permanent: after
  `MAX_PERMANENT_ATTEMPTS` attempts the reminder is `dead`, with Telegram's reason, in
  /stats and the log, and the plan's next reminder is written. Timeouts, 5xx and dropped
  connections back off exponentially, capped at `BACKOFF_CAP`, and end `dead` after
  `MAX_ATTEMPTS`. A merged message too long for Telegram is split (`reminder_messages`).
* **Repair** runs every `REPAIR_EVERY` (not only at start-up) and gives every active plan
  without a pending reminder its next one.

So no reminder is lost, and none is sent twice except in these windows, each ending in
exactly one resend:

1. **Crash after the acknowledgement.** The process dies (or is stopped and cannot write
   for `STOP_GRACE`) after Telegram accepted a message and before "sent" is committed: once
   the lease expires the message is sent again.
2. **Timeout after acceptance.** A send that times out or loses its connection may still
   have reached Telegram; it counts as failed and is sent again after the back-off.
3. **A frozen or cut-off sender.** A process frozen (or cut off from the database while it
   can still reach Telegram) for longer than the lease between its last check and
   Telegram receiving the message, while another instance takes the reminder over.

Pressing Pause (or /forget) in the milliseconds between the last check and the send does
not stop that one reminder.

Claims use `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so several dispatchers can share
a database; on SQLite the claim is a single UPDATE, which SQLite runs one writer at a time.
Memory does not grow with the number of learners: only one batch is held at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import exists, func, literal_column, or_, update
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.search import CourseInfo
from bot.reminders.limits import RateLimiter, SendLimiter
from bot.reminders.replies import PlanDue, reminder_messages
from bot.replies import Reply
from bot.storage.db import Database
from bot.storage.models import BLOCKED, DEAD, PENDING, SENT, SKIPPED, Learner, Plan, Reminder
from bot.study.store import ACTIVE, PAUSED, RESUME, done_positions, next_due

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a claim older than this (by the database's clock) is taken again
GRACE = timedelta(hours=2)  # reminders missed by more than this become one "welcome back"
BATCH_SIZE = 100
MAX_BATCHES_PER_RUN = 50
CONCURRENT_SENDS = 8  # 30/s at Telegram's latency plus each send's on-time delay (handlers.limits)
MAX_RETRY_AFTER_WAITS = 3  # 429s within one claim; then the claim is released with a back-off
MAX_PERMANENT_ATTEMPTS = 3  # a 400 is tried this often, then the reminder is dead
MAX_ATTEMPTS = 40  # any failure: about six hours at the capped back-off, then dead
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=10)
REPAIR_EVERY = timedelta(minutes=5)
STOP_GRACE = 10.0  # seconds a stopping dispatcher keeps retrying a "sent" mark


class SendStatus(Enum):
    SENT = "sent"
    RETRY_AFTER = "retry_after"  # 429: wait and resend
    BLOCKED = "blocked"  # 403 or "chat not found": the learner blocked the bot
    PERMANENT = "permanent"  # any other 400: resending the same message will fail again
    FAILED = "failed"  # timeout, 5xx, network: try again later


@dataclass(frozen=True)
class SendResult:
    status: SendStatus
    retry_after: float = 0.0
    error: str = ""


Sender = Callable[[int, Reply], Awaitable[SendResult]]


@dataclass(frozen=True)
class _Outgoing:
    """One message and the reminders it delivers (a learner's may need several messages)."""

    chat_id: int
    reply: Reply
    reminders: list[Reminder]
    next_due: dict[int, datetime]  # plan id → its next reminder, once this one is settled


@dataclass
class DispatchReport:
    claimed: int = 0
    messages: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    dead: int = 0
    skipped: int = 0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff(attempts: int) -> timedelta:
    """The wait before attempt `attempts + 1`: doubling from `BACKOFF_BASE`, capped."""
    doublings = min(max(attempts, 0), 20)  # 2**20 × 5 s is far past the cap: no overflow
    wait: timedelta = BACKOFF_BASE * (2**doublings)
    return min(wait, BACKOFF_CAP)


def db_now(db: Database, minus: timedelta = timedelta(0)) -> ColumnElement[Any]:
    """The database's clock, as SQL (minus `minus`): what every lease is measured by.

    SQLite stores times as "YYYY-MM-DD HH:MM:SS.ffffff" text in UTC; `strftime('%f')` gives
    milliseconds, padded to the same width so that text comparison orders correctly.
    """
    seconds = f"{minus.total_seconds():.3f}"
    if db.is_sqlite:
        return literal_column(f"(strftime('%Y-%m-%d %H:%M:%f', 'now', '-{seconds} seconds') || '000')")
    return literal_column(f"(now() - interval '{seconds} seconds')")


async def claim_due(
    db: Database, now: datetime, worker: str, batch: int = BATCH_SIZE, lease: timedelta = LEASE
) -> list[Reminder]:
    """Claim up to `batch` due reminders, oldest first, for this worker.

    `now` (the app's clock) decides what is due; the lease is judged by the database's clock.
    """
    due = (
        select(Reminder.id)
        .where(
            col(Reminder.sent_at).is_(None),
            col(Reminder.due_at) <= now,
            or_(col(Reminder.claimed_at).is_(None), col(Reminder.claimed_at) < db_now(db, lease)),
            or_(col(Reminder.retry_at).is_(None), col(Reminder.retry_at) <= now),
        )
        .order_by(col(Reminder.due_at))
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    claim = (
        update(Reminder)
        .where(col(Reminder.id).in_(due.scalar_subquery()))
        .values(claimed_at=db_now(db), claimed_by=worker)
        .returning(col(Reminder.id))
    )
    async with db.session() as session:
        ids = list((await session.exec(claim)).scalars().all())  # type: ignore[call-overload]
        if not ids:
            return []
        rows = await session.exec(select(Reminder).where(col(Reminder.id).in_(ids)))
        return sorted(rows.all(), key=lambda r: r.due_at)


async def next_due_after(db: Database, moment: datetime) -> datetime | None:
    """When the next unsent reminder falls due after `moment` (the terminal chat's /tick
    jumps from one to the next, so each arrives at its own time)."""
    async with db.session() as session:
        unsent_later = (col(Reminder.sent_at).is_(None), col(Reminder.due_at) > moment)
        found = await session.exec(select(func.min(Reminder.due_at)).where(*unsent_later))
        return found.one()


async def add_pending(db: Database, session: AsyncSession, rows: Sequence[tuple[int, int, datetime]]) -> int:
    """Insert (plan id, learner id, due) reminders, except for plans that already have a
    pending one; returns how many were written.

    `ON CONFLICT DO NOTHING` against the unique partial index: whoever writes first wins,
    and nobody's transaction fails because of the other.
    """
    values = [
        {
            "plan_id": plan_id, "learner_id": learner_id, "due_at": due, "kind": "study",
            "state": PENDING, "attempts": 0,
        }
        for plan_id, learner_id, due in rows
    ]  # fmt: skip
    if not values:
        return 0
    insert = sqlite_insert if db.is_sqlite else postgres_insert
    result = await session.exec(insert(Reminder).values(values).on_conflict_do_nothing())  # type: ignore[call-overload]
    return max(int(result.rowcount or 0), 0)


class ReminderDispatcher:
    """Sends due reminders; one per process, run every few seconds by the scheduler."""

    mark_retry_pause = 0.2  # first pause between attempts to write "sent"; doubles up to 5 s

    def __init__(
        self,
        db: Database,
        courses: Callable[[], dict[int, CourseInfo]],
        sender: Sender,
        default_tz: str,
        limiter: SendLimiter | None = None,
        worker: str | None = None,
        lease: timedelta = LEASE,
        repair_every: timedelta = REPAIR_EVERY,
    ) -> None:
        self.db = db
        self.courses = courses
        self.sender = sender
        self.default_tz = default_tz
        self.limiter: SendLimiter = limiter or RateLimiter()
        self.worker = worker or worker_name()
        self.lease = lease
        self.repair_every = repair_every
        self.stopping = False
        # SQLite runs one writer at a time and would make the others wait and retry, so this
        # process queues its own writes; PostgreSQL takes concurrent writers as they come.
        self._write_lock: contextlib.AbstractAsyncContextManager[Any] = (
            asyncio.Lock() if db.is_sqlite else contextlib.nullcontext()
        )
        self._last_repair: float | None = None

    async def run_once(self, now: Callable[[], datetime]) -> DispatchReport:
        """Repair if it is time, then claim and send batches until nothing is due (bounded)."""
        report = DispatchReport()
        await self._repair_if_due(now())
        async with self._heartbeat():
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

    async def _repair_if_due(self, now: datetime) -> None:
        clock = time.monotonic()
        if self._last_repair is not None and clock - self._last_repair < self.repair_every.total_seconds():
            return
        self._last_repair = clock
        try:
            repaired = await repair_plans(self.db, now, self.default_tz)
        except Exception:  # the next run tries again; sending goes on meanwhile
            log.exception("Repairing plans without a pending reminder failed")
            return
        if repaired:
            log.warning("Gave %d plan(s) without a pending reminder their next one", repaired)

    @contextlib.asynccontextmanager
    async def _heartbeat(self) -> AsyncIterator[None]:
        """Renew every claim this dispatcher holds every quarter lease while the block runs."""

        async def beat() -> None:
            every = max(self.lease.total_seconds() / 4, 0.05)
            while True:
                await asyncio.sleep(every)
                try:
                    # Rows locked right now are being checked or settled: skip, don't wait.
                    mine = (
                        select(Reminder.id)
                        .where(col(Reminder.claimed_by) == self.worker, col(Reminder.sent_at).is_(None))
                        .with_for_update(skip_locked=True)
                    )
                    async with self._write_lock, self.db.session() as session:
                        await session.exec(
                            update(Reminder)
                            .where(col(Reminder.id).in_(mine.scalar_subquery()))
                            .values(claimed_at=db_now(self.db))
                        )  # type: ignore[call-overload]
                except Exception as error:  # e.g. the database is locked: try again next beat
                    log.warning("Renewing reminder claims failed: %s", type(error).__name__)

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

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
            except Exception:  # e.g. the database went away before sending: retry later
                log.exception("Delivering reminders to learner %s failed", learner_id)
                with contextlib.suppress(Exception):
                    await self._fail(reminders, now(), "delivery error", permanent=False, following={})
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
            await self._release(reminders)
            return
        try:
            parts, inactive = await self._compose(learner_id, reminders, now())
        except Exception:  # a bug must not lose the reminders: release them for a retry
            log.exception("Could not compose reminders for learner %s", learner_id)
            await self._fail(reminders, now(), "compose error", permanent=False, following={})
            report.failed += len(reminders)
            return
        if inactive:
            await self._settle(inactive, now(), SKIPPED, "plan not active", {}, ours_only=True)
            report.skipped += len(inactive)
        for part in parts:
            if self.stopping:
                await self._release(part.reminders)
                continue
            await self._deliver_part(part, now, report)

    async def _deliver_part(
        self, part: _Outgoing, now: Callable[[], datetime], report: DispatchReport
    ) -> None:
        result = SendResult(SendStatus.FAILED, error="rate limited")
        for _ in range(MAX_RETRY_AFTER_WAITS + 1):
            await self.limiter.wait(part.chat_id)  # the slot first, then the check: nothing in between
            if not await self._still_deliverable(part.reminders, now()):
                return
            try:
                result = await self.sender(part.chat_id, part.reply)
            except Exception as crash:  # unknown failures are retried later, never dropped
                log.warning("Sending a reminder failed: %s", type(crash).__name__)
                result = SendResult(SendStatus.FAILED, error=type(crash).__name__)
            if result.status is not SendStatus.RETRY_AFTER:
                break
            self.limiter.hold(result.retry_after)
            await asyncio.sleep(result.retry_after)  # the heartbeat keeps the lease meanwhile
            result = SendResult(SendStatus.FAILED, error="rate limited")
        count = len(part.reminders)
        if result.status is SendStatus.SENT:
            await self._settle_sent(part, now)
            report.messages += 1
            report.sent += count
        elif result.status is SendStatus.BLOCKED:
            await self._blocked(part.reminders[0].learner_id, now())
            report.blocked += count
        else:
            permanent = result.status is SendStatus.PERMANENT
            error = result.error or result.status.value
            if await self._fail(part.reminders, now(), error, permanent=permanent, following=part.next_due):
                report.dead += count
            else:
                report.failed += count

    async def _still_deliverable(self, reminders: list[Reminder], now: datetime) -> bool:
        """Right before sending: renew the claim if every reminder is still ours to send.

        Still ours (not taken over after a lapsed lease), unsent (not settled or deleted by
        Pause, Snooze, Skip or /forget), its plan active and its learner active. Otherwise the
        message no longer matches: nothing is sent now, and whatever is still ours is handed
        back to be composed again (or closed as skipped) on the next run.
        """
        ids = [r.id for r in reminders]
        plan_active = exists().where(col(Plan.id) == col(Reminder.plan_id), col(Plan.status) == ACTIVE)
        learner_active = exists().where(col(Learner.id) == col(Reminder.learner_id), col(Learner.active))
        async with self._write_lock, self.db.session() as session:
            renewed = await session.exec(
                update(Reminder)
                .where(
                    col(Reminder.id).in_(ids),
                    col(Reminder.claimed_by) == self.worker,
                    col(Reminder.sent_at).is_(None),
                    plan_active,
                    learner_active,
                )
                .values(claimed_at=db_now(self.db))
                .returning(col(Reminder.id))
            )  # type: ignore[call-overload]
            left = set(renewed.scalars().all())
        if left == set(ids):
            return True
        await self._release(reminders)
        return False

    async def _compose(
        self, learner_id: int, reminders: list[Reminder], now: datetime
    ) -> tuple[list[_Outgoing], list[Reminder]]:
        """The messages for one learner (split to fit Telegram), and reminders whose plan is
        no longer active. Each plan's next reminder is worked out here, before sending."""
        courses = self.courses()
        async with self.db.session() as session:
            learner = await session.get(Learner, learner_id)
            if learner is None or not learner.active:
                return [], reminders
            due: list[PlanDue] = []
            of_plan: dict[int, Reminder] = {}
            following: dict[int, datetime] = {}
            inactive: list[Reminder] = []
            for reminder in reminders:
                plan = await session.get(Plan, reminder.plan_id)
                course = courses.get(plan.course_id) if plan else None
                if plan is not None and plan.status == PAUSED and reminder.kind == RESUME and course:
                    # "pause for a week": the day has come; the plan goes on with this reminder
                    plan.status, plan.updated_at = ACTIVE, now
                    session.add(plan)
                if plan is None or plan.id is None or plan.status != ACTIVE or course is None:
                    inactive.append(reminder)
                    continue
                following[plan.id] = next_due(plan, learner, self.default_tz, max(now, reminder.due_at))
                of_plan[plan.id] = reminder
                due.append(PlanDue(plan, course, await done_positions(session, plan.id)))
        missed = all(now - r.due_at > GRACE for r in reminders)
        parts = []
        for group, reply in reminder_messages(due, welcome_back=missed):
            plan_ids = [d.plan.id for d in group if d.plan.id is not None]
            mine = [of_plan[p] for p in plan_ids]
            parts.append(_Outgoing(learner.chat_id, reply, mine, {p: following[p] for p in plan_ids}))
        return parts, inactive

    async def _settle_sent(self, part: _Outgoing, now: Callable[[], datetime]) -> None:
        """Telegram has the message: write "sent" and the next reminders, retrying until written.

        The claim is never handed back (that would send the message again), and the
        heartbeat keeps renewing it while the database refuses the write. Only a stopping
        process gives up, after `STOP_GRACE` seconds: window 1 of the guarantee.
        """
        pause = self.mark_retry_pause
        give_up_at: float | None = None
        while True:
            try:
                await self._settle(part.reminders, now(), SENT, None, part.next_due, ours_only=False)
                return
            except Exception as error:
                log.warning("Recording a sent reminder failed (%s); retrying", type(error).__name__)
            if self.stopping:
                give_up_at = give_up_at or time.monotonic() + STOP_GRACE
                if time.monotonic() > give_up_at:
                    log.error("Stopped before recording a sent reminder: it will be sent again")
                    return
            await asyncio.sleep(pause)
            pause = min(pause * 2, 5.0)

    async def _settle(
        self,
        reminders: list[Reminder],
        now: datetime,
        state: str,
        error: str | None,
        following: dict[int, datetime],
        *,
        ours_only: bool,
    ) -> list[int]:
        """In one transaction: close the reminders with `state`, and write each active plan's
        next reminder (unless Snooze or Skip already wrote one). Returns the plans closed.

        "sent" is written whoever holds the claim now (Telegram has the message either way);
        other states only while the claim is still ours.
        """
        conditions: list[ColumnElement[bool]] = [
            col(Reminder.id).in_([r.id for r in reminders]),
            col(Reminder.sent_at).is_(None),
        ]
        if ours_only:
            conditions.append(col(Reminder.claimed_by) == self.worker)
        async with self._write_lock, self.db.session() as session:
            closed = await session.exec(
                update(Reminder)
                .where(*conditions)
                .values(sent_at=now, state=state, last_error=error)
                .returning(col(Reminder.plan_id))
            )  # type: ignore[call-overload]
            plan_ids = list(closed.scalars().all())
            wanted = [p for p in plan_ids if p in following]
            if wanted:
                active = (col(Plan.id).in_(wanted), col(Plan.status) == ACTIVE)
                going_on: list[int]
                if state == SENT:  # count it (the if-then plan is quoted every third one)
                    counted = update(Plan).where(*active).values(reminders_sent=Plan.reminders_sent + 1)
                    result = await session.exec(counted.returning(col(Plan.id)))  # type: ignore[call-overload]
                    going_on = list(result.scalars().all())
                else:
                    going_on = [p for p in (await session.exec(select(Plan.id).where(*active))).all() if p]
                learner_of = {r.plan_id: r.learner_id for r in reminders}
                rows = [(p, learner_of[p], following[p]) for p in going_on]
                await add_pending(self.db, session, rows)
        return plan_ids

    async def _release(self, reminders: list[Reminder]) -> None:
        """Hand claims back untouched, to be claimed again at once (shutdown, a stale message)."""
        async with self._write_lock, self.db.session() as session:
            await session.exec(
                update(Reminder)
                .where(
                    col(Reminder.id).in_([r.id for r in reminders]),
                    col(Reminder.claimed_by) == self.worker,
                    col(Reminder.sent_at).is_(None),
                )
                .values(claimed_at=None, claimed_by=None)
            )  # type: ignore[call-overload]

    async def _fail(
        self,
        reminders: list[Reminder],
        now: datetime,
        error: str,
        *,
        permanent: bool,
        following: dict[int, datetime],
    ) -> bool:
        """A failed send: back off and release, or, past the bound, close the reminders as
        dead (logged with the reason) and schedule the plans' next ones. True when dead."""
        error = error[:200]
        limit = MAX_PERMANENT_ATTEMPTS if permanent else MAX_ATTEMPTS
        dead: list[Reminder] = []
        async with self._write_lock, self.db.session() as session:
            for reminder in reminders:
                row = await session.get(Reminder, reminder.id)
                if row is None or row.sent_at is not None or row.claimed_by != self.worker:
                    continue
                row.attempts += 1
                row.last_error = error
                if row.attempts >= limit:
                    dead.append(row)
                    continue
                row.claimed_at = None
                row.claimed_by = None
                row.retry_at = now + backoff(row.attempts)
                session.add(row)
        if not dead:
            return False
        closed = await self._settle(dead, now, DEAD, error, following, ours_only=True)
        for reminder in dead:
            log.warning("Reminder %s is dead after %d attempts: %s", reminder.id, reminder.attempts, error)
        return bool(closed)

    async def _blocked(self, learner_id: int, now: datetime) -> None:
        """The learner blocked the bot: stop their reminders until they /start again."""
        async with self._write_lock, self.db.session() as session:
            learner = await session.get(Learner, learner_id)
            if learner is not None:
                learner.active = False
                session.add(learner)
            await session.exec(
                update(Reminder)
                .where(col(Reminder.learner_id) == learner_id, col(Reminder.sent_at).is_(None))
                .values(sent_at=now, state=BLOCKED, last_error="blocked")
            )  # type: ignore[call-overload]


async def repair_plans(db: Database, now: datetime, default_tz: str) -> int:
    """Give every active plan without a pending reminder its next one; returns how many.

    Run at start-up and every `REPAIR_EVERY` by each dispatcher. Several instances may run
    it at once: the unique index lets only one pending reminder per plan be written.
    """
    pending = select(Reminder.id).where(Reminder.plan_id == Plan.id, col(Reminder.sent_at).is_(None))
    learner_active = exists().where(col(Learner.id) == col(Plan.learner_id), col(Learner.active))
    async with db.session() as session:
        orphans = (await session.exec(
            select(Plan).where(Plan.status == ACTIVE, ~pending.exists(), learner_active)
        )).all()  # fmt: skip
        rows = []
        for plan in orphans:
            learner = await session.get(Learner, plan.learner_id)
            assert plan.id is not None
            rows.append((plan.id, plan.learner_id, next_due(plan, learner, default_tz, now)))
        return await add_pending(db, session, rows)
