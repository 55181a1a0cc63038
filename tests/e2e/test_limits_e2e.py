"""Every reply fits Telegram's limits, however much a learner has; a refused one gets an apology.

The fake Bot API refuses what Telegram refuses (over 4,096 visible characters, over 100
buttons, button data over 64 bytes), so a reply that would be lost shows up here as a
refused call.
"""

from __future__ import annotations

import logging

import pytest
import yaml
from sqlmodel import col, select

from bot.replies import MAX_BUTTONS, MORE_BUTTONS
from bot.storage.models import Course
from bot.study.store import MAX_OPEN_PLANS, PlanDraft, create_plan
from handlers.errors import SORRY_SHOWING
from tests.conftest import ADMIN, USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import core
from tests.fakes.bot_api import Call

LONG_PLAN = "If I'm tired after a long day & the kids are asleep, I'll study twenty minutes. " * 4


async def give_plans(harness: BotHarness, count: int) -> None:
    """`count` plans for USER straight in the database (old data may exceed today's cap)."""
    await harness.say("/start")
    services = core(harness)
    courses = sorted((c for c in services.catalog.courses.values() if c.self_paced and c.modules),
                     key=lambda c: c.id)  # fmt: skip
    for i in range(count):
        draft = PlanDraft(courses[i % len(courses)].id, (0, 2, 4), 19 * 60, 60, if_then=LONG_PLAN)
        await create_plan(services.db, harness.clock, USER, draft, "Europe/Berlin")


def refused(harness: BotHarness) -> list[tuple[str, str]]:
    return [(c.method, str(c.params.get("text", ""))[:80]) for c in harness.api.calls
            if not c.ok and c.method != "getUpdates"]  # fmt: skip


def button_count(call: Call) -> int:
    return len(buttons(call))


async def test_a_refused_reply_gets_a_short_apology_and_a_logged_reason(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.fail_next("sendMessage", "400", chat_id=USER, description="Bad Request: message is too long")
    with caplog.at_level(logging.WARNING, logger="handlers.errors"):
        replies = await harness.say("/help")
    assert text_of(replies) == SORRY_SHOWING
    assert "message_too_long" in caplog.text and f"user {USER}" in caplog.text
    assert "/help" not in caplog.text  # ids and kinds only, never what the learner wrote


async def test_progress_with_150_plans_arrives_in_messages_telegram_accepts(harness: BotHarness) -> None:
    await give_plans(harness, 150)
    replies = await harness.say("/progress")
    assert refused(harness) == []
    assert len(replies) > 1
    assert text_of(replies).count("Next reminder:") == 150  # every plan shown, none lost
    assert all(button_count(r) <= MAX_BUTTONS for r in replies)
    assert sum(button_count(r) for r in replies) >= 150  # an Edit button for each plan


async def test_reminders_with_150_plans_arrive_in_messages_telegram_accepts(harness: BotHarness) -> None:
    await give_plans(harness, 150)
    replies = await harness.say("/reminders")
    assert refused(harness) == []
    assert text_of(replies).count("• ") == 150


async def test_stopstudying_with_150_plans_sends_one_list_not_150_messages(harness: BotHarness) -> None:
    await give_plans(harness, 150)
    replies = await harness.say("/stopstudying")
    assert refused(harness) == []
    assert "Which plan would you like to stop?" in text_of(replies[:1])
    assert [text_of([r]) for r in replies[1:]] == [MORE_BUTTONS]  # 151 buttons: two keyboards
    choices = [d for r in replies for label, d in buttons(r) if label.startswith("⏹")]
    assert len(choices) == 150
    confirm = await harness.press(harness.message_of(replies[0]), choices[0])
    assert "Stop studying" in text_of(confirm)
    yes = next(d for label, d in buttons(confirm[-1]) if label.startswith("Yes"))
    await harness.press(harness.message_of(confirm[-1]), yes)
    again = await harness.say("/stopstudying")
    assert len([d for r in again for label, d in buttons(r) if label.startswith("⏹")]) == 149


async def test_an_eleventh_plan_gets_a_friendly_no(harness: BotHarness) -> None:
    await give_plans(harness, MAX_OPEN_PLANS)
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    start = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    answer = await harness.press(harness.message_of(card), start)
    assert f"already have {MAX_OPEN_PLANS} study plans" in text_of(answer)
    assert "Which days" not in text_of(answer)


async def test_a_card_of_a_course_stored_with_very_long_fields_arrives_whole(harness: BotHarness) -> None:
    """A course stored before the import limits (the 6,094-character card) is shortened to fit."""
    services = core(harness)
    async with services.db.session() as session:
        course = (await session.exec(select(Course).order_by(col(Course.id)))).first()
        assert course is not None and course.id is not None
        course.summary = "A very thorough summary of this course. " * 80
        course.learning_outcomes = [f"Outcome {i}: " + "apply the ideas in practice " * 10 for i in range(12)]
        session.add(course)
        course_id = course.id
    await services.rebuild_catalog()
    replies = await harness.say(f"/start course_{course_id}")
    assert refused(harness) == []
    [card] = replies
    assert "Start studying" in str(buttons(card)) and "…" in text_of([card])


async def test_an_import_report_with_long_problems_fits_one_message(harness: BotHarness) -> None:
    name = "catalogue-" + "with-a-very-long-name-" * 12 + ".yaml"
    courses = [{"key": f"course-{i}-" + "k" * 60, "title": "x" * 300} for i in range(40)]
    raw = harness.api.send_document(
        ADMIN, name, yaml.safe_dump({"providers": [], "courses": courses}).encode()
    )
    replies = await harness.deliver(raw, ADMIN)
    assert refused(harness) == []
    [report] = replies
    assert "Nothing was imported" in text_of([report]) and "more." in text_of([report])


async def test_a_refused_edit_is_apologised_for_but_not_modified_is_not(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    menu = (await harness.say("/start"))[0]
    harness.api.fail_next("editMessageText", "400", description="Bad Request: can't parse entities: x")
    with caplog.at_level(logging.WARNING, logger="handlers.errors"):
        replies = await harness.press(harness.message_of(menu), "m:ask")
        assert text_of([r for r in replies if r.method == "sendMessage"]) == SORRY_SHOWING
        assert "bad_markup" in caplog.text
        harness.api.fail_next("editMessageText", "400", description="Bad Request: message is not modified")
        again = await harness.press(harness.message_of(menu), "m:ask")
    assert SORRY_SHOWING not in text_of(again)
