"""History and editing, end to end: /plan (or ✏️ Edit on /progress) changes time, days, session
length, target date and quiet hours without losing progress; /progress shows every plan's story."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from bot.storage.models import ModuleProgress, Plan
from tests.conftest import USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, enrol, pending


async def the_plan(harness: BotHarness) -> Plan:
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
    return plan


async def finish_module_one(harness: BotHarness, plan: Plan) -> None:
    message = {
        "message_id": 1,
        "chat": {"id": USER, "type": "private"},
        "date": 0,
        "from": {"id": harness.api.bot_id, "is_bot": True, "first_name": "Bot"},
    }
    harness.api.messages[(USER, 1)] = message
    await harness.press(message, f"p:done:{plan.id}:1")


async def open_field(harness: BotHarness, label: str) -> object:
    [menu] = await harness.say("/plan")
    assert "Edit your plan for" in text_of([menu])
    [question] = await harness.press(harness.message_of(menu), dict(buttons(menu))[label])
    return question


async def test_editing_every_setting_keeps_progress(harness: BotHarness) -> None:
    await enrol(harness)  # Mon/Wed/Fri 19:00 Berlin, 1 h, no target
    plan = await the_plan(harness)
    await finish_module_one(harness, plan)

    [menu] = await harness.say("/plan")
    text = text_of([menu])
    assert "• Days: Mon/Wed/Fri" in text and "• Time: 19:00" in text and "• Sessions: 1 h" in text
    assert "• Target date: none" in text and "• Quiet hours: 22:00–08:00" in text
    assert [label for label, _ in buttons(menu)] == [
        "Time",
        "Days",
        "Session length",
        "Target date",
        "Quiet hours",
    ]

    question = await open_field(harness, "Time")
    assert "At what time" in text_of([question])  # type: ignore[list-item]
    [done] = await harness.say("8pm")
    assert "Study time changed to 20:00." in text_of([done])
    assert "Your progress is kept: ▓" in text_of([done]) and "1/5 modules" in text_of([done])
    assert "Next reminder: Mon 02 Mar, 20:00" in text_of([done])
    [due] = await pending(harness)
    assert due.due_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)

    question = await open_field(harness, "Days")
    message = harness.message_of(question)  # type: ignore[arg-type]
    await harness.press(message, "p:d:1")  # add Tuesday
    [done] = await harness.press(message, "p:d:ok")
    assert "Study days changed." in text_of([done]) and "Mon/Tue/Wed/Fri at 20:00" in text_of([done])

    await open_field(harness, "Session length")
    [done] = await harness.say("45 min")
    assert "Sessions are now 45 min." in text_of([done])

    await open_field(harness, "Target date")
    [done] = await harness.say("end of June")
    assert "Target date set to Tue 30 Jun 2026." in text_of([done])

    await open_field(harness, "Quiet hours")
    [done] = await harness.say("11pm to 7am")
    assert "Quiet hours set to <b>23:00–07:00</b>" in text_of([done])

    edited = await the_plan(harness)
    assert edited.id == plan.id and edited.study_days == "0,1,2,4" and edited.study_minute == 20 * 60
    assert edited.session_minutes == 45 and edited.target_date == date(2026, 6, 30)
    async with core(harness).db.session() as session:
        assert [m.position for m in (await session.exec(select(ModuleProgress))).all()] == [1]


async def test_edit_from_progress_and_a_time_in_quiet_hours_is_questioned(harness: BotHarness) -> None:
    await enrol(harness)
    [progress] = await harness.say("/progress")
    edit = next(d for label, d in buttons(progress) if label.startswith("✏️ Edit"))
    [menu] = await harness.press(harness.message_of(progress), edit)
    [question] = await harness.press(harness.message_of(menu), dict(buttons(menu))["Time"])
    assert all(label not in ("07:00",) for label, _ in buttons(question))
    [asked] = await harness.say("22:30")
    assert "22:30 is inside your quiet hours" in text_of([asked])
    [done] = await harness.press(
        harness.message_of(asked), dict(buttons(asked))["Keep 22:30, quiet 23:00–08:00"]
    )
    assert "Study time changed to 22:30. Quiet hours are now 23:00–08:00." in text_of([done])
    assert "Next reminder: Mon 02 Mar, 22:30" in text_of([done])


async def test_cancel_and_target_none(harness: BotHarness) -> None:
    await enrol(harness)
    await open_field(harness, "Target date")
    [bad] = await harness.say("whenever-ish someday")
    assert "couldn't read that as a date" in text_of([bad]) and buttons(bad) == [
        ("No target date", "p:g:none")
    ]
    assert "nothing was changed" in text_of(await harness.say("/cancel"))
    await open_field(harness, "Target date")
    [done] = await harness.say("none")
    assert "Target date removed." in text_of([done])


async def test_progress_shows_finished_and_stopped_plans(harness: BotHarness) -> None:
    await enrol(harness)
    plan = await the_plan(harness)
    course = core(harness).catalog.get(plan.course_id)
    assert course is not None
    message = {
        "message_id": 1,
        "chat": {"id": USER, "type": "private"},
        "date": 0,
        "from": {"id": harness.api.bot_id, "is_bot": True, "first_name": "Bot"},
    }
    harness.api.messages[(USER, 1)] = message
    for position in range(1, len(course.modules) + 1):
        await harness.press(message, f"p:done:{plan.id}:{position}")
    history = text_of(await harness.say("/progress"))
    assert "🎉 Finished on Mon 02 Mar 2026 — congratulations!" in history
    assert f"{len(course.modules)}/{len(course.modules)} modules" in history
    assert "can't be changed" in text_of(await harness.press(message, f"pe:{plan.id}:time"))
