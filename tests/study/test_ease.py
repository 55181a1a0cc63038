"""Easing off after ignored reminders: counting them, fewer days, the kind question and its buttons."""

from __future__ import annotations

import pytest

from bot.storage.models import Plan
from bot.study.replies import EASE_CHOICES, EaseOff, reminder_buttons, reminder_section
from bot.study.store import EASE_OFF_AFTER, fewer_days, ignored_reminders
from tests.study.test_wording import course


def plan(sent: int, answered: int, days: str = "0,2,4") -> Plan:
    return Plan(id=5, learner_id=1, course_id=1, study_days=days, study_minute=1140, reminders_sent=sent,
                answered_reminders=answered, if_then="If tired, 20 minutes")  # fmt: skip


@pytest.mark.parametrize(
    ("sent", "answered", "ignored"), [(0, 0, 0), (3, 0, 3), (5, 5, 0), (7, 4, 3), (2, 3, 0)]
)
def test_ignored_reminders(sent: int, answered: int, ignored: int) -> None:
    assert ignored_reminders(plan(sent, answered)) == ignored


@pytest.mark.parametrize(
    ("days", "fewer"),
    [
        ((0, 2, 4), (0, 4)),
        ((0, 1, 2, 3, 4), (0, 2, 4)),
        ((1, 3), (1,)),
        ((6,), (6,)),
        (tuple(range(7)), (0, 2, 4, 6)),
    ],
)
def test_fewer_days(days: tuple[int, ...], fewer: tuple[int, ...]) -> None:
    assert fewer_days(days) == fewer


def test_the_kind_question_comes_after_three_ignored() -> None:
    tiny = course((("A", 1), ("B", 2)), 3)
    assert "went unanswered" not in reminder_section(plan(EASE_OFF_AFTER - 1, 0), tiny, set())
    text = reminder_section(plan(EASE_OFF_AFTER, 0), tiny, set())
    assert "My last 3 reminders went unanswered" in text and "Your plan:" not in text
    labels = [b.label for row in reminder_buttons(plan(3, 0), tiny, set(), several=False) for b in row]
    assert labels == ["Keep going ✓", "Less often: Mon/Fri", "Take a week off", "Stop this plan"]


def test_one_study_day_offers_no_less_often() -> None:
    tiny = course((("A", 1),), 1)
    labels = [b.label for row in reminder_buttons(plan(3, 0, "6"), tiny, set(), several=False) for b in row]
    assert not any(label.startswith("Less often") for label in labels)


def test_the_module_hint_is_singular_for_one_hour() -> None:
    assert "(about 1 hour)" in reminder_section(plan(0, 0), course((("A", 1),), 1), set())


@pytest.mark.parametrize("choice", EASE_CHOICES)
def test_ease_buttons_fit_and_round_trip(choice: str) -> None:
    data = EaseOff(2**53, choice).pack()
    assert len(data.encode()) <= 64 and EaseOff.parse(data) == EaseOff(2**53, choice)
    assert EaseOff.parse(f"pk:1:{choice}x") is None
