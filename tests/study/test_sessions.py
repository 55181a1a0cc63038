"""Session-level progress: sessions planned so far, time studied, streaks, the week, durations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.storage.models import Plan
from bot.study.maths import describe_duration, planned_sessions, streak, studied_minutes, this_week
from bot.study.replies import SESSION_DONE, reminder_buttons
from tests.study.test_wording import course

MON = date(2026, 6, 1)
MWF = (0, 2, 4)


def test_planned_sessions_count_study_days_before_today() -> None:
    assert planned_sessions(MON, MON, MWF) == 0
    assert planned_sessions(MON, MON, MWF, include_today=True) == 1
    assert planned_sessions(MON, MON + timedelta(days=7), MWF) == 3
    assert planned_sessions(MON + timedelta(days=3), MON, MWF) == 0  # a start in the future


def test_time_studied_is_never_less_than_the_modules_finished() -> None:
    assert studied_minutes([(MON, 60), (MON, 45)], 0) == 105
    assert studied_minutes([(MON, 60)], 4) == 240


def test_streak_counts_back_over_study_days_with_sessions() -> None:
    wed, fri, mon2 = MON + timedelta(days=2), MON + timedelta(days=4), MON + timedelta(days=7)
    assert streak({MON, wed, fri}, MWF, MON, fri) == 3
    assert streak({MON, wed, fri}, MWF, MON, mon2) == 3  # today not done yet: not a break
    assert streak({MON, fri}, MWF, MON, fri) == 1  # Wednesday missed
    assert streak(set(), MWF, MON, fri) == 0
    assert streak({MON, MON + timedelta(days=1)}, MWF, MON, MON + timedelta(days=1)) == 2  # a rest-day bonus


def test_this_week_starts_on_monday() -> None:
    sunday_before = MON - timedelta(days=1)
    sessions = [(sunday_before, 60), (MON, 30), (MON + timedelta(days=2), 45)]
    assert this_week(sessions, MON + timedelta(days=3)) == (2, 75)


@pytest.mark.parametrize(
    ("minutes", "text"), [(45, "45 min"), (60, "1 h"), (90, "1.5 h"), (100, "1 h 40 min"), (240, "4 h")]
)
def test_describe_duration(minutes: int, text: str) -> None:
    assert describe_duration(minutes) == text


def test_reminder_buttons_separate_a_session_from_a_module() -> None:
    plan = Plan(id=7, learner_id=1, course_id=1, study_days="0", study_minute=600)
    rows = reminder_buttons(plan, course((("A", 1), ("B", 2)), 3), {1}, several=False)
    data = {b.label: b.callback_data for row in rows for b in row}
    assert data["Done ✓"] == f"p:done:7:{SESSION_DONE}"
    assert data["Finished a module ✓"] == "p:done:7:2"
    assert {"Snooze 1 h", "Skip today", "Pause"} <= set(data)


def test_reminder_buttons_when_every_module_is_done_offer_no_module_button() -> None:
    plan = Plan(id=7, learner_id=1, course_id=1, study_days="0", study_minute=600)
    rows = reminder_buttons(plan, course((("A", 1),), 1), {1}, several=True)
    labels = [b.label for row in rows for b in row]
    assert "Finished a module ✓" not in labels and labels[0].startswith("Done ✓ · ")
