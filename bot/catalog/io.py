"""Catalogue files in and out: validate every record, then upsert in one transaction.

Formats (by file suffix):
* YAML / JSON: `{providers: [...], courses: [...]}` as in `content/catalog/*.yaml`.
* CSV: one course per row with its provider in `provider_*` columns; lists are separated by
  `|`, modules are `Title=hours|Title=hours`.

Only a fully valid file is written; each problem is reported with file, record (or CSV line)
and field. Text fields have maximum lengths (`bot/catalog/limits.py`) so a course card always
fits one Telegram message. Imports are idempotent: courses are matched by their stable `key`.

Files may come from an admin's chat, so they are read defensively: at most 5 MB, YAML through
`bot.content.load_yaml` (no anchors or aliases, bounded nesting, repeated keys refused), JSON
with bounded nesting and no repeated keys, CSV with a bounded number of columns; a UTF-8 byte
order mark (as Excel writes) is fine. Every malformed file gets a one-line reason. Parsing and
validation run in a worker thread. CSV export defuses spreadsheet formulas (see `csv_cell`).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlmodel import col, delete, insert, select

from bot.catalog import limits
from bot.catalog.joins import load_joins
from bot.content import MAX_YAML_DEPTH, load_yaml, yaml_problem
from bot.storage.db import Database
from bot.storage.models import Course, CourseSkill, Module, Provider, Skill, SkillAlias
from bot.text import normalise

ProviderKind = Literal[
    "university", "business_school", "college", "further_education", "professional_body",
    "industry_platform",
]  # fmt: skip
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{1,79}$"
CSV_COLUMNS = [
    "key", "title", "provider", "provider_name", "provider_country", "provider_kind",
    "provider_website", "subject_area", "summary", "learning_outcomes", "skills",
    "workload_hours", "ects", "eqf_level", "level", "mode", "self_paced", "language", "price",
    "currency", "assessment", "certificate", "quality_assurance", "prerequisites",
    "stacks_into", "url", "modules",
]  # fmt: skip


MAX_CATALOG_BYTES = 5 * 1024 * 1024
MAX_RECORDS = 20_000
MAX_CSV_COLUMNS = 2 * len(CSV_COLUMNS)
MAX_PROBLEMS = 200  # enough to fix a file by; a hostile file must not build millions
MAX_PROBLEMS_PER_RECORD = 10
YIELD_EVERY = 50  # courses prepared between chances for learners' updates on the event loop
FLUSH_EVERY = 250  # courses written per flush, for the same reason
INSERT_BATCH = 2000  # rows per INSERT round trip
# A cell a spreadsheet would run as a formula starts with one of these; export prefixes a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class CatalogError(Exception):
    """The file is not valid; `problems` lists every one (file, record, field, what)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class ProviderRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1, max_length=limits.PROVIDER_NAME)
    country: str = Field(min_length=2, max_length=limits.PROVIDER_COUNTRY)
    kind: ProviderKind
    website: str | None = Field(default=None, max_length=limits.URL)


class ModuleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=limits.MODULE_TITLE)
    hours: int = Field(ge=1, le=500)


class CourseRecord(BaseModel):
    """One course as it appears in a catalogue file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=2, max_length=limits.TITLE)
    provider: str = Field(pattern=KEY_PATTERN)
    subject_area: str = Field(min_length=2, max_length=100)
    summary: str = Field(default="", max_length=limits.SUMMARY)
    learning_outcomes: list[Annotated[str, Field(max_length=limits.OUTCOME)]] = Field(
        default_factory=list, max_length=limits.OUTCOMES
    )
    skills: list[Annotated[str, Field(max_length=limits.SKILL)]] = Field(
        min_length=1, max_length=limits.SKILLS
    )
    workload_hours: int = Field(ge=1, le=2000)
    ects: float | None = Field(default=None, ge=0, le=120)
    eqf_level: int | None = Field(default=None, ge=1, le=8)
    level: Literal["beginner", "intermediate", "advanced"]
    mode: Literal["online", "in-person", "hybrid"]
    self_paced: bool
    language: str = Field(default="English", min_length=2, max_length=limits.LANGUAGE)
    price: float = Field(ge=0, le=100_000)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    assessment: str = Field(default="", max_length=limits.ASSESSMENT)
    certificate: str = Field(default="", max_length=limits.CERTIFICATE)
    quality_assurance: str = Field(default="", max_length=limits.QUALITY_ASSURANCE)
    prerequisites: str = Field(default="", max_length=limits.PREREQUISITES)
    stacks_into: str | None = Field(default=None, max_length=limits.STACKS_INTO)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$", max_length=limits.URL)
    modules: list[ModuleRecord] = Field(min_length=1, max_length=40)

    @field_validator("skills")
    @classmethod
    def _skills(cls, skills: list[str]) -> list[str]:
        cleaned = [" ".join(s.lower().split()) for s in skills]
        if any(not s for s in cleaned):
            raise ValueError("a skill name is empty")
        return list(dict.fromkeys(cleaned))

    @model_validator(mode="after")
    def _consistent(self) -> CourseRecord:
        total = sum(m.hours for m in self.modules)
        if total != self.workload_hours:
            raise ValueError(
                f"workload_hours: {self.workload_hours} must equal the sum of module hours ({total})"
            )
        if self.mode == "in-person" and self.self_paced:
            raise ValueError("self_paced: an in-person course cannot be self-paced")
        return self


@dataclass
class CatalogFile:
    providers: list[ProviderRecord] = field(default_factory=list)
    courses: list[CourseRecord] = field(default_factory=list)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


# --- reading and validating ------------------------------------------------------------------


def read_catalog_file(
    path: Path, known_providers: Iterable[str] = (), *, max_bytes: int = MAX_CATALOG_BYTES
) -> CatalogFile:
    """Parse and validate a whole file; raise `CatalogError` listing every problem."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValueError(
                f"is {size / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:g} MB limit: "
                "split it into smaller files"
            )
        raw_providers, raw_courses = _read_raw(path)
    except yaml.YAMLError as error:
        line, what = yaml_problem(error)
        raise CatalogError([f"{path}: cannot be read: {line + ': ' if line else ''}{what}"]) from None
    except (OSError, ValueError, csv.Error, RecursionError) as error:
        raise CatalogError([f"{path}: cannot be read: {' '.join(str(error).split())}"]) from None
    problems: list[str] = []
    result = CatalogFile()
    for where, raw in raw_providers:
        record = _validate(ProviderRecord, raw, path, where, problems)
        if isinstance(record, ProviderRecord):
            result.providers.append(record)
    provider_keys = {p.key for p in result.providers} | set(known_providers)
    seen: dict[str, str] = {}
    for where, raw in raw_courses:
        if len(problems) >= MAX_PROBLEMS:
            problems.append(f"{path}: stopped checking after {MAX_PROBLEMS} problems")
            break
        record = _validate(CourseRecord, raw, path, where, problems)
        if not isinstance(record, CourseRecord):
            continue
        label = f"{path}: {where} (key '{record.key}')"
        if record.provider not in provider_keys:
            problems.append(f"{label}: field 'provider': unknown provider '{record.provider}'")
        if record.key in seen:
            problems.append(f"{label}: field 'key': also used by {seen[record.key]}")
        seen[record.key] = where
        result.courses.append(record)
    if not raw_courses:
        problems.append(f"{path}: no courses found")
    if problems:
        raise CatalogError(problems)
    return result


def _validate(
    model: type[BaseModel], raw: Any, path: Path, where: str, problems: list[str]
) -> BaseModel | None:
    key = raw.get("key") if isinstance(raw, dict) else None
    label = f"{path}: {where}" + (f" (key '{_short(key)}')" if key else "")
    if not isinstance(raw, dict):
        problems.append(f"{label}: must be a mapping of field names to values")
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        errors = error.errors()
        for item in errors[:MAX_PROBLEMS_PER_RECORD]:
            loc = _short(".".join(str(p) for p in item["loc"]))
            message = str(item["msg"]).removeprefix("Value error, ")
            if not loc:  # a rule across fields names its field first: "workload_hours: …"
                loc, _, message = message.partition(": ")
            problems.append(f"{label}: field '{loc}': {message}")
        if len(errors) > MAX_PROBLEMS_PER_RECORD:
            problems.append(f"{label}: …and {len(errors) - MAX_PROBLEMS_PER_RECORD} more problems")
        return None


def _short(value: object, limit: int = 80) -> str:
    """A file's own text (a key, a field name) shortened for a problem line, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_raw(path: Path) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml", ".csv"):
        raise ValueError("use a .yaml, .yml, .json or .csv file")
    text = path.read_text(encoding="utf-8-sig")  # Excel writes a byte order mark
    if suffix == ".csv":
        return _read_csv(text)
    data = _load_json(text) if suffix == ".json" else load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError("expected a mapping with 'providers' and 'courses'")
    providers = data.get("providers") or []
    courses = data.get("courses") or []
    if not isinstance(providers, list) or not isinstance(courses, list):
        raise ValueError("'providers' and 'courses' must be lists")
    if len(providers) + len(courses) > MAX_RECORDS:
        raise ValueError(f"more than {MAX_RECORDS:,} records: split the file")
    return (
        [(f"provider #{i + 1}", p) for i, p in enumerate(providers)],
        [(f"record #{i + 1}", c) for i, c in enumerate(courses)],
    )


def _load_json(text: str) -> Any:
    """json.loads, after checking the nesting depth (deep nesting otherwise overflows the stack)."""
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise ValueError(f"line {line}: nested deeper than {MAX_YAML_DEPTH} levels")
        elif bracket in ("]", "}"):
            depth -= 1
    return json.loads(text, object_pairs_hook=_unique_keys)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"key '{_short(key)}' appears twice in one object")
        result[key] = value
    return result


def _read_csv(text: str) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        fieldnames = list(reader.fieldnames or [])
    except csv.Error as error:
        raise ValueError(f"line 1: {error}") from None
    if len(fieldnames) > MAX_CSV_COLUMNS:
        raise ValueError(f"{len(fieldnames)} CSV columns, more than the {MAX_CSV_COLUMNS} allowed")
    repeated = sorted({_short(n) for n in fieldnames if fieldnames.count(n) > 1})
    if repeated:
        raise ValueError(f"CSV column(s) appear twice: {', '.join(repeated)}")
    missing = {"key", "title", "provider"} - set(fieldnames)
    if missing:
        raise ValueError(f"missing CSV columns: {', '.join(sorted(missing))}")
    providers: dict[str, tuple[str, Any]] = {}
    courses: list[tuple[str, Any]] = []
    try:
        for row in reader:
            where = f"line {reader.line_num}"
            if len(courses) >= MAX_RECORDS:
                raise ValueError(f"more than {MAX_RECORDS:,} records: split the file")
            row = {k: _csv_value(v) for k, v in row.items() if k is not None and isinstance(v, str | None)}
            if row.get("provider_name"):
                providers.setdefault(
                    row["provider"],
                    (where, {
                        "key": row["provider"], "name": row["provider_name"],
                        "country": row.get("provider_country", ""),
                        "kind": row.get("provider_kind", ""),
                        "website": row.get("provider_website") or None,
                    }),
                )  # fmt: skip
            courses.append((where, _course_from_csv(row)))
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num + 1}: {error}") from None  # the record being read
    return list(providers.values()), courses


def _csv_value(value: str | None) -> str:
    """A cell as read: trimmed, and without the quote `csv_cell` put before a formula-like start."""
    text = (value or "").strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def csv_cell(value: object) -> object:
    """A value as written to CSV, defused: spreadsheets run cells starting with =, +, -, @
    (or a tab or carriage return before them) as formulas, so those get a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _course_from_csv(row: dict[str, str]) -> dict[str, Any]:
    course: dict[str, Any] = {
        k: v for k, v in row.items() if k in CSV_COLUMNS and not k.startswith("provider_")
    }
    for name in ("learning_outcomes", "skills"):
        course[name] = [s.strip() for s in row.get(name, "").split("|") if s.strip()]
    modules = []
    for part in row.get("modules", "").split("|"):
        if part.strip():
            title, _, hours = part.rpartition("=")
            modules.append({"title": title.strip(), "hours": hours.strip()})
    course["modules"] = modules
    for name in ("ects", "eqf_level", "stacks_into", "url"):
        if not course.get(name):
            course[name] = None
    course["self_paced"] = row.get("self_paced", "").lower() in ("true", "yes", "1", "y")
    return course


# --- writing ---------------------------------------------------------------------------------


async def import_catalog(db: Database, path: Path) -> ImportReport:
    """Validate `path` fully, then upsert all of it in one transaction."""
    async with db.session() as session:
        known = (await session.exec(select(Provider.key))).all()
    # Parsing and validating a large file takes seconds: not on the event loop.
    catalog = await asyncio.to_thread(read_catalog_file, path, known)
    return await write_catalog(db, [catalog])


async def write_catalog(db: Database, catalogs: list[CatalogFile]) -> ImportReport:
    report = ImportReport()
    async with db.session() as session:
        providers = {p.key: p for p in (await session.exec(select(Provider))).all()}
        for catalog in catalogs:
            for provider_record in catalog.providers:
                provider = providers.get(provider_record.key) or Provider(
                    key=provider_record.key, name="", country="", kind=""
                )
                provider.sqlmodel_update(provider_record.model_dump(exclude={"key"}))
                session.add(provider)
                providers[provider_record.key] = provider
        await session.flush()
        skills = {s.name: s for s in (await session.exec(select(Skill))).all()}
        existing = {c.key: c for c in (await session.exec(select(Course))).all()}
        before = await _export_records(session, list(existing.values())) if existing else {}
        changed: list[tuple[Course, CourseRecord]] = []
        count = 0
        for catalog in catalogs:
            for record in catalog.courses:
                count += 1
                if count % YIELD_EVERY == 0:
                    await asyncio.sleep(0)  # a large import: learners' updates go on meanwhile
                if _comparable(before.get(record.key)) == _comparable(record.model_dump(mode="json")):
                    report.unchanged += 1
                    continue
                course = existing.get(record.key)
                if course is None:
                    report.created += 1
                    course = Course(
                        key=record.key, title="", provider_id=0, subject_area="", workload_hours=1
                    )
                    existing[record.key] = course
                else:
                    report.updated += 1
                _apply(course, record, providers[record.provider])
                changed.append((course, record))
                for name in record.skills:
                    if name not in skills:
                        skills[name] = Skill(name=name)
                        session.add(skills[name])
        # Everything is prepared in memory first: on SQLite the write lock is taken at the first
        # write, so it is held only for the writing itself. Flushing in slices lets the event
        # loop serve learners between them.
        for start in range(0, len(changed), FLUSH_EVERY):
            session.add_all([course for course, _ in changed[start : start + FLUSH_EVERY]])
            await session.flush()  # assigns the new ids
        course_ids = [course.id for course, _ in changed]
        await session.exec(delete(Module).where(col(Module.course_id).in_(course_ids)))
        await session.exec(delete(CourseSkill).where(col(CourseSkill.course_id).in_(course_ids)))
        # Plain rows, not ORM objects: building tens of thousands of those takes seconds.
        module_rows = [
            {"course_id": course.id, "position": position, "title": module.title, "hours": module.hours}
            for course, record in changed
            for position, module in enumerate(record.modules, start=1)
        ]
        skill_rows = [
            {"course_id": course.id, "skill_id": skills[name].id}
            for course, record in changed
            for name in record.skills
        ]
        connection = await session.connection()
        for model, rows in ((Module, module_rows), (CourseSkill, skill_rows)):
            for start in range(0, len(rows), INSERT_BATCH):
                await connection.execute(insert(model), rows[start : start + INSERT_BATCH])
    return report


def _comparable(record: dict[str, Any] | None) -> dict[str, Any] | None:
    """Skill order carries no meaning in storage, so it must not count as a change."""
    return None if record is None else {**record, "skills": sorted(record["skills"])}


def _apply(course: Course, record: CourseRecord, provider: Provider) -> None:
    assert provider.id is not None
    course.title = record.title
    course.provider_id = provider.id
    course.subject_area = record.subject_area.lower()
    course.summary = record.summary
    course.learning_outcomes = list(record.learning_outcomes)
    course.workload_hours = record.workload_hours
    course.ects_credits = record.ects
    course.eqf_level = record.eqf_level
    course.level = record.level
    course.participation_form = record.mode
    course.self_paced = record.self_paced
    course.language = record.language
    course.price = record.price
    course.currency = record.currency
    course.assessment_type = record.assessment
    course.certificate_type = record.certificate
    course.quality_assurance = record.quality_assurance
    course.prerequisites = record.prerequisites
    course.stackability = record.stacks_into
    course.further_information_url = record.url


async def sync_aliases(db: Database, aliases: dict[str, list[str]]) -> int:
    """Make the alias table match `content/skill_aliases.yaml` exactly (it is derived data).

    Nothing is written when it already matches, as on most starts.
    """
    count = 0
    async with db.session() as session:
        skills = {s.name: s for s in (await session.exec(select(Skill))).all()}
        skill_names = {s.id: s.name for s in skills.values()}
        rows = (await session.exec(select(SkillAlias))).all()
        stored = {(a.alias, skill_names.get(a.skill_id)) for a in rows}
        wanted = _alias_pairs(aliases)
        if stored == wanted:
            return len(stored)
        await session.exec(delete(SkillAlias))
        seen: set[str] = set()
        for skill_name, names in aliases.items():
            canonical = " ".join(skill_name.lower().split())
            if canonical not in skills:
                skills[canonical] = Skill(name=canonical)
                session.add(skills[canonical])
                await session.flush()
            skill_id = skills[canonical].id
            assert skill_id is not None
            for alias in names:
                normal = normalise(str(alias))
                if normal and normal not in seen and normal != canonical:
                    seen.add(normal)
                    session.add(SkillAlias(alias=normal, skill_id=skill_id))
                    count += 1
    return count


def _alias_pairs(aliases: dict[str, list[str]]) -> set[tuple[str, str | None]]:
    """(normalised alias, canonical skill) pairs as `sync_aliases` stores them."""
    pairs: set[tuple[str, str | None]] = set()
    seen: set[str] = set()
    for skill_name, names in aliases.items():
        canonical = " ".join(skill_name.lower().split())
        for alias in names:
            normal = normalise(str(alias))
            if normal and normal not in seen and normal != canonical:
                seen.add(normal)
                pairs.add((normal, canonical))
    return pairs


# --- exporting -------------------------------------------------------------------------------


def eu_shape(course: dict[str, Any], provider: dict[str, Any]) -> dict[str, Any]:
    """One course as the elements of the EU Council Recommendation on micro-credentials (2022)."""
    return {
        "title": course["title"],
        "awarding_body": {"name": provider["name"], "identifier": provider["key"]},
        "country_of_issuer": provider["country"],
        "learning_outcomes": course["learning_outcomes"],
        "notional_workload": {"hours": course["workload_hours"], "ects_credits": course["ects"]},
        "level": {"eqf": course["eqf_level"], "description": course["level"]},
        "type_of_assessment": course["assessment"],
        "form_of_participation": course["mode"],
        "type_of_quality_assurance": course["quality_assurance"],
        "prerequisites": course["prerequisites"],
        "integration_stackability_options": course["stacks_into"],
        "further_information": course["url"],
        "language": course["language"],
        "certificate": course["certificate"],
        "self_paced": course["self_paced"],
        "price": {"amount": course["price"], "currency": course["currency"]},
        "skills": course["skills"],
        "modules": course["modules"],
        "identifier": course["key"],
    }


async def export_catalog(db: Database, path: Path, *, eu: bool = False) -> int:
    """Write the whole catalogue to `path` (YAML, JSON or CSV by suffix); returns course count.

    With `eu`, write each course as the EU Recommendation's elements instead (YAML or JSON);
    that shape is for other systems and is not read back by `import`.
    """
    async with db.session() as session:
        courses = list((await session.exec(select(Course).order_by(col(Course.key)))).all())
        records = await _export_records(session, courses)
        providers = (await session.exec(select(Provider).order_by(col(Provider.key)))).all()
    provider_dicts = [
        ProviderRecord(key=p.key, name=p.name, country=p.country, kind=p.kind, website=p.website).model_dump(
            mode="json"
        )  # type: ignore[arg-type]
        for p in providers
    ]
    course_dicts = [records[c.key] for c in courses]
    suffix = path.suffix.lower()
    data: dict[str, Any] = {"providers": provider_dicts, "courses": course_dicts}
    if eu:
        if suffix == ".csv":
            raise CatalogError([f"{path}: the EU shape is nested: use .json or .yaml"])
        by_key = {p["key"]: p for p in provider_dicts}
        data = {"micro_credentials": [eu_shape(c, by_key[c["provider"]]) for c in course_dicts]}
    if suffix == ".csv":
        text = _to_csv(provider_dicts, course_dicts)
    elif suffix == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False)
    elif suffix in (".yaml", ".yml"):
        header = {} if eu else {"sample_data": True}
        text = yaml.dump({**header, **data}, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)
    else:
        raise CatalogError([f"{path}: use a .yaml, .yml, .json or .csv file"])
    await asyncio.to_thread(path.write_text, text, encoding="utf-8")
    return len(course_dicts)


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a shared value out each time: imports refuse anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


async def _export_records(session: Any, courses: list[Course]) -> dict[str, dict[str, Any]]:
    """Each course as the record a catalogue file would hold (keyed by course key)."""
    joins = await load_joins(session)
    providers = {pid: p.key for pid, p in joins.providers.items()}
    skills, modules = joins.skills, joins.modules
    records = {}
    for course in courses:
        assert course.id is not None
        record = CourseRecord(
            key=course.key, title=course.title, provider=providers[course.provider_id],
            subject_area=course.subject_area, summary=course.summary,
            learning_outcomes=list(course.learning_outcomes),
            skills=sorted(skills.get(course.id, []), key=lambda s: s) or ["unknown"],
            workload_hours=course.workload_hours, ects=course.ects_credits,
            eqf_level=course.eqf_level, level=course.level,  # type: ignore[arg-type]
            mode=course.participation_form,  # type: ignore[arg-type]
            self_paced=course.self_paced, language=course.language, price=course.price,
            currency=course.currency, assessment=course.assessment_type,
            certificate=course.certificate_type, quality_assurance=course.quality_assurance,
            prerequisites=course.prerequisites, stacks_into=course.stackability,
            url=course.further_information_url,
            modules=[ModuleRecord(title=m.title, hours=m.hours) for m in modules.get(course.id, [])],
        )  # fmt: skip
        records[course.key] = record.model_dump(mode="json")
    return records


def _to_csv(providers: list[dict[str, Any]], courses: list[dict[str, Any]]) -> str:
    by_key = {p["key"]: p for p in providers}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for course in courses:
        provider = by_key[course["provider"]]
        row = {k: v for k, v in course.items() if k in CSV_COLUMNS}
        row.update(
            provider_name=provider["name"], provider_country=provider["country"],
            provider_kind=provider["kind"], provider_website=provider.get("website") or "",
            learning_outcomes="|".join(course["learning_outcomes"]),
            skills="|".join(course["skills"]),
            modules="|".join(f"{m['title']}={m['hours']}" for m in course["modules"]),
        )  # fmt: skip
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in row.items()})
    return out.getvalue()
