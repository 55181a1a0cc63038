"""Flood guards: in memory pruned at most once a window; in the database shared by instances."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from bot.flood import PRUNE_ABOVE, DatabaseFloodGuard, FloodGuard, Verdict
from bot.storage.db import Database, open_database
from bot.storage.models import FloodCounter


class CountingPrunes(FloodGuard):
    prunes = 0

    def _prune(self, now: float) -> None:
        self.prunes += 1
        super()._prune(now)


def test_many_active_learners_are_pruned_at_most_once_a_window() -> None:
    guard = CountingPrunes(max_updates=5, window=10, cooldown=30)
    for user in range(PRUNE_ABOVE + 500):  # all active within one window: pruning frees nothing
        guard.check(user, 1.0 + user / 100_000)
    for n in range(2_000):  # every further update within the window must not prune again
        assert guard.check(n, 2.0) is Verdict.ALLOW
    assert guard.prunes == 1
    guard.check(1, 12.0)  # a window later, one more prune: everyone idle since is forgotten
    assert guard.prunes == 2 and len(guard._seen) < PRUNE_ABOVE


@pytest.fixture
async def db(empty_database_url: str) -> AsyncIterator[Database]:
    database = await open_database(empty_database_url)
    yield database
    await database.dispose()


async def counters(db: Database) -> list[FloodCounter]:
    async with db.session() as session:
        return list((await session.exec(select(FloodCounter))).all())


async def test_database_guard_allows_then_warns_once_then_drops_until_cooled_down(db: Database) -> None:
    guard = DatabaseFloodGuard(db, max_updates=3, window=10, cooldown=30)
    verdicts = [await guard.check(1, 1000.0 + t) for t in (0, 1, 2, 3, 4, 5)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert await guard.check(2, 1005.0) is Verdict.ALLOW  # someone else is not affected
    assert await guard.check(1, 1040.0) is Verdict.ALLOW  # cooled down: a fresh window
    assert [await guard.check(1, 1041.0) for _ in range(3)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]


async def test_database_guard_never_limits_slow_and_steady(db: Database) -> None:
    guard = DatabaseFloodGuard(db, max_updates=3, window=10, cooldown=30)
    assert all([await guard.check(1, t * 4.0) is Verdict.ALLOW for t in range(30)])


async def test_the_count_is_shared_by_instances_and_exact_under_concurrency(
    db: Database, empty_database_url: str
) -> None:
    other = Database(empty_database_url)  # a second instance: its own engine, same database
    try:
        guards = [DatabaseFloodGuard(d, max_updates=10, window=60, cooldown=60) for d in (db, other)]
        verdicts = await asyncio.gather(*(guards[n % 2].check(7, 500.0) for n in range(16)))
    finally:
        await other.dispose()
    assert sorted(v.value for v in verdicts) == sorted(["allow"] * 10 + ["warn"] + ["drop"] * 5)


async def test_counting_never_prunes_and_the_periodic_prune_deletes_only_idle_learners(db: Database) -> None:
    guard = DatabaseFloodGuard(db, max_updates=2, window=10, cooldown=30)
    for user in range(1, 6):
        await guard.check(user, 100.0)
    await guard.check(6, 200.0)  # a hundred seconds later the old rows are still there
    assert len(await counters(db)) == 6
    for _ in range(3):
        await guard.check(9, 195.0)  # flooded: cooling down until 225
    assert await guard.prune(200.0) == 5  # idle for a window, not cooling down
    assert sorted(c.learner_id for c in await counters(db)) == [6, 9]
    assert await guard.check(9, 200.0) is Verdict.DROP  # the cooldown survived the prune


async def test_database_guard_uses_the_database_clock(db: Database) -> None:
    guard = DatabaseFloodGuard(db, max_updates=2, window=600, cooldown=600)
    assert [await guard.verdict(3) for _ in range(4)] == [Verdict.ALLOW] * 2 + [Verdict.WARN, Verdict.DROP]
    [row] = await counters(db)
    assert row.window_start > 1.7e9 and row.quiet_until == pytest.approx(row.window_start + 600, abs=600)
