"""A card offers what can be done with that course: a plan for a self-paced one, self-paced
courses on the same skill for one that runs on the provider's schedule."""

from __future__ import annotations

from dataclasses import replace

from bot.callbacks import SearchFor, StartPlan
from bot.catalog.replies import course_card
from bot.catalog.search import CourseInfo

COURSE = CourseInfo(
    id=7, key="k", title="T", provider="P", provider_country="IE", subject_area="s", summary="",
    learning_outcomes=(), skills=("python",), workload_hours=10, ects_credits=None, eqf_level=None,
    level="beginner", participation_form="online", self_paced=True, language="en", price=0,
    currency="EUR", assessment_type="quiz", certificate_type="certificate", quality_assurance="",
    prerequisites="", stackability=None, url="https://example.org/",
)  # fmt: skip


def _data(course: CourseInfo) -> list[str]:
    return [b.callback_data for row in course_card(course).buttons for b in row if b.callback_data]


def test_a_self_paced_course_can_be_studied() -> None:
    assert StartPlan(7).pack() in _data(COURSE)


def test_a_scheduled_course_offers_self_paced_ones_on_its_skill_instead() -> None:
    data = _data(replace(COURSE, self_paced=False))
    assert StartPlan(7).pack() not in data
    assert SearchFor.fitting("self-paced python").pack() in data
