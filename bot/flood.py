"""Per-learner flood control: a burst of updates gets one "slow down", then silence for a while.

Kept in memory on purpose: it protects this process, needs no durability, and only ever
holds the learners active in the last window (old entries are pruned).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the update that crossed the limit: reply once, then ignore
    DROP = "drop"  # ignored while cooling down


@dataclass
class FloodGuard:
    max_updates: int = 20
    window: float = 10.0
    cooldown: float = 30.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _quiet_until: dict[int, float] = field(default_factory=dict)

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
        if len(self._seen) > 10_000:
            self._prune(now)
        return Verdict.ALLOW

    def _prune(self, now: float) -> None:
        self._seen = {u: t for u, t in self._seen.items() if t and now - t[-1] < self.window}
        self._quiet_until = {u: q for u, q in self._quiet_until.items() if q > now}
