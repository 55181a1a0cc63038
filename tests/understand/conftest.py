"""Shared fixtures: the understanding step over the seeded catalogue and the real content."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.search import CourseSearch
from bot.faq.matcher import load_faq
from bot.understand.care import load_care
from bot.understand.intent import Understander
from bot.understand.language import load_languages
from tests.conftest import search_over

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def catalog(seeded_database: Path) -> CourseSearch:
    return search_over(seeded_database)


@pytest.fixture(scope="module")
def understander(catalog: CourseSearch) -> Understander:
    return Understander(
        load_faq(CONTENT), catalog.is_known_skill, load_care(CONTENT), load_languages(CONTENT),
        says_a_need=catalog.says_a_need,
    )
