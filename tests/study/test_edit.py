"""Editing a plan: its button data, and what the edit menu and the confirmation say."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks import PlanAction, PlanAnswer
from bot.storage.models import Plan
from bot.study.maths import QuietHours
from bot.study.replies import (
    EDIT_FIELDS,
    PlanEdit,
    PlanMove,
    edit_menu,
    plan_edited,
    progress,
)
from bot.study.store import PlanStatus
from tests.study.test_wording import course

BERLIN = ZoneInfo("Europe/Berlin")


def status(**plan_fields: object) -> PlanStatus:
    values: dict[str, object] = {
        "id": 3,
        "learner_id": 1,
        "course_id": 1,
        "study_days": "1,3",
        "study_minute": 1170,
    }
    values.update(plan_fields)
    plan = Plan(**values)  # type: ignore[arg-type]
    return PlanStatus(plan, course((("A", 2), ("B", 2)), 4), {1}, 0, None, today=date(2026, 3, 2))


@pytest.mark.parametrize("field", EDIT_FIELDS)
def test_edit_buttons_round_trip_and_fit(field: str) -> None:
    data = PlanEdit(2**53, field).pack()
    assert len(data.encode()) <= 64 and PlanEdit.parse(data) == PlanEdit(2**53, field)
    assert not PlanAction.matches(data) and not PlanAnswer.matches(data)


def test_unknown_edit_fields_are_refused() -> None:
    assert PlanEdit.parse("pe:3:drop_tables") is None and PlanEdit.parse("pe:x:time") is None


def test_edit_menu_lists_the_settings() -> None:
    reply = edit_menu(status(target_date=date(2026, 6, 30)), QuietHours())
    assert "Tue/Thu" in reply.text and "19:30" in reply.text and "Tue 30 Jun 2026" in reply.text
    assert "22:00–08:00" in reply.text and "progress stays" in reply.text


def test_plan_edited_says_progress_is_kept_and_when_next() -> None:
    reply = plan_edited(
        "Study time changed to 19:30.", status(), datetime(2026, 3, 3, 18, 30, tzinfo=UTC), BERLIN
    )
    assert "Your progress is kept" in reply.text and "1/2 modules" in reply.text
    assert "Next reminder: Tue 03 Mar, 19:30" in reply.text


def test_progress_offers_edit_for_active_plans_only() -> None:
    active = progress([status()], BERLIN, date(2026, 3, 2))
    assert any(b.label.startswith("✏️ Edit") for row in active.buttons for b in row)
    finished = progress([status(status="done", updated_at=datetime(2026, 3, 9, 12, tzinfo=UTC))], BERLIN,
                        date(2026, 3, 10))  # fmt: skip
    assert "Finished on Mon 09 Mar 2026 — congratulations" in finished.text and finished.buttons == []


@pytest.mark.parametrize(
    "days, minute", [((5, 6), None), (None, 20 * 60), ((0, 2, 4), 7 * 60 + 30), ((6,), 0)]
)
def test_a_move_offered_on_a_button_reads_back_the_same(
    days: tuple[int, ...] | None, minute: int | None
) -> None:
    move = PlanMove.to(2**31, days, minute)
    data = move.pack()
    assert len(data.encode()) <= 64 and PlanAction.parse(data) is None  # its own kind of button
    again = PlanMove.parse(data)
    assert again == move and (again.new_days, again.new_minute) == (days, minute)
    assert PlanMove.parse(PlanMove(7, "keep").pack()) == PlanMove(7, "keep")


@pytest.mark.parametrize(
    "forged",
    ["pm:7", "pm:7:yes", "pm:7:yes:7", "pm:7:yes:56:1440", "pm:7:yes:56:99999", "pm:7:yes:55:60",
     "pm:7:maybe:56", "pm:7:keep:56", "pm:x:yes:56", "pm:7:yes:5,6:60", "p:mv:7:56.60"],
)  # fmt: skip
def test_a_forged_move_is_refused(forged: str) -> None:
    assert PlanMove.parse(forged) is None


def test_the_time_asked_for_before_the_plan_is_offered_first() -> None:
    from bot.study.maths import QuietHours
    from bot.study.replies import ask_time, schedule_kept

    quiet = QuietHours(22 * 60, 8 * 60)
    plain = ask_time(quiet)
    offered = ask_time(quiet, wished=20 * 60 + 30)
    assert offered.buttons[0][0].label == "🕗 20:30, as you asked" and offered.buttons[1:] == plain.buttons
    assert "<b>Mon/Wed at 20:30</b>" in schedule_kept((0, 2), 20 * 60 + 30).text
    assert "<b>Sat/Sun</b>" in schedule_kept((5, 6), None).text
    assert "<b>07:00</b>" in schedule_kept(None, 420).text
