"""Quiet hours, honestly: end to end through the fake Bot API.

The clock starts on Monday 2 March 2026, 09:00 UTC; the learner keeps the default zone,
Europe/London (UTC in March), and the default quiet hours 22:00–08:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from bot.learners import get_learner
from bot.storage.models import Reminder
from handlers.reminders import dispatch_now
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, pending


async def to_time_question(harness: BotHarness, days: tuple[str, ...]) -> dict[str, object]:
    """Search, open a course, Start studying, tap `days`, Done: returns the time question call."""
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    start = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    question = (await harness.press(harness.message_of(card), start))[0]
    message = harness.message_of(question)
    for data in days:
        await harness.press(message, data)
    [time_question] = await harness.press(message, "p:d:ok")
    assert "At what time" in text_of([time_question])
    return {"call": time_question}


async def finish_plan(harness: BotHarness, session_call: object) -> str:
    """From the session question: 1 hour, no target, keep the zone, skip both notes → summary."""
    target = (await harness.press(harness.message_of(session_call), "p:s:60"))[0]  # type: ignore[arg-type]
    zone = (await harness.press(harness.message_of(target), "p:g:none"))[0]
    obstacle = (await harness.press(harness.message_of(zone), "p:z:default"))[0]
    if_then = (await harness.press(harness.message_of(obstacle), "p:o:skip"))[0]
    summary = await harness.press(harness.message_of(if_then), "p:i:skip")
    assert "Your plan for" in text_of(summary)
    return text_of(summary)


def minute_of(label: str) -> int:
    hours, minutes = label.split(":")
    return int(hours) * 60 + int(minutes)


async def test_no_time_button_is_inside_quiet_hours(harness: BotHarness) -> None:
    found = await to_time_question(harness, ("p:d:1",))
    labels = [label for label, _ in buttons(found["call"])]  # type: ignore[arg-type]
    assert labels and "07:00" not in labels
    for label in labels:
        minute = minute_of(label)
        assert 8 * 60 <= minute < 22 * 60, label
    assert "quiet from 22:00 to 08:00" in text_of([found["call"]])  # type: ignore[list-item]


async def test_a_typed_time_in_quiet_hours_is_questioned_and_kept_by_shortening_them(
    harness: BotHarness,
) -> None:
    await to_time_question(harness, ("p:d:1", "p:d:3"))  # Tue and Thu
    [question] = await harness.say("22:30")
    text = text_of([question])
    assert "22:30 is inside your quiet hours (22:00–08:00)" in text
    labels = [label for label, _ in buttons(question)]
    assert labels == ["Keep 22:30, quiet 23:00–08:00", "Pick another time"]
    assert await pending(harness) == []
    keep = dict(buttons(question))["Keep 22:30, quiet 23:00–08:00"]
    [session] = await harness.press(harness.message_of(question), keep)
    assert "How long is each study session" in text_of([session])
    summary = await finish_plan(harness, session)
    assert "Tue/Thu at 22:30" in summary
    assert (
        "First reminder: Tue 03 Mar, 22:30" in summary and "quiet hours" not in summary.split("First")[1][:40]
    )
    assert "I stay quiet 23:00–08:00" in summary
    [first] = await pending(harness)
    assert first.due_at == datetime(2026, 3, 3, 22, 30, tzinfo=UTC)
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and (learner.quiet_start_minute, learner.quiet_end_minute) == (23 * 60, 8 * 60)


async def test_pick_another_time_asks_again_and_an_early_time_is_questioned_too(harness: BotHarness) -> None:
    await to_time_question(harness, ("p:d:0",))
    [question] = await harness.say("07:00")
    assert "07:00 is inside your quiet hours" in text_of([question])
    assert "Keep 07:00, quiet 22:00–07:00" in [label for label, _ in buttons(question)]
    other = dict(buttons(question))["Pick another time"]
    [again] = await harness.press(harness.message_of(question), other)
    assert "At what time" in text_of([again])
    assert all(8 * 60 <= minute_of(label) < 22 * 60 for label, _ in buttons(again))
    [session] = await harness.say("18:00")
    assert "How long" in text_of([session])


async def test_snooze_into_quiet_hours_asks_instead_of_moving_silently(harness: BotHarness) -> None:
    await to_time_question(harness, ("p:d:0",))  # Monday
    [session] = await harness.say("21:00")
    await finish_plan(harness, session)
    harness.clock.advance(timedelta(hours=12, minutes=1))  # Monday 21:01 in London
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    reminder = harness.api.sent("sendMessage", USER)[-1]
    assert "Time to study" in text_of([reminder])
    harness.clock.advance(timedelta(minutes=14))  # 21:15
    before = await pending(harness)
    snooze = dict(buttons(reminder))["Snooze 1 h"]
    [asked] = await harness.press(harness.message_of(reminder), snooze)
    text = text_of([asked])
    assert "An hour from now is inside your quiet hours (22:00–08:00)" in text
    assert "08:00" not in harness.api.sent("answerCallbackQuery")[-1].params.get("text", "")
    assert [(r.due_at, r.kind) for r in await pending(harness)] == [(r.due_at, r.kind) for r in before]
    labels = dict(buttons(asked))
    assert "At 21:45, before quiet hours" in labels and "Tue 03 Mar, 08:00, after quiet hours" in labels
    asked_message = harness.message_of(asked)
    [edited] = await harness.press(asked_message, labels["At 21:45, before quiet hours"])
    [snoozed] = await pending(harness)
    assert (snoozed.due_at, snoozed.kind) == (datetime(2026, 3, 2, 21, 45, tzinfo=UTC), "snooze")
    assert "21:45" in harness.api.sent("answerCallbackQuery")[-1].params["text"]
    assert "Snoozed: I'll remind you at Mon 02 Mar, 21:45" in text_of([edited])
    await harness.press(asked_message, labels["Tue 03 Mar, 08:00, after quiet hours"])
    [later] = await pending(harness)
    assert later.due_at == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert "(snoozed)" in text_of(await harness.say("/reminders"))


async def test_snooze_outside_quiet_hours_is_one_hour(harness: BotHarness) -> None:
    await to_time_question(harness, ("p:d:0",))
    [session] = await harness.say("12:30")
    await finish_plan(harness, session)
    harness.clock.advance(timedelta(hours=3, minutes=31))
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    reminder = harness.api.sent("sendMessage", USER)[-1]
    [edited] = await harness.press(harness.message_of(reminder), dict(buttons(reminder))["Snooze 1 h"])
    assert edited.method == "editMessageText"  # no new message: the reminder says what happened
    assert "Snoozed: I'll remind you at Mon 02 Mar, 13:31" in text_of([edited])
    assert "13:31" in harness.api.sent("answerCallbackQuery")[-1].params["text"]


async def test_new_quiet_hours_that_move_reminders_say_when_and_why(harness: BotHarness) -> None:
    await to_time_question(harness, ("p:d:1", "p:d:3"))  # Tue and Thu
    [session] = await harness.say("21:00")
    await finish_plan(harness, session)
    text = text_of(await harness.say("/quiet 20:30-07:00"))
    assert "Quiet hours set to <b>20:30–07:00</b>" in text
    assert "study time 21:00 is inside them, so its reminders move to 07:00 the next morning" in text
    assert "Wed/Fri, not your study days" in text
    assert "Next: Wed 04 Mar, 07:00" in text
    upcoming = text_of(await harness.say("/reminders"))
    assert "Wed 04 Mar, 07:00" in upcoming and "in your quiet hours" in upcoming
    assert "Wed is not one of your study days" in upcoming
    async with core(harness).db.session() as db_session:
        rows = (await db_session.exec(select(Reminder).where(col(Reminder.sent_at).is_(None)))).all()
    assert [r.due_at for r in rows] == [datetime(2026, 3, 4, 7, 0, tzinfo=UTC)]
    assert "Next reminder: Wed 04 Mar, 07:00 (your 21:00 study time" in text_of(
        await harness.say("/progress")
    )
