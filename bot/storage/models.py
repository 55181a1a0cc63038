"""The database schema: SQLModel tables shared by every feature.

Every stored time is timezone-aware UTC (`UTCDateTime`), whatever the backend returns.
Telegram ids need 64 bits, hence `BigInteger` columns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, UniqueConstraint, text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite hands back naive ones, so re-attach UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: every stored time must be timezone-aware")
        value = value.astimezone(UTC)
        # SQLite compares datetimes as text: store them naive so the format is uniform.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_column(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def big_int(*, primary_key: bool = False, index: bool = False, nullable: bool = False) -> Any:
    return Field(
        default=None if nullable else ...,
        sa_column=Column(
            BigInteger(),
            primary_key=primary_key,
            index=index,
            nullable=nullable,
            autoincrement=False,
        ),
    )


# --- learners -------------------------------------------------------------------------


class Learner(SQLModel, table=True):
    """A Telegram user who has talked to the bot."""

    id: int = big_int(primary_key=True)  # the Telegram user id
    chat_id: int = big_int()
    first_name: str = ""
    timezone: str | None = None
    quiet_start_minute: int = 22 * 60  # local minutes after midnight
    quiet_end_minute: int = 8 * 60
    active: bool = True  # False once the learner blocks the bot
    last_course_id: int | None = None  # the last course card shown, for follow-up questions
    created_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column()


# --- catalogue (field names follow the EU Council Recommendation on micro-credentials) ---


class Provider(SQLModel, table=True):
    """The awarding body."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)
    name: str
    country: str
    kind: str  # university, business_school, college, further_education, professional_body, ...
    website: str | None = None


class Course(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True)  # stable key used for idempotent imports
    title: str
    provider_id: int = Field(foreign_key="provider.id", index=True)
    subject_area: str = Field(index=True)
    summary: str = ""
    learning_outcomes: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    workload_hours: int  # notional workload
    ects_credits: float | None = None
    eqf_level: int | None = None
    level: str = "beginner"  # beginner | intermediate | advanced
    participation_form: str = "online"  # online | in-person | hybrid
    self_paced: bool = True
    language: str = "English"
    price: float = 0.0
    currency: str = "EUR"
    assessment_type: str = ""
    certificate_type: str = ""
    quality_assurance: str = ""
    prerequisites: str = ""
    stackability: str | None = None  # what it stacks into
    further_information_url: str | None = None
    is_sample: bool = True


class Skill(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)  # canonical, lower case


class SkillAlias(SQLModel, table=True):
    """An abbreviation or synonym learners type for a skill ("ml", "proj mgmt")."""

    id: int | None = Field(default=None, primary_key=True)
    alias: str = Field(unique=True, index=True)
    skill_id: int = Field(foreign_key="skill.id", index=True)


class CourseSkill(SQLModel, table=True):
    course_id: int = Field(foreign_key="course.id", primary_key=True)
    skill_id: int = Field(foreign_key="skill.id", primary_key=True, index=True)


class Module(SQLModel, table=True):
    """One ordered unit of a course: what a study plan schedules."""

    __table_args__ = (UniqueConstraint("course_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(foreign_key="course.id", index=True)
    position: int  # 1-based order within the course
    title: str
    hours: int


class SearchRequest(SQLModel, table=True):
    """A search a learner ran, so its result buttons keep working (paging, facets, back).

    Kept for a week; only its owner can page through it.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = big_int(index=True)
    query: str
    created_at: datetime | None = utc_column(index=True)


class SearchMiss(SQLModel, table=True):
    """Search terms with no good match, counted without any user id (for /stats)."""

    term: str = Field(primary_key=True)
    count: int = 0
    last_seen: datetime | None = utc_column()


# --- study plans and reminders -----------------------------------------------------------


class Plan(SQLModel, table=True):
    """A learner's commitment to study one course at a chosen pace."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = big_int(index=True)
    course_id: int = Field(foreign_key="course.id", index=True)
    study_days: str  # weekday numbers, Monday = 0, e.g. "0,2,5"
    study_minute: int  # local time of day, minutes after midnight
    session_minutes: int = 60
    target_date: date | None = None
    obstacle: str | None = None  # "what might get in the way", in the learner's words
    if_then: str | None = None  # their implementation intention, quoted back in reminders
    status: str = Field(default="active", index=True)  # active | paused | stopped | done
    reminders_sent: int = 0
    answered_reminders: int = 0  # `reminders_sent` when the learner last acted on the plan
    created_at: datetime | None = utc_column()
    updated_at: datetime | None = utc_column()


class ModuleProgress(SQLModel, table=True):
    plan_id: int = Field(foreign_key="plan.id", primary_key=True)
    position: int = Field(primary_key=True)  # the module's position in the course
    done_at: datetime | None = utc_column()


class StudySession(SQLModel, table=True):
    """One study session the learner reported (a reminder's Done): its length counts as time studied."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    learner_id: int = big_int(index=True)
    minutes: int
    studied_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class ConversationState(SQLModel, table=True):
    """Where a learner is in a guided conversation (the plan questions): the step and the answers
    so far, read at every step, so a restart or another instance carries on where they were."""

    learner_id: int = big_int(primary_key=True)
    chat_id: int = big_int(primary_key=True)
    name: str = Field(primary_key=True, max_length=40)
    step: int
    data: str  # JSON: the answers so far (bot/study/drafts.py)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


# A reminder's states. Only `pending` rows have `sent_at IS NULL`; every other state is final
# and `sent_at` is then the moment the reminder left the queue (delivered or not).
PENDING = "pending"
SENT = "sent"  # Telegram acknowledged it
DEAD = "dead"  # gave up after a bounded number of attempts; the reason is in `last_error`
BLOCKED = "blocked"  # the learner blocked the bot (403) or the chat is gone
SKIPPED = "skipped"  # the plan was no longer active when it came due


class Reminder(SQLModel, table=True):
    """One reminder to send. At most one pending reminder per plan (a unique partial index).

    Delivery: a dispatcher claims due rows (claimed_at/claimed_by, a lease timed by the
    database's clock), sends, then sets sent_at and state. A claim older than the lease is
    taken again, so a crashed sender loses nothing (see `bot/reminders/dispatcher.py`).
    """

    __table_args__ = (
        # The due-reminder query only ever looks at unsent rows; sent rows pile up forever,
        # so index just the unsent ones (partial index on both SQLite and PostgreSQL).
        Index(
            "ix_reminder_due_unsent",
            "due_at",
            sqlite_where=text("sent_at IS NULL"),
            postgresql_where=text("sent_at IS NULL"),
        ),
        # The schema, not the code, keeps a plan to one pending reminder: two instances
        # repairing the same plan at once cannot both write one.
        Index(
            "uq_reminder_one_pending_per_plan",
            "plan_id",
            unique=True,
            sqlite_where=text("sent_at IS NULL"),
            postgresql_where=text("sent_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    learner_id: int = big_int(index=True)
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    kind: str = "study"  # study | snooze | resume (a paused plan's day to go on: "pause for a week")
    state: str = Field(default=PENDING, sa_column_kwargs={"server_default": PENDING})
    claimed_at: datetime | None = utc_column()  # set from the database's clock, never the app's
    claimed_by: str | None = None
    retry_at: datetime | None = utc_column()  # after a failure: not before this
    sent_at: datetime | None = utc_column()
    attempts: int = 0
    last_error: str | None = None


# --- send limits shared by several instances (PostgreSQL) ----------------------------------


class SendLog(SQLModel, table=True):
    """When each reminder message went out (database clock, epoch seconds); kept a minute."""

    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)


class ChatLastSend(SQLModel, table=True):
    chat_id: int = big_int(primary_key=True)
    at: float


class SendHold(SQLModel, table=True):
    """After a 429, nobody sends until `until` (one row)."""

    id: int = Field(default=1, primary_key=True)
    until: float = 0.0


# --- state shared by several instances: flood counters, the content version ----------------


class FloodCounter(SQLModel, table=True):
    """A learner's updates in their current flood window (database clock, epoch seconds).

    One row per recently active learner, written by one upsert per update; rows idle for a
    window and out of their cooldown are pruned by a periodic job (`bot/flood.py`)."""

    learner_id: int = big_int(primary_key=True)
    window_start: float
    updates: int
    quiet_until: float = 0.0


class ContentVersion(SQLModel, table=True):
    """The FAQ and catalogue's version (one row): /reload or an import bumps it, and every
    instance reloads its content when the number it last loaded is behind."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
