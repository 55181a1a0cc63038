"""Hostile and malformed catalogue files: refused with one clean line, before they cost much.

Also: CSV export defuses spreadsheet formulas, a UTF-8 CSV with a byte order mark (as Excel
saves it) imports, repeated keys are refused with their line, content/ files get the same
safe loader, and parsing runs off the event loop.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalog import io as catalog_io
from bot.catalog.io import MAX_CATALOG_BYTES, CatalogError, export_catalog, import_catalog
from bot.content import MAX_YAML_NODES, ContentError, StrictSafeLoader, read_yaml
from bot.storage.db import Database, open_database
from tests.catalog.test_io import NEW_COURSE, PROVIDER

ALIAS_BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    + ["courses: [*i]"]
)


@pytest.fixture
async def db(seeded_database: Path, tmp_path: Path) -> AsyncIterator[Database]:
    shutil.copy(seeded_database, tmp_path / "catalog.db")
    database = await open_database(f"sqlite+aiosqlite:///{tmp_path / 'catalog.db'}")
    yield database
    await database.dispose()


def refusal(path: Path) -> str:
    """The single, single-line problem a hostile file is refused with."""
    with pytest.raises(CatalogError) as raised:
        catalog_io.read_catalog_file(path)
    problems = raised.value.problems
    assert len(problems) == 1, problems
    assert "\n" not in problems[0] and len(problems[0]) < 400, problems[0]
    return problems[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def test_the_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB) < 500
    problem = refusal(write(tmp_path, "bomb.yaml", ALIAS_BOMB))
    assert "line 1" in problem and "anchors (&a) are not allowed" in problem


def test_any_alias_is_refused(tmp_path: Path) -> None:
    course = yaml.safe_dump(NEW_COURSE).replace("\n", "\n    ")
    text = f"providers:\n  - &p {json.dumps(PROVIDER)}\ncourses:\n  - {course}\n"
    assert "anchors (&p)" in refusal(write(tmp_path, "anchor.yaml", text))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.yaml", "[" * 100_000 + "]" * 100_000),
        ("deep-block.yaml", "".join(f"{'  ' * i}a{i}:\n" for i in range(200))),
        ("deep-objects.json", '{"a":' * 50_000 + "1" + "}" * 50_000),
    ],
)
def test_deep_nesting_is_refused_without_a_recursion_error(tmp_path: Path, name: str, content: str) -> None:
    problem = refusal(write(tmp_path, name, content))
    assert "nested deeper than" in problem or "exceeded maximum nesting depth" in problem  # ours or libyaml's


def test_too_many_values_are_refused_before_being_built(tmp_path: Path) -> None:
    content = "courses: [" + "1," * (MAX_YAML_NODES + 10) + "1]"
    assert len(content) < MAX_CATALOG_BYTES
    assert "more than 500,000 values" in refusal(write(tmp_path, "many.yaml", content))


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = write(tmp_path, "big.yaml", "#" * (MAX_CATALOG_BYTES + 1))
    assert "over the 5 MB limit" in refusal(path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.yaml", "courses: [\n  - key: x\n", "line 2"),
        ("broken.json", '{"courses": [', "Expecting value"),
        ("binary.yaml", b"\xff\xfe\x00\x00garbage\x80", "can't decode"),
        ("empty.yaml", "", "expected a mapping"),
        ("list.json", "[1, 2]", "expected a mapping"),
        ("code.yaml", "courses: !!python/object/apply:os.system ['echo pwned']", "could not determine"),
        ("twice.yaml", "providers: []\ncourses: []\nproviders: []\n", "line 3"),
        ("twice.json", '{"courses": [], "courses": []}', "appears twice"),
        ("bigint.json", '{"courses": [' + "9" * 10_000 + "]}", "digits"),
        ("wide.csv", ",".join(f"c{i}" for i in range(10_000)) + "\n", "CSV columns"),
        ("same.csv", "key,title,provider,title\n", "appear twice: title"),
        ("huge-cell.csv", 'key,title,provider\n"' + "x" * 200_000 + '",t,p\n', "line 2: field larger"),
        ("word.docx", "PK\x03\x04", "use a .yaml"),
    ],
)
def test_every_malformed_file_gets_one_clean_line(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    problem = refusal(write(tmp_path, name, content))
    assert f"{name}: cannot be read: " in problem and expected in problem


def test_repeated_yaml_key_names_both_lines(tmp_path: Path) -> None:
    course = dict(NEW_COURSE)
    text = yaml.safe_dump({"providers": [PROVIDER], "courses": [course]}, sort_keys=False)
    text = text.replace("  title: Introduction", "  title: First\n  title: Introduction")
    problem = refusal(write(tmp_path, "repeat.yaml", text))
    assert "key 'title' appears twice" in problem
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("  title: Introduction"))
    assert f"line {line}" in problem and f"first on line {line - 1}" in problem


def test_strict_loader_alone_refuses_what_the_fast_path_refuses() -> None:
    """Without libyaml the pure-Python `StrictSafeLoader` does every check itself."""
    for text, expected in [
        ("a: &x 1\nb: *x\n", "anchors (&x)"),
        ("b: *x\n", "aliases (*x) are not allowed"),
        ("a: 1\na: 2\n", "appears twice"),
        ("[" * 5_000 + "]" * 5_000, "nested deeper"),
    ]:
        with pytest.raises(yaml.YAMLError, match=re.escape(expected)):
            yaml.load(text, Loader=StrictSafeLoader)  # noqa: S506
    assert yaml.load("a: {b: [1, 2]}\n", Loader=StrictSafeLoader) == {"a": {"b": [1, 2]}}  # noqa: S506


def test_content_files_get_the_safe_loader(tmp_path: Path) -> None:
    path = write(tmp_path, "faq.yaml", "topics:\n  - &t {id: x}\n  - *t\n")
    with pytest.raises(ContentError, match="anchors"):
        read_yaml(path)
    path = write(tmp_path, "faq.yaml", "topics: []\nintro: a\ntopics: []\n")
    with pytest.raises(ContentError, match=r"faq.yaml: line 3: .*'topics' appears twice \(first on line 1\)"):
        read_yaml(path)
    assert read_yaml(write(tmp_path, "bom.yaml", "\ufefftopics: []\n")) == {"topics": []}


async def test_csv_export_defuses_formulas_and_round_trips(db: Database, tmp_path: Path) -> None:
    hostile = dict(
        NEW_COURSE,
        title='=HYPERLINK("http://evil.example","Click")',
        summary="@SUM(A1:A9)",
        assessment="+1 then -1",
        certificate="-2+3",
    )
    source = write(tmp_path, "hostile.json", json.dumps({"providers": [PROVIDER], "courses": [hostile]}))
    assert (await import_catalog(db, source)).created == 1
    exported = tmp_path / "all.csv"
    await export_catalog(db, exported)
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    [row] = [r for r in rows if r["key"] == NEW_COURSE["key"]]
    assert row["title"] == "'" + str(hostile["title"])
    assert row["summary"] == "'@SUM(A1:A9)"
    assert row["assessment"] == "'+1 then -1" and row["certificate"] == "'-2+3"
    formula_cells = [v for r in rows for v in r.values() if v and v[0] in "=+-@\t\r"]
    assert not formula_cells
    report = await import_catalog(db, exported)  # read back: the quotes come off again
    assert (report.created, report.updated) == (0, 0)


async def test_a_utf8_csv_with_a_byte_order_mark_imports(db: Database, tmp_path: Path) -> None:
    exported = tmp_path / "all.csv"
    await export_catalog(db, exported)
    excel = write(tmp_path, "excel.csv", exported.read_text(encoding="utf-8").encode("utf-8-sig"))
    report = await import_catalog(db, excel)
    assert report.unchanged > 0 and (report.created, report.updated) == (0, 0)


async def test_parsing_runs_in_a_worker_thread(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    original = catalog_io.read_catalog_file

    def noting(*args: Any, **kwargs: Any) -> catalog_io.CatalogFile:
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(catalog_io, "read_catalog_file", noting)
    source = write(tmp_path, "ok.json", json.dumps({"providers": [PROVIDER], "courses": [NEW_COURSE]}))
    await import_catalog(db, source)
    assert threads and threads[0] is not threading.main_thread()
