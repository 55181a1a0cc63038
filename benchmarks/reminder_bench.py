"""Reminder pipeline at scale, on SQLite: the due query, dispatch throughput, memory.

* **Due query**: the dispatcher's claim query (due, unsent, unclaimed, oldest first, 100 at a
  time) against 100k and 1M enrolled learners, with a sent reminder per learner already piled
  up, as in a bot that has run for a while. The partial index over unsent rows keeps it flat.
* **Throughput**: the real `ReminderDispatcher` with the Telegram sender, through python-telegram-bot's
  `Bot` (with the rate limiter the app builds) to the terminal chat's in-process Bot API
  (`app.shell_api`, no network). Every send's time is recorded; afterwards each one is
  checked against Telegram's limits (more than 30 messages in any second, or more than one a
  second in a chat, would have been a 429). Goal: ≥ 95 % of 30 msg/s with no send over them.
* **Memory**: a fresh process opens the database, builds the catalogue index and dispatches a
  batch, at 10k and at 1M learners; its peak RSS should not grow with the number of learners.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
BATCH = 100
THROUGHPUT_MESSAGES = 600
TOKEN = "1:bench"


@dataclass(frozen=True)
class QueryFigures:
    learners: int
    rows: int
    build_s: float
    p50_ms: float
    p99_ms: float
    uses_partial_index: bool


@dataclass(frozen=True)
class ThroughputFigures:
    messages: int
    seconds: float
    per_second: float
    too_many_requests: int  # sends that Telegram's limits would have refused (a 429)


@dataclass(frozen=True)
class MemoryFigures:
    learners: int
    peak_rss_mib: float
    sent: int


def iso(moment: datetime) -> str:
    """How the UTC datetime column stores a time on SQLite (naive UTC text)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def build_database(path: Path, learners: int, due_now: int, course_id: int = 1) -> float:
    """Schema from the models, then learners, plans and reminders inserted in bulk."""
    started = time.perf_counter()
    asyncio.run(_migrate(path))
    now = datetime.now(UTC)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    created = iso(now - timedelta(days=30))
    connection.executemany(
        "INSERT INTO learner (id, chat_id, first_name, quiet_start_minute, quiet_end_minute, active, "
        "created_at, updated_at) VALUES (?, ?, 'L', 1320, 480, 1, ?, ?)",
        ((i, i, created, created) for i in range(1, learners + 1)),
    )
    connection.executemany(
        "INSERT INTO plan (id, learner_id, course_id, study_days, study_minute, session_minutes, status, "
        "reminders_sent, created_at, updated_at) VALUES (?, ?, ?, '0,2,4', 1140, 60, 'active', 1, ?, ?)",
        ((i, i, course_id, created, created) for i in range(1, learners + 1)),
    )
    # History: one reminder already sent per learner (these pile up in a real deployment).
    connection.executemany(
        "INSERT INTO reminder (plan_id, learner_id, due_at, kind, sent_at, attempts) "
        "VALUES (?, ?, ?, 'study', ?, 0)",
        (
            (i, i, iso(now - timedelta(days=2, minutes=i % 600)), iso(now - timedelta(days=2)))
            for i in range(1, learners + 1)
        ),
    )
    # Pending: the first `due_now` learners are due now, the rest spread over the next week.
    connection.executemany(
        "INSERT INTO reminder (plan_id, learner_id, due_at, kind, attempts) VALUES (?, ?, ?, 'study', 0)",
        (
            (
                i,
                i,
                iso(now - timedelta(seconds=i)) if i <= due_now else iso(now + timedelta(minutes=i % 10_000)),
            )
            for i in range(1, learners + 1)
        ),
    )
    connection.commit()
    connection.close()
    return time.perf_counter() - started


async def _migrate(path: Path) -> None:
    """The schema exactly as the bot makes it: through the migrations."""
    from bot.storage.db import open_database

    db = await open_database(f"sqlite+aiosqlite:///{path}")
    await db.dispose()


CLAIM_QUERY = (
    "SELECT id FROM reminder WHERE sent_at IS NULL AND due_at <= ? "
    "AND (claimed_at IS NULL OR claimed_at < ?) AND (retry_at IS NULL OR retry_at <= ?) "
    "ORDER BY due_at LIMIT ?"
)


def time_due_query(path: Path, runs: int = 300) -> tuple[float, float, bool]:
    """p50 and p99 (ms) of the claim query, and whether SQLite uses the partial index."""
    connection = sqlite3.connect(path)
    now = iso(datetime.now(UTC))
    lease = iso(datetime.now(UTC) - timedelta(minutes=2))
    plan = connection.execute("EXPLAIN QUERY PLAN " + CLAIM_QUERY, (now, lease, now, BATCH)).fetchall()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = connection.execute(CLAIM_QUERY, (now, lease, now, BATCH)).fetchall()
        timings.append((time.perf_counter() - started) * 1000)
        assert len(rows) == BATCH
    connection.close()
    timings.sort()
    uses_index = any("ix_reminder_due_unsent" in str(step) for step in plan)
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], uses_index


def query_figures(learners: int, folder: Path) -> QueryFigures:
    path = folder / f"q{learners}.db"
    build_s = build_database(path, learners, due_now=BATCH * 3)
    p50, p99, uses_index = time_due_query(path)
    path.unlink()
    return QueryFigures(learners, 2 * learners, build_s, p50, p99, uses_index)


async def _throughput(folder: Path) -> ThroughputFigures:
    """Dispatch THROUGHPUT_MESSAGES due reminders through PTB to the in-process Bot API."""
    from telegram.ext import ExtBot

    from app.shell import InProcessRequest
    from app.shell_api import ShellBotApi
    from bot.catalog.store import open_catalog
    from bot.reminders.dispatcher import ReminderDispatcher
    from bot.reminders.limits import RateLimiter
    from bot.storage.db import open_database
    from handlers.limits import BotRateLimiter
    from handlers.reminders import telegram_sender

    path = folder / "throughput.db"
    url = f"sqlite+aiosqlite:///{path}"
    db = await open_database(url)
    search = await open_catalog(db, CONTENT)
    await db.dispose()
    course_id = min(c.id for c in search.courses.values() if c.self_paced)
    _append_learners(path, THROUGHPUT_MESSAGES, course_id)
    api = ShellBotApi()
    limiter = RateLimiter()  # as the app wires it: replies and reminders share one limiter
    bot = ExtBot(TOKEN, request=InProcessRequest(api), rate_limiter=BotRateLimiter(limiter))
    await bot.initialize()
    db = await open_database(url)
    dispatcher = ReminderDispatcher(db, lambda: search.courses, telegram_sender(bot), "UTC", limiter=limiter)
    started = time.perf_counter()
    report = await dispatcher.run_once(lambda: datetime.now(UTC))
    seconds = time.perf_counter() - started
    await bot.shutdown()
    await db.dispose()
    sends = [(c.at, int(c.params["chat_id"])) for c in api.calls if c.method == "sendMessage" and c.ok]
    return ThroughputFigures(report.sent, seconds, report.sent / seconds, over_telegram_limits(sends))


def over_telegram_limits(sends: list[tuple[float, int]], per_second: int = 30) -> int:
    """How many sends Telegram would have refused: the 31st in any second, or a second one
    to the same chat within a second (times in seconds, in the order sent)."""
    over = 0
    window: list[float] = []
    last_in_chat: dict[int, float] = {}
    for at, chat in sorted(sends):
        window = [t for t in window if at - t < 1.0]
        if len(window) >= per_second or at - last_in_chat.get(chat, -2.0) < 1.0:
            over += 1
        window.append(at)
        last_in_chat[chat] = at
    return over


def _append_learners(path: Path, count: int, course_id: int) -> None:
    """Learners with one due reminder each, added to a database the app already set up."""
    now = datetime.now(UTC)
    connection = sqlite3.connect(path)
    created = iso(now - timedelta(days=1))
    connection.executemany(
        "INSERT INTO learner (id, chat_id, first_name, quiet_start_minute, quiet_end_minute, active, "
        "created_at, updated_at) VALUES (?, ?, 'L', 0, 0, 1, ?, ?)",
        ((i, i, created, created) for i in range(1, count + 1)),
    )
    connection.executemany(
        "INSERT INTO plan (id, learner_id, course_id, study_days, study_minute, session_minutes, "
        "status, reminders_sent, created_at, updated_at) "
        "VALUES (?, ?, ?, '0,1,2,3,4,5,6', 600, 60, 'active', 0, ?, ?)",
        ((i, i, course_id, created, created) for i in range(1, count + 1)),
    )
    connection.executemany(
        "INSERT INTO reminder (plan_id, learner_id, due_at, kind, attempts) VALUES (?, ?, ?, 'study', 0)",
        ((i, i, iso(now - timedelta(seconds=i))) for i in range(1, count + 1)),
    )
    connection.commit()
    connection.close()


def throughput_figures(folder: Path) -> ThroughputFigures:
    return asyncio.run(_throughput(folder))


def memory_figures(learners: int, folder: Path) -> MemoryFigures:
    """Peak RSS of a fresh process that opens the services and dispatches one batch."""
    path = folder / f"m{learners}.db"
    build_database(path, learners, due_now=BATCH * 3)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.reminder_bench", "--memory-probe", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=True,
    )  # fmt: skip
    path.unlink()
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return MemoryFigures(learners, data["peak_rss_mib"], data["sent"])


async def _memory_probe(path: Path) -> dict[str, float]:
    """Runs in its own process: what the bot holds while dispatching, at this database size."""
    from bot.catalog.store import open_catalog
    from bot.reminders.dispatcher import ReminderDispatcher, SendResult, SendStatus
    from bot.reminders.limits import RateLimiter
    from bot.replies import Reply
    from bot.storage.db import open_database

    db = await open_database(f"sqlite+aiosqlite:///{path}")
    search = await open_catalog(db, CONTENT)

    async def sender(_chat_id: int, _reply: Reply) -> SendResult:
        return SendResult(SendStatus.SENT)

    limiter = RateLimiter(per_second=100_000, per_chat_interval=0)
    dispatcher = ReminderDispatcher(db, lambda: search.courses, sender, "UTC", limiter=limiter)
    report = await dispatcher.run_once(lambda: datetime.now(UTC))
    await db.dispose()
    return {"peak_rss_mib": peak_rss_kib() / 1024, "sent": report.sent}


def peak_rss_kib() -> int:
    """This process's peak RSS (VmHWM). Not ru_maxrss: that keeps the parent's peak across the
    fork and exec that started us, so it would report the benchmark runner's memory."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1])


@dataclass(frozen=True)
class Figures:
    queries: list[QueryFigures]
    throughput: ThroughputFigures
    memory: list[MemoryFigures]


def run(quick: bool = False) -> Figures:
    sizes = (10_000, 100_000) if quick else (100_000, 1_000_000)
    memory_sizes = (10_000, 100_000) if quick else (10_000, 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        queries = [query_figures(n, where) for n in sizes]
        throughput = throughput_figures(where)
        memory = [memory_figures(n, where) for n in memory_sizes]
    return Figures(queries, throughput, memory)


def tables(figures: Figures) -> str:
    lines = [
        "| learners | reminder rows | build s | due query p50 ms | p99 ms | partial index used |",
        "| ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {q.learners:,} | {q.rows:,} | {q.build_s:.1f} | {q.p50_ms:.3f} | {q.p99_ms:.3f} | "
        f"{'yes' if q.uses_partial_index else 'NO'} |"
        for q in figures.queries
    ]
    t = figures.throughput
    lines += [
        "",
        "| reminders dispatched | seconds | msg/s | share of 30 msg/s | sends over Telegram's limits |",
        "| ---: | ---: | ---: | ---: | ---: |",
        f"| {t.messages} | {t.seconds:.1f} | {t.per_second:.1f} | {t.per_second / 30:.0%} "
        f"| {t.too_many_requests} |",
        "",
        "| learners in the database | peak RSS MiB (open, index, dispatch a batch) | sent |",
        "| ---: | ---: | ---: |",
    ]
    lines += [f"| {m.learners:,} | {m.peak_rss_mib:.0f} | {m.sent} |" for m in figures.memory]
    return "\n".join(lines)


def goals(figures: Figures) -> list[str]:
    t = figures.throughput
    low, high = figures.memory[0], figures.memory[-1]
    growth = high.peak_rss_mib / low.peak_rss_mib
    return [
        f"throughput {t.per_second:.1f} msg/s = {t.per_second / 30:.0%} of 30 (goal ≥ 95 %): "
        f"{'met' if t.per_second >= 28.5 else 'MISSED'}",
        f"sends over Telegram's limits: {t.too_many_requests} (goal 0): "
        f"{'met' if t.too_many_requests == 0 else 'MISSED'}",
        f"memory {low.learners:,} → {high.learners:,} learners: ×{growth:.2f} (goal: flat, ≤ ×1.1): "
        f"{'met' if growth <= 1.1 else 'MISSED'}",
    ]


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--memory-probe":
        print(json.dumps(asyncio.run(_memory_probe(Path(sys.argv[2])))))
        return
    figures = run(quick="--quick" in sys.argv)
    print(tables(figures))
    for line in goals(figures):
        print(line)


if __name__ == "__main__":
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    main()
