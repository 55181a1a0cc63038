"""The catalogue at run time: seeded from `content/` on first start, searched in memory."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, delete, func, select

from bot.catalog.careers import DEFAULT_CONTENT, load_careers
from bot.catalog.io import CatalogFile, read_catalog_file, sync_aliases, write_catalog
from bot.catalog.joins import load_joins
from bot.catalog.problems import load_problems
from bot.catalog.search import CourseInfo, CourseSearch, settle_after_build
from bot.clock import Clock
from bot.content import ContentError, read_yaml
from bot.storage.db import Database
from bot.storage.models import (
    Course,
    SearchMiss,
    SearchRequest,
    SkillAlias,
)
from bot.text import normalise

log = logging.getLogger(__name__)
CONTENT_LOCK_ID = 7_340_223


def read_aliases(content_dir: Path) -> dict[str, list[str]]:
    """`content/skill_aliases.yaml`: canonical skill → the aliases learners type for it
    (its `aliases` section, plus the optional `multilingual` one, read the same way)."""
    path = content_dir / "skill_aliases.yaml"
    data = read_yaml(path)
    aliases = data.get("aliases") if isinstance(data, dict) else None
    if not isinstance(aliases, dict):
        raise ContentError(path, None, "aliases", "must map each skill to a list of aliases")
    extra = data.get("multilingual") or {}
    if not isinstance(extra, dict):
        raise ContentError(path, None, "multilingual", "must map each skill to a list of aliases")
    result: dict[str, list[str]] = {}
    for section in (aliases, extra):
        for skill, names in section.items():
            if not isinstance(names, list):
                raise ContentError(path, f"skill '{skill}'", "aliases", "must be a list")
            result.setdefault(str(skill), []).extend(str(n) for n in names)
    owner: dict[str, str] = {}
    for skill, names in result.items():
        for name in names:
            first = owner.setdefault(normalise(name), skill)
            if first != skill:  # the search would silently use one of the two
                where = f"alias '{name}'"
                raise ContentError(path, where, "aliases", f"is listed under '{first}' and '{skill}'")
    return result


def read_request_words(content_dir: Path | None = None) -> dict[str, frozenset[str]]:
    """`content/skill_aliases.yaml`'s optional `request_words`: per teaching language, the
    words a course request is written with in it ("curso de excel"), as queries are read."""
    path = (content_dir or DEFAULT_CONTENT) / "skill_aliases.yaml"
    data = read_yaml(path)
    raw = data.get("request_words") or {} if isinstance(data, dict) else {}
    if not isinstance(raw, dict) or not all(isinstance(w, str) for w in raw.values()):
        raise ContentError(path, None, "request_words", "must map each language code to its words")
    return {str(code): frozenset(normalise(words).split()) for code, words in raw.items()}


async def seed_catalog(db: Database, content_dir: Path) -> None:
    """Load the shipped sample catalogue when the database has no courses yet."""
    async with db.session() as session:
        count = (await session.exec(select(func.count()).select_from(Course))).one()
    if count:
        return
    catalogs: list[CatalogFile] = []
    known: set[str] = set()
    for path in sorted((content_dir / "catalog").glob("*.y*ml")):
        catalog = read_catalog_file(path, known)
        known |= {p.key for p in catalog.providers}
        catalogs.append(catalog)
    report = await write_catalog(db, catalogs)
    log.info("Loaded the sample catalogue: %s", report)


async def open_catalog(db: Database, content_dir: Path) -> CourseSearch:
    """Seed if empty, sync aliases from content, and build the in-memory search index."""
    aliases = read_aliases(content_dir)
    async with db.exclusive(CONTENT_LOCK_ID):  # instances starting together take turns
        await seed_catalog(db, content_dir)
        await sync_aliases(db, aliases)
    return await build_search(db, content_dir)


async def build_search(db: Database, content_dir: Path | None = None) -> CourseSearch:
    """Read the whole catalogue once and index it (rebuilt after every import), with the
    careers of `content_dir/careers.yaml` and the situations of `skill_problems.yaml` (the
    shipped `content/` when not given).

    The index is built in a worker thread, so the event loop keeps serving learners."""
    courses, aliases = await read_search_inputs(db)
    careers = load_careers(content_dir)
    problems = await asyncio.to_thread(load_problems, content_dir)
    request_words = read_request_words(content_dir)
    search = await asyncio.to_thread(CourseSearch, courses, aliases, careers, problems, request_words)
    settle_after_build()
    return search


async def read_search_inputs(db: Database) -> tuple[list[CourseInfo], dict[str, str]]:
    """Every course as the search index needs it, and the skill aliases (one read)."""
    async with db.session() as session:
        joins = await load_joins(session)
        providers, skills, skill_names = joins.providers, joins.skills, joins.skill_names
        aliases = {a.alias: skill_names[a.skill_id] for a in (await session.exec(select(SkillAlias))).all()}
        courses = (await session.exec(select(Course))).all()
    infos = []
    for c in courses:
        assert c.id is not None
        provider = providers[c.provider_id]
        infos.append(
            CourseInfo(
                id=c.id,
                key=c.key,
                title=c.title,
                provider=provider.name,
                provider_country=provider.country,
                subject_area=c.subject_area,
                summary=c.summary,
                learning_outcomes=tuple(c.learning_outcomes),
                skills=tuple(sorted(skills.get(c.id, []))),
                workload_hours=c.workload_hours,
                ects_credits=c.ects_credits,
                eqf_level=c.eqf_level,
                level=c.level,
                participation_form=c.participation_form,
                self_paced=c.self_paced,
                language=c.language,
                price=c.price,
                currency=c.currency,
                assessment_type=c.assessment_type,
                certificate_type=c.certificate_type,
                quality_assurance=c.quality_assurance,
                prerequisites=c.prerequisites,
                stackability=c.stackability,
                url=c.further_information_url,
                modules=tuple((m.title, m.hours) for m in joins.modules.get(c.id, [])),
                is_sample=c.is_sample,
            )  # fmt: skip
        )
    return infos, aliases


async def count_miss(db: Database, clock: Clock, query: str) -> None:
    """Count a search with no good match, without any user id (for /stats)."""
    term = normalise(query)[:80]
    if not term:
        return
    values = {"term": term, "count": 1, "last_seen": clock.now()}
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    statement = insert(SearchMiss).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["term"],
        set_={"count": SearchMiss.count + 1, "last_seen": values["last_seen"]},  # type: ignore[operator]
    )
    async with db.session() as session:
        await session.exec(statement)


SEARCH_KEPT_FOR = timedelta(days=7)


async def save_search(db: Database, clock: Clock, user_id: int, query: str) -> int:
    """Remember a learner's search so its buttons work later; old ones are pruned here."""
    now = clock.now()
    async with db.session() as session:
        await session.exec(delete(SearchRequest).where(col(SearchRequest.created_at) < now - SEARCH_KEPT_FOR))
        request = SearchRequest(user_id=user_id, query=query[:200], created_at=now)
        session.add(request)
        await session.flush()
        assert request.id is not None
        return request.id


async def load_search(db: Database, search_id: int, user_id: int) -> str | None:
    """The query of a saved search, only for the learner who ran it."""
    async with db.session() as session:
        request = await session.get(SearchRequest, search_id)
    if request is None or request.user_id != user_id:
        return None
    return request.query
