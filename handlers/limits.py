"""One send limit for everything the bot sends: the bot's request limiter takes every
message's slot from the process's one `SendLimiter`, the same one the reminder dispatcher uses.

What counts: every request that puts a new message in a chat (`send…` except
`sendChatAction`, `copyMessage(s)`, `forwardMessage(s)`). Edits, answers to button presses
and inline queries create no message and are not what Telegram's 30 a second is about, so
they take no slot (a 429 on them is still waited out and retried).

Per chat: replies in private chats skip the one-a-second-per-chat wait (Telegram allows short
bursts there; a reply of two or three messages goes out at once, and flood control caps how
often one learner can make the bot talk), but they count as the chat's last send, so a
reminder keeps a second away. Replies in groups wait the second, as reminders do.

On time: while the limiter is at least half used, the request goes out `SEND_DELAY` after
its slot, give or take `LATE_SECONDS`, or takes a fresh slot (less than half used, no drift
can add up to 31 in a second, and it goes at once). The time between taking a slot and
sending varies (the dispatcher checks ownership in the database in between; a busy machine
stalls); without this, a late message and the next second's on-time ones would reach
Telegram closer together than their slots.

A 429: the whole limiter holds for `retry_after` (every instance, with the database one), then
the request is retried, at most `max_retries` times. Reminder sends are marked `NO_RETRY`:
the dispatcher took their slot and owns their 429 (it renews its lease while it waits).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.reminders.limits import DatabaseRateLimiter, RateLimiter, SendLimiter, forget_slot, late_by
from handlers.context import BotApplication

log = logging.getLogger(__name__)

NO_RETRY = -1  # `rate_limit_args` of a send whose caller took the slot and handles 429 (the dispatcher)
MAX_RETRIES = 2
# Every counted send goes out between SEND_DELAY and SEND_DELAY + LATE_SECONDS after its slot:
# earlier, it waits (the work between slot and send, e.g. the dispatcher's ownership check,
# takes a few milliseconds, varying); later (a stalled process), it takes a fresh slot.
SEND_DELAY = 0.035
LATE_SECONDS = 0.01
_NOT_MESSAGES = frozenset({"sendchataction"})

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


def counts_as_message(endpoint: str) -> bool:
    """Whether a Bot API method puts a new message in a chat (and so takes a send slot)."""
    name = endpoint.lower()
    return name not in _NOT_MESSAGES and name.startswith(("send", "copymessage", "forwardmessage"))


def chat_key(data: dict[str, Any]) -> int:
    """The request's chat id as a number (0 when it has none or names a channel by username)."""
    try:
        return int(data.get("chat_id", 0))
    except (TypeError, ValueError):
        return 0


def retry_seconds(error: RetryAfter) -> float:
    seconds = error.retry_after
    return float(seconds if isinstance(seconds, int | float) else seconds.total_seconds())


class BotRateLimiter(BaseRateLimiter[int]):
    """Every message the bot sends takes its slot from `limiter`; 429s are held and retried."""

    def __init__(self, limiter: SendLimiter | None = None, max_retries: int = MAX_RETRIES) -> None:
        self.limiter: SendLimiter = limiter or RateLimiter()
        self.max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open: the limiter lives as long as the application."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        chat_id, counted = chat_key(data), counts_as_message(endpoint)
        if rate_limit_args == NO_RETRY:  # a reminder: the dispatcher took its slot
            if counted:
                await self._on_time(chat_id)
            return await callback(*args, **kwargs)
        for attempt in range(self.max_retries + 1):
            if counted:
                await self.limiter.wait(chat_id, paced=chat_id < 0)
                await self._on_time(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt >= self.max_retries:
                    raise
                seconds = retry_seconds(error)
                log.warning("Telegram said 429 on %s: holding every send for %g s", endpoint, seconds)
                self.limiter.hold(seconds)
                await asyncio.sleep(seconds)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _on_time(self, chat_id: int) -> None:
        """Right before the request goes out: at `SEND_DELAY` after the slot, give or take
        `LATE_SECONDS`. Stalled past that, take a fresh slot (the stale one counted as the
        chat's send, so the chat is not held again)."""
        while (late := late_by()) is not None:
            if late < SEND_DELAY:
                await asyncio.sleep(SEND_DELAY - late)
            elif late <= SEND_DELAY + LATE_SECONDS:
                break
            else:
                forget_slot()
                await self.limiter.wait(chat_id, paced=False)
        forget_slot()


def bot_rate_limiter() -> BotRateLimiter:
    """The application's request limiter (its send limiter is shared once the database is open)."""
    return BotRateLimiter()


def send_limiter(application: BotApplication) -> SendLimiter:
    """This process's one send limiter, shared by replies and reminders (made on first use).

    In memory for one process on SQLite; in the database on PostgreSQL, so that every
    instance sharing it shares Telegram's 30 a second.
    """
    data = application.bot_data
    if data.send_limiter is None:
        db = data.core.db
        data.send_limiter = RateLimiter() if db.is_sqlite else DatabaseRateLimiter(db)
        requests = application.bot.rate_limiter
        if isinstance(requests, BotRateLimiter):
            requests.limiter = data.send_limiter
    return data.send_limiter
