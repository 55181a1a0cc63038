"""Telegram's send limits: at most 30 messages a second, and one a second in any one chat.

Two limiters share one interface (`SendLimiter`): `RateLimiter` keeps the window in memory
(one process, SQLite), `DatabaseRateLimiter` keeps it in PostgreSQL for several instances.
For the database one, each instance asks the database for a sending slot: under a
transaction-scoped advisory lock (one instance at a time, a millisecond each) it counts the
messages of the last window in `sendlog`, checks the chat's last send and any 429 hold, and
records its own send. Times come from the database's clock, so instances on machines with
skewed clocks still agree.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from sqlalchemy import text

from bot.storage.db import Database

LOCK_ID = 7_340_222
KEEP_SECONDS = 60


class SendLimiter(Protocol):
    """What the reminder dispatcher needs of a limiter."""

    async def wait(self, chat_id: int) -> None:
        """Return once a message to `chat_id` may be sent (the slot is taken)."""

    def hold(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""


class RateLimiter:
    """At most `per_second` sends in any one-second window, and one per chat per interval.

    PTB's AIORateLimiter lets a burst of about 59 through in its first second and has no
    per-private-chat limit, so reminders go through this one (a sliding window).
    """

    def __init__(
        self,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        *,
        window: float = 1.05,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        # The window is a little over a second so that, after network jitter, Telegram never
        # sees more than `per_second` messages in any one second.
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.window = window
        self._monotonic = monotonic
        self._sleep = sleep
        self._sent: list[float] = []
        self._chat_last: dict[int, float] = {}
        self._hold_until = 0.0
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int) -> None:
        async with self._lock:
            while True:
                now = self._monotonic()
                self._sent = [t for t in self._sent if now - t < self.window]
                waits = [self._hold_until - now]
                if len(self._sent) >= self.per_second:
                    waits.append(self._sent[0] + self.window - now)
                last = self._chat_last.get(chat_id)
                if last is not None:
                    waits.append(last + self.per_chat_interval - now)
                delay = max(waits)
                if delay <= 0:
                    self._sent.append(now)
                    self._chat_last[chat_id] = now
                    if len(self._chat_last) > 10_000:  # forget chats idle for long
                        self._chat_last = {c: t for c, t in self._chat_last.items() if now - t < 5}
                    return
                await self._sleep(delay)

    def hold(self, seconds: float) -> None:
        """Telegram said 429: nobody sends until it allows again."""
        self._hold_until = max(self._hold_until, self._monotonic() + seconds)


class DatabaseRateLimiter:
    """The same limits for several instances, kept in the database (times by its clock)."""

    def __init__(
        self, db: Database, per_second: int = 30, per_chat_interval: float = 1.0, window: float = 1.2
    ) -> None:
        # A wider window than the single-process limiter's: between taking a slot and the
        # message reaching Telegram, instances on busy machines lag by different amounts.
        self.db = db
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.window = window
        self._pending_hold = 0.0

    async def wait(self, chat_id: int) -> None:
        while True:
            delay = await self._take_slot(chat_id)
            if delay <= 0:
                return
            await asyncio.sleep(delay)

    def hold(self, seconds: float) -> None:
        """A 429: every instance pauses; written at the next slot request."""
        self._pending_hold = max(self._pending_hold, seconds)

    async def _take_slot(self, chat_id: int) -> float:
        """0 when this instance may send now (the send is recorded); else seconds to wait."""
        async with self.db.session() as session:
            connection = await session.connection()

            async def scalar(sql: str, **params: object) -> object:
                return (await connection.execute(text(sql), params)).scalar()

            async def run(sql: str, **params: object) -> None:
                await connection.execute(text(sql), params)

            await run("SELECT pg_advisory_xact_lock(:id)", id=LOCK_ID)
            now = float(await scalar("SELECT extract(epoch FROM clock_timestamp())::float8"))  # type: ignore[arg-type]
            if self._pending_hold:
                until = now + self._pending_hold
                self._pending_hold = 0.0
                await run(
                    "INSERT INTO sendhold (id, until) VALUES (1, :until) "
                    "ON CONFLICT (id) DO UPDATE SET until = GREATEST(sendhold.until, :until)",
                    until=until,
                )
            hold = await scalar("SELECT until FROM sendhold WHERE id = 1")
            waits = [float(hold) - now if hold is not None else 0.0]  # type: ignore[arg-type]
            oldest = await scalar(
                "SELECT at FROM sendlog WHERE at > :since ORDER BY at DESC OFFSET :n LIMIT 1",
                since=now - self.window, n=self.per_second - 1,
            )  # fmt: skip
            if oldest is not None:  # already per_second sends in the window
                waits.append(float(oldest) + self.window - now)  # type: ignore[arg-type]
            last = await scalar("SELECT at FROM chatlastsend WHERE chat_id = :chat", chat=chat_id)
            if last is not None:
                waits.append(float(last) + self.per_chat_interval - now)  # type: ignore[arg-type]
            delay = max(waits)
            if delay > 0:
                return delay + random.uniform(0, 0.01)  # spread the instances' retries
            await run("INSERT INTO sendlog (at) VALUES (:now)", now=now)
            await run(
                "INSERT INTO chatlastsend (chat_id, at) VALUES (:chat, :now) "
                "ON CONFLICT (chat_id) DO UPDATE SET at = :now",
                chat=chat_id, now=now,
            )  # fmt: skip
            if random.random() < 0.02:  # keep the log short
                await run("DELETE FROM sendlog WHERE at < :old", old=now - KEEP_SECONDS)
                await run("DELETE FROM chatlastsend WHERE at < :old", old=now - KEEP_SECONDS)
            return 0.0
