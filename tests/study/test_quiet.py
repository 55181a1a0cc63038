"""Quiet hours, honestly: shortening them for a chosen time, snoozes that would land in them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.study.maths import QuietHours, moved_by_quiet_hours, snooze_choice
from bot.study.replies import ask_time, time_choices

LONDON = ZoneInfo("Europe/London")
HOUR = timedelta(hours=1)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@pytest.mark.parametrize(
    ("quiet", "minute", "expected"),
    [
        (("22:00", "08:00"), "22:30", ("23:00", "08:00")),
        (("22:00", "08:00"), "22:00", ("22:30", "08:00")),
        (("22:00", "08:00"), "23:45", ("00:00", "08:00")),
        (("22:00", "08:00"), "07:00", ("22:00", "07:00")),
        (("22:00", "08:00"), "00:30", ("22:00", "00:30")),
        (("23:00", "07:00"), "06:59", ("23:00", "06:59")),
        (("13:00", "15:00"), "13:10", ("13:30", "15:00")),
        (("13:00", "15:00"), "14:40", ("13:00", "14:40")),
    ],
)
def test_leaving_free_shortens_just_enough(
    quiet: tuple[str, str], minute: str, expected: tuple[str, str]
) -> None:
    window = QuietHours(hm(quiet[0]), hm(quiet[1]))
    shorter = window.leaving_free(hm(minute))
    assert (shorter.start, shorter.end) == (hm(expected[0]), hm(expected[1]))
    assert not shorter.contains(hm(minute))


def test_leaving_free_a_time_outside_changes_nothing() -> None:
    assert QuietHours().leaving_free(hm("19:00")) == QuietHours()


def test_leaving_free_may_turn_quiet_hours_off() -> None:
    assert QuietHours(hm("23:30"), 0).leaving_free(hm("23:45")).off


@pytest.mark.parametrize(
    ("quiet", "forbidden"),
    [(QuietHours(), ("07:00",)), (QuietHours(hm("21:00"), hm("09:00")), ("07:00", "21:00")),
     (QuietHours(hm("12:00"), hm("13:00")), ("12:30",))],
)  # fmt: skip
def test_time_buttons_are_never_inside_quiet_hours(quiet: QuietHours, forbidden: tuple[str, ...]) -> None:
    offered = time_choices(quiet)
    assert offered and all(not quiet.contains(m) for m in offered)
    labels = [b.label for row in ask_time(quiet).buttons for b in row]
    for label in forbidden:
        assert label not in labels
    assert all(not quiet.contains(hm(label)) for label in labels)


def test_time_buttons_without_quiet_hours_are_all_offered() -> None:
    assert time_choices(QuietHours(0, 0)) == [hm("07:00"), hm("12:30"), hm("18:00"), hm("19:00"), hm("21:00")]


def test_snooze_outside_quiet_hours_is_plain() -> None:
    now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    choice = snooze_choice(now, LONDON, QuietHours(), HOUR)
    assert choice.plain == now + HOUR and choice.before is None


def test_snooze_at_2115_offers_before_and_after_quiet_hours() -> None:
    now = datetime(2026, 3, 2, 21, 15, tzinfo=UTC)
    choice = snooze_choice(now, LONDON, QuietHours(), HOUR)
    assert choice.plain is None
    assert choice.before == datetime(2026, 3, 2, 21, 45, tzinfo=UTC)
    assert choice.after == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def test_snooze_too_close_to_quiet_hours_offers_only_after() -> None:
    now = datetime(2026, 3, 2, 21, 40, tzinfo=UTC)
    choice = snooze_choice(now, LONDON, QuietHours(), HOUR)
    assert choice.plain is None and choice.before is None


def test_snooze_after_midnight_lands_after_quiet_hours() -> None:
    now = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    choice = snooze_choice(now, LONDON, QuietHours(), HOUR)
    assert choice.before is None and choice.after == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def test_a_moved_reminder_is_recognised() -> None:
    assert moved_by_quiet_hours(datetime(2026, 3, 3, 8, 0, tzinfo=UTC), LONDON, hm("22:30"))
    assert not moved_by_quiet_hours(datetime(2026, 3, 3, 22, 30, tzinfo=UTC), LONDON, hm("22:30"))
