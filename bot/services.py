"""Everything a handler needs from the core, opened once at start-up and closed at shutdown."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from bot import content_version
from bot.catalog.search import CourseSearch
from bot.catalog.store import build_search, open_catalog
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.content import ContentError
from bot.faq.matcher import Faq, load_faq
from bot.storage.db import Database, open_database
from bot.understand.care import Care, load_care
from bot.understand.entry_model import entry_model
from bot.understand.intent import Understander
from bot.understand.language import Languages, load_languages

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock
    faq: Faq
    catalog: CourseSearch
    care: Care
    languages: Languages
    content_version: int = 0  # the shared version this instance last loaded
    _rebuilding: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    _understander: Understander | None = field(default=None, repr=False)
    _understood: tuple[object, ...] = field(default=(), repr=False)  # what it was made over

    @property
    def understander(self) -> Understander:
        """The understanding step over the current FAQ, catalogue and content: made once, and
        again only after a reload or a rebuilt index replaced one of them."""
        parts = (self.faq, self.catalog, self.care, self.languages)
        made = self._understander
        if made is None or any(a is not b for a, b in zip(parts, self._understood, strict=True)):
            made = Understander(
                self.faq, self.catalog.is_known_skill, self.care, self.languages,
                says_a_need=self.catalog.says_a_need,
            )  # fmt: skip
            self._understander, self._understood = made, parts
        return made

    def reload_content(self) -> None:
        """Re-read the FAQ, care and language files (fails loudly, changing nothing, if one is bad).
        About a second of embedding and training: callers run it in a worker thread."""
        faq, care, languages = (
            load_faq(self.settings.content_dir),
            load_care(self.settings.content_dir),
            load_languages(self.settings.content_dir),
        )
        # trained here, in the worker thread, not by a message
        entry_model(faq, care.off_topic_examples, care.faq_examples)
        self.faq, self.care, self.languages = faq, care, languages

    async def publish_content(self) -> None:
        """After /reload or an import here: bump the shared content version, so every other
        instance reloads too (within `follow_content`'s period)."""
        self.content_version = await content_version.bump(self.db, self.clock.now())

    async def follow_content(self) -> bool:
        """When another instance (or an import) bumped the content version: reload the FAQ
        and rebuild the catalogue index; True if it did. A bad content file is logged and
        the old content kept (as /reload does)."""
        version = await content_version.current(self.db)
        if version == self.content_version:
            return False
        self.content_version = version
        try:
            await asyncio.to_thread(self.reload_content)  # off the event loop: learners keep being answered
        except ContentError as error:
            log.error("Content version %d: files not reloaded, the old ones stay: %s", version, error)
        await self.rebuild_catalog()
        log.info("Content version %d loaded: %d FAQ entries", version, len(self.faq.entries))
        return True

    async def rebuild_catalog(self) -> None:
        """Re-read the catalogue into a fresh search index (after an import or /reload).

        The index is built in a worker thread, so learners keep being answered (from the old
        index) meanwhile; the new one replaces it in one assignment when it is complete.
        Rebuilds queue behind each other, so an older index never replaces a newer one.
        """
        async with self._rebuilding:
            self.catalog = await build_search(self.db, self.settings.content_dir)

    async def close(self) -> None:
        await self.db.dispose()


async def open_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Load content (failing loudly on a malformed file), connect, seed and index."""
    faq = load_faq(settings.content_dir)
    care, languages = load_care(settings.content_dir), load_languages(settings.content_dir)
    languages.warm_up()
    # the second opinion, trained (or read) before any message
    entry_model(faq, care.off_topic_examples, care.faq_examples)
    db = await open_database(settings.database_url)
    try:
        catalog = await open_catalog(db, settings.content_dir)
        version = await content_version.current(db)
    except BaseException:
        await db.dispose()
        raise
    return Services(
        settings=settings,
        db=db,
        clock=clock or SystemClock(),
        faq=faq,
        catalog=catalog,
        care=care,
        languages=languages,
        content_version=version,
    )
