"""Time, made replaceable: the core never calls `datetime.now()` directly.

Tests use a frozen `ManualClock`; the terminal chat uses a running one it can advance
(`/tick`), so reminders can be seen without waiting.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """Real time plus an offset that can be advanced; or, when frozen, a fixed instant."""

    def __init__(self, start: datetime | None = None, *, frozen: bool = False) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._frozen = frozen
        self._fixed = start or datetime.now(UTC)
        self._offset = timedelta(0) if start is None else start - datetime.now(UTC)

    def now(self) -> datetime:
        if self._frozen:
            return self._fixed
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        if self._frozen:
            self._fixed += delta
        else:
            self._offset += delta
