"""The plan conversation's stored step and answers: the JSON, expiry, clearing, /mydata and /forget."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.catalog.search import CourseInfo
from bot.privacy import export_learner, forget_learner
from bot.storage.db import open_database
from bot.study import drafts
from bot.study.drafts import Draft, Edit
from bot.study.maths import QuietHours
from tests.study.test_wording import course

COURSE = course((("One", 2), ("Two", 3)), 5)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def catalogue(course_id: int) -> CourseInfo | None:
    return COURSE if course_id == COURSE.id else None


def test_a_draft_survives_the_round_trip() -> None:
    draft = Draft(
        course=COURSE, days=(0, 4), minute=19 * 60 + 30, session_minutes=45, target=date(2026, 6, 1),
        obstacle="tired ✨", if_then=None, quiet=QuietHours(23 * 60, 6 * 60),
    )  # fmt: skip
    edit = Edit(7, COURSE, (1, 2))
    stored = drafts.decode(3, drafts.encode(draft, edit), catalogue)
    assert stored == drafts.Stored(3, draft, edit)


def test_a_course_gone_from_the_catalogue_or_broken_data_is_no_draft() -> None:
    text = drafts.encode(Draft(course=COURSE, days=(1,)), None)
    assert drafts.decode(1, text, lambda _id: None).draft is None
    assert drafts.decode(1, "not json", catalogue) == drafts.Stored(1)
    assert drafts.decode(1, '{"draft": {"days": [1]}}', catalogue).draft is None


async def test_save_load_clear_and_expiry(tmp_path: Path) -> None:
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")
    get = catalogue
    assert await drafts.load(db, NOW, 5, 5, get) is None
    await drafts.save(db, NOW, 5, 5, 1, Draft(course=COURSE, days=(2,)), None)
    await drafts.save(db, NOW, 5, 5, 2, Draft(course=COURSE, days=(2, 3)), None)  # replaces
    stored = await drafts.load(db, NOW + timedelta(minutes=5), 5, 5, get)
    assert stored is not None and stored.step == 2 and stored.draft is not None
    assert stored.draft.days == (2, 3)
    assert await drafts.load(db, NOW, 6, 6, get) is None
    assert await drafts.clear(db, 5, 5) == 1
    assert await drafts.load(db, NOW, 5, 5, get) is None
    await drafts.save(db, NOW, 5, 5, 1, Draft(course=COURSE), None)
    late = NOW + drafts.MAX_AGE + timedelta(seconds=1)
    assert await drafts.load(db, late, 5, 5, get) is None
    assert await drafts.clear(db, 5) == 0  # the old one was dropped when found
    await db.dispose()


async def test_mydata_shows_and_forget_deletes_the_conversation(tmp_path: Path) -> None:
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'p.db'}")
    await drafts.save(db, NOW, 5, 5, 1, Draft(course=COURSE, days=(2,)), None)
    await drafts.save(db, NOW, 8, 8, 1, Draft(course=COURSE), None)
    [row] = (await export_learner(db, 5))["conversations"]
    assert row["step"] == 1 and '"days": [2]' in row["data"]
    assert await forget_learner(db, 5) == 1
    assert (await export_learner(db, 5))["conversations"] == []
    assert len((await export_learner(db, 8))["conversations"]) == 1  # someone else's stays
    await db.dispose()


async def test_a_first_step_stored_by_two_instances_at_once_is_one_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other instance inserts between this one's read and its insert: the insert fails and
    is retried as an update."""
    db = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    await drafts.save(db, NOW, 5, 5, 1, Draft(course=COURSE), None)  # the other instance's row
    real_get = AsyncSession.get
    misses = [None]

    async def get_missing_once(self: AsyncSession, *args: Any, **kwargs: Any) -> Any:
        return misses.pop() if misses else await real_get(self, *args, **kwargs)

    monkeypatch.setattr(AsyncSession, "get", get_missing_once)
    await drafts.save(db, NOW, 5, 5, 2, Draft(course=COURSE, days=(3,)), None)
    monkeypatch.undo()
    stored = await drafts.load(db, NOW, 5, 5, catalogue)
    assert stored is not None and stored.step == 2 and stored.draft is not None and stored.draft.days == (3,)
    await db.dispose()
