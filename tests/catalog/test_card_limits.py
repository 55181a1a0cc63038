"""A course card always fits one Telegram message: field lengths are checked at import, and the
card shortens each field again (for courses stored before the limits, or full of emoji)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.catalog import limits
from bot.catalog.io import CatalogError, CourseRecord, read_catalog_file
from bot.catalog.replies import course_card, inline_summary
from bot.catalog.search import CourseInfo
from bot.replies import TEXT_LIMIT, fit_reply, reply_problems
from bot.telegram_html import html_problem, visible_length
from tests.catalog.test_io import NEW_COURSE, PROVIDER


def at_most(limit: int, letter: str = "W") -> str:
    return (letter * limit)[:limit]


def course(**fields: Any) -> CourseInfo:
    base = CourseInfo(
        id=1, key="k", title="T", provider="P", provider_country="IE", subject_area="s", summary="",
        learning_outcomes=(), skills=("python",), workload_hours=10, ects_credits=None, eqf_level=None,
        level="beginner", participation_form="online", self_paced=True, language="English", price=0,
        currency="EUR", assessment_type="quiz", certificate_type="certificate", quality_assurance="",
        prerequisites="", stackability=None, url="https://example.org/c",
    )  # fmt: skip
    return dataclasses.replace(base, **fields)


def everything_at(size: Any) -> CourseInfo:
    """A course with every shown field as long as `size(limit)` makes it."""
    return course(
        title=size(limits.TITLE), provider=size(limits.PROVIDER_NAME),
        provider_country=size(limits.PROVIDER_COUNTRY), summary=size(limits.SUMMARY),
        learning_outcomes=tuple(size(limits.OUTCOME) for _ in range(limits.OUTCOMES * 4)),
        skills=tuple(size(limits.SKILL) + str(i) for i in range(limits.SKILLS * 3)),
        workload_hours=2000, ects_credits=120.5, eqf_level=8, level="intermediate",
        participation_form="in-person", self_paced=False, language=size(limits.LANGUAGE),
        price=99_999.99, assessment_type=size(limits.ASSESSMENT),
        certificate_type=size(limits.CERTIFICATE), quality_assurance=size(limits.QUALITY_ASSURANCE),
        prerequisites=size(limits.PREREQUISITES), stackability=size(limits.STACKS_INTO),
        url="https://example.org/" + "p" * (limits.URL - 20),
    )  # fmt: skip


def assert_one_message(card_text: str) -> None:
    assert visible_length(card_text) <= TEXT_LIMIT
    assert html_problem(card_text) is None


def test_a_course_at_every_import_maximum_fits_one_message() -> None:
    card = course_card(everything_at(at_most), back="c:1:2:0")
    assert_one_message(card.text)
    assert reply_problems(card) == []
    assert at_most(limits.SUMMARY) in card.text  # at the maximum nothing is cut


@pytest.mark.parametrize("letter", ["W", "🤖", "ж"])
def test_a_course_far_over_the_limits_is_shortened_to_one_message(letter: str) -> None:
    """Stored before the limits (the 6,094-character card), or counted by Telegram as two a letter."""
    huge = everything_at(lambda limit: at_most(limit * 5, letter))
    card = course_card(huge)
    assert_one_message(card.text)
    assert fit_reply(card) == [card]  # one message, buttons included
    assert "…" in card.text
    assert visible_length(inline_summary(huge, "bot")) <= TEXT_LIMIT


def write(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "long.yaml"
    record = {**NEW_COURSE, **changes}
    path.write_text(yaml.safe_dump({"providers": [PROVIDER], "courses": [record]}, allow_unicode=True))
    return path


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("title", at_most(limits.TITLE + 1), "title"),
        ("summary", at_most(limits.SUMMARY + 1), "summary"),
        ("learning_outcomes", ["ok", at_most(limits.OUTCOME + 1)], "learning_outcomes.1"),
        ("learning_outcomes", [f"outcome {i}" for i in range(limits.OUTCOMES + 1)], "learning_outcomes"),
        ("skills", [at_most(limits.SKILL + 1, "s")], "skills.0"),
        ("prerequisites", at_most(limits.PREREQUISITES + 1), "prerequisites"),
        ("url", "https://example.org/" + "p" * limits.URL, "url"),
    ],
)
def test_a_too_long_field_is_refused_in_one_line_naming_course_and_field(
    tmp_path: Path, field: str, value: Any, named: str
) -> None:
    with pytest.raises(CatalogError) as refused:
        read_catalog_file(write(tmp_path, **{field: value}))
    [problem] = refused.value.problems
    assert "\n" not in problem
    assert f"key '{NEW_COURSE['key']}'" in problem and f"field '{named}'" in problem
    assert "at most" in problem


def test_every_field_at_its_maximum_is_accepted(tmp_path: Path) -> None:
    longest = {
        "title": at_most(limits.TITLE), "summary": at_most(limits.SUMMARY),
        "learning_outcomes": [at_most(limits.OUTCOME)] * limits.OUTCOMES,
        "skills": [at_most(limits.SKILL - 2, "s") + f"{i:02d}" for i in range(limits.SKILLS)],
        "assessment": at_most(limits.ASSESSMENT), "certificate": at_most(limits.CERTIFICATE),
        "quality_assurance": at_most(limits.QUALITY_ASSURANCE),
        "prerequisites": at_most(limits.PREREQUISITES), "stacks_into": at_most(limits.STACKS_INTO),
    }  # fmt: skip
    [record] = read_catalog_file(write(tmp_path, **longest)).courses
    assert isinstance(record, CourseRecord) and record.title == longest["title"]
