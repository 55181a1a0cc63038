"""Per-learner flood control: a burst of updates gets one "slow down", then silence for a while.

Two guards with one protocol (`FloodLimit`):
- `FloodGuard` counts in memory, for one process (SQLite, the terminal chat). Old entries
  are pruned at most once a window, and only when many learners are tracked.
- `DatabaseFloodGuard` counts in the database, so the limit holds for a learner whose
  updates reach several instances (PostgreSQL behind a load balancer): one upsert per update
  on a per-learner window counter, timed by the database's clock. Idle rows are deleted by a
  periodic `prune`, never per update.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from sqlalchemy import text

from bot.storage.db import Database

PRUNE_ABOVE = 10_000  # learners tracked in memory before old ones are pruned


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the update that crossed the limit: reply once, then ignore
    DROP = "drop"  # ignored while cooling down


class FloodLimit(Protocol):
    async def verdict(self, user_id: int) -> Verdict:
        """Whether this update of the learner's is answered, warned about or dropped."""
        ...


@dataclass
class FloodGuard:
    max_updates: int = 20
    window: float = 10.0
    cooldown: float = 30.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _quiet_until: dict[int, float] = field(default_factory=dict)
    _pruned_at: float | None = None

    async def verdict(self, user_id: int) -> Verdict:
        return self.check(user_id, time.monotonic())

    def check(self, user_id: int, now: float) -> Verdict:
        if self._quiet_until.get(user_id, 0.0) > now:
            return Verdict.DROP
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        times.append(now)
        if len(times) > self.max_updates:
            self._quiet_until[user_id] = now + self.cooldown
            times.clear()
            return Verdict.WARN
        if len(self._seen) > PRUNE_ABOVE and now - (self._pruned_at or -self.window) >= self.window:
            self._prune(now)
        return Verdict.ALLOW

    def _prune(self, now: float) -> None:
        """Forget learners idle for a window (at most once a window, however many are active)."""
        self._pruned_at = now
        self._seen = {u: t for u, t in self._seen.items() if t and now - t[-1] < self.window}
        self._quiet_until = {u: q for u, q in self._quiet_until.items() if q > now}


# The learner's counter after this update: a fresh window once the last one is over (or a
# cooldown ended); one more update otherwise. Crossing the limit starts the cooldown, and the
# count then reads max + 1 (WARN); updates during the cooldown count on past it (DROP).
_COUNT = """
INSERT INTO floodcounter AS f (learner_id, window_start, updates, quiet_until)
VALUES (:user_id, {now}, 1, 0)
ON CONFLICT (learner_id) DO UPDATE SET
  updates = CASE WHEN f.quiet_until <= {now} AND ({now} - f.window_start >= :window OR f.updates > :most)
                 THEN 1 ELSE f.updates + 1 END,
  window_start = CASE WHEN f.quiet_until <= {now} AND ({now} - f.window_start >= :window OR f.updates > :most)
                      THEN {now} ELSE f.window_start END,
  quiet_until = CASE WHEN f.quiet_until <= {now} AND {now} - f.window_start < :window AND f.updates = :most
                     THEN {now} + :cooldown ELSE f.quiet_until END
RETURNING updates
"""
_PRUNE = "DELETE FROM floodcounter WHERE quiet_until <= {now} AND window_start <= {now} - :window"
# The database's clock in epoch seconds: every instance then agrees on when a window started.
_DB_NOW = {
    "postgresql": "CAST(EXTRACT(EPOCH FROM now()) AS DOUBLE PRECISION)",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}


@dataclass
class DatabaseFloodGuard:
    """The flood limit, counted in the database so every instance sees the same count."""

    db: Database
    max_updates: int = 20
    window: float = 10.0
    cooldown: float = 30.0

    async def verdict(self, user_id: int) -> Verdict:
        return await self.check(user_id)

    async def check(self, user_id: int, now: float | None = None) -> Verdict:
        """Count this update (at `now`, epoch seconds; default: the database's clock)."""
        params = {
            "user_id": user_id, "window": float(self.window), "most": self.max_updates,
            "cooldown": float(self.cooldown),
        }  # fmt: skip
        async with self.db.engine.begin() as connection:
            result = await connection.execute(text(self._sql(_COUNT, now)), self._with_now(params, now))
            updates = int(result.scalar_one())
        if updates <= self.max_updates:
            return Verdict.ALLOW
        return Verdict.WARN if updates == self.max_updates + 1 else Verdict.DROP

    async def prune(self, now: float | None = None) -> int:
        """Delete the counters of learners idle for a window and out of any cooldown."""
        async with self.db.engine.begin() as connection:
            result = await connection.execute(
                text(self._sql(_PRUNE, now)), self._with_now({"window": float(self.window)}, now)
            )
            return int(result.rowcount or 0)

    def _sql(self, template: str, now: float | None) -> str:
        dialect = "sqlite" if self.db.is_sqlite else "postgresql"
        return template.format(now=":now" if now is not None else _DB_NOW[dialect])

    @staticmethod
    def _with_now(params: Mapping[str, object], now: float | None) -> Mapping[str, object]:
        return params if now is None else {**params, "now": float(now)}
