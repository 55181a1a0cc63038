"""The tests' Bot API: the terminal chat's in-process API plus what only tests need.

Adds to `app.shell_api.ShellBotApi`: failures injected per method (`fail_next`: 429, 403,
400, 5xx, dropped connections), Telegram's send limits answered with 429 when
`enforce_limits` is on (over 30 messages a second, or more than one a second in one chat),
and helpers that read what was sent (`sent`, `wait_until`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.shell_api import (
    BOT_ID,
    BOT_USERNAME,
    BotApiError,
    Call,
    DroppedConnection,
    ShellBotApi,
    decode_params,
)

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "BotApiError",
    "Call",
    "DroppedConnection",
    "FakeBotApi",
    "decode_params",
]


@dataclass
class _Failure:
    kind: str  # "429", "403", "400", "5xx", "drop"
    remaining: int
    retry_after: int = 1
    chat_id: int | None = None
    description: str = "Bad Request: injected failure"  # what a "400" says


@dataclass
class FakeBotApi(ShellBotApi):
    """The Bot API's state, with fault injection and Telegram's rate limits for tests."""

    enforce_limits: bool = False  # answer 429 like Telegram: >30 messages/s, >1/s in one chat
    too_many_requests: int = 0
    _recent_sends: list[tuple[float, int]] = field(default_factory=list)
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)

    def fail_next(
        self,
        method: str,
        kind: str,
        *,
        times: int = 1,
        retry_after: int = 1,
        chat_id: int | None = None,
        description: str = "Bad Request: injected failure",
    ) -> None:
        """Make the next `times` calls of `method` fail ("429", "403", "400", "5xx", "drop");
        a "400" says `description` (e.g. "Bad Request: message is too long")."""
        failure = _Failure(kind, times, retry_after, chat_id, description)
        self._failures.setdefault(method, []).append(failure)

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and c.ok and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    async def wait_until(self, predicate: Callable[[], bool], seconds: float = 10.0) -> None:
        """Poll until `predicate()` is true; raise `TimeoutError` otherwise."""
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the fake Bot API did not see the expected calls in time")
            await asyncio.sleep(0.01)

    def _maybe_fail(self, method: str, params: dict[str, Any]) -> None:
        queue = self._failures.get(method)
        if not queue:
            return
        failure = queue[0]
        if failure.chat_id is not None and int(params.get("chat_id", 0)) != failure.chat_id:
            return
        failure.remaining -= 1
        if failure.remaining <= 0:
            queue.pop(0)
        if failure.kind == "429":
            raise BotApiError(
                429, f"Too Many Requests: retry after {failure.retry_after}", failure.retry_after
            )
        if failure.kind == "403":
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        if failure.kind == "400":
            raise BotApiError(400, failure.description)
        if failure.kind == "5xx":
            raise BotApiError(502, "Bad Gateway")
        raise DroppedConnection()

    def _check_limits(self, chat_id: int) -> None:
        if not self.enforce_limits:
            return
        now = time.monotonic()
        self._recent_sends = [(t, c) for t, c in self._recent_sends if now - t < 1.0]
        if len(self._recent_sends) >= 30 or any(c == chat_id for _, c in self._recent_sends):
            self.too_many_requests += 1
            raise BotApiError(429, "Too Many Requests: retry after 1", 1)
        self._recent_sends.append((now, chat_id))
