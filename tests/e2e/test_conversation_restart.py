"""The plan conversation lives in the database: a restart, or another instance, carries on."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select
from telegram import Update

from app.telegram_app import build_application
from bot.callbacks import StartPlan
from bot.clock import ManualClock
from bot.services import Services
from bot.storage.models import ConversationState, Plan
from handlers.context import BotApplication
from tests.conftest import TOKEN, USER, BotHarness, buttons, text_of
from tests.e2e.test_study_e2e import enrol
from tests.fakes.bot_api import Call, FakeBotApi
from tests.fakes.server import FakeBotApiServer


def core(app: Any) -> Services:
    services: Services = app.bot_data.core
    return services


async def rows(app: Any, model: Any) -> list[Any]:
    async with core(app).db.session() as session:
        return list((await session.exec(select(model))).all())


async def start_on_course(harness: BotHarness) -> dict[str, Any]:
    """Search, open a self-paced course's card, press Start studying; the days question."""
    results = (await harness.say("/search python for beginners"))[0]
    course = next(d for _, d in buttons(results) if d.startswith("c:"))
    card = (await harness.press(harness.message_of(results), course))[0]
    start = next(d for _, d in buttons(card) if d.startswith("p:new:"))
    days = (await harness.press(harness.message_of(card), start))[0]
    assert "Which days" in text_of([days])
    return harness.message_of(days)


async def restart(harness: BotHarness) -> None:
    await harness.stop()
    await harness.start()


async def test_a_restart_mid_conversation_keeps_the_draft(harness: BotHarness) -> None:
    days = await start_on_course(harness)
    await harness.press(days, "p:d:1")
    await restart(harness)
    await harness.press(days, "p:d:3")  # a day button after the restart still toggles
    assert "✅ Thu" in str(harness.api.messages[(USER, days["message_id"])]["reply_markup"])
    assert "At what time" in text_of(await harness.press(days, "p:d:ok"))
    await restart(harness)
    session = await harness.say("19:30")  # not the FAQ fallback: the time question's answer
    assert "How long is each study session" in text_of(session)
    await restart(harness)
    target = await harness.press(harness.message_of(session[0]), "p:s:90")  # a button from before
    assert "date to finish by" in text_of(target)
    await restart(harness)
    assert "time zone" in text_of(await harness.press(harness.message_of(target[0]), "p:g:none"))
    await restart(harness)
    assert "get in the way" in text_of(await harness.say("Berlin"))
    assert "if-then" in text_of(await harness.say("tired after work"))
    await restart(harness)
    summary = text_of(await harness.say("If I'm tired, I'll study 20 minutes before breakfast"))
    assert "Your plan for" in summary and "Tue/Thu at 19:30" in summary
    [plan] = await rows(harness.app, Plan)
    assert (plan.study_days, plan.study_minute, plan.session_minutes) == ("1,3", 19 * 60 + 30, 90)
    assert await rows(harness.app, ConversationState) == []  # finished: nothing left to carry on
    # and a time typed now is no longer a plan answer
    assert "How long" not in text_of(await harness.say("19:30"))


async def test_cancel_after_a_restart_ends_the_stored_conversation(harness: BotHarness) -> None:
    days = await start_on_course(harness)
    await harness.press(days, "p:d:0")
    await harness.press(days, "p:d:ok")
    assert len(await rows(harness.app, ConversationState)) == 1
    await restart(harness)
    assert "no plan was made" in text_of(await harness.say("/cancel"))
    assert await rows(harness.app, ConversationState) == []
    assert "How long" not in text_of(await harness.say("19:30"))
    assert await rows(harness.app, Plan) == []


async def test_editing_a_plan_carries_on_after_a_restart(harness: BotHarness) -> None:
    await enrol(harness)  # Mon/Wed/Fri 19:00 Berlin
    [menu] = await harness.say("/plan")
    [question] = await harness.press(harness.message_of(menu), dict(buttons(menu))["Days"])
    await harness.press(harness.message_of(question), "p:d:1")  # Tue ticked as well
    await restart(harness)
    done = text_of(await harness.press(harness.message_of(question), "p:d:ok"))
    assert "Study days changed." in done
    [plan] = await rows(harness.app, Plan)
    assert plan.study_days == "0,1,2,4"
    assert await rows(harness.app, ConversationState) == []


# --- two instances on one database --------------------------------------------------------------


class Instance:
    """An `Application` that handles the updates it is given (no polling): one of several bots."""

    def __init__(self, app: BotApplication, api: FakeBotApi) -> None:
        self.app, self.api = app, api

    async def handle(self, raw: dict[str, Any]) -> list[Call]:
        self.api.discard_update(raw["update_id"])  # handed to this instance only
        start = len(self.api.calls)
        await self.app.process_update(Update.de_json(raw, self.app.bot))
        return [c for c in self.api.calls[start:] if c.ok and c.method in ("sendMessage", "editMessageText")]


@pytest.fixture
async def instances(
    make_settings: Any, fake_api: tuple[FakeBotApi, FakeBotApiServer], database_url: str
) -> AsyncIterator[list[Instance]]:
    """Two bots on one database (SQLite, then PostgreSQL)."""
    api, server = fake_api
    settings = make_settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url, database_url=database_url
    )
    async with started_instances(settings, api, 2) as started:
        yield started


@contextlib.asynccontextmanager
async def started_instances(settings: Any, api: FakeBotApi, count: int) -> AsyncIterator[list[Instance]]:
    """`count` bots on one database and one clock, initialised (no polling, no dispatcher):
    updates are handed to them one by one, as a load balancer would."""
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True)
    apps = []
    try:
        for _ in range(count):
            app = build_application(settings, clock=clock, dispatch_every=None)
            await app.initialize()
            assert app.post_init is not None
            await app.post_init(app)
            apps.append(app)
        yield [Instance(app, api) for app in apps]
    finally:
        for app in apps:
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
            await app.shutdown()


@pytest.mark.filterwarnings("ignore:Ignoring `conversation_timeout`")  # no JobQueue: the row expires instead
async def test_steps_alternating_between_two_instances_make_one_plan(instances: list[Instance]) -> None:
    a, b = instances
    api = a.api
    course = min(c.id for c in core(a.app).catalog.courses.values() if c.self_paced and c.modules)

    def message(call: Call) -> dict[str, Any]:
        if "message_id" in call.params:
            return api.messages[(USER, int(call.params["message_id"]))]
        return [
            m for (chat, _), m in api.messages.items()
            if chat == USER and m["from"]["id"] == api.bot_id and m.get("text") == call.params.get("text")
        ][-1]  # fmt: skip

    [choose] = await a.handle(api.send_text(USER, "/study"))  # no course yet: it says how to pick one
    [days] = await b.handle(api.press(USER, message(choose), StartPlan(course).pack()))
    assert "Which days" in text_of([days])
    await b.handle(api.press(USER, message(days), "p:d:0"))
    await a.handle(api.press(USER, message(days), "p:d:5"))
    assert "At what time" in text_of(await b.handle(api.press(USER, message(days), "p:d:ok")))
    [session] = await a.handle(api.send_text(USER, "7pm"))
    assert "How long" in text_of([session])
    [target] = await b.handle(api.press(USER, message(session), "p:s:30"))
    assert "date to finish by" in text_of([target])
    assert "time zone" in text_of(await a.handle(api.press(USER, message(target), "p:g:none")))
    assert "get in the way" in text_of(await b.handle(api.send_text(USER, "Berlin")))
    assert "if-then" in text_of(await a.handle(api.send_text(USER, "tired")))
    summary = text_of(await b.handle(api.send_text(USER, "then I'll study first thing")))
    assert "Your plan for" in summary and "Mon/Sat at 19:00" in summary
    [plan] = await rows(b.app, Plan)
    assert (plan.study_days, plan.session_minutes) == ("0,5", 30)
    # A stale in-memory step on the other instance does not take the next message as an answer.
    assert "How long" not in text_of(await a.handle(api.send_text(USER, "19:30")))
    assert len(await rows(a.app, Plan)) == 1
