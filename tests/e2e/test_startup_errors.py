"""Start-up failures: a rejected token is one line with no token in it; a 502 on the command
menu is retried and then skipped, and the bot runs without it."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import func, select

from app import telegram_app
from bot.clock import ManualClock
from bot.storage.db import engine_url, open_database
from bot.storage.models import Course
from tests.conftest import TOKEN, USER, BotHarness, text_of
from tests.e2e.test_webhook import free_port
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.postgres import PostgresServer
from tests.fakes.server import FakeBotApiServer

ROOT = Path(__file__).resolve().parents[2]
WRONG_TOKEN = "987654321:WRONG-very-secret-part-XyZ123"


async def run_bot_process(tmp_path: Path, *command: str, **env: str) -> tuple[int, str]:
    """`python -m bot <command>` (default `run`) with `env`; its exit code and everything it printed."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_"))}
    base.update(PYTHONPATH=str(ROOT), DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    base.update(env)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *(command or ("run",)), cwd=tmp_path, env=base,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, output.decode(errors="replace")


async def test_a_rejected_token_is_one_line_and_never_printed(
    tmp_path: Path, fake_api: tuple[FakeBotApi, FakeBotApiServer]
) -> None:
    _, server = fake_api  # it knows only TOKEN, so it answers 401 to WRONG_TOKEN
    code, output = await run_bot_process(
        tmp_path, TELEGRAM_BOT_TOKEN=WRONG_TOKEN, TELEGRAM_API_BASE_URL=server.base_url, LOG_LEVEL="DEBUG"
    )
    assert code != 0
    assert WRONG_TOKEN.partition(":")[2] not in output, output
    assert "Traceback" not in output, output
    problems = [line for line in output.splitlines() if " DEBUG " not in line and " INFO " not in line]
    assert problems == ["Telegram rejected the token; check TELEGRAM_BOT_TOKEN"], output


@pytest.fixture
async def flaky_menu(
    make_settings: Any, fake_api: tuple[FakeBotApi, FakeBotApiServer], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[FakeBotApi, BotHarness]]:
    """A bot whose start meets Bad Gateway on setMyCommands (set with `fail_next` first)."""
    api, server = fake_api
    monkeypatch.setattr(telegram_app, "COMMAND_MENU_RETRY_DELAYS", (0.0, 0.0))
    settings = make_settings(telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url)
    bot = BotHarness(settings, api, ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True))
    yield api, bot
    await bot.stop()


async def test_a_502_on_the_command_menu_is_retried(flaky_menu: tuple[FakeBotApi, BotHarness]) -> None:
    api, bot = flaky_menu
    api.fail_next("setMyCommands", "5xx", times=2)
    await bot.start()
    assert [c.ok for c in api.calls if c.method == "setMyCommands"] == [False, False, True]
    assert any(c["command"] == "search" for c in api.commands)


async def test_a_lasting_502_on_the_command_menu_still_starts_the_bot(
    flaky_menu: tuple[FakeBotApi, BotHarness], caplog: pytest.LogCaptureFixture
) -> None:
    api, bot = flaky_menu
    api.fail_next("setMyCommands", "5xx", times=100)
    with caplog.at_level(logging.WARNING):
        await bot.start()
    assert "running without it" in caplog.text and TOKEN.partition(":")[2] not in caplog.text
    assert "/search" in text_of(await bot.say("/help", USER))


DB_PASSWORD = "db-pass-Secret-987"


@pytest.mark.parametrize("command", [["catalog", "export", "out.csv"], ["db", "upgrade"], ["run"]])
async def test_an_unreachable_database_is_one_line(
    tmp_path: Path, fake_api: tuple[FakeBotApi, FakeBotApiServer], command: list[str]
) -> None:
    _, server = fake_api
    port = free_port()  # nothing listens there
    url = f"postgresql://learner:{DB_PASSWORD}@127.0.0.1:{port}/microcred?sslmode=disable"
    code, output = await run_bot_process(
        tmp_path, *command, DATABASE_URL=url, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.base_url
    )
    assert code == 1
    assert DB_PASSWORD not in output and "Traceback" not in output, output
    problems = [line for line in output.splitlines() if " INFO " not in line]
    assert len(problems) == 1, output
    assert problems[0].startswith(
        f"Cannot use the database at postgresql+asyncpg://learner:***@127.0.0.1:{port}/"
    )


def test_sslmode_becomes_asyncpgs_ssl_argument() -> None:
    url, connect_args = engine_url(
        "postgresql+asyncpg://u:p@db.example.org/app?sslmode=require&application_name=x"
    )
    assert connect_args == {"ssl": "require"}
    assert "sslmode" not in url.query and url.query["application_name"] == "x"
    assert engine_url("sqlite+aiosqlite:///x.db")[1] == {}


async def test_a_postgres_url_with_sslmode_connects(postgres: PostgresServer) -> None:
    name = await postgres.create_database()
    database = await open_database(postgres.url(name) + "?sslmode=prefer")  # was a TypeError
    try:
        async with database.session() as session:
            assert (await session.exec(select(func.count()).select_from(Course))).one() == 0
    finally:
        await database.dispose()
