"""Telegram's send limits, kept by the limiters every send goes through: replies in private
chats skip the per-chat second but still count; three instances on one database together
never put more than 30 slots in any second nor two in one chat within a second."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from bot.reminders.limits import DatabaseRateLimiter, RateLimiter, late_by
from bot.storage.db import Database, open_database
from tests.fakes.postgres import PostgresServer


def manual_limiter() -> tuple[RateLimiter, list[float]]:
    """An in-memory limiter on a clock that only moves when it sleeps."""
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    return RateLimiter(monotonic=lambda: now[0], sleep=sleep), now


async def test_a_reply_in_a_private_chat_is_not_held_a_second_but_a_reminder_is() -> None:
    limiter, now = manual_limiter()
    for _ in range(3):  # a reply of three messages: only the overall pace (1/29 s) apart
        await limiter.wait(5, paced=False)
    last_reply = now[0]
    assert last_reply < 0.1
    await limiter.wait(5)  # a reminder to the same chat keeps a second from the last reply
    assert now[0] >= last_reply + 1.0 - 1e-9


async def test_unpaced_replies_still_count_against_thirty_a_second() -> None:
    limiter, now = manual_limiter()
    times = []
    for chat in range(61):
        await limiter.wait(chat % 2, paced=False)
        times.append(now[0])
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) == 30


async def test_a_send_keeps_to_its_slot_only_once_the_window_is_half_full() -> None:
    limiter, _ = manual_limiter()
    await limiter.wait(1, paced=False)
    assert late_by() is None  # a quiet bot: nothing can add up to 31 a second, send at once
    for chat in range(2, 17):
        await limiter.wait(chat, paced=False)
    assert late_by() is not None  # 16 in the window: this send must leave on time


async def test_a_hold_on_one_instance_stops_every_instance(postgres: PostgresServer) -> None:
    url = postgres.url(await postgres.create_database())
    first, second = await open_database(url), Database(url)
    try:
        one, other = DatabaseRateLimiter(first), DatabaseRateLimiter(second)
        before = await one.reserve(1)
        one.hold(1.0)  # a 429: written with this instance's next request
        await one.reserve(2)
        assert await other.reserve(3) >= before + 1.0
    finally:
        await first.dispose()
        await second.dispose()


@pytest.mark.slow
async def test_three_instances_on_one_database_keep_telegrams_limits(postgres: PostgresServer) -> None:
    """Correctness, not speed: the slots the instances reserve (by the database's clock) hold
    at most 30 in any second and never two in one chat within a second, replies included."""
    url = postgres.url(await postgres.create_database())
    databases = [await open_database(url), Database(url), Database(url)]
    limiters = [DatabaseRateLimiter(db) for db in databases]
    reminders: list[tuple[float, int]] = []
    replies: list[tuple[float, int]] = []
    pick = random.Random(15)

    async def instance(limiter: DatabaseRateLimiter, number: int) -> None:
        for step in range(20):  # four senders per instance
            chat = pick.randrange(30)  # few chats, so chats come back within a second
            if step % 4 == number % 4:
                replies.append((await limiter.reserve(1000 + chat, paced=False), 1000 + chat))
            else:
                reminders.append((await limiter.reserve(chat), chat))

    try:
        await asyncio.gather(*(instance(limiters[i % 3], i) for i in range(12)))
    finally:
        for db in databases:
            await db.dispose()
    times = sorted(at for at, _ in reminders + replies)
    assert len(times) == 240
    assert max(sum(1 for t in times[i : i + 31] if t - start < 1.0) for i, start in enumerate(times)) <= 30
    last: dict[int, float] = {}
    for at, chat in sorted(reminders):
        assert at - last.get(chat, -2.0) >= 1.0, f"chat {chat} got two reminders within a second"
        last[chat] = at


async def test_wait_returns_at_its_slot_not_before(postgres: PostgresServer) -> None:
    url = postgres.url(await postgres.create_database())
    db = await open_database(url)
    try:
        limiter = DatabaseRateLimiter(db, per_second=3)
        slots = [await limiter.reserve(chat) for chat in range(3)]
        await limiter.wait(99)  # the fourth slot is a second after the first
        assert time.time() >= slots[0] + 1.0 - 0.01  # give or take mapping the database's clock
    finally:
        await db.dispose()
