"""A session Done vs a module finished, end to end: Done on a reminder records a study session of
the plan's length; "Finished a module ✓" is its own button; /progress counts hours against the plan.

The reminder's buttons come from `bot.study.replies.reminder_buttons`; until
`bot/reminders/replies.py` calls it (a one-line change there), these tests put it in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import select

import bot.reminders.replies
from bot.storage.models import ModuleProgress, StudySession
from bot.study.replies import reminder_buttons
from handlers.reminders import dispatch_now
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, enrol


@pytest.fixture(autouse=True)
def session_buttons(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(bot.reminders.replies, "_plan_buttons", reminder_buttons)
    yield


async def first_reminder(harness: BotHarness) -> object:
    await enrol(harness)  # Mon/Wed/Fri at 19:00 Berlin, 1-hour sessions
    harness.clock.advance(timedelta(hours=9, minutes=1))  # Monday 19:01 in Berlin
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    return harness.api.sent("sendMessage", USER)[-1]


def popup(harness: BotHarness) -> str:
    return str(harness.api.sent("answerCallbackQuery")[-1].params.get("text", ""))


async def test_done_records_a_session_and_finishing_a_module_is_its_own_button(harness: BotHarness) -> None:
    reminder = await first_reminder(harness)
    labels = [label for label, _ in buttons(reminder)]  # type: ignore[arg-type]
    assert labels == ["Done ✓", "Finished a module ✓", "Snooze 1 h", "Skip today", "Pause"]
    data = dict(buttons(reminder))  # type: ignore[arg-type]
    message = harness.message_of(reminder)  # type: ignore[arg-type]

    await harness.press(message, data["Done ✓"])
    assert "Session noted: 1 h ✓" in popup(harness)
    assert "This week: 1 session, 1 h · streak: 1 study day" in popup(harness)
    async with core(harness).db.session() as session:
        [studied] = (await session.exec(select(StudySession))).all()
        assert studied.minutes == 60
        assert (await session.exec(select(ModuleProgress))).all() == []  # a session is not a module

    await harness.press(message, data["Done ✓"])  # twice: still one session today
    assert "already noted" in popup(harness)
    async with core(harness).db.session() as session:
        assert len((await session.exec(select(StudySession))).all()) == 1

    await harness.press(message, data["Finished a module ✓"])
    assert "1/" in popup(harness)
    async with core(harness).db.session() as session:
        assert [m.position for m in (await session.exec(select(ModuleProgress))).all()] == [1]

    progress = text_of(await harness.say("/progress"))
    # One session reported, but the finished first module is worth 4 hours: that counts.
    assert "Studied 4 h of about 24 h" in progress and "🚀 Ahead by 3 h" in progress
    assert "This week: 1 session, 1 h · streak: 1 study day" in progress


async def test_hours_not_modules_decide_ahead_and_behind(harness: BotHarness) -> None:
    reminder = await first_reminder(harness)
    data = dict(buttons(reminder))  # type: ignore[arg-type]
    await harness.press(harness.message_of(reminder), data["Done ✓"])  # type: ignore[arg-type]
    harness.clock.advance(timedelta(days=7))  # Wed, Fri and Mon passed without a session
    progress = text_of(await harness.say("/progress"))
    assert "⚠️ Behind by 3 h (about 3 sessions)" in progress
    assert "This week: 0 sessions" in progress and "streak" not in progress
    assert "Studied 1 h of about" in progress


async def test_several_sessions_make_a_streak_and_a_week(harness: BotHarness) -> None:
    reminder = await first_reminder(harness)
    await harness.press(harness.message_of(reminder), dict(buttons(reminder))["Done ✓"])  # type: ignore[arg-type]
    for _ in range(2):  # Wednesday and Friday
        harness.clock.advance(timedelta(days=2))
        await dispatch_now(harness.app)  # type: ignore[arg-type]
        later = harness.api.sent("sendMessage", USER)[-1]
        assert "Time to study" in text_of([later])
        await harness.press(harness.message_of(later), dict(buttons(later))["Done ✓"])
    assert "This week: 3 sessions, 3 h · streak: 3 study days" in popup(harness)
    assert "✅ On track" in text_of(await harness.say("/progress"))


async def test_mydata_shows_and_forget_deletes_study_sessions(harness: BotHarness) -> None:
    reminder = await first_reminder(harness)
    await harness.press(harness.message_of(reminder), dict(buttons(reminder))["Done ✓"])  # type: ignore[arg-type]
    exported = harness.api.sent("sendDocument", USER)
    await harness.say("/mydata")
    assert len(harness.api.sent("sendDocument", USER)) == len(exported) + 1
    [confirm] = await harness.say("/forget")
    await harness.press(harness.message_of(confirm), "x:forget:yes")
    async with core(harness).db.session() as session:
        assert (await session.exec(select(StudySession))).all() == []
