"""The reminder dispatcher, without Telegram: claims, merging, failures, leases, concurrency."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from bot.catalog.search import CourseInfo
from bot.clock import ManualClock
from bot.learners import get_learner, touch_learner
from bot.reminders.dispatcher import (
    ReminderDispatcher,
    SendResult,
    SendStatus,
    claim_due,
    repair_plans,
)
from bot.reminders.limits import DatabaseRateLimiter, RateLimiter
from bot.replies import Reply
from bot.storage.db import Database, open_database
from bot.storage.models import Learner, Plan, Reminder
from bot.study.store import (
    PAUSED,
    RESUME,
    PlanDraft,
    create_plan,
    reschedule_learner,
    set_all,
    set_status,
    set_timezone,
)
from tests.fakes.postgres import PostgresServer

TZ = "Europe/London"
World = tuple[Database, dict[int, CourseInfo]]
MONDAY_8AM = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


@dataclass
class FakeSender:
    """Records what would be sent; `script` gives the outcomes of the next calls."""

    sent: list[tuple[int, Reply]] = field(default_factory=list)
    script: list[SendResult] = field(default_factory=list)
    calls: int = 0

    async def __call__(self, chat_id: int, reply: Reply) -> SendResult:
        self.calls += 1
        result = self.script.pop(0) if self.script else SendResult(SendStatus.SENT)
        if result.status is SendStatus.SENT:
            self.sent.append((chat_id, reply))
        return result


def fast_limiter() -> RateLimiter:
    return RateLimiter(per_second=10_000, per_chat_interval=0)


def self_paced(courses: dict[int, CourseInfo], index: int = 0) -> CourseInfo:
    return sorted((c for c in courses.values() if c.self_paced), key=lambda c: c.id)[index]


async def enrol(
    db: Database, clock: ManualClock, user_id: int, course: CourseInfo, if_then: str | None = None
) -> Plan:
    await touch_learner(db, clock, user_id=user_id, chat_id=user_id, first_name="L")
    draft = PlanDraft(course.id, (0, 2, 4), 19 * 60, 60, if_then=if_then)  # Mon/Wed/Fri 19:00
    plan, _first = await create_plan(db, clock, user_id, draft, TZ)
    return plan


async def pending(db: Database, plan_id: int | None = None) -> list[Reminder]:
    async with db.session() as session:
        query = select(Reminder).where(col(Reminder.sent_at).is_(None))
        if plan_id is not None:
            query = query.where(Reminder.plan_id == plan_id)
        return list((await session.exec(query)).all())


async def age_claims(db: Database, by: timedelta) -> None:
    """Make every claim older by `by`, as if that much time had passed on the database's clock."""
    async with db.session() as session:
        for row in (await session.exec(select(Reminder).where(col(Reminder.claimed_at).is_not(None)))).all():
            assert row.claimed_at is not None
            row.claimed_at = row.claimed_at - by
            session.add(row)


def dispatcher(
    db: Database, courses: dict[int, CourseInfo], sender: FakeSender, **kw: object
) -> ReminderDispatcher:
    return ReminderDispatcher(db, lambda: courses, sender, TZ, limiter=fast_limiter(), **kw)  # type: ignore[arg-type]


async def test_due_reminder_is_sent_once_and_the_next_is_scheduled(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    course = self_paced(courses)
    plan = await enrol(db, clock, 1, course, if_then="If tired, 20 minutes at breakfast")
    [first] = await pending(db, plan.id)
    assert first.due_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 19:00 GMT
    sender = FakeSender()
    worker = dispatcher(db, courses, sender)
    assert (await worker.run_once(clock.now)).sent == 0  # not due yet
    clock.advance(timedelta(hours=11, minutes=1))
    report = await worker.run_once(clock.now)
    assert report.sent == 1 and len(sender.sent) == 1
    chat_id, reply = sender.sent[0]
    assert chat_id == 1 and course.title in reply.text and "0/" in reply.text
    assert "If tired" in reply.text  # the if-then plan is quoted back
    labels = [b.label for row in reply.buttons for b in row]
    assert labels == ["Done ✓", "Finished a module ✓", "Snooze 1 h", "Skip today", "Pause"]
    [following] = await pending(db, plan.id)
    assert following.due_at == datetime(2026, 3, 4, 19, 0, tzinfo=UTC)  # Wednesday
    assert (await worker.run_once(clock.now)).sent == 0  # nothing twice


async def test_reminders_due_together_are_merged_per_learner(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    first, second = self_paced(courses, 0), self_paced(courses, 1)
    await enrol(db, clock, 7, first)
    await enrol(db, clock, 7, second)
    await enrol(db, clock, 8, first)
    clock.advance(timedelta(hours=12))
    sender = FakeSender()
    report = await dispatcher(db, courses, sender).run_once(clock.now)
    assert report.sent == 3 and report.messages == 2
    merged = next(reply for chat, reply in sender.sent if chat == 7)
    assert first.title in merged.text and second.title in merged.text
    assert sum(1 for row in merged.buttons for b in row if b.label.startswith("Done")) == 2


async def test_blocked_learner_is_marked_inactive_and_comes_back(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 3, self_paced(courses))
    clock.advance(timedelta(hours=12))
    sender = FakeSender(script=[SendResult(SendStatus.BLOCKED)])
    report = await dispatcher(db, courses, sender).run_once(clock.now)
    assert report.blocked == 1 and sender.sent == []
    learner = await get_learner(db, 3)
    assert learner is not None and not learner.active
    assert await pending(db, plan.id) == []
    _learner, came_back = await touch_learner(db, clock, user_id=3, chat_id=3, first_name="L")
    assert came_back
    await reschedule_learner(db, clock, 3, TZ)
    assert len(await pending(db, plan.id)) == 1


async def test_transient_failure_is_retried_after_a_back_off_and_never_lost(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 4, self_paced(courses))
    clock.advance(timedelta(hours=12))
    sender = FakeSender(script=[SendResult(SendStatus.FAILED, error="TimedOut")])
    worker = dispatcher(db, courses, sender)
    assert (await worker.run_once(clock.now)).failed == 1
    [row] = await pending(db, plan.id)
    assert row.attempts == 1 and row.claimed_at is None and row.retry_at is not None
    assert (await worker.run_once(clock.now)).sent == 0  # backing off
    clock.advance(timedelta(seconds=11))
    assert (await worker.run_once(clock.now)).sent == 1
    assert len(sender.sent) == 1


async def test_sender_exception_releases_the_reminder(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 5, self_paced(courses))
    clock.advance(timedelta(hours=12))

    async def broken(chat_id: int, reply: Reply) -> SendResult:
        raise RuntimeError("network stack exploded")

    report = await ReminderDispatcher(db, lambda: courses, broken, TZ, limiter=fast_limiter()).run_once(
        clock.now
    )
    assert report.failed == 1
    [row] = await pending(db, plan.id)
    assert row.last_error == "RuntimeError"


async def test_retry_after_waits_and_resends(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    await enrol(db, clock, 6, self_paced(courses))
    clock.advance(timedelta(hours=12))
    sender = FakeSender(script=[SendResult(SendStatus.RETRY_AFTER, retry_after=0.05)])
    report = await dispatcher(db, courses, sender).run_once(clock.now)
    assert report.sent == 1 and sender.calls == 2 and len(sender.sent) == 1


async def test_stale_claim_of_a_crashed_worker_is_taken_again(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    await enrol(db, clock, 9, self_paced(courses))
    clock.advance(timedelta(hours=12))
    claimed = await claim_due(db, clock.now(), "crashed-worker")  # then it dies
    assert len(claimed) == 1
    sender = FakeSender()
    worker = dispatcher(db, courses, sender, lease=timedelta(minutes=2))
    assert (await worker.run_once(clock.now)).sent == 0  # the lease still holds
    clock.advance(timedelta(hours=1))  # the app's clock does not judge leases…
    assert (await worker.run_once(clock.now)).sent == 0
    await age_claims(db, timedelta(minutes=2, seconds=1))  # …the database's clock does
    assert (await worker.run_once(clock.now)).sent == 1


async def test_two_dispatchers_never_send_the_same_reminder(world: World, tmp_path: Path) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    course = self_paced(courses)
    for user_id in range(100, 400):
        await enrol(db, clock, user_id, course)
    clock.advance(timedelta(hours=12))
    other_db = Database(db.url)  # a second engine, as a second process would have
    senders = [FakeSender(), FakeSender()]
    workers = [dispatcher(db, courses, senders[0]), dispatcher(other_db, courses, senders[1])]
    await asyncio.gather(*(w.run_once(clock.now) for w in workers))
    await other_db.dispose()
    chats = [chat for sender in senders for chat, _ in sender.sent]
    assert sorted(chats) == list(range(100, 400))


async def test_long_downtime_sends_one_welcome_back(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 11, self_paced(courses))
    clock.advance(timedelta(days=9))  # four study evenings missed while the bot was down
    sender = FakeSender()
    report = await dispatcher(db, courses, sender).run_once(clock.now)
    assert report.messages == 1 and "this reminder comes late" in sender.sent[0][1].text
    # and it offers a fresh, realistic plan (the plan's edit menu), keeping the progress
    fresh = [b for row in sender.sent[0][1].buttons for b in row if b.label.startswith("✏️ Fresh plan")]
    assert [b.data for b in fresh] == [f"pe:{plan.id}:menu"]
    [following] = await pending(db, plan.id)
    assert following.due_at > clock.now()  # the next one is in the future, not a backlog


async def test_paused_plan_gets_no_reminder(world: World) -> None:
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 12, self_paced(courses))
    assert plan.id is not None
    assert await set_status(db, clock, 12, plan.id, PAUSED, TZ) is not None
    assert await set_status(db, clock, 99999, plan.id, "active", TZ) is None  # not the owner
    clock.advance(timedelta(days=3))
    sender = FakeSender()
    assert (await dispatcher(db, courses, sender).run_once(clock.now)).sent == 0
    async with db.session() as session:
        stored = await session.get(Learner, 12)
    assert stored is not None


async def test_a_pause_until_a_day_resumes_the_plan_by_itself_on_that_day(world: World) -> None:
    """ "pause for a week": nothing until the day, then the plan is active again with that
    study time's reminder, and goes on; /pause with no day still waits for /resume."""
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 13, self_paced(courses))
    assert plan.id is not None
    back_on = date(2026, 3, 9)  # the next Monday
    assert await set_all(db, clock, 13, PAUSED, TZ, resume_on=back_on) == 1
    [resume] = await pending(db, plan.id)
    assert resume.kind == RESUME and resume.due_at == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)
    sender = FakeSender()
    worker = dispatcher(db, courses, sender)
    clock.advance(timedelta(days=6, hours=11))  # Sunday 19:00: still paused
    assert (await worker.run_once(clock.now)).sent == 0 and not sender.sent
    clock.advance(timedelta(days=1, minutes=1))  # Monday 19:01
    assert (await worker.run_once(clock.now)).sent == 1
    assert "Time to study" in sender.sent[0][1].text
    async with db.session() as session:
        stored = await session.get(Plan, plan.id)
    assert stored is not None and stored.status == "active"
    [following] = await pending(db, plan.id)
    assert following.kind == "study" and following.due_at == datetime(2026, 3, 11, 19, 0, tzinfo=UTC)
    assert await set_all(db, clock, 13, PAUSED, TZ) == 1  # no day: no reminder until /resume
    assert await pending(db, plan.id) == []


async def test_a_pause_until_a_day_follows_the_learner_to_a_new_time_zone(world: World) -> None:
    """The day the reminders come back stays the learner's day: at that day's study time in the
    new zone (and an untimed pause stays without a reminder)."""
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 14, self_paced(courses))
    other = await enrol(db, clock, 14, self_paced(courses, 1))
    assert plan.id is not None and other.id is not None
    await set_status(db, clock, 14, plan.id, PAUSED, TZ, resume_on=date(2026, 3, 9))
    await set_status(db, clock, 14, other.id, PAUSED, TZ)
    await set_timezone(db, clock, 14, "Asia/Tokyo", TZ)
    [resume] = await pending(db, plan.id)
    assert resume.kind == RESUME
    assert resume.due_at == datetime(2026, 3, 9, 10, 0, tzinfo=UTC)  # 19:00 in Tokyo
    assert await pending(db, other.id) == []


async def test_rate_limiter_keeps_per_second_and_per_chat_limits() -> None:
    now = [0.0]
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(per_second=30, per_chat_interval=1.0, monotonic=lambda: now[0], sleep=fake_sleep)
    times = []
    for chat in range(95):
        await limiter.wait(chat)
        times.append(now[0])
    for start in times:
        assert sum(1 for t in times if start <= t < start + 1.0) <= 30
    assert times[-1] >= 3.0  # 95 messages need more than three windows
    await limiter.wait(5)
    first = now[0]
    await limiter.wait(5)
    assert now[0] - first >= 1.0 - 1e-9  # one message per chat per second (float sums)


async def test_repair_gives_an_orphaned_plan_its_next_reminder(world: World) -> None:
    """A crash between marking "sent" and writing the next reminder is mended at start-up."""
    db, courses = world
    clock = ManualClock(MONDAY_8AM, frozen=True)
    plan = await enrol(db, clock, 13, self_paced(courses))
    async with db.session() as session:
        for row in (await session.exec(select(Reminder).where(Reminder.plan_id == plan.id))).all():
            row.sent_at = clock.now()
            session.add(row)
    assert await pending(db, plan.id) == []
    assert await repair_plans(db, clock.now(), TZ) == 1
    assert len(await pending(db, plan.id)) == 1
    assert await repair_plans(db, clock.now(), TZ) == 0


async def test_database_limiter_holds_the_limits_for_everyone_sharing_the_database(
    postgres: PostgresServer,
) -> None:
    """Two limiters on one PostgreSQL database (two instances) share one budget (slot times
    by the database's clock, so the check does not depend on how fast this machine is)."""
    url = postgres.url(await postgres.create_database())
    db = await open_database(url)
    other = Database(url)
    limiters = [DatabaseRateLimiter(db, per_second=10), DatabaseRateLimiter(other, per_second=10)]
    slots: list[float] = []

    async def send(limiter: DatabaseRateLimiter, chat: int) -> None:
        slots.append(await limiter.reserve(chat))

    await asyncio.gather(*(send(limiters[i % 2], chat) for i, chat in enumerate(range(25))))
    await send(limiters[0], 3)  # chat 3 again: not within a second of its last message
    await db.dispose()
    await other.dispose()
    slots.sort()
    assert max(sum(1 for t in slots if s <= t < s + 1.0) for s in slots) <= 10
    assert slots[-1] - slots[0] >= 2.0  # 26 messages at 10 a second take over two seconds
