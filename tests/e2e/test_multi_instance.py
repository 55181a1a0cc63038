"""Three bot processes share one PostgreSQL database and one (fake) Telegram.

Every due reminder is delivered once (a duplicate only in the documented crash window of
the instance that is killed), and together they never exceed Telegram's limits: the fake
Bot API answers 429 exactly as Telegram would, and must never have to.
"""

from __future__ import annotations

import asyncio
import bisect
import os
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.catalog.store import build_search
from bot.storage.db import open_database
from tests.conftest import TOKEN
from tests.e2e.test_kill_restart import IN_FLIGHT, WINDOW_SECONDS, Deliveries, reminder_sends, start_bot
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.postgres import PostgresServer
from tests.fakes.server import FakeBotApiServer

pytestmark = pytest.mark.slow

REMINDERS = 3600  # two minutes of sending at Telegram's rate, split across three instances
INSTANCES = 3


async def seed_bulk(postgres: PostgresServer, database: str, course_id: int) -> None:
    """REMINDERS learners, each with a plan and a reminder due now (COPY: seconds, not minutes)."""
    connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{postgres.port}/{database}")
    now = datetime.now(UTC)
    ids = range(1, REMINDERS + 1)
    await connection.copy_records_to_table(
        "learner",
        columns=["id", "chat_id", "first_name", "quiet_start_minute", "quiet_end_minute", "active"],
        records=((i, i, "L", 0, 0, True) for i in ids),
    )
    await connection.copy_records_to_table(
        "plan",
        columns=["id", "learner_id", "course_id", "study_days", "study_minute", "session_minutes",
                 "status", "reminders_sent", "created_at"],
        records=((i, i, course_id, "0,1,2,3,4,5,6", 720, 60, "active", 0, now) for i in ids),
    )  # fmt: skip
    await connection.copy_records_to_table(
        "reminder",
        columns=["plan_id", "learner_id", "due_at", "kind", "attempts"],
        records=((i, i, now - timedelta(seconds=60 + i % 30), "study", 0) for i in ids),
    )
    await connection.execute("SELECT setval('plan_id_seq', (SELECT max(id) FROM plan))")
    await connection.close()


async def test_three_instances_share_the_work_and_the_limits(
    postgres: PostgresServer, postgres_template: str, tmp_path: Path
) -> None:
    database = await postgres.create_database(postgres_template)
    url = postgres.url(database)
    db = await open_database(url)
    course_id = min(c.id for c in (await build_search(db)).courses.values() if c.self_paced)
    await db.dispose()
    await seed_bulk(postgres, database, course_id)
    api = FakeBotApi(enforce_limits=True)
    server = FakeBotApiServer(api, TOKEN)
    await server.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.base_url, DATABASE_URL=url,
        REMINDER_LEASE_SECONDS="5", LOG_LEVEL="WARNING",
    )  # fmt: skip
    processes: list[Any] = []
    seen = Deliveries(api)
    try:
        processes = [await start_bot(env, tmp_path) for _ in range(INSTANCES)]
        await api.wait_until(lambda: len(seen.update().sends) >= REMINDERS // 3, seconds=120)
        processes[0].send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        await processes[0].wait()
        # Telegram's 30 a second, shared by all three, is the bottleneck: about 3.5 minutes.
        await api.wait_until(lambda: len(seen.update().chats) >= REMINDERS, seconds=480)
        await asyncio.sleep(1.0)
        for process in processes[1:]:
            process.send_signal(signal.SIGTERM)
        for process in processes[1:]:
            await asyncio.wait_for(process.wait(), 30)
    finally:
        for process in processes:
            if process.returncode is None:
                process.kill()
        await server.stop()

    sends = reminder_sends(api)
    per_chat = Counter(int(c.params["chat_id"]) for c in sends)
    assert set(per_chat) == set(range(1, REMINDERS + 1)), "a reminder was lost"
    duplicated = [chat for chat, n in per_chat.items() if n > 1]
    for chat in duplicated:
        first = min(c.at for c in sends if int(c.params["chat_id"]) == chat)
        assert killed_at - WINDOW_SECONDS <= first <= killed_at + IN_FLIGHT, f"chat {chat} doubled outside"
    summary = f"{len(sends)} sends, {len(duplicated)} duplicates, {api.too_many_requests} × 429"
    print(f"\n{INSTANCES} instances, one killed: {summary}")
    # The fake server answers 429 as Telegram would. The limiter keeps a margin, but on a
    # loaded 2-core test machine the fake server's own timestamps can bunch a few requests
    # that waited in its queue; allow 2 % (each was retried and delivered, as checked above).
    assert api.too_many_requests <= len(sends) // 50, f"{api.too_many_requests} answers were 429"
    times = sorted(c.at for c in sends)
    busiest = max(bisect.bisect_left(times, start + 1.0) - i for i, start in enumerate(times))
    assert busiest <= 30, f"{busiest} messages in one second across instances"
