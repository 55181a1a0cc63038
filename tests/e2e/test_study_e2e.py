"""End to end through the fake Bot API server: enrol by conversation, reminders, buttons, faults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import col, select

from bot.learners import get_learner
from bot.services import Services
from bot.storage.models import ModuleProgress, Plan, Reminder
from bot.study.store import PlanDraft, create_plan
from handlers.reminders import dispatch_now
from tests.conftest import USER, BotHarness, buttons, text_of


def core(harness: BotHarness) -> Services:
    assert harness.app is not None
    services: Services = harness.app.bot_data.core
    return services


async def pending(harness: BotHarness) -> list[Reminder]:
    async with core(harness).db.session() as session:
        rows = await session.exec(select(Reminder).where(col(Reminder.sent_at).is_(None)))
        return list(rows.all())


async def enrol(harness: BotHarness, user_id: int = USER) -> dict[str, Any]:
    """Find a course, press Start studying, answer every question; returns the summary call."""
    results = (await harness.say("/search python for beginners", user_id))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course, user_id))[0]
    assert "Start studying" in [label.split(" ", 1)[1] for label, _ in buttons(card)]
    start = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    days = (await harness.press(harness.message_of(card), start, user_id))[0]
    assert "Which days" in text_of([days])
    message = harness.message_of(days)
    for data in ("p:d:0", "p:d:2", "p:d:4"):
        await harness.press(message, data, user_id)
    assert "✅ Mon" in str(harness.api.messages[(user_id, message["message_id"])]["reply_markup"])
    assert "At what time" in text_of(await harness.press(message, "p:d:ok", user_id))
    assert "couldn't read" in text_of(await harness.say("half past never", user_id))
    session = (await harness.say("19:00", user_id))[0]
    target = (await harness.press(harness.message_of(session), "p:s:60", user_id))[0]
    assert "already passed" in text_of(await harness.say("1 January 2020", user_id))
    zone = (await harness.press(harness.message_of(target), "p:g:none", user_id))[0]
    assert "time zone" in text_of([zone])
    assert "couldn't read" in text_of(await harness.say("Mars/Phobos", user_id))
    obstacle = (await harness.say("Berlin", user_id))[0]
    assert "get in the way" in text_of([obstacle])
    if_then = (await harness.say("tired after work", user_id))[0]
    assert "if-then" in text_of([if_then])
    summary = await harness.say("If I'm tired after work, I'll study 20 minutes before breakfast", user_id)
    assert "Your plan for" in text_of(summary)
    return {"summary": summary[0]}


async def test_enrol_by_conversation_then_receive_a_reminder(harness: BotHarness) -> None:
    result = await enrol(harness)
    summary = text_of([result["summary"]])
    assert "Mon/Wed/Fri at 19:00 (Europe/Berlin)" in summary
    [first] = await pending(harness)
    assert first.due_at == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and learner.timezone == "Europe/Berlin"
    harness.clock.advance(timedelta(hours=9, minutes=1))
    before = len(harness.api.sent("sendMessage", USER))
    report = await dispatch_now(harness.app)  # type: ignore[arg-type]
    assert report.sent == 1
    reminder = harness.api.sent("sendMessage", USER)[before]
    text = text_of([reminder])
    assert "Time to study" in text and "0/" in text and "before breakfast" in text
    assert [label for label, _ in buttons(reminder)] == [
        "Done ✓", "Finished a module ✓", "Snooze 1 h", "Skip today", "Pause"
    ]  # fmt: skip


async def test_each_reminder_button(harness: BotHarness) -> None:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    reminder = harness.api.sent("sendMessage", USER)[-1]
    message = harness.message_of(reminder)
    data = {label: d for label, d in buttons(reminder)}

    await harness.press(message, data["Finished a module ✓"])
    assert "1/" in harness.api.sent("answerCallbackQuery")[-1].params["text"]
    await harness.press(message, data["Finished a module ✓"])  # twice: still one module done
    async with core(harness).db.session() as session:
        assert len((await session.exec(select(ModuleProgress))).all()) == 1

    await harness.press(message, data["Snooze 1 h"])
    [snoozed] = await pending(harness)
    assert snoozed.due_at == harness.clock.now() + timedelta(hours=1)

    await harness.press(message, data["Skip today"])
    [skipped] = await pending(harness)
    assert skipped.due_at == datetime(2026, 3, 4, 18, 0, tzinfo=UTC)  # Wednesday 19:00 Berlin

    await harness.press(message, data["Pause"])
    assert await pending(harness) == []
    assert "Paused" in text_of(await harness.say("/progress"))
    assert "Resumed 1 plan" in text_of(await harness.say("/resume"))
    assert len(await pending(harness)) == 1
    assert "Upcoming reminders" in text_of(await harness.say("/reminders"))


async def test_another_learner_cannot_press_my_plan_buttons(harness: BotHarness) -> None:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    await dispatch_now(harness.app)  # type: ignore[arg-type]
    reminder = harness.api.sent("sendMessage", USER)[-1]
    data = {label: d for label, d in buttons(reminder)}
    intruder = 777
    await harness.press(harness.message_of(reminder), data["Pause"], user_id=intruder)
    await harness.press(harness.message_of(reminder), data["Done ✓"], user_id=intruder)
    assert "isn't available" in harness.api.sent("answerCallbackQuery")[-1].params["text"]
    assert len(await pending(harness)) == 1
    async with core(harness).db.session() as session:
        assert (await session.exec(select(ModuleProgress))).all() == []
        [plan] = (await session.exec(select(Plan))).all()
    assert plan.status == "active"


async def test_server_errors_and_dropped_connections_are_retried_not_lost(harness: BotHarness) -> None:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    before = len(harness.api.sent("sendMessage", USER))
    for fault in ("5xx", "drop"):
        harness.api.fail_next("sendMessage", fault, chat_id=USER)
        report = await dispatch_now(harness.app)  # type: ignore[arg-type]
        assert report.failed == 1, fault
        [row] = await pending(harness)
        assert row.attempts >= 1 and row.last_error
        harness.clock.advance(timedelta(minutes=11))
    report = await dispatch_now(harness.app)  # type: ignore[arg-type]
    assert report.sent == 1
    assert len(harness.api.sent("sendMessage", USER)) == before + 1  # delivered exactly once


async def test_too_many_requests_waits_and_resends_once(harness: BotHarness) -> None:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    before = len(harness.api.sent("sendMessage", USER))
    harness.api.fail_next("sendMessage", "429", retry_after=1, chat_id=USER)
    report = await dispatch_now(harness.app)  # type: ignore[arg-type]
    assert report.sent == 1
    assert len(harness.api.sent("sendMessage", USER)) == before + 1
    refused = [c for c in harness.api.calls if c.method == "sendMessage" and not c.ok]
    assert len(refused) == 1


async def test_blocked_learner_stops_and_resumes_with_start(harness: BotHarness) -> None:
    await enrol(harness)
    harness.clock.advance(timedelta(hours=9, minutes=1))
    harness.api.fail_next("sendMessage", "403", chat_id=USER)
    report = await dispatch_now(harness.app)  # type: ignore[arg-type]
    assert report.blocked == 1
    learner = await get_learner(core(harness).db, USER)
    assert learner is not None and not learner.active
    assert await pending(harness) == []
    await harness.say("/start")
    assert len(await pending(harness)) == 1


async def test_finishing_the_last_module_congratulates(harness: BotHarness) -> None:
    await enrol(harness)
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
    course = core(harness).catalog.get(plan.course_id)
    assert course is not None
    reminder_message = {"message_id": 1, "chat": {"id": USER, "type": "private"}, "date": 0}
    harness.api.messages[(USER, 1)] = reminder_message
    for position in range(1, len(course.modules) + 1):
        replies = await harness.press(reminder_message, f"p:done:{plan.id}:{position}")
    assert "Congratulations" in text_of(replies)
    assert await pending(harness) == []


async def test_reminders_are_sent_by_the_scheduler_on_its_own(make_settings: Any, fake_api: Any) -> None:
    from bot.clock import ManualClock
    from tests.conftest import TOKEN

    api, server = fake_api
    settings = make_settings(telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url)
    harness = BotHarness(settings, api, ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True))
    harness.dispatch_every = 0.2
    await harness.start()
    try:
        await enrol(harness)
        harness.clock.advance(timedelta(hours=9, minutes=1))
        await api.wait_until(lambda: any("Time to study" in str(c.params.get("text")) for c in api.sent()))
    finally:
        await harness.stop()


async def test_quiet_hours_move_reminders_and_can_be_turned_off(harness: BotHarness) -> None:
    await enrol(harness)
    assert "couldn't read" in text_of(await harness.say("/quiet whenever"))
    assert "18:30–20:00" in text_of(await harness.say("/quiet 18:30-20:00"))
    [moved] = await pending(harness)
    assert moved.due_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)  # 20:00 in Berlin
    assert "off" in text_of(await harness.say("/quiet off"))
    [back] = await pending(harness)
    assert back.due_at == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 19:00 in Berlin


async def test_behind_plan_offers_a_catch_up_and_stop_works(harness: BotHarness) -> None:
    await enrol(harness)
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
        plan.target_date = datetime(2026, 4, 30).date()
        session.add(plan)
    harness.clock.advance(timedelta(days=10))  # four sessions passed, nothing done
    progress = (await harness.say("/progress"))[0]
    text = text_of([progress])
    assert "Behind by" in text and "0/" in text
    labels = {label: data for label, data in buttons(progress)}
    catch_up = next(data for label, data in labels.items() if label.startswith("Catch up"))
    updated = (await harness.press(harness.message_of(progress), catch_up))[0]
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
    assert len(plan.study_days.split(",")) > 3  # more days a week than Mon/Wed/Fri
    move = next(data for label, data in buttons(updated) if label.startswith("Move finish"))
    await harness.press(harness.message_of(updated), move)
    async with core(harness).db.session() as session:
        [plan] = (await session.exec(select(Plan))).all()
    assert plan.target_date is not None and plan.target_date != datetime(2026, 4, 30).date()

    stop = (await harness.say("/stopstudying"))[0]
    yes = next(data for label, data in buttons(stop) if label.startswith("Yes"))
    await harness.press(harness.message_of(stop), yes)
    assert await pending(harness) == []
    history = text_of(await harness.say("/progress"))
    assert "⏹ Stopped on Thu 12 Mar 2026; your progress is kept" in history


async def test_plan_with_no_plan_offers_to_find_a_course(harness: BotHarness) -> None:
    [reply] = await harness.say("/plan")
    assert "no plan to edit" in text_of([reply])
    assert ("🔎 Find a course", "m:find") in buttons(reply)


async def test_done_typed_notes_todays_session(harness: BotHarness) -> None:
    assert "no active study plan" in text_of(await harness.say("done"))
    await enrol(harness)
    [noted] = await harness.say("done ✅")
    assert "Session noted: 1 h" in text_of([noted])
    assert ("Finished a module ✓", "p:done:1:1") in buttons(noted)  # what still makes sense
    assert "already noted" in text_of(await harness.say("studied today"))  # once a day
    assert "This week: 1 session" in text_of(await harness.say("/progress"))


async def test_done_typed_with_two_plans_asks_which_course(harness: BotHarness) -> None:
    await enrol(harness)
    services = core(harness)
    other = next(c for c in services.catalog.courses.values() if "python" not in c.title.lower())
    draft = PlanDraft(course_id=other.id, days=(1, 3), minute=18 * 60, session_minutes=30)
    await create_plan(services.db, services.clock, USER, draft, "Europe/Berlin")
    [asked] = await harness.say("done")
    assert "Which course did you study today?" in text_of([asked])
    choices = [d for _, d in buttons(asked)]
    assert len(choices) == 2 and all(d.startswith("p:done:") for d in choices)
    noted = await harness.press(harness.message_of(asked), choices[1])
    assert "Session noted" in text_of(noted)


async def test_stop_typed_alone_asks_to_confirm_stopping_the_plan(harness: BotHarness) -> None:
    """ "STOP" means the bot's messages: the plan's stop confirmation, nothing stopped yet."""
    assert "no study plan to stop" in text_of(await harness.say("STOP"))
    await enrol(harness)
    [confirm] = await harness.say("STOP")
    assert "Stop studying" in text_of([confirm]) and "Yes, stop" in [label for label, _ in buttons(confirm)]
    assert "This week" in text_of(await harness.say("/progress"))  # the plan is still there
