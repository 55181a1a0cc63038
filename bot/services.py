"""Everything a handler needs from the core, opened once at start-up and closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import Database, open_database


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock

    async def close(self) -> None:
        await self.db.dispose()


async def open_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Connect to the database (creating tables) and load the content files."""
    db = await open_database(settings.database_url)
    return Services(settings=settings, db=db, clock=clock or SystemClock())
