"""Wording: plurals agree with their numbers, and /help lists /cancel."""

from __future__ import annotations

from datetime import date

import pytest

from bot.catalog.search import CourseInfo
from bot.replies import plural
from bot.study import replies as say
from bot.study.maths import check_fit, progress_bar
from bot.welcome import help_text


def course(modules: tuple[tuple[str, int], ...], hours: int) -> CourseInfo:
    return CourseInfo(
        id=1, key="k", title="Tiny course", provider="P", provider_country="NL", subject_area="x", summary="",
        learning_outcomes=(), skills=("python",), workload_hours=hours, ects_credits=None, eqf_level=None,
        level="beginner", participation_form="online", self_paced=True, language="English", price=0,
        currency="EUR", assessment_type="", certificate_type="", quality_assurance="", prerequisites="",
        stackability=None, url=None, modules=modules,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 plans"), (1, "1 plan"), (2, "2 plans"), (21, "21 plans")],
)
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "plan") == expected


def test_plural_irregular() -> None:
    assert plural(1, "match", "matches") == "1 match" and plural(3, "match", "matches") == "3 matches"


def test_progress_bar_of_one_module_is_singular() -> None:
    assert progress_bar(1, 1).endswith("1/1 module")
    assert progress_bar(0, 4).endswith("0/4 modules")


def test_a_one_module_one_hour_course_reads_in_the_singular() -> None:
    text = say.ask_days(course((("Only", 1),), 1), ()).text
    assert "1 module, about 1 hour." in text


def test_fit_problem_with_one_day_a_week_and_one_week() -> None:
    tiny = course((("A", 1), ("B", 1)), 2)
    fit = check_fit(date(2026, 6, 1), (0,), [1, 1], 60, date(2026, 6, 2))
    text = say.fit_problem(fit, (0,), date(2026, 6, 2)).text
    assert "At 1 day a week" in text and "(2 sessions)" in text and "1 days" not in text
    assert tiny.modules


def test_help_lists_cancel() -> None:
    assert "/cancel" in help_text().text


def test_a_weekday_plan_line_starts_with_a_capital() -> None:
    from datetime import UTC, datetime

    tiny = course((("One", 1),), 1)
    fit = check_fit(date(2026, 3, 2), tuple(range(5)), [1], 60, None)
    first = datetime(2026, 3, 3, 8, tzinfo=UTC)
    created = say.plan_created(tiny, tuple(range(5)), 8 * 60, first, UTC, fit, None)
    assert "• Weekdays at 08:00" in created.text


def test_study_without_a_course_offers_ways_to_find_one() -> None:
    """/study alone is no dead end: Find a course and Advise me are buttons."""
    labels = [b.label for row in say.choose_course(None).buttons for b in row]
    assert labels == ["🔎 Find a course", "🧭 Advise me"]


def test_a_fixed_offset_says_it_does_not_follow_summer_time() -> None:
    assert "stays the same all year" in say.timezone_set("UTC+02:00", "16:00").text
    assert "/timezone Berlin" in say.timezone_set("UTC-05:00", "09:00").text
    assert "all year" not in say.timezone_set("Europe/Berlin", "16:00").text


def test_a_scheduled_course_offers_self_paced_ones_on_its_skill() -> None:
    from dataclasses import replace

    scheduled = replace(course((("One", 1),), 1), self_paced=False, skills=("excel",))
    labels = [b.label for row in say.not_self_paced(scheduled).buttons for b in row]
    assert labels[0] == "🔎 Self-paced excel courses"


def test_study_after_a_scheduled_card_says_so_at_once_and_offers_self_paced_ones() -> None:
    """Until round 17 the scheduled course was offered as "▶️ Start studying", which then said
    it could not be planned."""
    from dataclasses import replace

    scheduled = replace(course((("One", 1),), 1), self_paced=False, skills=("excel",), title="Excel Cohort")
    reply = say.choose_course(scheduled)
    labels = [b.label for row in reply.buttons for b in row]
    assert "Excel Cohort</b> runs on the provider's own schedule" in reply.text
    assert labels == ["🔎 Self-paced excel courses", "🔎 Find a course", "🧭 Advise me"]
    self_paced = replace(scheduled, self_paced=True)
    assert [b.label for b in say.choose_course(self_paced).buttons[0]] == ["▶️ Excel Cohort"]


def test_changing_days_does_not_introduce_the_plan_again() -> None:
    tiny = course((("One", 1),), 1)
    assert "Let's plan" in say.ask_days(tiny, ()).text
    edited = say.ask_days(tiny, (0,), editing=True).text
    assert "Let's plan" not in edited and "Changing the days" in edited


def test_study_with_a_skill_offers_its_courses_first() -> None:
    first = say.choose_course(None, "  python ").buttons[0][0]
    assert first.label == "🔎 python courses" and first.data == "s:q:python"
