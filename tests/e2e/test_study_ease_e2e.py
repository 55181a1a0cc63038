"""Easing off, end to end: after three ignored reminders in a row the next one asks kindly whether
to keep going, study less often, take a week off, or stop, and acts on the answer.

The reminder's section and buttons come from `bot.study.replies` (`reminder_section`,
`reminder_buttons`); until `bot/reminders/replies.py` uses them, these tests put them in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

import bot.reminders.replies
from bot.storage.models import Plan
from bot.study.replies import reminder_buttons, reminder_section
from handlers.reminders import dispatch_now
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, enrol, pending

KIND_QUESTION = "went unanswered"


@pytest.fixture(autouse=True)
def study_reminders(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(bot.reminders.replies, "_plan_buttons", reminder_buttons)
    monkeypatch.setattr(bot.reminders.replies, "_plan_section", reminder_section)
    yield


async def next_reminder(harness: BotHarness) -> Any:
    """Move the clock to the pending reminder (plus a minute), send it, return the message."""
    [due] = await pending(harness)
    harness.clock.advance(due.due_at - harness.clock.now() + timedelta(minutes=1))
    report = await dispatch_now(harness.app)  # type: ignore[arg-type]
    assert report.sent == 1
    return harness.api.sent("sendMessage", USER)[-1]


async def after_three_ignored(harness: BotHarness) -> Any:
    await enrol(harness)  # Mon/Wed/Fri at 19:00 Berlin
    for _ in range(3):
        ignored = await next_reminder(harness)
        assert KIND_QUESTION not in text_of([ignored])
    asking = await next_reminder(harness)  # Monday 9 March
    assert f"My last 3 reminders {KIND_QUESTION} — that's fine, life gets busy." in text_of([asking])
    labels = [label for label, _ in buttons(asking)]
    assert labels == ["Keep going ✓", "Less often: Mon/Fri", "Take a week off", "Stop this plan"]
    return asking


async def the_plan(harness: BotHarness) -> Plan:
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
    return plan


async def test_study_less_often(harness: BotHarness) -> None:
    asking = await after_three_ignored(harness)
    [edited] = await harness.press(harness.message_of(asking), dict(buttons(asking))["Less often: Mon/Fri"])
    assert (
        "📅 OK: Mon/Fri from now on. Next: Fri 13 Mar, 19:00." in text_of([edited]) and buttons(edited) == []
    )
    assert (await the_plan(harness)).study_days == "0,4"
    after = await next_reminder(harness)
    assert KIND_QUESTION not in text_of([after]) and "Done ✓" in [label for label, _ in buttons(after)]


async def test_a_week_off(harness: BotHarness) -> None:
    asking = await after_three_ignored(harness)
    [edited] = await harness.press(harness.message_of(asking), dict(buttons(asking))["Take a week off"])
    assert "🌴 Enjoy the week off. I'll be back on Mon 16 Mar, 19:00." in text_of([edited])
    [due] = await pending(harness)
    assert due.due_at == datetime(2026, 3, 16, 18, 0, tzinfo=UTC)
    assert (await the_plan(harness)).status == "active"


async def test_stop(harness: BotHarness) -> None:
    asking = await after_three_ignored(harness)
    [edited] = await harness.press(harness.message_of(asking), dict(buttons(asking))["Stop this plan"])
    assert "⏹ Stopped. Your progress is kept" in text_of([edited])
    assert (await the_plan(harness)).status == "stopped" and await pending(harness) == []
    assert "⏹ Stopped on" in text_of(await harness.say("/progress"))


async def test_keep_going_and_an_answer_resets_the_count(harness: BotHarness) -> None:
    asking = await after_three_ignored(harness)
    [edited] = await harness.press(harness.message_of(asking), dict(buttons(asking))["Keep going ✓"])
    assert "💪 Great, let's keep going. Next: Wed 11 Mar, 19:00." in text_of([edited])
    assert (await the_plan(harness)).study_days == "0,2,4"
    for _ in range(2):  # two more ignored: not yet three in a row since the answer
        assert KIND_QUESTION not in text_of([await next_reminder(harness)])
    third = await next_reminder(harness)
    assert KIND_QUESTION not in text_of([third])
    assert KIND_QUESTION in text_of([await next_reminder(harness)])  # the fourth after three ignored


async def test_a_pressed_button_counts_as_an_answer(harness: BotHarness) -> None:
    await enrol(harness)
    await next_reminder(harness)
    await next_reminder(harness)
    answered = await next_reminder(harness)
    await harness.press(harness.message_of(answered), dict(buttons(answered))["Done ✓"])
    for _ in range(3):
        assert KIND_QUESTION not in text_of([await next_reminder(harness)])
