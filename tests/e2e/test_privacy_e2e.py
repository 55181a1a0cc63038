"""/mydata shows everything stored; /forget deletes all of it after confirmation."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from bot.storage.models import Learner, ModuleProgress, Plan, Reminder, SearchRequest
from tests.conftest import OTHER_USER, USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core, enrol


async def rows_about(harness: BotHarness, user_id: int) -> int:
    async with core(harness).db.session() as session:
        count = 0
        count += len((await session.exec(select(Learner).where(Learner.id == user_id))).all())
        plans = (await session.exec(select(Plan).where(Plan.learner_id == user_id))).all()
        count += len(plans)
        for plan in plans:
            progress = select(ModuleProgress).where(ModuleProgress.plan_id == plan.id)
            count += len((await session.exec(progress)).all())
        count += len((await session.exec(select(Reminder).where(Reminder.learner_id == user_id))).all())
        count += len(
            (await session.exec(select(SearchRequest).where(SearchRequest.user_id == user_id))).all()
        )
        return count


async def test_mydata_sends_a_summary_and_a_json_file(harness: BotHarness) -> None:
    await enrol(harness)
    replies = await harness.say("/mydata")
    summary = text_of([r for r in replies if r.method == "sendMessage"])
    assert "Study plans: 1" in summary and "Europe/Berlin" in summary
    [document] = [r for r in replies if r.method == "sendDocument"]
    assert document.params.get("filename") == "my-microcred-data.json"
    content = document.params.get("document__content")
    assert content is not None
    data = json.loads(content)
    assert data["learner"]["id"] == USER and len(data["plans"]) == 1
    assert data["plans"][0]["if_then"].startswith("If I'm tired")


async def test_mydata_exports_a_plan_with_a_target_date(harness: BotHarness) -> None:
    """A plan's target date (a date, not a datetime) once made /mydata fail with an apology."""
    await enrol(harness)
    async with core(harness).db.session() as session:
        plan = (await session.exec(select(Plan).where(Plan.learner_id == USER))).one()
        plan.target_date = date(2027, 3, 1)
        session.add(plan)
        await session.commit()
    replies = await harness.say("/mydata")
    assert "went wrong" not in text_of(replies)
    [document] = [r for r in replies if r.method == "sendDocument"]
    assert json.loads(document.params["document__content"])["plans"][0]["target_date"] == "2027-03-01"


async def test_forget_deletes_every_row_after_confirmation(harness: BotHarness) -> None:
    await enrol(harness)
    await enrol(harness, OTHER_USER)
    assert await rows_about(harness, USER) > 3
    confirm = (await harness.say("/forget"))[0]
    assert await rows_about(harness, USER) > 3  # nothing yet: it asks first
    keep = await harness.press(harness.message_of(confirm), "x:forget:no")
    assert "Nothing was deleted" in text_of(keep)
    confirm = (await harness.say("/forget"))[0]
    yes = next(d for label, d in buttons(confirm) if label.startswith("Yes"))
    done = await harness.press(harness.message_of(confirm), yes)
    assert "deleted" in text_of(done)
    assert await rows_about(harness, USER) == 0
    assert await rows_about(harness, OTHER_USER) > 3  # someone else's data is untouched
    assert "don't store anything" in text_of(await harness.say("/mydata"))


async def test_forget_also_drops_a_plan_conversation_in_progress(harness: BotHarness) -> None:
    """A half-answered plan must not come back as a plan with no learner after /forget."""
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    start = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    days = (await harness.press(harness.message_of(card), start))[0]
    assert "Which days" in text_of([days])
    confirm = (await harness.say("/forget"))[0]
    yes = next(d for label, d in buttons(confirm) if label.startswith("Yes"))
    await harness.press(harness.message_of(confirm), yes)
    # Answer every remaining question, as if nothing had happened.
    last = days
    steps = [("press", "p:d:0"), ("press", "p:d:ok"), ("say", "19:00"), ("press", "p:s:60"),
             ("press", "p:g:none"), ("say", "Berlin"), ("say", "tired after work"),
             ("say", "If I'm tired, I'll study 20 minutes before breakfast")]  # fmt: skip
    for kind, value in steps:
        replies = await (
            harness.press(harness.message_of(last), value) if kind == "press" else harness.say(value)
        )
        sent = [c for c in replies if c.method == "sendMessage"]
        last = sent[-1] if sent else last
    async with core(harness).db.session() as session:
        assert (await session.exec(select(Plan))).all() == []
    assert "Study plans: 0" in text_of(await harness.say("/mydata"))  # talking again is a new start
