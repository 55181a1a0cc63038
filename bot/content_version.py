"""The content version shared by every instance: one row, bumped by /reload and by imports.

Each instance remembers the version it last loaded and checks the row every few seconds;
when another instance (or the command line's import) bumped it, it reloads the FAQ and
rebuilds the catalogue index (`Services.follow_content`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from bot.storage.db import Database
from bot.storage.models import ContentVersion

ROW = 1


async def current(db: Database) -> int:
    """The shared version (0 before anything was ever reloaded or imported)."""
    async with db.session() as session:
        row = await session.get(ContentVersion, ROW)
        return row.version if row is not None else 0


async def bump(db: Database, now: datetime) -> int:
    """One more version (atomic, whichever instances bump at once); returns the new number."""
    insert = sqlite_insert if db.is_sqlite else postgresql_insert
    upsert = insert(ContentVersion).values(id=ROW, version=1, updated_at=now)
    upsert = upsert.on_conflict_do_update(
        index_elements=[col(ContentVersion.id)],
        set_={"version": ContentVersion.__table__.c.version + 1, "updated_at": now},  # type: ignore[attr-defined]
    )
    async with db.session() as session:
        result = await session.exec(upsert.returning(col(ContentVersion.version)))
        return int(result.scalar_one())
