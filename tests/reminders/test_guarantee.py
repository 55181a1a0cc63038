"""Each clause and each window of the delivery guarantee (`bot/reminders/dispatcher.py`).

Items about several instances run on SQLite and on PostgreSQL (the `world` fixture).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import col, select

import bot.reminders.dispatcher as dispatcher_module
from bot.admin.replies import render
from bot.admin.stats import collect
from bot.catalog.search import CourseInfo
from bot.clock import ManualClock
from bot.learners import touch_learner
from bot.privacy import forget_learner
from bot.reminders.dispatcher import (
    BACKOFF_CAP,
    MAX_ATTEMPTS,
    MAX_PERMANENT_ATTEMPTS,
    ReminderDispatcher,
    SendResult,
    SendStatus,
    backoff,
    claim_due,
    repair_plans,
)
from bot.reminders.limits import RateLimiter
from bot.reminders.replies import MAX_PLANS_PER_MESSAGE, TEXT_LIMIT, telegram_length
from bot.replies import Reply
from bot.storage.db import Database
from bot.storage.models import DEAD, SENT, Plan, Reminder
from bot.study.store import PAUSED, PlanDraft, create_plan, set_status, snooze
from tests.reminders.test_dispatcher import (
    MONDAY_8AM,
    TZ,
    FakeSender,
    age_claims,
    enrol,
    fast_limiter,
    pending,
    self_paced,
)

World = tuple[Database, dict[int, CourseInfo]]
Hook = Callable[[], Awaitable[object]]


def make(db: Database, courses: dict[int, CourseInfo], sender: Any, **kw: Any) -> ReminderDispatcher:
    kw.setdefault("limiter", fast_limiter())
    return ReminderDispatcher(db, lambda: courses, sender, TZ, **kw)


async def due_plan(world: World, user_id: int) -> tuple[ManualClock, Plan]:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, user_id, self_paced(courses))
    clock.advance(timedelta(hours=12))
    return clock, plan


async def all_reminders(db: Database, plan_id: int | None) -> list[Reminder]:
    async with db.session() as session:
        return list((await session.exec(select(Reminder).where(Reminder.plan_id == plan_id))).all())


# --- (a) the "sent" mark fails: retried until written, the claim kept ----------------------


class FlakyMarks(ReminderDispatcher):
    """Writing "sent" fails `failures` times (say, `database is locked`); meanwhile a rival
    dispatcher, whose lease check sees this claim older than the lease unless renewed, runs."""

    failures = 2
    rival: ReminderDispatcher | None = None
    rival_claimed = 0

    async def _settle(self, reminders: list[Reminder], now: datetime, state: str, *a: Any, **kw: Any) -> Any:
        if state == SENT and self.failures > 0:
            self.failures -= 1
            await asyncio.sleep(self.lease.total_seconds() * 1.5)  # longer than the lease
            if self.rival is not None:
                self.rival_claimed += (await self.rival.run_once(lambda: now)).claimed
            raise OperationalError("UPDATE reminder", {}, Exception("database is locked"))
        return await super()._settle(reminders, now, state, *a, **kw)


async def test_a_failed_sent_mark_is_retried_and_the_claim_is_never_given_up(world: World) -> None:
    db, courses = world
    clock, plan = await due_plan(world, 21)
    sender, rival_sender = FakeSender(), FakeSender()
    worker = FlakyMarks(db, lambda: courses, sender, TZ, limiter=fast_limiter(), lease=timedelta(seconds=1))
    worker.mark_retry_pause = 0.05
    other = Database(db.url)
    worker.rival = make(other, courses, rival_sender, lease=timedelta(seconds=1))
    report = await worker.run_once(clock.now)
    await other.dispose()
    assert worker.failures == 0 and worker.rival_claimed == 0 and rival_sender.sent == []
    assert report.sent == 1 and len(sender.sent) == 1
    rows = await all_reminders(db, plan.id)
    assert sorted(r.state for r in rows) == ["pending", SENT]  # marked, and the next one written


async def test_sent_mark_and_next_reminder_are_one_transaction(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scheduling the next reminder fails once: "sent" is not left without the next one."""
    db, courses = world
    clock, plan = await due_plan(world, 22)
    real = dispatcher_module.add_pending
    failures = [1]

    async def failing_once(*args: Any, **kw: Any) -> int:
        if failures[0] and args[2]:  # the dispatcher writing a next reminder (not an empty repair)
            failures[0] -= 1
            raise OperationalError("INSERT INTO reminder", {}, Exception("disk I/O error"))
        return await real(*args, **kw)

    monkeypatch.setattr(dispatcher_module, "add_pending", failing_once)
    sender = FakeSender()
    worker = make(db, courses, sender)
    worker.mark_retry_pause = 0.01
    assert (await worker.run_once(clock.now)).sent == 1
    rows = await all_reminders(db, plan.id)
    assert failures == [0] and sorted(r.state for r in rows) == ["pending", SENT]
    assert len(sender.sent) == 1


# --- (b) a 429 is the dispatcher's to wait out, with the lease renewed --------------------


async def test_a_429_wait_longer_than_the_lease_keeps_the_reminder_ours(world: World) -> None:
    db, courses = world
    clock, _plan = await due_plan(world, 23)
    sender = FakeSender(script=[SendResult(SendStatus.RETRY_AFTER, retry_after=2.0)])
    worker = make(db, courses, sender, lease=timedelta(seconds=1))
    running = asyncio.create_task(worker.run_once(clock.now))
    await asyncio.sleep(1.5)  # the first send got its 429; now past the lease, inside retry_after
    assert sender.calls == 1
    other = Database(db.url)
    rival_sender = FakeSender()
    rival = await make(other, courses, rival_sender, lease=timedelta(seconds=1)).run_once(clock.now)
    await other.dispose()
    report = await running
    assert rival.claimed == 0 and rival_sender.sent == []
    assert report.sent == 1 and sender.calls == 2 and len(sender.sent) == 1


# --- (c) ownership and the plan re-checked after the send slot; the database's clock ------


async def take_over(db: Database, plan_id: int) -> None:
    async with db.session() as session:
        await session.exec(
            update(Reminder).where(col(Reminder.plan_id) == plan_id).values(claimed_by="another-instance")
        )  # type: ignore[call-overload]


class HookedLimiter(RateLimiter):
    """Runs `hook` while the dispatcher waits for its send slot."""

    def __init__(self, hook: Hook) -> None:
        super().__init__(per_second=10_000, per_chat_interval=0)
        self.hook: Hook | None = hook

    async def wait(self, chat_id: int, *, paced: bool = True) -> None:
        hook, self.hook = self.hook, None
        if hook is not None:
            await hook()
        await super().wait(chat_id, paced=paced)


@pytest.mark.parametrize("what", ["taken over", "paused", "snoozed", "forgotten"])
async def test_nothing_is_sent_if_the_reminder_changed_while_waiting_for_a_slot(
    world: World, what: str
) -> None:
    db, courses = world
    clock, plan = await due_plan(world, 24)
    assert plan.id is not None
    plan_id = plan.id
    hooks: dict[str, Callable[[], Awaitable[object]]] = {
        "taken over": lambda: take_over(db, plan_id),
        "paused": lambda: set_status(db, clock, 24, plan_id, PAUSED, TZ),
        "snoozed": lambda: snooze(db, clock, 24, plan_id, TZ),
        "forgotten": lambda: forget_learner(db, 24),
    }
    sender = FakeSender()
    report = await make(db, courses, sender, limiter=HookedLimiter(hooks[what])).run_once(clock.now)
    assert sender.calls == 0 and report.sent == 0


async def test_a_stale_merged_message_is_composed_again_without_the_paused_plan(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    first = await enrol(db, clock, 25, self_paced(courses, 0))
    second = await enrol(db, clock, 25, self_paced(courses, 1))
    clock.advance(timedelta(hours=12))
    assert first.id is not None

    async def pause_first() -> None:
        assert first.id is not None
        await set_status(db, clock, 25, first.id, PAUSED, TZ)

    sender = FakeSender()
    worker = make(db, courses, sender, limiter=HookedLimiter(pause_first))
    report = await worker.run_once(clock.now)  # handed back, composed again, sent without it
    assert report.claimed == 3 and report.sent == 1 and sender.calls == 1
    [(_chat, reply)] = sender.sent
    assert self_paced(courses, 1).title in reply.text and self_paced(courses, 0).title not in reply.text
    assert len(await pending(db, second.id)) == 1 and await pending(db, first.id) == []


async def test_leases_are_judged_by_the_database_clock_not_the_instances(world: World) -> None:
    """An instance whose clock runs an hour ahead does not think a fresh claim expired."""
    db, _courses = world
    clock, _plan = await due_plan(world, 26)
    assert len(await claim_due(db, clock.now(), "instance-a")) == 1
    ahead = clock.now() + timedelta(hours=1)
    assert await claim_due(db, ahead, "instance-b-skewed") == []
    await age_claims(db, timedelta(minutes=3))  # the lease really lapsed
    assert len(await claim_due(db, clock.now(), "instance-b")) == 1


# --- (d) the documented window: a timeout after Telegram accepted the message -------------


async def test_a_timeout_after_acceptance_is_resent_once_the_documented_window(world: World) -> None:
    db, courses = world
    clock, _plan = await due_plan(world, 27)
    delivered: list[str] = []

    async def accepted_then_timed_out(chat_id: int, reply: Reply) -> SendResult:
        delivered.append(reply.text)  # Telegram has it…
        if len(delivered) == 1:
            return SendResult(SendStatus.FAILED, error="TimedOut")  # …but our answer timed out
        return SendResult(SendStatus.SENT)

    worker = ReminderDispatcher(db, lambda: courses, accepted_then_timed_out, TZ, limiter=fast_limiter())
    assert (await worker.run_once(clock.now)).failed == 1
    clock.advance(backoff(1) + timedelta(seconds=1))
    assert (await worker.run_once(clock.now)).sent == 1
    clock.advance(timedelta(minutes=30))
    await worker.run_once(clock.now)
    assert len(delivered) == 2  # exactly one resend, and nothing after it


# --- (e) one pending reminder per plan, by the schema -------------------------------------


async def test_the_schema_refuses_a_second_pending_reminder_for_a_plan(world: World) -> None:
    db, _courses = world
    clock, plan = await due_plan(world, 28)
    assert plan.id is not None
    with pytest.raises(IntegrityError):
        async with db.session() as session:
            session.add(Reminder(plan_id=plan.id, learner_id=28, due_at=clock.now()))
    async with db.session() as session:  # a settled one beside the pending one is fine
        session.add(Reminder(plan_id=plan.id, learner_id=28, due_at=clock.now(), sent_at=clock.now()))


async def test_two_instances_repairing_at_once_leave_one_pending_reminder_per_plan(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plans = [await enrol(db, clock, user_id, self_paced(courses)) for user_id in range(500, 540)]
    async with db.session() as session:  # orphan them all: sent, no next one
        await session.exec(update(Reminder).values(sent_at=clock.now(), state=SENT))  # type: ignore[call-overload]
    other = Database(db.url)
    counts = await asyncio.gather(*(repair_plans(d, clock.now(), TZ) for d in (db, other, db, other)))
    await other.dispose()
    assert sum(counts) == len(plans)
    for plan in plans:
        assert len(await pending(db, plan.id)) == 1


# --- 4: reminders never stop for good -------------------------------------------------------


async def test_repair_runs_periodically_not_only_at_start_up(world: World) -> None:
    db, courses = world
    clock, plan = await due_plan(world, 29)
    async with db.session() as session:
        await session.exec(update(Reminder).values(sent_at=clock.now(), state=SENT))  # type: ignore[call-overload]
    worker = make(db, courses, FakeSender(), repair_every=timedelta(0))
    await worker.run_once(clock.now)
    assert len(await pending(db, plan.id)) == 1


async def test_a_permanent_failure_ends_dead_with_its_reason_in_stats_and_the_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    db, courses = world
    clock, plan = await due_plan(world, 30)
    reason = "Bad Request: message is too long"
    sender = FakeSender(script=[SendResult(SendStatus.PERMANENT, error=reason)] * 10)
    worker = make(db, courses, sender)
    with caplog.at_level(logging.WARNING, logger="bot.reminders.dispatcher"):
        for _ in range(MAX_PERMANENT_ATTEMPTS + 2):
            await worker.run_once(clock.now)
            clock.advance(BACKOFF_CAP + timedelta(seconds=1))
    assert sender.calls == MAX_PERMANENT_ATTEMPTS  # bounded, then no more attempts
    [dead] = [r for r in await all_reminders(db, plan.id) if r.state == DEAD]
    assert dead.last_error == reason and dead.attempts == MAX_PERMANENT_ATTEMPTS
    assert len(await pending(db, plan.id)) == 1  # the plan goes on with its next reminder
    assert reason in caplog.text and "dead" in caplog.text
    stats = await collect(db, clock.now())
    assert stats.dead_last_day == 1 and stats.dead_reasons == [(reason, 1)]
    assert reason in render(stats).text


def test_back_off_is_capped_and_never_overflows() -> None:
    assert backoff(1) < backoff(2) < BACKOFF_CAP
    assert backoff(44) == BACKOFF_CAP and backoff(10**9) == BACKOFF_CAP


async def test_a_reminder_failing_for_long_is_dead_not_stuck(world: World) -> None:
    db, courses = world
    clock, plan = await due_plan(world, 31)
    async with db.session() as session:
        await session.exec(update(Reminder).values(attempts=44))  # type: ignore[call-overload]
    sender = FakeSender(script=[SendResult(SendStatus.FAILED, error="TimedOut")])
    report = await make(db, courses, sender).run_once(clock.now)
    assert report.dead == 1 and MAX_ATTEMPTS <= 45
    [dead] = [r for r in await all_reminders(db, plan.id) if r.state == DEAD]
    assert dead.claimed_by is not None and dead.sent_at is not None  # settled, not a stuck claim
    assert len(await pending(db, plan.id)) == 1


async def test_sixty_plans_due_together_are_split_into_messages_telegram_accepts(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    await touch_learner(db, clock, user_id=32, chat_id=32, first_name="L")
    chosen = sorted(courses.values(), key=lambda c: c.id)
    long_plan = "If <tired> & late, " * 200  # the learner's own words, far too long
    for i in range(60):
        draft = PlanDraft(chosen[i % len(chosen)].id, (0, 2, 4), 19 * 60, 60, if_then=long_plan)
        await create_plan(db, clock, 32, draft, TZ)
    clock.advance(timedelta(hours=12))

    async def strict(chat_id: int, reply: Reply) -> SendResult:  # refuses as Telegram would
        if telegram_length(reply.text) > TEXT_LIMIT or sum(len(r) for r in reply.buttons) > 100:
            return SendResult(SendStatus.PERMANENT, error="Bad Request: message is too long")
        return await sender(chat_id, reply)

    sender = FakeSender()
    report = await ReminderDispatcher(db, lambda: courses, strict, TZ, limiter=fast_limiter()).run_once(
        clock.now
    )
    assert report.sent == 60 and report.failed == 0 and report.dead == 0
    assert report.messages == len(sender.sent) >= 60 // MAX_PLANS_PER_MESSAGE
    labels = [b.label for _c, r in sender.sent for row in r.buttons for b in row]
    snoozes = [label for label in labels if label.startswith("Snooze 1 h")]
    assert len(snoozes) == 60
    assert len(await pending(db)) == 60  # every plan has its next one
