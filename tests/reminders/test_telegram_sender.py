"""The reminder sender and the bot's request limiter against the fake Bot API: every message
takes its slot from the one shared limiter, replies wait out a 429 and retry, a reminder's 429
comes straight back to the dispatcher (it owns that wait), and a 400 is a permanent failure."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, ExtBot

from bot.reminders.dispatcher import SendStatus
from bot.reminders.limits import note_slot
from bot.replies import Reply
from handlers.limits import BotRateLimiter, bot_rate_limiter
from handlers.reminders import telegram_sender
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


async def started(base_url: str, limiter: BaseRateLimiter[int]) -> ExtBot[int]:
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


@dataclass
class RecordingLimiter:
    """A `SendLimiter` that lets everything through and notes each slot taken and each hold."""

    slots: list[tuple[int, bool]] = field(default_factory=list)
    holds: list[float] = field(default_factory=list)

    async def wait(self, chat_id: int, *, paced: bool = True) -> None:
        self.slots.append((chat_id, paced))
        note_slot(time.monotonic())

    def hold(self, seconds: float) -> None:
        self.holds.append(seconds)


async def test_every_message_takes_a_slot_from_the_shared_limiter(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    shared = RecordingLimiter()
    bot = await started(base_url, BotRateLimiter(shared))
    sent = await bot.send_message(CHAT, "a reply")
    await bot.send_document(CHAT, b"data", filename="export.json")
    await bot.send_message(-100123, "a reply in a group")
    assert shared.slots == [(CHAT, False), (CHAT, False), (-100123, True)]  # private: no per-chat wait
    await bot.edit_message_text("edited", chat_id=CHAT, message_id=sent.message_id)
    await bot.answer_callback_query("42")
    await bot.send_chat_action(CHAT, "typing")
    assert len(shared.slots) == 3  # edits and answers create no message: no slot
    await telegram_sender(bot)(CHAT, Reply("Time to study!"))
    assert len(shared.slots) == 3  # a reminder's slot was taken by the dispatcher
    await bot.shutdown()


async def test_a_429_on_a_reply_holds_every_send_then_retries(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    shared = RecordingLimiter()
    bot = await started(base_url, BotRateLimiter(shared))
    fake.fail_next("sendMessage", "429", retry_after=1, chat_id=CHAT)
    await bot.send_message(CHAT, "an answer to the learner")
    assert shared.holds == [1.0] and len(shared.slots) == 2 and send_calls(fake) == 2
    await bot.shutdown()


async def test_a_reply_still_refused_after_two_retries_raises(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    bot = await started(base_url, BotRateLimiter(RecordingLimiter()))
    fake.fail_next("sendMessage", "429", times=3, retry_after=1, chat_id=CHAT)
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "an answer to the learner")
    assert send_calls(fake) == 3
    await bot.shutdown()


async def test_a_send_stalled_past_its_slot_takes_a_fresh_one(api: tuple[FakeBotApi, str]) -> None:
    fake, base_url = api
    shared = RecordingLimiter()
    bot = await started(base_url, BotRateLimiter(shared))
    note_slot(time.monotonic() - 0.5)  # the dispatcher's slot, half a second ago (a stalled process)
    await telegram_sender(bot)(CHAT, Reply("Time to study!"))
    assert shared.slots == [(CHAT, False)] and send_calls(fake) == 1
    await bot.shutdown()
