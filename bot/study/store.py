"""Study plans in the database: create, progress, snooze, skip, pause, resume, stop.

Every change recomputes the plan's one pending reminder in the same transaction, so a plan
never has two unsent reminders and never loses its next one. Every call that acts on a plan
takes the acting user's id and refuses plans that belong to someone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.search import CourseInfo
from bot.clock import Clock
from bot.replies import is_number
from bot.storage.db import Database
from bot.storage.models import Learner, ModuleProgress, Plan, Reminder, StudySession
from bot.study.maths import (
    QuietHours,
    SnoozeChoice,
    check_fit,
    expected_done,
    local_to_utc,
    next_study_time,
    planned_sessions,
    snooze_choice,
    start_of_next_local_day,
    streak,
    studied_minutes,
    this_week,
    zone,
)

SNOOZE = timedelta(hours=1)
ACTIVE = "active"
PAUSED = "paused"
RESUME = "resume"  # the kind of a paused plan's reminder that resumes it ("pause for a week")
STOPPED = "stopped"
DONE = "done"
MAX_OPEN_PLANS = 10  # active or paused plans one learner may have at once


class TooManyPlans(Exception):
    """The learner already has `MAX_OPEN_PLANS` plans going: finish or stop one first."""


@dataclass(frozen=True)
class PlanDraft:
    course_id: int
    days: tuple[int, ...]
    minute: int
    session_minutes: int
    target: date | None = None
    obstacle: str | None = None
    if_then: str | None = None


@dataclass(frozen=True)
class PlanStatus:
    """A plan as /progress shows it."""

    plan: Plan
    course: CourseInfo
    done: set[int]
    expected: int
    next_due: datetime | None
    next_kind: str = "study"  # study | snooze
    quiet: QuietHours = QuietHours()
    sessions: tuple[tuple[date, int], ...] = ()  # (local day, minutes) of every session reported
    planned: int = 0  # study sessions the plan expected before today
    today: date | None = None
    start: date | None = None

    @property
    def studied(self) -> int:
        """Minutes studied (sessions reported, or the finished modules' hours if more)."""
        hours_done = sum(h for p, (_, h) in enumerate(self.course.modules, start=1) if p in self.done)
        return studied_minutes(list(self.sessions), hours_done)

    @property
    def expected_minutes(self) -> int:
        return self.planned * self.plan.session_minutes

    @property
    def pace(self) -> int:
        """Minutes ahead (positive) or behind (negative) of the plan; within one session counts as 0."""
        difference = self.studied - self.expected_minutes
        return 0 if abs(difference) < self.plan.session_minutes else difference

    @property
    def total_minutes(self) -> int:
        return sum(h for _, h in self.course.modules) * 60

    @property
    def streak(self) -> int:
        if self.today is None or self.start is None:
            return 0
        return streak({day for day, _ in self.sessions}, days_of(self.plan), self.start, self.today)

    @property
    def week(self) -> tuple[int, int]:
        return this_week(list(self.sessions), self.today) if self.today else (0, 0)

    @property
    def total(self) -> int:
        return len(self.course.modules)

    @property
    def next_module(self) -> int | None:
        """Position (1-based) of the first module not yet done."""
        return next((p for p in range(1, self.total + 1) if p not in self.done), None)

    @property
    def behind(self) -> int:
        return max(0, self.expected - len(self.done))


def learner_zone(learner: Learner | None, default: str) -> tzinfo:
    return zone(learner.timezone if learner and learner.timezone else default)


def quiet_hours(learner: Learner | None) -> QuietHours:
    if learner is None:
        return QuietHours()
    return QuietHours(learner.quiet_start_minute, learner.quiet_end_minute)


def days_of(plan: Plan) -> tuple[int, ...]:
    return tuple(int(d) for d in plan.study_days.split(",") if is_number(d.strip()))


def next_due(plan: Plan, learner: Learner | None, default_tz: str, after: datetime) -> datetime:
    return next_study_time(
        after, learner_zone(learner, default_tz), days_of(plan), plan.study_minute, quiet_hours(learner)
    )


def _first_due_on(plan: Plan, learner: Learner | None, default_tz: str, day: date) -> datetime:
    """The plan's first study time on or after `day`, a day in the learner's time zone."""
    day_starts = local_to_utc(day, 0, learner_zone(learner, default_tz)) - timedelta(seconds=1)
    return next_due(plan, learner, default_tz, day_starts)


async def replace_pending(
    session: AsyncSession, plan: Plan, due_at: datetime | None, kind: str = "study"
) -> None:
    """Make `due_at` the plan's only unsent reminder (or none, when `due_at` is None)."""
    assert plan.id is not None
    await session.exec(
        delete(Reminder).where(col(Reminder.plan_id) == plan.id, col(Reminder.sent_at).is_(None))
    )
    if due_at is not None:
        session.add(Reminder(plan_id=plan.id, learner_id=plan.learner_id, due_at=due_at, kind=kind))


async def open_plan_count(db: Database, learner_id: int) -> int:
    """How many plans the learner has going (active or paused)."""
    async with db.session() as session:
        return await _open_plans(session, learner_id)


async def _open_plans(session: AsyncSession, learner_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Plan)
        .where(Plan.learner_id == learner_id, col(Plan.status).in_([ACTIVE, PAUSED]))
    )
    return int((await session.exec(query)).one())


async def create_plan(
    db: Database,
    clock: Clock,
    learner_id: int,
    draft: PlanDraft,
    default_tz: str,
    *,
    max_open: int | None = None,
) -> tuple[Plan, datetime]:
    """Store the plan and its first reminder; returns both.

    With `max_open`, refuses (`TooManyPlans`) when the learner already has that many active
    or paused plans, counted in the same transaction as the insert.
    """
    now = clock.now()
    async with db.session() as session:
        if max_open is not None and await _open_plans(session, learner_id) >= max_open:
            raise TooManyPlans(learner_id)
        learner = await session.get(Learner, learner_id)
        plan = Plan(
            learner_id=learner_id, course_id=draft.course_id,
            study_days=",".join(str(d) for d in draft.days), study_minute=draft.minute,
            session_minutes=draft.session_minutes, target_date=draft.target,
            obstacle=draft.obstacle, if_then=draft.if_then, created_at=now, updated_at=now,
        )  # fmt: skip
        session.add(plan)
        await session.flush()
        first = next_due(plan, learner, default_tz, now)
        await replace_pending(session, plan, first)
    return plan, first


async def owned_plan(session: AsyncSession, user_id: int, plan_id: int) -> Plan | None:
    """The user's own plan, or None.

    Every caller is the learner acting on the plan (a button, an edit), so this also notes
    that its reminders so far have been answered (see `ignored_reminders`).
    """
    plan = await session.get(Plan, plan_id)
    if plan is None or plan.learner_id != user_id:
        return None
    if plan.answered_reminders != plan.reminders_sent:
        plan.answered_reminders = plan.reminders_sent
        session.add(plan)
    return plan


EASE_OFF_AFTER = 3  # ignored reminders in a row before the next one asks how it's going


def ignored_reminders(plan: Plan) -> int:
    """Reminders sent since the learner last acted on the plan."""
    return max(0, plan.reminders_sent - plan.answered_reminders)


def fewer_days(days: tuple[int, ...]) -> tuple[int, ...]:
    """ "Study less often": every other study day (Mon/Wed/Fri → Mon/Fri; one day stays)."""
    return days[::2] if len(days) > 2 else days[:1]


async def take_a_week_off(
    db: Database, clock: Clock, user_id: int, plan_id: int, default_tz: str
) -> datetime | None:
    """No reminders for a week: the next one is the first study time a week from now."""
    # From midnight a week on: the same weekday next week, not the one after.
    return await _next_after_local_midnight(db, clock, user_id, plan_id, default_tz, timedelta(days=6))


async def _next_after_local_midnight(
    db: Database, clock: Clock, user_id: int, plan_id: int, default_tz: str, days_on: timedelta
) -> datetime | None:
    """Move an active plan's next reminder to its first study time after the learner's next
    local midnight `days_on` from now; None when the plan is not theirs or not active."""
    now = clock.now()
    async with db.session() as session:
        found = await active_plan(session, user_id, plan_id)
        if found is None:
            return None
        plan, learner = found
        midnight = start_of_next_local_day(now + days_on, learner_zone(learner, default_tz))
        due = next_due(plan, learner, default_tz, midnight - timedelta(seconds=1))
        await replace_pending(session, plan, due)
        return due


async def active_plan(
    session: AsyncSession, user_id: int, plan_id: int
) -> tuple[Plan, Learner | None] | None:
    """The user's own active plan and the learner, or None (not theirs, or not active)."""
    plan = await owned_plan(session, user_id, plan_id)
    if plan is None or plan.status != ACTIVE:
        return None
    return plan, await session.get(Learner, user_id)


async def mark_done(
    db: Database,
    clock: Clock,
    user_id: int,
    plan_id: int,
    position: int,
    module_count: int,
    default_tz: str,
) -> tuple[Plan, set[int]] | None:
    """Mark a module done (pressing twice is harmless); the plan is done with its last module."""
    now = clock.now()
    async with db.session() as session:
        plan = await owned_plan(session, user_id, plan_id)
        if plan is None or not 1 <= position <= module_count:
            return None
        if await session.get(ModuleProgress, (plan_id, position)) is None:
            session.add(ModuleProgress(plan_id=plan_id, position=position, done_at=now))
            await session.flush()
        done = await done_positions(session, plan_id)
        if len(done) >= module_count and plan.status != DONE:
            plan.status = DONE
            plan.updated_at = now
            session.add(plan)
            await replace_pending(session, plan, None)
        return plan, done


async def done_positions(session: AsyncSession, plan_id: int) -> set[int]:
    rows = await session.exec(select(ModuleProgress.position).where(ModuleProgress.plan_id == plan_id))
    return set(rows.all())


@dataclass(frozen=True)
class Snoozed:
    """The snooze's outcome: `due` once set; `None` with the `choice` when quiet hours are in the way."""

    due: datetime | None
    choice: SnoozeChoice
    quiet: QuietHours


async def snooze(
    db: Database, clock: Clock, user_id: int, plan_id: int, default_tz: str, where: str = ""
) -> Snoozed | None:
    """Remind again in an hour. When that is in quiet hours nothing changes until the learner
    picks `where`: "before" (shortly before quiet hours begin) or "after" (when they end)."""
    now = clock.now()
    async with db.session() as session:
        found = await active_plan(session, user_id, plan_id)
        if found is None:
            return None
        plan, learner = found
        quiet = quiet_hours(learner)
        choice = snooze_choice(now, learner_zone(learner, default_tz), quiet, SNOOZE)
        due = {"before": choice.before, "after": choice.after}.get(where, choice.plain)
        if due is None and where == "before":
            due = choice.after  # too late for "before" by now
        if due is not None:
            await replace_pending(session, plan, due, kind="snooze")
        return Snoozed(due, choice, quiet)


async def skip_today(
    db: Database, clock: Clock, user_id: int, plan_id: int, default_tz: str
) -> datetime | None:
    """No more reminders today: the next one is the next study day's."""
    return await _next_after_local_midnight(db, clock, user_id, plan_id, default_tz, timedelta(0))


async def set_status(
    db: Database,
    clock: Clock,
    user_id: int,
    plan_id: int,
    status: str,
    default_tz: str,
    resume_on: date | None = None,
) -> Plan | None:
    """Pause, resume or stop a plan; resuming schedules the next reminder again. A pause with
    `resume_on` (a day in the learner's time zone) keeps one reminder, of kind `RESUME`, at the
    first study time from that day: the dispatcher resumes the plan when it comes due."""
    now = clock.now()
    async with db.session() as session:
        plan = await owned_plan(session, user_id, plan_id)
        if plan is None or plan.status in (DONE, STOPPED):
            return None
        plan.status = status
        plan.updated_at = now
        session.add(plan)
        learner = await session.get(Learner, user_id)
        if status == PAUSED and resume_on is not None:
            back = _first_due_on(plan, learner, default_tz, resume_on)
            await replace_pending(session, plan, back, kind=RESUME)
            return plan
        due = next_due(plan, learner, default_tz, now) if status == ACTIVE else None
        await replace_pending(session, plan, due)
        return plan


async def set_all(
    db: Database, clock: Clock, user_id: int, status: str, default_tz: str, resume_on: date | None = None
) -> int:
    """/pause and /resume: every plan of the learner that can change; returns how many did. A
    pause until a day (`resume_on`) also moves the day of plans already paused."""
    wanted_from = [ACTIVE] if status == PAUSED else [PAUSED]
    if status == PAUSED and resume_on is not None:
        wanted_from.append(PAUSED)
    async with db.session() as session:
        ids = (await session.exec(
            select(Plan.id).where(Plan.learner_id == user_id, col(Plan.status).in_(wanted_from))
        )).all()  # fmt: skip
    changed = 0
    for plan_id in ids:
        if plan_id is None:
            continue
        if await set_status(db, clock, user_id, plan_id, status, default_tz, resume_on) is not None:
            changed += 1
    return changed


async def change_pace(
    db: Database,
    clock: Clock,
    user_id: int,
    plan_id: int,
    default_tz: str,
    days: tuple[int, ...] | None = None,
    target: date | None = None,
) -> Plan | None:
    """Catch-up: study more days a week, or move the target date; reschedule."""
    now = clock.now()
    async with db.session() as session:
        found = await active_plan(session, user_id, plan_id)
        if found is None:
            return None
        plan, learner = found
        if days:
            plan.study_days = ",".join(str(d) for d in days)
        if target:
            plan.target_date = target
        plan.updated_at = now
        session.add(plan)
        await replace_pending(session, plan, next_due(plan, learner, default_tz, now))
        return plan


KEEP = object()  # "leave this as it is" for `edit_plan`'s target


async def edit_plan(
    db: Database,
    clock: Clock,
    user_id: int,
    plan_id: int,
    default_tz: str,
    *,
    days: tuple[int, ...] | None = None,
    minute: int | None = None,
    session_minutes: int | None = None,
    target: date | None | object = KEEP,
) -> tuple[Plan, datetime | None] | None:
    """Change an active or paused plan's days, time, session length or target date.

    Progress (modules, sessions) is untouched; an active plan's next reminder is recomputed.
    Returns the plan and its next reminder (None when paused), or None if it can't be edited.
    """
    now = clock.now()
    async with db.session() as session:
        plan = await owned_plan(session, user_id, plan_id)
        if plan is None or plan.status not in (ACTIVE, PAUSED):
            return None
        if days:
            plan.study_days = ",".join(str(d) for d in sorted(set(days)))
        if minute is not None:
            plan.study_minute = minute
        if session_minutes is not None:
            plan.session_minutes = session_minutes
        if target is not KEEP:
            plan.target_date = target if isinstance(target, date) else None
        plan.updated_at = now
        session.add(plan)
        due = None
        if plan.status == ACTIVE:
            due = next_due(plan, await session.get(Learner, user_id), default_tz, now)
            await replace_pending(session, plan, due)
        return plan, due


async def plan_statuses(
    db: Database,
    clock: Clock,
    user_id: int,
    courses: dict[int, CourseInfo],
    default_tz: str,
    include_finished: bool = False,
    plan_id: int | None = None,
) -> list[PlanStatus]:
    """The learner's plans with progress, expected progress and next reminder.

    With `plan_id`, only that plan, and only if it is this learner's (ownership is checked
    in the query, so a forged id finds nothing).
    """
    statuses = []
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        wanted = [ACTIVE, PAUSED] + ([DONE, STOPPED] if include_finished else [])
        query = select(Plan).where(Plan.learner_id == user_id, col(Plan.status).in_(wanted))
        if plan_id is not None:
            query = query.where(Plan.id == plan_id)
        plans = (await session.exec(query.order_by(col(Plan.id)))).all()
        tz = learner_zone(learner, default_tz)
        today = clock.now().astimezone(tz).date()
        for plan in plans:
            course = courses.get(plan.course_id)
            if course is None or plan.id is None:
                continue
            done = await done_positions(session, plan.id)
            reminder = (await session.exec(
                select(Reminder).where(Reminder.plan_id == plan.id, col(Reminder.sent_at).is_(None))
            )).first()  # fmt: skip
            start = plan.created_at.astimezone(tz).date() if plan.created_at else today
            expected = expected_done(
                start, today, days_of(plan), [h for _, h in course.modules], plan.session_minutes
            )
            studied = await sessions_of(session, plan.id, tz)
            local_now = clock.now().astimezone(tz)
            last = _last_day(plan, tz) or today
            past_time = local_now.hour * 60 + local_now.minute >= plan.study_minute
            include_today = past_time and last >= today
            first = start
            if plan.created_at is not None:  # a plan made after that day's study time starts the next day
                made = plan.created_at.astimezone(tz)
                first += timedelta(days=1 if made.hour * 60 + made.minute > plan.study_minute else 0)
            planned = planned_sessions(first, min(today, last), days_of(plan), include_today)
            statuses.append(
                PlanStatus(
                    plan, course, done, expected, reminder.due_at if reminder else None,
                    reminder.kind if reminder else "study", quiet_hours(learner), studied, planned,
                    today, start,
                )
            )  # fmt: skip
    return statuses


async def plan_status(
    db: Database, clock: Clock, user_id: int, plan_id: int, courses: dict[int, CourseInfo], default_tz: str
) -> PlanStatus | None:
    """One of the learner's plans (finished ones included), or `None` if it is not theirs."""
    found = await plan_statuses(
        db, clock, user_id, courses, default_tz, include_finished=True, plan_id=plan_id
    )
    return found[0] if found else None


def _last_day(plan: Plan, tz: tzinfo) -> date | None:
    """A paused, stopped or finished plan expects nothing after it changed."""
    if plan.status == ACTIVE or plan.updated_at is None:
        return None
    return plan.updated_at.astimezone(tz).date()


async def sessions_of(session: AsyncSession, plan_id: int, tz: tzinfo) -> tuple[tuple[date, int], ...]:
    rows = await session.exec(
        select(StudySession).where(StudySession.plan_id == plan_id).order_by(col(StudySession.studied_at))
    )
    return tuple((row.studied_at.astimezone(tz).date(), row.minutes) for row in rows.all())


@dataclass(frozen=True)
class Studied:
    """A reported session: `already` when today's was noted before (pressing Done twice)."""

    minutes: int
    already: bool


async def record_session(
    db: Database, clock: Clock, user_id: int, plan_id: int, default_tz: str
) -> Studied | None:
    """A reminder's Done: note one study session of the plan's length (once a day per plan)."""
    now = clock.now()
    async with db.session() as session:
        plan = await owned_plan(session, user_id, plan_id)
        if plan is None or plan.id is None or plan.status in (DONE, STOPPED):
            return None
        tz = learner_zone(await session.get(Learner, user_id), default_tz)
        today = now.astimezone(tz).date()
        if any(day == today for day, _ in await sessions_of(session, plan.id, tz)):
            return Studied(plan.session_minutes, already=True)
        session.add(
            StudySession(plan_id=plan.id, learner_id=user_id, minutes=plan.session_minutes, studied_at=now)
        )
        return Studied(plan.session_minutes, already=False)


def remaining_fit(status: PlanStatus, today: date) -> tuple[int | None, date]:
    """For a catch-up: days a week that meet the target, and the finish date at the current pace."""
    remaining = [h for p, (_, h) in enumerate(status.course.modules, start=1) if p not in status.done]
    fit = check_fit(
        today, days_of(status.plan), remaining, status.plan.session_minutes, status.plan.target_date
    )
    return fit.days_needed, fit.finish


async def reschedule_learner(
    db: Database, clock: Clock, user_id: int, default_tz: str, zone_before: tzinfo | None = None
) -> int:
    """After a learner comes back (unblocked us, changed time zone): recompute every reminder.
    A paused plan's day to go on stays the day it was where the learner was (`zone_before`)."""
    now = clock.now()
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        plans = (await session.exec(
            select(Plan).where(Plan.learner_id == user_id, col(Plan.status).in_([ACTIVE, PAUSED]))
        )).all()  # fmt: skip
        paused = [plan.id for plan in plans if plan.status == PAUSED]
        unsent = (await session.exec(
            select(Reminder).where(col(Reminder.plan_id).in_(paused), col(Reminder.sent_at).is_(None))
        )).all() if paused else []  # fmt: skip
        waiting_for: dict[int, Reminder] = {}  # a paused plan's one unsent reminder (one query for all)
        for reminder in unsent:
            waiting_for.setdefault(reminder.plan_id, reminder)
        changed = 0
        for plan in plans:
            if plan.status == ACTIVE:
                await replace_pending(session, plan, next_due(plan, learner, default_tz, now))
                changed += 1
                continue
            waiting = waiting_for.get(plan.id) if plan.id is not None else None
            if waiting is not None and waiting.kind == RESUME:  # "paused for a week": the same day, here
                day = waiting.due_at.astimezone(zone_before or learner_zone(learner, default_tz)).date()
                back = _first_due_on(plan, learner, default_tz, day)
                await replace_pending(session, plan, back, kind=RESUME)
                changed += 1
        return changed


async def set_timezone(db: Database, clock: Clock, user_id: int, name: str, default_tz: str) -> None:
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        if learner is None:
            return
        before = learner_zone(learner, default_tz)
        learner.timezone = name
        session.add(learner)
    await reschedule_learner(db, clock, user_id, default_tz, zone_before=before)


async def set_quiet_hours(
    db: Database, clock: Clock, user_id: int, quiet: QuietHours, default_tz: str
) -> bool:
    """Change the learner's quiet hours; pending reminders move accordingly."""
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        if learner is None:
            return False
        learner.quiet_start_minute, learner.quiet_end_minute = quiet.start, quiet.end
        session.add(learner)
    await reschedule_learner(db, clock, user_id, default_tz)
    return True
