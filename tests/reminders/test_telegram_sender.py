"""The reminder sender against the fake Bot API: the library never retries a 429 inside a
reminder send (the dispatcher owns that wait), and a 400 is a permanent failure."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.ext import AIORateLimiter, ExtBot

from bot.reminders.dispatcher import SendStatus
from bot.replies import Reply
from handlers.reminders import bot_rate_limiter, telegram_sender
from tests.conftest import TOKEN
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.server import FakeBotApiServer

CHAT = 4242


@pytest.fixture
async def api() -> AsyncIterator[tuple[FakeBotApi, str]]:
    fake = FakeBotApi()
    server = FakeBotApiServer(fake, TOKEN)
    await server.start()
    yield fake, f"{server.base_url}/bot{{token}}"
    await server.stop()


async def started(base_url: str, limiter: AIORateLimiter) -> ExtBot[int]:
    bot: ExtBot[int] = ExtBot(TOKEN, base_url=base_url, rate_limiter=limiter)
    await bot.initialize()
    return bot


def send_calls(fake: FakeBotApi) -> int:
    return sum(1 for c in fake.calls if c.method == "sendMessage")


async def test_a_429_comes_straight_back_to_the_dispatcher(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    bot = await started(base_url, bot_rate_limiter())
    fake.fail_next("sendMessage", "429", retry_after=1, chat_id=CHAT)
    result = await telegram_sender(bot)(CHAT, Reply("Time to study!"))
    assert result.status is SendStatus.RETRY_AFTER and result.retry_after == 1.0
    assert send_calls(fake) == 1  # no retry inside the send: the dispatcher renews its lease and resends
    await bot.shutdown()


async def test_replies_still_get_the_library_retries(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    bot = await started(base_url, bot_rate_limiter())
    fake.fail_next("sendMessage", "429", retry_after=1, chat_id=CHAT)
    await bot.send_message(CHAT, "an answer to the learner")
    assert send_calls(fake) == 2
    await bot.shutdown()


async def test_a_bad_request_is_permanent_and_keeps_telegrams_reason(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    bot = await started(base_url, bot_rate_limiter())
    fake.fail_next("sendMessage", "400", chat_id=CHAT)
    result = await telegram_sender(bot)(CHAT, Reply("Time to study!"))
    assert result.status is SendStatus.PERMANENT and "injected failure" in result.error.lower()
    await bot.shutdown()
