"""Database access: one async engine, one session per unit of work.

SQLite (the default) runs in WAL mode with a busy timeout so the dispatcher and the
handlers can write at the same time; PostgreSQL uses the same models through asyncpg.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.storage import models  # noqa: F401  (registers every table on SQLModel.metadata)

SQLITE_BUSY_TIMEOUT_MS = 5000
# Errors that mean "cannot reach or log in to the database", not a bug.
CONNECTION_ERRORS = (OSError, TimeoutError, OperationalError, InterfaceError)


class DatabaseUnavailable(Exception):
    """The database cannot be reached (or refuses us); the message is one line, no password."""


def engine_url(url: str) -> tuple[URL, dict[str, Any]]:
    """The URL for SQLAlchemy plus connect arguments.

    libpq's `?sslmode=require` (as hosting providers print it) is not an asyncpg keyword
    (asyncpg takes `ssl`, with the same mode names), so it is moved there.
    """
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.drivername.startswith("postgresql") and "sslmode" in parsed.query:
        mode = parsed.query["sslmode"]
        connect_args["ssl"] = mode if isinstance(mode, str) else mode[-1]
        parsed = parsed.difference_update_query(["sslmode"])
    return parsed, connect_args


def unavailable(url: str, error: BaseException) -> DatabaseUnavailable:
    """One line saying which database (password hidden) and why."""
    shown = make_url(url).render_as_string(hide_password=True)
    reason = " ".join(str(getattr(error, "orig", None) or error).split()) or type(error).__name__
    return DatabaseUnavailable(f"Cannot use the database at {shown}: {reason[:300]}")


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """Owns the engine; hands out sessions with `async with db.session() as s:`."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _prepare_sqlite_file(url)
        target, connect_args = engine_url(url)
        self.engine: AsyncEngine = create_async_engine(
            target, echo=echo, pool_pre_ping=True, connect_args=connect_args
        )
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _set_sqlite_pragmas)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)

    async def migrate(self) -> str | None:
        """Bring the schema to the newest migration; returns the revision it started from."""
        from bot.storage.migrate import upgrade

        return await upgrade(self.engine)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits on success and rolls back on any error."""
        async with self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def exclusive(self, lock_id: int) -> AsyncIterator[None]:
        """Only one process at a time in this block (PostgreSQL advisory lock).

        For start-up work such as loading content, when several instances start together.
        SQLite needs nothing: its writers take turns anyway.
        """
        if self.is_sqlite:
            yield
            return
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": lock_id})
            await connection.commit()
            try:
                yield
            finally:
                await connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
                await connection.commit()

    async def dispose(self) -> None:
        await self.engine.dispose()


async def open_database(url: str) -> Database:
    """Connect and bring the schema up to date (migrations run at every start).

    Raises `DatabaseUnavailable` (one line) when the database cannot be reached.
    """
    database = Database(url)
    try:
        await database.migrate()
    except CONNECTION_ERRORS as error:
        await database.dispose()
        raise unavailable(url, error) from None
    except BaseException:
        await database.dispose()
        raise
    return database
