"""Situations → skills (`content/skill_problems.yaml`): a learner who describes a problem instead
of naming a skill still finds the courses for it, only when the meaning is clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.problems import SkillProblems, load_problems
from bot.catalog.replies import results_page
from bot.catalog.search import CourseSearch
from bot.content import ContentError
from bot.text import normalise
from tests.conftest import search_over


@pytest.fixture(scope="module")
def search(seeded_database: Path) -> CourseSearch:
    return search_over(seeded_database)


@pytest.fixture(scope="module")
def problems() -> SkillProblems:
    return load_problems()


def test_every_skill_with_situations_is_a_catalogue_skill(
    search: CourseSearch, problems: SkillProblems
) -> None:
    known = set(search.skill_names)
    missing = {s for s in problems.skills if normalise(s) not in known}
    assert len(problems) >= 60 and not missing


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("every project we run ends up late and over budget", "project management"),
        ("i have to present to the board next month and i'm terrified", "public speaking"),
        ("nursing", None),  # a topic, not a situation: the search says honestly it has none
        ("i want to become a plumber", None),
        ("what is the weather like in lisbon tomorrow", None),
    ],
)
def test_a_clear_situation_names_its_skill(problems: SkillProblems, text: str, skill: str | None) -> None:
    assert problems.skill_for(text) == skill


def test_the_search_shows_the_skills_courses_saying_it_went_by_meaning(search: CourseSearch) -> None:
    result = search.search("every project we run ends up late and over budget")
    assert result.by_meaning == "project management" and result.ranked
    assert all("project management" in search.courses[i].skills for i in result.ranked[:3])
    text = results_page(result, 1, 0, result.facets).text
    assert "closest in meaning: <b>Project management</b>" in text
    assert search.search("project management").by_meaning is None  # its words found it
    assert not search.search("i want to become a plumber").ranked


def test_a_broken_situations_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "skill_problems.yaml").write_text("problems:\n  python: not a list\n", encoding="utf-8")
    with pytest.raises(ContentError, match="skill_problems.yaml"):
        load_problems(tmp_path)
    assert len(load_problems(tmp_path / "absent")) == 0
