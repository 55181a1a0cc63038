"""The plan conversation's answers so far, stored in the database at every step.

A restart, or another instance behind the same database, reads the stored step and answers
and carries on where the learner was. The course is stored by id and looked up again in the
catalogue (a course that has left it ends the conversation).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete

from bot.catalog.search import CourseInfo
from bot.storage.db import Database
from bot.storage.models import ConversationState
from bot.study.maths import QuietHours

PLAN = "study_plan"  # the plan conversation's name (also the ConversationHandler's)
# A conversation left this long is over (as PTB's conversation timeout would end it).
MAX_AGE = timedelta(hours=2)


@dataclass
class Draft:
    """A new plan's answers so far."""

    course: CourseInfo
    days: tuple[int, ...] = ()
    minute: int = 19 * 60
    session_minutes: int = 60
    target: date | None = None
    obstacle: str | None = None
    if_then: str | None = None
    quiet: QuietHours | None = None  # shortened quiet hours the learner agreed to, stored with the plan
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edit:
    """The plan being edited, and the days ticked so far (for the day buttons)."""

    plan_id: int
    course: CourseInfo
    days: tuple[int, ...]


@dataclass(frozen=True)
class Stored:
    """A conversation's stored step and answers."""

    step: int
    draft: Draft | None = None
    edit: Edit | None = None


Courses = Callable[[int], CourseInfo | None]


def draft_json(draft: Draft) -> dict[str, Any]:
    quiet = draft.quiet
    return {
        "course": draft.course.id, "days": list(draft.days), "minute": draft.minute,
        "session_minutes": draft.session_minutes,
        "target": draft.target.isoformat() if draft.target is not None else None,
        "obstacle": draft.obstacle, "if_then": draft.if_then,
        "quiet": [quiet.start, quiet.end] if quiet is not None else None, "extra": draft.extra,
    }  # fmt: skip


def draft_from_json(data: dict[str, Any], courses: Courses) -> Draft | None:
    """The draft, or `None` when its course is gone or the data is not a draft."""
    try:
        course = courses(int(data["course"]))
        if course is None:
            return None
        quiet = data.get("quiet")
        target = data.get("target")
        return Draft(
            course=course, days=tuple(int(d) for d in data.get("days", ())),
            minute=int(data.get("minute", 19 * 60)), session_minutes=int(data.get("session_minutes", 60)),
            target=date.fromisoformat(target) if target else None,
            obstacle=data.get("obstacle"), if_then=data.get("if_then"),
            quiet=QuietHours(int(quiet[0]), int(quiet[1])) if quiet else None,
            extra=dict(data.get("extra") or {}),
        )  # fmt: skip
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def edit_json(edit: Edit) -> dict[str, Any]:
    return {"plan_id": edit.plan_id, "course": edit.course.id, "days": list(edit.days)}


def edit_from_json(data: dict[str, Any], courses: Courses) -> Edit | None:
    try:
        course = courses(int(data["course"]))
        if course is None:
            return None
        return Edit(int(data["plan_id"]), course, tuple(int(d) for d in data.get("days", ())))
    except (KeyError, TypeError, ValueError):
        return None


def encode(draft: Draft | None, edit: Edit | None) -> str:
    data: dict[str, Any] = {}
    if draft is not None:
        data["draft"] = draft_json(draft)
    if edit is not None:
        data["edit"] = edit_json(edit)
    return json.dumps(data, ensure_ascii=False)


def decode(step: int, text: str, courses: Courses) -> Stored:
    try:
        data = json.loads(text)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    draft = draft_from_json(data["draft"], courses) if isinstance(data.get("draft"), dict) else None
    edit = edit_from_json(data["edit"], courses) if isinstance(data.get("edit"), dict) else None
    return Stored(step, draft, edit)


async def load(
    db: Database, now: datetime, learner_id: int, chat_id: int, courses: Courses, name: str = PLAN
) -> Stored | None:
    """The conversation's stored step and answers; `None` if there is none or it is too old."""
    async with db.session() as session:
        row = await session.get(ConversationState, (learner_id, chat_id, name))
        if row is None:
            return None
        if now - row.updated_at > MAX_AGE:
            await session.delete(row)
            return None
        return decode(row.step, row.data, courses)


async def save(
    db: Database,
    now: datetime,
    learner_id: int,
    chat_id: int,
    step: int,
    draft: Draft | None,
    edit: Edit | None,
    name: str = PLAN,
) -> None:
    """Store the step the learner is on and their answers so far (replacing what was stored).

    Two instances storing the first step at once: the second insert fails, and is retried as
    an update of the row the first one wrote."""
    data = encode(draft, edit)
    for attempt in range(2):
        try:
            async with db.session() as session:
                row = await session.get(ConversationState, (learner_id, chat_id, name))
                if row is None:
                    row = ConversationState(
                        learner_id=learner_id, chat_id=chat_id, name=name,
                        step=step, data=data, updated_at=now,
                    )  # fmt: skip
                else:
                    row.step, row.data, row.updated_at = step, data, now
                session.add(row)
            return
        except IntegrityError:
            if attempt:
                raise


async def clear(db: Database, learner_id: int, chat_id: int | None = None, name: str = PLAN) -> int:
    """Forget the conversation (finished, cancelled or ended); returns rows deleted."""
    statement = delete(ConversationState).where(
        col(ConversationState.learner_id) == learner_id, col(ConversationState.name) == name
    )
    if chat_id is not None:
        statement = statement.where(col(ConversationState.chat_id) == chat_id)
    async with db.session() as session:
        result = await session.exec(statement)
        return result.rowcount or 0
