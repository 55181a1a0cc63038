"""Telegram's send limits: at most 30 messages a second, and one a second in any one chat.

Two limiters share one interface (`SendLimiter`): `RateLimiter` keeps the window in memory
(one process, SQLite), `DatabaseRateLimiter` keeps it in PostgreSQL for several instances.
For the database one, each instance reserves a sending slot: under a transaction-scoped
advisory lock (one instance at a time, a millisecond each) it finds the next free slot time
after those in `sendlog`, checks the chat's last send and any 429 hold, records the slot, and
sleeps until it. Times come from the database's clock, so instances on machines with skewed
clocks still agree.

Replies and reminders share one limiter per process (`handlers.limits`), so the 30 a second
covers everything the bot sends; replies in private chats skip the per-chat second
(`paced=False`) but count as the chat's last send, so a reminder keeps its distance.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Protocol

from sqlalchemy import text

from bot.storage.db import Database

LOCK_ID = 7_340_222
KEEP_SECONDS = 60

# The slot the current task holds: (its time, the clock it is on), when the limiter was at
# least half full then. Whoever sends checks `late_by()` right before the request goes out: a
# process stalled past its slot must not send a batch of late messages at once (they would
# bunch up against the next ones). With the window less than half full, no drift can add up
# to 31 in a second, so such a slot is not noted and its message goes at once.
_slot: ContextVar[tuple[float, Callable[[], float]] | None] = ContextVar("send_slot", default=None)


def note_slot(at: float, clock: Callable[[], float] = time.monotonic, *, busy: bool = True) -> None:
    """The current task holds the slot at `at` (on `clock`); `busy`: the window was at least
    half full (otherwise there is nothing to keep to)."""
    _slot.set((at, clock) if busy else None)


def late_by() -> float | None:
    """How long after its slot the current task is (None when it holds none to keep to)."""
    held = _slot.get()
    return None if held is None else held[1]() - held[0]


def forget_slot() -> None:
    """The slot is used (the request is going out)."""
    _slot.set(None)


class SendLimiter(Protocol):
    """What the reminder dispatcher and the bot's request limiter need of a limiter."""

    async def wait(self, chat_id: int, *, paced: bool = True) -> None:
        """Return once a message to `chat_id` may be sent (the slot is taken).

        `paced=False` (replies in private chats) skips the one-a-second-per-chat wait but still
        counts against the 30 a second, and as the chat's last send.
        """

    def hold(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""


class RateLimiter:
    """At most `per_second` sends in any `window`, `spacing` apart, one per chat per interval.

    PTB's AIORateLimiter lets a burst of about 59 through in its first second and has no
    per-private-chat limit, so everything the bot sends goes through this one. Sends are
    paced (1/29 s apart by default, as on PostgreSQL) rather than let through 30 at once:
    the margin is kept in the spacing (any 31 sends span 30/29 s), and each send has time for
    its work between slot and request (`handlers.limits` keeps it to its slot).
    """

    def __init__(
        self,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        *,
        window: float = 1.0,
        spacing: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.window = window
        self.spacing = spacing if spacing is not None else 1 / max(per_second - 1, 1)
        self._monotonic = monotonic
        self._sleep = sleep
        self._sent: list[float] = []
        self._chat_last: dict[int, float] = {}
        self._hold_until = 0.0
        self._lock = asyncio.Lock()

    async def wait(self, chat_id: int, *, paced: bool = True) -> None:
        """Sends queue in order for the overall limits; a send waiting for its chat's second
        waits outside the queue (a reminder held for its chat never holds up a reply)."""
        while True:
            async with self._lock:
                chat_wait = self._chat_wait(chat_id) if paced else 0.0
                if chat_wait <= 0:
                    while (delay := self._overall_wait()) > 0:
                        await self._sleep(delay)
                    chat_wait = self._chat_wait(chat_id) if paced else 0.0
                    if chat_wait <= 0:
                        self._grant(chat_id)
                        return
            await self._sleep(chat_wait)

    def _overall_wait(self) -> float:
        """Seconds until the window, the spacing and any 429 hold allow a send."""
        now = self._monotonic()
        self._sent = [t for t in self._sent if now - t < self.window]
        waits = [self._hold_until - now]
        if self._sent:
            waits.append(self._sent[-1] + self.spacing - now)
        if len(self._sent) >= self.per_second:
            waits.append(self._sent[-self.per_second] + self.window - now)
        return max(waits)

    def _chat_wait(self, chat_id: int) -> float:
        last = self._chat_last.get(chat_id)
        return 0.0 if last is None else last + self.per_chat_interval - self._monotonic()

    def _grant(self, chat_id: int) -> None:
        now = self._monotonic()
        self._sent.append(now)
        self._chat_last[chat_id] = now
        note_slot(now, self._monotonic, busy=len(self._sent) > self.per_second // 2)
        if len(self._chat_last) > 10_000:  # forget chats idle for long
            self._chat_last = {c: t for c, t in self._chat_last.items() if now - t < 5}

    def hold(self, seconds: float) -> None:
        """Telegram said 429: nobody sends until it allows again."""
        self._hold_until = max(self._hold_until, self._monotonic() + seconds)


class DatabaseRateLimiter:
    """The same limits for several instances, kept in the database (times by its clock).

    Each send reserves the next free slot: the earliest time, by the database's clock, at
    which it is at most the `per_second`-th send in any `window` and at least `spacing` after
    the previous slot. The instance then sleeps until its slot, so nobody polls and the slots
    follow each other evenly (no burst of 30 at the top of each second). A chat that had a
    message within `per_chat_interval`, or a 429 hold, is waited for before reserving.

    The margin: slots are 1/29 s apart (29 a second, 97 % of Telegram's 30), so any 31 slots
    span at least 30/29 s ≈ 1.034 s, and at most 30 fall in any 1.0 s window. Each message
    leaves within 10 ms of the same delay after its slot or takes a fresh one
    (`handlers.limits`), so any 31 messages reach Telegram at least 1.024 s apart, less only
    network jitter after the send. Hence the window is exactly 1 s: the margin is in the
    spacing, not in a wider window (a 1.2 s window left 15 % of the budget unused). A 429 hold
    applies to slots reserved after it; those already reserved (a fraction of a second's
    worth) still go.
    """

    def __init__(
        self,
        db: Database,
        per_second: int = 30,
        per_chat_interval: float = 1.0,
        window: float = 1.0,
        spacing: float | None = None,
    ) -> None:
        self.db = db
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.window = window
        self.spacing = spacing if spacing is not None else 1 / max(per_second - 1, 1)
        self._pending_hold = 0.0
        self._lows: deque[float] = deque(maxlen=200)
        self._highs: deque[float] = deque(maxlen=200)

    async def wait(self, chat_id: int, *, paced: bool = True) -> None:
        """Reserve a slot, then sleep until it."""
        while True:
            _, at, reserved, busy = await self._reserve(chat_id, paced)
            local = at + self._offset()
            await asyncio.sleep(max(0.0, local - time.monotonic()))
            if reserved:
                note_slot(local, busy=busy)
                return

    def _offset(self) -> float:
        """This machine's monotonic clock minus the database's clock.

        The database read its clock between our asking and its answer (one short query, the
        lock already held), so the offset lies between those bounds; the tightest bounds of
        the last answers pin it to within about a millisecond, whichever instance asks (so
        they agree on when a slot is).
        """
        lowest, highest = max(self._lows), min(self._highs)
        return (lowest + highest) / 2 if lowest <= highest else self._highs[-1]

    async def reserve(self, chat_id: int, *, paced: bool = True) -> float:
        """Reserve a slot without sleeping until it (waiting out the chat or a hold first);
        its time by the database's clock, in seconds since the epoch."""
        while True:
            now, at, reserved, _ = await self._reserve(chat_id, paced)
            if reserved:
                return at
            await asyncio.sleep(at - now)

    def hold(self, seconds: float) -> None:
        """A 429: every instance pauses; written at the next slot request."""
        self._pending_hold = max(self._pending_hold, seconds)

    async def _reserve(self, chat_id: int, paced: bool) -> tuple[float, float, bool, bool]:
        """(now, the slot, True, busy) once reserved; else (now, when to ask again, False, _).
        Busy: the window around the slot was at least half full."""
        async with self.db.session() as session:
            connection = await session.connection()

            async def scalar(sql: str, **params: object) -> float | None:
                found = (await connection.execute(text(sql), params)).scalar()
                return None if found is None else float(found)

            async def run(sql: str, **params: object) -> None:
                await connection.execute(text(sql), params)

            await run("SELECT pg_advisory_xact_lock(:id)", id=LOCK_ID)
            asked = time.monotonic()
            now = await scalar("SELECT extract(epoch FROM clock_timestamp())::float8")
            assert now is not None
            self._lows.append(asked - now)
            self._highs.append(time.monotonic() - now)
            if self._pending_hold:
                until = now + self._pending_hold
                self._pending_hold = 0.0
                await run(
                    "INSERT INTO sendhold (id, until) VALUES (1, :until) "
                    "ON CONFLICT (id) DO UPDATE SET until = GREATEST(sendhold.until, :until)",
                    until=until,
                )
            slot = max(now, await self._free_slot(scalar, now))
            hold = await scalar("SELECT until FROM sendhold WHERE id = 1")
            last = await scalar("SELECT at FROM chatlastsend WHERE chat_id = :chat", chat=chat_id)
            blocked = [hold or 0.0]
            if paced and last is not None:
                blocked.append(last + self.per_chat_interval)
            if max(blocked) > slot:  # the chat or a hold: wait, then ask again
                return now, max(blocked) + random.uniform(0, 0.01), False, True
            await run("INSERT INTO sendlog (at) VALUES (:slot)", slot=slot)
            await run(
                "INSERT INTO chatlastsend (chat_id, at) VALUES (:chat, :slot) "
                "ON CONFLICT (chat_id) DO UPDATE SET at = GREATEST(chatlastsend.at, :slot)",
                chat=chat_id, slot=slot,
            )  # fmt: skip
            if random.random() < 0.02:  # keep the log short
                await run("DELETE FROM sendlog WHERE at < :old", old=now - KEEP_SECONDS)
                await run("DELETE FROM chatlastsend WHERE at < :old", old=now - KEEP_SECONDS)
            taken = await scalar("SELECT count(*) FROM sendlog WHERE at > :since", since=slot - self.window)
            return now, slot, True, (taken or 0) > self.per_second // 2

    async def _free_slot(self, scalar: Callable[..., Awaitable[float | None]], now: float) -> float:
        """The earliest slot after the reserved ones: `window` after the `per_second`-th latest,
        `spacing` after the latest (slots only ever move forward)."""
        nth = await scalar(
            "SELECT at FROM sendlog WHERE at > :since ORDER BY at DESC OFFSET :n LIMIT 1",
            since=now - self.window, n=self.per_second - 1,
        )  # fmt: skip
        latest = await scalar("SELECT max(at) FROM sendlog WHERE at > :since", since=now - self.window)
        earliest = now
        if nth is not None:
            earliest = max(earliest, nth + self.window)
        if latest is not None:
            earliest = max(earliest, latest + self.spacing)
        return earliest
