"""Buttons that match the message, end to end: after an action on a reminder, the message says what
happened and keeps only the buttons that still make sense; a stale button changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import select

import bot.reminders.replies
from bot.storage.models import Plan
from bot.study.replies import reminder_buttons
from bot.study.store import PlanDraft, create_plan
from handlers.reminders import dispatch_now
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, enrol, pending


@pytest.fixture(autouse=True)
def session_buttons(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(bot.reminders.replies, "_plan_buttons", reminder_buttons)
    yield


def popup(harness: BotHarness) -> str:
    return str(harness.api.sent("answerCallbackQuery")[-1].params.get("text", ""))


async def reminder(harness: BotHarness) -> tuple[dict[str, object], dict[str, str]]:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    sent = harness.api.sent("sendMessage", USER)[-1]
    return harness.message_of(sent), dict(buttons(sent))


async def test_each_action_edits_the_reminder_to_what_still_makes_sense(harness: BotHarness) -> None:
    message, data = await reminder(harness)
    [edited] = await harness.press(message, data["Done ✓"])
    assert edited.method == "editMessageText"
    assert "Time to study" in text_of([edited]) and "✓ Session noted: 1 h." in text_of([edited])
    assert [label for label, _ in buttons(edited)] == ["Finished a module ✓"]

    [edited] = await harness.press(message, data["Finished a module ✓"])
    assert "✓ Module 1 finished (1/5 modules)." in text_of([edited])
    assert buttons(edited) == [
        ("Finished a module ✓", f"{data['Finished a module ✓'][:-1]}2")
    ]  # the next one


async def test_a_stale_button_after_pause_changes_nothing(harness: BotHarness) -> None:
    message, data = await reminder(harness)
    [edited] = await harness.press(message, data["Pause"])
    assert "⏸ Paused" in text_of([edited])
    assert [label for label, _ in buttons(edited)] == ["▶️ Resume"]
    assert await pending(harness) == []
    replies = await harness.press(message, data["Snooze 1 h"])  # an old button, from before the edit
    assert replies == [] and popup(harness) == "This plan is not active."
    assert await pending(harness) == []
    [resumed] = await harness.press(message, dict(buttons(edited))["▶️ Resume"])
    assert "Welcome back" in text_of([resumed]) and buttons(resumed) == []
    assert len(await pending(harness)) == 1


async def test_skip_and_snooze_say_when_next(harness: BotHarness) -> None:
    message, data = await reminder(harness)
    [snoozed] = await harness.press(message, data["Snooze 1 h"])
    assert "⏰ Snoozed: I'll remind you at Mon 02 Mar, 20:01." in text_of([snoozed])
    assert [label for label, _ in buttons(snoozed)] == ["Done ✓", "Skip today"]
    [skipped] = await harness.press(message, dict(buttons(snoozed))["Skip today"])
    assert "⏭ Skipped today. Next: Wed 04 Mar, 19:00." in text_of([skipped]) and buttons(skipped) == []


async def test_in_a_merged_reminder_the_other_plans_buttons_stay(harness: BotHarness) -> None:
    await enrol(harness)
    services = core(harness)
    async with services.db.session() as session:
        [first] = (await session.exec(select(Plan))).all()
    other = next(
        c for c in services.catalog.courses.values() if c.self_paced and c.modules and c.id != first.course_id
    )
    draft = PlanDraft(course_id=other.id, days=(0, 2, 4), minute=19 * 60, session_minutes=30)
    second, _ = await create_plan(
        services.db, services.clock, USER, draft, services.settings.default_timezone
    )
    harness.clock.advance(timedelta(hours=9, minutes=1))
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    sent = harness.api.sent("sendMessage", USER)[-1]
    pause_first = f"p:pause:{first.id}"
    assert pause_first in [d for _, d in buttons(sent)]
    assert all(other.title[:10] in label for label, d in buttons(sent) if d.split(":")[2] == str(second.id))
    [edited] = await harness.press(harness.message_of(sent), pause_first)
    remaining = [d for _, d in buttons(edited)]
    assert f"p:pause:{second.id}" in remaining and f"p:done:{second.id}:s" in remaining
    assert f"p:resume:{first.id}" in remaining
    assert not any(
        d.startswith(("p:done:", "p:snz:", "p:skip:")) and d.split(":")[2] == str(first.id) for d in remaining
    )
