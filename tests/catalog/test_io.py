"""Catalogue import/export: validate everything first, write all or nothing, idempotently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from sqlmodel import func, select

from bot.catalog.io import CatalogError, export_catalog, import_catalog
from bot.catalog.store import build_search
from bot.storage.db import Database, open_database
from bot.storage.models import Course, Module

NEW_COURSE = {
    "key": "testville-intro-to-knitting",
    "title": "Introduction to Knitting Patterns",
    "provider": "testville-college",
    "subject_area": "design",
    "summary": "Read and follow knitting patterns.",
    "learning_outcomes": ["Read a pattern", "Knit a scarf"],
    "skills": ["knitting", "design"],
    "workload_hours": 6,
    "level": "beginner",
    "mode": "online",
    "self_paced": True,
    "language": "English",
    "price": 0,
    "currency": "EUR",
    "assessment": "A finished scarf",
    "certificate": "Digital badge",
    "quality_assurance": "Sample",
    "prerequisites": "None",
    "stacks_into": None,
    "url": "https://example.org/knitting",
    "modules": [{"title": "Stitches", "hours": 2}, {"title": "Patterns", "hours": 4}],
}
PROVIDER = {
    "key": "testville-college",
    "name": "Testville College",
    "country": "Ireland",
    "kind": "college",
    "website": "https://example.org/testville",
}


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """The seeded catalogue on SQLite, then on PostgreSQL."""
    database = await open_database(database_url)
    yield database
    await database.dispose()


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return int((await session.exec(select(func.count()).select_from(model))).one())


def write(path: Path, courses: list[dict[str, object]]) -> Path:
    # A JSON round trip unshares lists, so the dump has no anchors (imports refuse those).
    data = json.loads(json.dumps({"providers": [PROVIDER], "courses": courses}))
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


async def test_valid_file_is_imported_and_searchable(db: Database, tmp_path: Path) -> None:
    before = await count(db, Course)
    report = await import_catalog(db, write(tmp_path / "new.yaml", [NEW_COURSE]))
    assert (report.created, report.updated) == (1, 0)
    assert await count(db, Course) == before + 1
    search = await build_search(db)
    assert search.search("knitting").matches[0].course.key == "testville-intro-to-knitting"


async def test_import_is_an_idempotent_upsert(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "new.yaml", [NEW_COURSE])
    await import_catalog(db, path)
    again = await import_catalog(db, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    modules = [{"title": "Stitches", "hours": 3}, {"title": "Patterns", "hours": 4}]
    changed = dict(NEW_COURSE, title="Knitting Patterns, Revised", workload_hours=7, modules=modules)
    report = await import_catalog(db, write(tmp_path / "changed.yaml", [changed]))
    assert report.updated == 1
    async with db.session() as session:
        course = (await session.exec(select(Course).where(Course.key == NEW_COURSE["key"]))).one()
        stored = (await session.exec(select(Module).where(Module.course_id == course.id))).all()
    assert course.title == "Knitting Patterns, Revised"
    assert sorted(m.hours for m in stored) == [3, 4]


async def test_one_bad_record_writes_nothing_and_names_every_problem(db: Database, tmp_path: Path) -> None:
    good = dict(NEW_COURSE, key="testville-good-one")
    bad_hours = dict(NEW_COURSE, key="testville-bad-hours", workload_hours=99)
    bad_mode = dict(NEW_COURSE, key="testville-bad-mode", mode="telepathy")
    no_title = {k: v for k, v in NEW_COURSE.items() if k != "title"} | {"key": "testville-x"}
    path = write(tmp_path / "bad.yaml", [good, bad_hours, bad_mode, no_title])
    before = await count(db, Course)
    with pytest.raises(CatalogError) as raised:
        await import_catalog(db, path)
    problems = "\n".join(raised.value.problems)
    assert f"{path}: record #2 (key 'testville-bad-hours'): field 'workload_hours'" in problems
    assert "record #3 (key 'testville-bad-mode'): field 'mode'" in problems
    assert "record #4 (key 'testville-x'): field 'title'" in problems
    assert await count(db, Course) == before


async def test_csv_problems_name_the_line(db: Database, tmp_path: Path) -> None:
    csv_path = tmp_path / "all.csv"
    await export_catalog(db, csv_path)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",online,", ",by-pigeon,", 1)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as raised:
        await import_catalog(db, csv_path)
    assert any(": line 3 (key '" in p and "field 'mode'" in p for p in raised.value.problems)


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".csv"])
async def test_export_then_import_changes_nothing(db: Database, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"catalogue{suffix}"
    exported = await export_catalog(db, path)
    assert exported == await count(db, Course) >= 150
    report = await import_catalog(db, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, exported)


def test_cli_import_reports_problems_and_exits_1(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", [dict(NEW_COURSE, price=-5)])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "catalog", "import", str(bad)],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "field 'price'" in result.stderr
    assert "Nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr


async def test_eu_shape_export_names_the_recommendation_elements(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "eu.json"
    count = await export_catalog(db, path, eu=True)
    data = json.loads(path.read_text(encoding="utf-8"))["micro_credentials"]
    assert len(data) == count
    for element in ("title", "awarding_body", "country_of_issuer", "learning_outcomes", "notional_workload",
                    "level", "type_of_assessment", "form_of_participation", "type_of_quality_assurance",
                    "prerequisites", "integration_stackability_options", "further_information"):  # fmt: skip
        assert element in data[0]
    with pytest.raises(CatalogError):
        await export_catalog(db, tmp_path / "eu.csv", eu=True)
