"""Concurrent updates: a slow reply to one learner delays nobody else; each chat stays in order."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.catalog.search import CourseSearch
from handlers.context import BotContext
from tests.conftest import OTHER_USER, USER, BotHarness, text_of


class Gate:
    """A first handler that holds `USER`'s first update until released; notes finishing order."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.held: int | None = None
        self.finished: list[int] = []

    async def hold(self, update: Update, context: BotContext) -> None:
        user = update.effective_user
        if user is not None and user.id == USER and self.held is None:
            self.held = update.update_id
            await self.release.wait()

    async def note(self, update: Update, context: BotContext) -> None:
        self.finished.append(update.update_id)


@pytest.fixture
def gate(harness: BotHarness) -> Iterator[Gate]:
    assert harness.app is not None
    found = Gate()
    harness.app.add_handler(TypeHandler(Update, found.hold), group=-10)
    harness.app.add_handler(TypeHandler(Update, found.note), group=100)
    yield found
    found.release.set()  # a failed test must not leave the bot stuck


async def test_a_slow_update_for_one_learner_does_not_delay_another(harness: BotHarness, gate: Gate) -> None:
    harness.api.send_text(USER, "/help")  # held until released below
    await harness.api.wait_until(lambda: gate.held is not None)
    replies = await harness.say("/help", user_id=OTHER_USER)
    assert "/search" in text_of(replies), "the other learner was not answered while the first was slow"
    gate.release.set()
    await harness.api.wait_until(lambda: gate.held in harness.processed)


async def test_one_learners_updates_are_handled_in_the_order_sent(harness: BotHarness, gate: Gate) -> None:
    sent = [harness.api.send_text(USER, text)["update_id"] for text in ("/help", "/faq", "/start")]
    await harness.api.wait_until(lambda: gate.held is not None)
    await harness.say("/help", user_id=OTHER_USER)  # other chats go on meanwhile...
    assert not set(sent[1:]) & harness.processed, "a later update overtook the held one"  # ...this one waits
    gate.release.set()
    await harness.api.wait_until(lambda: set(sent) <= harness.processed)
    assert [u for u in gate.finished if u in sent] == sent
    replies = [c.params["text"] for c in harness.api.sent(chat_id=USER)]
    assert len(replies) >= 3 and "/search" in replies[0]


async def test_reload_builds_the_search_index_off_the_event_loop(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_on: list[threading.Thread] = []
    original = CourseSearch.__init__

    def noting(self: CourseSearch, *args: Any, **kwargs: Any) -> None:
        built_on.append(threading.current_thread())
        original(self, *args, **kwargs)

    monkeypatch.setattr(CourseSearch, "__init__", noting)
    assert harness.app is not None
    core = harness.app.bot_data.core
    before = core.catalog
    await core.rebuild_catalog()
    assert built_on and built_on[-1] is not threading.main_thread()
    assert core.catalog is not before and set(core.catalog.courses) == set(before.courses)
