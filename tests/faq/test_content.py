"""FAQ content rules, and start-up failing loudly on a malformed content file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.content import ContentError
from bot.faq.matcher import MAX_ANSWER_CHARS, load_faq
from bot.telegram_html import html_problem, html_to_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "000_63825edfd553fae1.txt"


def test_shipped_faq_meets_the_content_rules() -> None:
    faq = load_faq(ROOT / "content")
    assert len(faq.entries) >= 25
    for entry in faq.entries:
        assert len(entry.phrasings) >= 6, entry.id
        assert len(entry.answer) <= MAX_ANSWER_CHARS, entry.id
        assert html_problem(entry.answer) is None, entry.id
        assert entry.related, entry.id
    for topic in (
        "what-is",
        "other-names",
        "study-modes",
        "who-offers",
        "professional-bodies",
        "duration",
        "cost",
        "certificate",
        "cv-portfolio",
        "replace-degree",
        "why-do-one",
        "career-change",
        "staying-current",
        "benefits",
        "stackable",
        "employer-recognition",
        "recognised-sectors",
        "stand-out",
        "employer-budget",
        "subject-areas",
        "how-to-choose",
        "bot-search",
        "bot-reminders",
        "bot-pause-stop",
        "bot-data",
        "bot-delete",
    ):
        assert topic in faq.by_id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", html_to_text(text).lower().replace("&", " and "))


def test_answers_are_in_our_own_words() -> None:
    """No run of 7 words from the seed article may appear in an answer."""
    if not SEED.exists():
        pytest.skip(f"the seed article is not beside this clone ({SEED}); a user's clone has none")
    seed = _words(SEED.read_text(encoding="utf-8"))
    seed_runs = {tuple(seed[i : i + 7]) for i in range(len(seed) - 6)}
    faq = load_faq(ROOT / "content")
    for entry in faq.entries:
        words = _words(entry.answer)
        runs = {tuple(words[i : i + 7]) for i in range(len(words) - 6)}
        assert not runs & seed_runs, (entry.id, runs & seed_runs)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["entries"][0].pop("answer"), "entry 'what-is': field 'answer'"),
        (lambda d: d["entries"][1].update(topic="nope"), "entry 'other-names': field 'topic'"),
        (lambda d: d["entries"][0].update(answer="<b>unclosed"), "field 'answer': Telegram"),
        (lambda d: d["entries"][2].update(phrasings=["one"]), "field 'phrasings'"),
        (lambda d: d["entries"][0].update(related=["missing-id"]), "field 'related'"),
        (lambda d: d["entries"][0].update(answer="x" * 901), "over 900"),
    ],
)
def test_malformed_faq_names_file_entry_and_field(tmp_path: Path, mutate: object, expected: str) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "faq.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_faq(tmp_path / "content")
    assert str(path) in str(raised.value)
    assert expected in str(raised.value)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "faq.yaml"
    path.write_text("topics: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(ContentError, match="faq.yaml: line"):
        load_faq(tmp_path / "content")


def test_malformed_content_stops_start_up_with_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "faq.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"][3]["answer"] = "<b>never closed"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(CONTENT_DIR=str(tmp_path / "content"), DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "shell"], input="/start\n", env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Content error:") and "field 'answer'" in lines[0]
