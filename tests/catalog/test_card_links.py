"""A course's link is escaped for the href attribute (quotes included)."""

from __future__ import annotations

from bot.catalog.replies import course_card
from bot.catalog.search import CourseInfo
from bot.telegram_html import html_problem


def test_a_quote_in_a_course_url_cannot_break_out_of_the_link() -> None:
    course = CourseInfo(
        id=1, key="k", title="T", provider="P", provider_country="IE", subject_area="s", summary="",
        learning_outcomes=(), skills=("python",), workload_hours=10, ects_credits=None, eqf_level=None,
        level="beginner", participation_form="online", self_paced=True, language="en", price=0,
        currency="EUR", assessment_type="quiz", certificate_type="certificate", quality_assurance="",
        prerequisites="", stackability=None, url='https://example.org/a"onmouseover="x',
    )  # fmt: skip
    text = course_card(course).text
    assert 'href="https://example.org/a&quot;onmouseover=&quot;x"' in text
    assert html_problem(text) is None
