"""The real bot and the fake Bot API server on an event loop of their own, in a thread.

Hypothesis drives synchronous test functions; this lets each generated example talk to one
long-running `Application` (started once per module) instead of starting a bot per example.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.clock import ManualClock
from bot.config import Settings
from tests.conftest import TOKEN, BotHarness
from tests.fakes.bot_api import Call, FakeBotApi
from tests.fakes.server import FakeBotApiServer

T = TypeVar("T")


class BackgroundBot:
    def __init__(self, make_settings: Any) -> None:
        self.api = FakeBotApi()
        self._make_settings = make_settings
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: FakeBotApiServer | None = None
        self.harness: BotHarness | None = None

    def start(self) -> BackgroundBot:
        self._thread.start()
        self.run(self._start())
        return self

    async def _start(self) -> None:
        self.server = FakeBotApiServer(self.api, TOKEN)
        await self.server.start()
        settings: Settings = self._make_settings(
            telegram_bot_token=TOKEN,
            telegram_api_base_url=self.server.base_url,
            admin_user_ids=frozenset({1}),
        )
        clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True)
        self.harness = BotHarness(settings, self.api, clock)
        self.harness.dispatch_every = None
        await self.harness.start()

    def stop(self) -> None:
        async def _stop() -> None:
            if self.harness is not None:
                await self.harness.stop()
            if self.server is not None:
                await self.server.stop()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        self.run(_stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def deliver(self, raw_update: dict[str, Any], chat_id: int) -> list[Call]:
        assert self.harness is not None
        return self.run(self.harness.deliver(raw_update, chat_id))
