"""Concurrent updates, each chat's in order: a slow reply to one learner delays nobody else.

PTB's own concurrent mode runs every update at once, so one learner's two quick messages could
be answered out of order (or race each other through a conversation). `ChatOrderedProcessor`
queues each chat's updates behind one another (keyed by chat id, else by user id, e.g. inline
queries) and runs different chats side by side, at most `MAX_CONCURRENT_CHATS` at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_CHATS = 64
# Updates waiting for their chat's turn or for a free slot; beyond this, fetching pauses.
MAX_PENDING_UPDATES = 4096


def order_key(update: object) -> int | None:
    """Which queue an update joins: its chat, else its sender; None runs it unordered."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


@dataclass
class _Queue:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """One chat's updates one after another (in arrival order); different chats concurrently."""

    def __init__(
        self, max_concurrent: int = MAX_CONCURRENT_CHATS, max_pending: int = MAX_PENDING_UPDATES
    ) -> None:
        # PTB's semaphore (taken before `do_process_update`) bounds the waiting updates; ours
        # bounds the ones running, and is taken only once it is the chat's turn, so a busy
        # chat's queue never holds slots that other chats could use.
        super().__init__(max(max_pending, max_concurrent))
        self._running = asyncio.Semaphore(max_concurrent)
        self._queues: dict[int, _Queue] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = order_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        # No await between arrival and joining the queue: asyncio.Lock wakes waiters in order.
        queue = self._queues.setdefault(key, _Queue())
        queue.users += 1
        try:
            async with queue.lock, self._running:
                await coroutine
        finally:
            queue.users -= 1
            if queue.users == 0:
                del self._queues[key]

    @property
    def waiting_chats(self) -> int:
        """Chats with an update running or queued (for tests and diagnostics)."""
        return len(self._queues)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: the queues empty as their updates finish."""
