"""Everything a handler needs from the core, opened once at start-up and closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog.search import CourseSearch
from bot.catalog.store import build_search, open_catalog
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.faq.matcher import Faq, load_faq
from bot.storage.db import Database, open_database


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock
    faq: Faq
    catalog: CourseSearch

    async def rebuild_catalog(self) -> None:
        """Re-read the catalogue into a fresh search index (after an import)."""
        self.catalog = await build_search(self.db)

    async def close(self) -> None:
        await self.db.dispose()


async def open_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Load content (failing loudly on a malformed file), connect, seed and index."""
    faq = load_faq(settings.content_dir)
    db = await open_database(settings.database_url)
    try:
        catalog = await open_catalog(db, settings.content_dir)
    except BaseException:
        await db.dispose()
        raise
    return Services(settings=settings, db=db, clock=clock or SystemClock(), faq=faq, catalog=catalog)
