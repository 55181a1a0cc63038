"""Unit tests for the pure study-plan maths in `bot.study.maths` (no clock, no database, no network)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest

from bot.study.maths import (
    MAX_PLAN_DAYS,
    QuietHours,
    check_fit,
    describe_days,
    describe_minute,
    expected_done,
    finish_date,
    local_to_utc,
    next_study_time,
    outside_quiet_hours,
    parse_date,
    parse_days,
    parse_quiet_hours,
    parse_time,
    parse_timezone,
    progress_bar,
    sessions_for,
    spread_days,
    start_of_next_local_day,
    zone,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
MWF = (MON, WED, FRI)
NINE = 9 * 60
NO_QUIET = QuietHours(0, 0)
DEFAULT_QUIET = QuietHours()

# A fixed clock: Monday 1 June 2026, noon UTC (summer time in London, Berlin and New York).
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)  # a Monday


def at(tz: tzinfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime for a wall-clock time that exists exactly once in `tz`."""
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def wall(when: datetime, tz: tzinfo) -> tuple[int, int]:
    local = when.astimezone(tz)
    return local.hour, local.minute


# --- parse_days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon/Wed/Sat", (MON, WED, SAT)),
        ("mon, wed and fri", (MON, WED, FRI)),
        ("Tuesday & Thursday", (TUE, THU)),
        ("sat+sun", (SAT, SUN)),
        ("weds; thurs", (WED, THU)),
        ("  Monday.  ", (MON,)),
        ("fri mon wed mon", (MON, WED, FRI)),
        ("weekdays", (MON, TUE, WED, THU, FRI)),
        ("Weekend", (SAT, SUN)),
        ("weekends", (SAT, SUN)),
        ("every day", tuple(range(7))),
        ("daily", tuple(range(7))),
        ("mon-fri", (MON, TUE, WED, THU, FRI)),
        ("tue-thu, sat", (TUE, WED, THU, SAT)),
        ("fri-mon", (MON, FRI, SAT, SUN)),
        ("sun-sun", (SUN,)),
    ],
)
def test_parse_days_reads_what_learners_type(text: str, expected: tuple[int, ...]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize(
    "text", ["99 days a week", "", "   ", "funday", "mon and funday", "mon-funday", "3", ", / and"]
)
def test_parse_days_rejects_garbage(text: str) -> None:
    assert parse_days(text) is None


# --- parse_time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:00", 19 * 60),
        ("7pm", 19 * 60),
        ("7 PM", 19 * 60),
        ("7.30 pm", 19 * 60 + 30),
        ("7:30 p.m.", 19 * 60 + 30),
        ("0730", 7 * 60 + 30),
        ("730", 7 * 60 + 30),
        ("9h15", 9 * 60 + 15),
        (" 8 ", 8 * 60),
        ("8am", 8 * 60),
        ("12am", 0),
        ("12pm", 12 * 60),
        ("0:00", 0),
        ("23:59", 23 * 60 + 59),
    ],
)
def test_parse_time_gives_minutes_after_midnight(text: str, expected: int) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "24:00", "13pm", "0am", "abc", "7:60", "", "7:5", "123:00"])
def test_parse_time_rejects_invalid_times(text: str) -> None:
    assert parse_time(text) is None


# --- parse_date ------------------------------------------------------------------------------

PARSE_TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-03", date(2027, 3, 3)),
        ("3/3/2027", date(2027, 3, 3)),
        ("4/3/2027", date(2027, 3, 4)),  # day first, then month
        ("13/3/2027", date(2027, 3, 13)),
        ("4.3.2027", date(2027, 3, 4)),
        ("3 March 2027", date(2027, 3, 3)),
        ("Mar 3, 2027", date(2027, 3, 3)),
        ("3 March", date(2027, 3, 3)),  # already passed this year → next year
        ("March 3", date(2027, 3, 3)),
        ("3 mar", date(2027, 3, 3)),
        ("20 June", date(2026, 6, 20)),  # still ahead this year
        ("June 20", date(2026, 6, 20)),
        ("15 June", date(2026, 6, 15)),  # today counts as the next occurrence
        ("14 June", date(2027, 6, 14)),  # yesterday → next year
        ("  31   December ", date(2026, 12, 31)),
    ],
)
def test_parse_date_reads_dates(text: str, expected: date) -> None:
    assert parse_date(text, PARSE_TODAY) == expected


@pytest.mark.parametrize(
    "text", ["soon", "", "32 March", "2027-13-01", "3/13/2027", "next friday", "Marchy 3"]
)
def test_parse_date_rejects_garbage(text: str) -> None:
    assert parse_date(text, PARSE_TODAY) is None


def test_parse_date_without_year_is_never_in_the_past() -> None:
    for month in range(1, 13):
        parsed = parse_date(f"1 {date(2026, month, 1):%B}", PARSE_TODAY)
        assert parsed is not None
        assert PARSE_TODAY <= parsed < PARSE_TODAY + timedelta(days=366)


def test_parse_date_29_february_after_a_leap_day_does_not_crash() -> None:
    # BUG: on 1 March 2028 (a leap year) "29 February" has just passed, and moving it to 2029
    # with date.replace raises ValueError("day is out of range for month") instead of returning
    # a date (the next 29 February, 2032) or None ("couldn't read that as a date").
    result = parse_date("29 February", date(2028, 3, 1))
    assert result in (None, date(2032, 2, 29))


def test_parse_date_29_february_before_a_leap_day_in_a_leap_year() -> None:
    assert parse_date("29 Feb", date(2028, 1, 10)) == date(2028, 2, 29)


# --- parse_timezone and zone -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin", "Europe/Berlin"),
        ("berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New York", "America/New_York"),
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("europe/london", "Europe/London"),
        ("UTC+2", "UTC+02:00"),
        ("utc + 2", "UTC+02:00"),
        ("GMT+10", "UTC+10:00"),
        ("+5:30", "UTC+05:30"),
        ("+0530", "UTC+05:30"),
        ("UTC-3", "UTC-03:00"),
        ("-9:45", "UTC-09:45"),
        ("+14", "UTC+14:00"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        (" UTC ", "UTC"),
    ],
)
def test_parse_timezone_understands_cities_names_and_offsets(text: str, expected: str) -> None:
    assert parse_timezone(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Mars/Phobos", "+15", "+3:20", "UTC+99", "Atlantis", "", "+", "localtime", "Factory", "posixrules"],
)
def test_parse_timezone_rejects_invalid_zones(text: str) -> None:
    assert parse_timezone(text) is None


@pytest.mark.parametrize(
    ("text", "when", "offset"),
    [
        ("Berlin", datetime(2026, 1, 15, 12, tzinfo=UTC), timedelta(hours=1)),
        ("Berlin", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=2)),
        ("new york", datetime(2026, 1, 15, 12, tzinfo=UTC), timedelta(hours=-5)),
        ("new york", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=-4)),
        ("Asia/Kolkata", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=5, minutes=30)),
        ("UTC+2", datetime(2026, 1, 15, 12, tzinfo=UTC), timedelta(hours=2)),
        ("+5:30", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=5, minutes=30)),
        ("UTC-3", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=-3)),
        ("-9:45", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(hours=-9, minutes=-45)),
        ("utc", datetime(2026, 7, 15, 12, tzinfo=UTC), timedelta(0)),
    ],
)
def test_zone_of_a_parsed_name_has_the_right_offset(text: str, when: datetime, offset: timedelta) -> None:
    name = parse_timezone(text)
    assert name is not None
    assert when.astimezone(zone(name)).utcoffset() == offset


@pytest.mark.parametrize("name", ["Mars/Phobos", "", "../etc/passwd", "UTC+5"])
def test_zone_falls_back_to_utc_for_unknown_names(name: str) -> None:
    assert NOW.astimezone(zone(name)).utcoffset() == timedelta(0)


# --- local_to_utc ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day", "utc_hour"),
    [
        (LONDON, date(2026, 3, 28), 9),  # GMT, the day before spring forward
        (LONDON, date(2026, 3, 29), 8),  # the change day itself: BST by 09:00
        (LONDON, date(2026, 3, 30), 8),  # BST
        (LONDON, date(2026, 10, 24), 8),  # BST, the day before falling back
        (LONDON, date(2026, 10, 25), 9),  # GMT again
        (LONDON, date(2026, 10, 26), 9),
        (NEW_YORK, date(2026, 3, 7), 14),  # EST
        (NEW_YORK, date(2026, 3, 8), 13),  # EDT from 02:00
        (NEW_YORK, date(2026, 3, 9), 13),
        (NEW_YORK, date(2026, 10, 31), 13),  # EDT
        (NEW_YORK, date(2026, 11, 1), 14),  # EST from 02:00
        (NEW_YORK, date(2026, 11, 2), 14),
    ],
)
def test_local_to_utc_keeps_the_wall_clock_across_dst(tz: ZoneInfo, day: date, utc_hour: int) -> None:
    when = local_to_utc(day, NINE, tz)
    assert when.tzinfo is UTC
    assert when == datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    local = when.astimezone(tz)
    assert (local.date(), local.hour, local.minute) == (day, 9, 0)


def test_local_to_utc_moves_a_skipped_london_time_forward() -> None:
    when = local_to_utc(date(2026, 3, 29), 90, LONDON)  # 01:30 does not exist that night
    assert when == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local = when.astimezone(LONDON)
    assert (local.date(), local.hour, local.minute) == (date(2026, 3, 29), 2, 30)


def test_local_to_utc_moves_a_skipped_new_york_time_forward() -> None:
    when = local_to_utc(date(2026, 3, 8), 150, NEW_YORK)  # 02:30 does not exist that night
    assert wall(when, NEW_YORK) == (3, 30)
    assert when == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_local_to_utc_takes_the_first_of_a_repeated_london_time() -> None:
    when = local_to_utc(date(2026, 10, 25), 90, LONDON)  # 01:30 happens twice
    assert when == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert when.astimezone(LONDON).utcoffset() == timedelta(hours=1)  # BST, not GMT


def test_local_to_utc_takes_the_first_of_a_repeated_new_york_time() -> None:
    when = local_to_utc(date(2026, 11, 1), 90, NEW_YORK)
    assert when == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert when.astimezone(NEW_YORK).utcoffset() == timedelta(hours=-4)  # EDT, not EST


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("UTC+05:30", datetime(2026, 6, 1, 3, 30, tzinfo=UTC)),
        ("UTC-03:00", datetime(2026, 6, 1, 12, 0, tzinfo=UTC)),
        ("UTC", datetime(2026, 6, 1, 9, 0, tzinfo=UTC)),
    ],
)
def test_local_to_utc_in_fixed_offset_zones(name: str, expected: datetime) -> None:
    assert local_to_utc(TODAY, NINE, zone(name)) == expected


# --- quiet hours -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet", "minute", "inside"),
    [
        (DEFAULT_QUIET, 22 * 60, True),
        (DEFAULT_QUIET, 23 * 60 + 59, True),
        (DEFAULT_QUIET, 0, True),
        (DEFAULT_QUIET, 7 * 60 + 59, True),
        (DEFAULT_QUIET, 8 * 60, False),
        (DEFAULT_QUIET, 21 * 60 + 59, False),
        (QuietHours(13 * 60, 14 * 60), 13 * 60, True),
        (QuietHours(13 * 60, 14 * 60), 13 * 60 + 59, True),
        (QuietHours(13 * 60, 14 * 60), 14 * 60, False),
        (QuietHours(13 * 60, 14 * 60), 12 * 60 + 59, False),
        (QuietHours(13 * 60, 14 * 60), 23 * 60, False),
        (QuietHours(600, 600), 600, False),
        (NO_QUIET, 0, False),
    ],
)
def test_quiet_hours_contains(quiet: QuietHours, minute: int, inside: bool) -> None:
    assert quiet.contains(minute) is inside


def test_outside_quiet_hours_moves_late_evening_to_next_morning() -> None:
    when = at(LONDON, 2026, 6, 1, 22, 30).astimezone(UTC)
    assert outside_quiet_hours(when, LONDON, DEFAULT_QUIET) == at(LONDON, 2026, 6, 2, 8, 0)


def test_outside_quiet_hours_moves_early_morning_to_same_morning() -> None:
    when = at(LONDON, 2026, 6, 2, 7, 59).astimezone(UTC)
    assert outside_quiet_hours(when, LONDON, DEFAULT_QUIET) == at(LONDON, 2026, 6, 2, 8, 0)


def test_outside_quiet_hours_moves_the_start_of_quiet_hours_to_next_morning() -> None:
    when = at(LONDON, 2026, 6, 1, 22, 0).astimezone(UTC)
    assert outside_quiet_hours(when, LONDON, DEFAULT_QUIET) == at(LONDON, 2026, 6, 2, 8, 0)


@pytest.mark.parametrize(("hour", "minute"), [(8, 0), (21, 59), (12, 0)])
def test_outside_quiet_hours_leaves_waking_hours_alone(hour: int, minute: int) -> None:
    when = at(LONDON, 2026, 6, 1, hour, minute).astimezone(UTC)
    assert outside_quiet_hours(when, LONDON, DEFAULT_QUIET) == when


def test_outside_quiet_hours_uses_the_learners_zone_not_utc() -> None:
    # 21:00 UTC is 02:30 the next day in Kolkata: quiet there, so it moves to 08:00 Kolkata.
    when = datetime(2026, 6, 1, 21, 0, tzinfo=UTC)
    assert outside_quiet_hours(when, KOLKATA, DEFAULT_QUIET) == at(KOLKATA, 2026, 6, 2, 8, 0)
    # 21:00 UTC is 17:00 in New York: not quiet.
    assert outside_quiet_hours(when, NEW_YORK, DEFAULT_QUIET) == when


def test_outside_quiet_hours_with_a_window_that_does_not_wrap() -> None:
    lunch = QuietHours(13 * 60, 14 * 60)
    when = at(BERLIN, 2026, 6, 1, 13, 30).astimezone(UTC)
    assert outside_quiet_hours(when, BERLIN, lunch) == at(BERLIN, 2026, 6, 1, 14, 0)


def test_outside_quiet_hours_result_is_utc() -> None:
    when = at(BERLIN, 2026, 6, 1, 23, 0).astimezone(UTC)
    moved = outside_quiet_hours(when, BERLIN, DEFAULT_QUIET)
    assert moved.utcoffset() == timedelta(0)
    assert moved == datetime(2026, 6, 2, 6, 0, tzinfo=UTC)


def test_outside_quiet_hours_lands_on_the_local_end_after_a_dst_change() -> None:
    # Saturday 28 March 23:00 GMT → Sunday 08:00, which is BST (07:00 UTC).
    when = at(LONDON, 2026, 3, 28, 23, 0).astimezone(UTC)
    moved = outside_quiet_hours(when, LONDON, DEFAULT_QUIET)
    assert moved == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert wall(moved, LONDON) == (8, 0)


# --- next_study_time -------------------------------------------------------------------------


def test_next_study_time_later_today() -> None:
    after = at(LONDON, 2026, 6, 1, 7, 0).astimezone(UTC)  # Monday 07:00 BST
    assert next_study_time(after, LONDON, (MON,), NINE, DEFAULT_QUIET) == at(LONDON, 2026, 6, 1, 9, 0)


def test_next_study_time_is_strictly_after() -> None:
    slot = at(LONDON, 2026, 6, 1, 9, 0).astimezone(UTC)
    assert next_study_time(slot, LONDON, (MON,), NINE, DEFAULT_QUIET) == at(LONDON, 2026, 6, 8, 9, 0)
    just_before = slot - timedelta(microseconds=1)
    assert next_study_time(just_before, LONDON, (MON,), NINE, DEFAULT_QUIET) == slot


def test_next_study_time_when_todays_slot_has_passed() -> None:
    after = at(LONDON, 2026, 6, 1, 10, 0).astimezone(UTC)  # Monday, after 09:00
    assert next_study_time(after, LONDON, MWF, NINE, DEFAULT_QUIET) == at(LONDON, 2026, 6, 3, 9, 0)


@pytest.mark.parametrize("weekday", range(7))
def test_next_study_time_picks_the_right_weekday(weekday: int) -> None:
    found = next_study_time(NOW, BERLIN, (weekday,), 18 * 60, DEFAULT_QUIET)
    local = found.astimezone(BERLIN)
    assert local.weekday() == weekday
    assert (local.hour, local.minute) == (18, 0)
    assert NOW < found <= NOW + timedelta(days=7)


def test_next_study_time_uses_the_learners_local_day() -> None:
    # 20:00 UTC on Monday is already 01:30 on Tuesday in Kolkata: Tuesday's 09:00 is next.
    after = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)
    assert next_study_time(after, KOLKATA, (TUE,), NINE, DEFAULT_QUIET) == at(KOLKATA, 2026, 6, 2, 9, 0)
    # 02:00 UTC on Tuesday is still Monday 22:00 in New York: Monday's slot has passed.
    after = datetime(2026, 6, 2, 2, 0, tzinfo=UTC)
    found = next_study_time(after, NEW_YORK, (MON, TUE), NINE, DEFAULT_QUIET)
    assert found == at(NEW_YORK, 2026, 6, 2, 9, 0)


@pytest.mark.parametrize(
    ("tz", "after", "days"),
    [
        (LONDON, datetime(2026, 3, 16, 18, tzinfo=UTC), (MON, WED, FRI, SUN)),  # spring forward 29 Mar
        (LONDON, datetime(2026, 10, 12, 18, tzinfo=UTC), (TUE, SAT, SUN)),  # fall back 25 Oct
        (NEW_YORK, datetime(2026, 2, 23, 18, tzinfo=UTC), (MON, THU, SUN)),  # spring forward 8 Mar
        (NEW_YORK, datetime(2026, 10, 19, 18, tzinfo=UTC), tuple(range(7))),  # fall back 1 Nov
    ],
)
def test_consecutive_study_times_keep_the_wall_clock_across_dst(
    tz: ZoneInfo, after: datetime, days: tuple[int, ...]
) -> None:
    # `after` is 18:00 UTC, past 09:00 local in both zones, so the first slot is tomorrow's.
    end = after + timedelta(weeks=3)
    expected_days = [
        d
        for d in (after.astimezone(tz).date() + timedelta(days=n) for n in range(1, 22))
        if d.weekday() in days
    ]
    seen: list[date] = []
    offsets: set[timedelta | None] = set()
    current = after
    while True:
        following = next_study_time(current, tz, days, NINE, DEFAULT_QUIET)
        if following > end:
            break
        assert following > current
        local = following.astimezone(tz)
        assert (local.hour, local.minute) == (9, 0)
        seen.append(local.date())
        offsets.add(local.utcoffset())
        current = following
    assert seen == expected_days
    assert len(offsets) == 2  # the run really crossed a DST change


def test_consecutive_study_times_in_the_skipped_hour() -> None:
    # Daily at 01:30 London, no quiet hours: 29 March has no 01:30, so that day it is 02:30 BST.
    current = datetime(2026, 3, 27, 12, tzinfo=UTC)
    walls = []
    for _ in range(4):
        current = next_study_time(current, LONDON, tuple(range(7)), 90, NO_QUIET)
        local = current.astimezone(LONDON)
        walls.append((local.date(), local.hour, local.minute))
    assert walls == [
        (date(2026, 3, 28), 1, 30),
        (date(2026, 3, 29), 2, 30),
        (date(2026, 3, 30), 1, 30),
        (date(2026, 3, 31), 1, 30),
    ]


def test_consecutive_study_times_in_the_repeated_hour_fire_once() -> None:
    # Daily at 01:30 London: 25 October has 01:30 twice; only the first one is a slot.
    current = datetime(2026, 10, 24, 12, tzinfo=UTC)
    found = []
    for _ in range(3):
        current = next_study_time(current, LONDON, tuple(range(7)), 90, NO_QUIET)
        found.append(current)
    assert found == [
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 01:30 BST
        datetime(2026, 10, 26, 1, 30, tzinfo=UTC),  # 01:30 GMT
        datetime(2026, 10, 27, 1, 30, tzinfo=UTC),
    ]


def test_study_time_in_quiet_hours_moves_to_next_morning() -> None:
    after = at(BERLIN, 2026, 6, 1, 12, 0).astimezone(UTC)  # Monday noon
    found = next_study_time(after, BERLIN, (MON,), 23 * 60, DEFAULT_QUIET)
    assert found == at(BERLIN, 2026, 6, 2, 8, 0)  # Tuesday 08:00, not Monday 23:00


def test_study_time_in_early_quiet_hours_moves_to_the_same_morning() -> None:
    after = at(BERLIN, 2026, 6, 1, 12, 0).astimezone(UTC)  # Monday noon
    found = next_study_time(after, BERLIN, (WED,), 6 * 60, DEFAULT_QUIET)
    assert found == at(BERLIN, 2026, 6, 3, 8, 0)  # Wednesday 06:00 → Wednesday 08:00


def test_study_time_in_a_lunch_quiet_window_moves_to_its_end() -> None:
    lunch = QuietHours(13 * 60, 14 * 60)
    after = at(BERLIN, 2026, 6, 1, 9, 0).astimezone(UTC)
    found = next_study_time(after, BERLIN, (MON,), 13 * 60 + 30, lunch)
    assert found == at(BERLIN, 2026, 6, 1, 14, 0)
    assert next_study_time(after, BERLIN, (MON,), 23 * 60, lunch) == at(BERLIN, 2026, 6, 1, 23, 0)


def test_equal_start_and_end_means_no_quiet_hours() -> None:
    after = at(BERLIN, 2026, 6, 1, 12, 0).astimezone(UTC)
    for quiet in (QuietHours(22 * 60, 22 * 60), NO_QUIET):
        found = next_study_time(after, BERLIN, (MON,), 23 * 60, quiet)
        assert found == at(BERLIN, 2026, 6, 1, 23, 0)


def test_next_study_time_needs_days() -> None:
    with pytest.raises(ValueError, match="at least one study day"):
        next_study_time(NOW, LONDON, (), NINE, DEFAULT_QUIET)


@pytest.mark.parametrize("name", ["UTC+05:30", "UTC-03:00", "UTC"])
def test_next_study_time_in_fixed_offset_zones(name: str) -> None:
    tz = zone(name)
    found = next_study_time(NOW, tz, (TUE,), NINE, DEFAULT_QUIET)
    local = found.astimezone(tz)
    assert (local.date(), local.hour, local.minute) == (date(2026, 6, 2), 9, 0)


# --- start_of_next_local_day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "tz", "expected"),
    [
        # 20:00 UTC Monday is 01:30 Tuesday in Kolkata → midnight starting Wednesday there.
        (datetime(2026, 6, 1, 20, 0, tzinfo=UTC), KOLKATA, datetime(2026, 6, 2, 18, 30, tzinfo=UTC)),
        # 02:00 UTC Tuesday is 22:00 Monday in New York → Tuesday 00:00 EDT.
        (datetime(2026, 6, 2, 2, 0, tzinfo=UTC), NEW_YORK, datetime(2026, 6, 2, 4, 0, tzinfo=UTC)),
        # London: the night of the spring change, and the day of it.
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), LONDON, datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
        (datetime(2026, 3, 29, 12, 0, tzinfo=UTC), LONDON, datetime(2026, 3, 29, 23, 0, tzinfo=UTC)),
        (datetime(2026, 6, 1, 12, 0, tzinfo=UTC), zone("UTC-03:00"), datetime(2026, 6, 2, 3, 0, tzinfo=UTC)),
    ],
)
def test_start_of_next_local_day(after: datetime, tz: tzinfo, expected: datetime) -> None:
    found = start_of_next_local_day(after, tz)
    assert found == expected
    local = found.astimezone(tz)
    assert (local.hour, local.minute) == (0, 0)
    assert local.date() == after.astimezone(tz).date() + timedelta(days=1)


# --- sessions_for and finish_date ------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "session_minutes", "expected"),
    [
        ([1, 2, 3], 60, 6),
        ([1, 2, 3], 30, 12),
        ([1, 2, 3], 45, 2 + 3 + 4),  # whole sessions per module, rounded up
        ([1, 1], 90, 2),  # a short module still takes a session of its own
        ([0, 0, 4], 120, 1 + 1 + 2),
        ([], 60, 0),
    ],
)
def test_sessions_for(hours: list[int], session_minutes: int, expected: int) -> None:
    assert sessions_for(hours, session_minutes) == expected


@pytest.mark.parametrize(
    ("start", "days", "sessions", "expected"),
    [
        (TODAY, MWF, 6, date(2026, 6, 12)),  # Monday start → Friday of the second week
        (TODAY, MWF, 1, TODAY),  # the start day counts
        (TODAY, MWF, 3, date(2026, 6, 5)),
        (TODAY, MWF, 4, date(2026, 6, 8)),
        (date(2026, 6, 2), MWF, 1, date(2026, 6, 3)),  # Tuesday start: first session Wednesday
        (date(2026, 6, 2), MWF, 6, date(2026, 6, 15)),  # … and the sixth the Monday after next
        (date(2026, 6, 6), MWF, 3, date(2026, 6, 12)),  # Saturday start
        (TODAY, (SUN,), 1, date(2026, 6, 7)),
        (TODAY, (SUN,), 3, date(2026, 6, 21)),
        (TODAY, tuple(range(7)), 10, date(2026, 6, 10)),
        (TODAY, MWF, 0, TODAY),
    ],
)
def test_finish_date(start: date, days: tuple[int, ...], sessions: int, expected: date) -> None:
    assert finish_date(start, days, sessions) == expected


def test_finish_date_matches_counting_day_by_day() -> None:
    for start in (TODAY + timedelta(days=n) for n in range(7)):
        for days in [(MON,), (TUE, SAT), MWF, (SAT, SUN), (MON, TUE, WED, THU, FRI), tuple(range(7))]:
            day, count = start - timedelta(days=1), 0
            for sessions in range(1, 20):
                while count < sessions:
                    day += timedelta(days=1)
                    count += day.weekday() in days
                assert finish_date(start, days, sessions) == day, (start, days, sessions)


# --- check_fit -------------------------------------------------------------------------------


def test_check_fit_without_target_always_fits() -> None:
    fit = check_fit(TODAY, MWF, [1, 2, 3], 60, None)
    assert fit.fits
    assert fit.days_needed is None
    assert fit.sessions == 6
    assert fit.finish == date(2026, 6, 12)
    assert fit.weeks == 2


def test_check_fit_meets_a_target_on_the_finish_day() -> None:
    fit = check_fit(TODAY, MWF, [1, 2, 3], 60, date(2026, 6, 12))
    assert fit.fits
    assert fit.days_needed is None


def test_at_two_days_a_week_this_takes_nine_weeks() -> None:
    # Mon/Thu from a Monday, 18 one-hour sessions: the last is Thursday of week 9.
    fit = check_fit(TODAY, (MON, THU), [3, 3, 3, 3, 3, 3], 60, date(2026, 7, 26))
    assert fit.sessions == 18
    assert fit.finish == date(2026, 7, 30)
    assert fit.weeks == 9
    assert not fit.fits
    assert fit.days_needed == 3  # 18 sessions in 8 weeks
    faster = check_fit(TODAY, spread_days((MON, THU), 3), [3, 3, 3, 3, 3, 3], 60, date(2026, 7, 26))
    assert faster.fits


def test_check_fit_misses_a_near_target_and_says_what_would_meet_it() -> None:
    target = date(2026, 6, 7)  # Sunday of the first week
    fit = check_fit(TODAY, MWF, [1] * 6, 60, target)
    assert not fit.fits
    assert fit.finish == date(2026, 6, 12)
    assert fit.days_needed is not None
    assert len(MWF) < fit.days_needed <= 7
    assert fit.days_needed == 6
    assert check_fit(TODAY, spread_days(MWF, fit.days_needed), [1] * 6, 60, target).fits


def test_check_fit_impossible_target_needs_more_than_every_day() -> None:
    fit = check_fit(TODAY, MWF, [1] * 20, 60, date(2026, 6, 7))
    assert not fit.fits
    assert fit.days_needed is None


@pytest.mark.parametrize(
    ("sessions", "days", "weeks"),
    [
        (1, (MON,), 1),  # one day is still "a week"
        (7, tuple(range(7)), 1),  # exactly seven days
        (8, tuple(range(7)), 2),  # the eighth day starts a second week
        (3, MWF, 1),
        (4, MWF, 2),
        (2, (SUN,), 2),  # Sunday 7 June, Sunday 14 June: 14 days
        (3, (SUN,), 3),
    ],
)
def test_check_fit_rounds_weeks_up(sessions: int, days: tuple[int, ...], weeks: int) -> None:
    assert check_fit(TODAY, days, [1] * sessions, 60, None).weeks == weeks


def test_check_fit_far_target_fits() -> None:
    fit = check_fit(TODAY, (SAT,), [10, 10], 60, TODAY + timedelta(days=MAX_PLAN_DAYS))
    assert fit.fits
    assert fit.finish == date(2026, 6, 6) + timedelta(weeks=19)


def test_check_fit_never_suggests_the_pace_that_just_missed() -> None:
    # BUG: a Fri/Sat learner starting Monday 1 June with 5 sessions finishes Friday 19 June, one
    # day after a Thursday 18 June target. days_needed is ceil(5 / (18 / 7)) = 2 — the same two
    # days a week that just missed — so the bot says "Studying 2 days a week would meet it" and
    # the "Study 2 days a week" button keeps the same plan, which still misses.
    fit = check_fit(TODAY, (FRI, SAT), [1] * 5, 60, date(2026, 6, 18))
    assert not fit.fits
    assert fit.finish == date(2026, 6, 19)
    assert fit.days_needed is None or fit.days_needed > 2


def test_check_fit_suggested_days_really_meet_the_target() -> None:
    # BUG: a weekend learner (Sat/Sun), 8 sessions from Monday 1 June, target Friday 19 June:
    # days_needed is ceil(8 / (19 / 7)) = 3, but spread_days((Sat, Sun), 3) = Mon/Sat/Sun
    # finishes Saturday 20 June — still after the target the bot promised to meet.
    target = date(2026, 6, 19)
    fit = check_fit(TODAY, (SAT, SUN), [1] * 8, 60, target)
    assert not fit.fits
    if fit.days_needed is not None:
        suggested = spread_days((SAT, SUN), fit.days_needed)
        assert check_fit(TODAY, suggested, [1] * 8, 60, target).fits, (fit.days_needed, suggested)


@pytest.mark.parametrize(
    ("start", "days", "sessions", "target"),
    [
        (date(2026, 6, 10), MWF, 3, date(2026, 6, 1)),  # the target has already passed
        (TODAY, (MON,), 3, TODAY),  # three sessions, one day left
        (TODAY, (MON, TUE), 4, date(2026, 6, 2)),  # four sessions, two days left
    ],
)
def test_check_fit_cannot_meet_a_target_with_too_few_days_left(
    start: date, days: tuple[int, ...], sessions: int, target: date
) -> None:
    # BUG: available weeks are floored at one (max(1, …)), so a target today, or already past
    # (remaining_fit uses today as the start during a catch-up), still gets days_needed =
    # sessions, and the bot says "Studying N days a week would meet it" when no pace can.
    fit = check_fit(start, days, [1] * sessions, 60, target)
    assert not fit.fits
    assert fit.days_needed is None


# --- spread_days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "wanted", "expected"),
    [
        ((MON, THU), 3, (MON, WED, THU)),
        ((SAT, SUN), 3, (MON, SAT, SUN)),
        ((SAT, SUN), 5, (MON, WED, FRI, SAT, SUN)),
        ((TUE,), 3, (MON, TUE, WED)),
        ((), 3, MWF),
        (MWF, 4, (MON, WED, FRI, SAT)),
        (MWF, 3, MWF),
        (MWF, 2, MWF),  # never drops the learner's days
        ((WED,), 7, tuple(range(7))),
        ((WED,), 12, tuple(range(7))),  # never more than seven
    ],
)
def test_spread_days(current: tuple[int, ...], wanted: int, expected: tuple[int, ...]) -> None:
    assert spread_days(current, wanted) == expected


def test_spread_days_keeps_own_days_and_reaches_the_wanted_count() -> None:
    for size in range(8):
        for current in combinations(range(7), size):
            for wanted in range(10):
                spread = spread_days(current, wanted)
                assert set(current) <= set(spread)
                assert len(spread) == max(len(current), min(wanted, 7))
                assert spread == tuple(sorted(set(spread)))


# --- expected_done ---------------------------------------------------------------------------

# Modules of 1, 2 and 1 hours at one-hour sessions: done after 1, 3 and 4 sessions.
MODULES = [1, 2, 1]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (TODAY, 0),  # day one: nothing expected yet, even though Monday is a study day
        (date(2026, 5, 20), 0),  # before the start
        (date(2026, 6, 2), 1),  # Monday done
        (date(2026, 6, 3), 1),
        (date(2026, 6, 4), 1),  # Mon, Wed: the 2-hour module is half done
        (date(2026, 6, 6), 2),  # Mon, Wed, Fri
        (date(2026, 6, 8), 2),
        (date(2026, 6, 9), 3),  # four sessions
        (date(2027, 6, 1), 3),  # never above the module count
    ],
)
def test_expected_done(today: date, expected: int) -> None:
    assert expected_done(TODAY, today, MWF, MODULES, 60) == expected


def test_expected_done_grows_with_elapsed_study_days_only() -> None:
    previous = 0
    for offset in range(60):
        today = TODAY + timedelta(days=offset)
        done = expected_done(TODAY, today, (TUE, THU), [1] * 10, 60)
        studied = sum(1 for n in range(offset) if (TODAY + timedelta(days=n)).weekday() in (TUE, THU))
        assert done == min(10, studied)
        assert previous <= done <= 10
        previous = done


def test_expected_done_with_longer_modules_than_sessions() -> None:
    # Two 3-hour modules at 90-minute sessions: two sessions each.
    assert expected_done(TODAY, date(2026, 6, 3), MWF, [3, 3], 90) == 0  # one session
    assert expected_done(TODAY, date(2026, 6, 4), MWF, [3, 3], 90) == 1  # two sessions
    assert expected_done(TODAY, date(2026, 6, 9), MWF, [3, 3], 90) == 2


# --- progress bar and descriptions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [
        (4, 8, "▓▓▓▓░░░░ 4/8 modules"),
        (0, 8, "░░░░░░░░ 0/8 modules"),
        (8, 8, "▓▓▓▓▓▓▓▓ 8/8 modules"),
        (1, 3, "▓▓▓░░░░░ 1/3 modules"),
        (0, 0, "░░░░░░░░ 0/0 modules"),
    ],
)
def test_progress_bar(done: int, total: int, expected: str) -> None:
    assert progress_bar(done, total) == expected


def test_progress_bar_custom_width() -> None:
    assert progress_bar(1, 2, width=4) == "▓▓░░ 1/2 modules"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (tuple(range(7)), "every day"),
        ((MON, TUE, WED, THU, FRI), "weekdays"),
        (MWF, "Mon/Wed/Fri"),
        ((MON, WED, SAT), "Mon/Wed/Sat"),
        ((SAT, SUN), "Sat/Sun"),
        ((SUN,), "Sun"),
    ],
)
def test_describe_days(days: tuple[int, ...], expected: str) -> None:
    assert describe_days(days) == expected


@pytest.mark.parametrize(
    "text", ["Mon/Wed/Sat", "weekdays", "every day", "tue-thu", "fri-mon", "sat and sun"]
)
def test_describe_days_round_trips_through_parse_days(text: str) -> None:
    days = parse_days(text)
    assert days is not None
    assert parse_days(describe_days(days)) == days


@pytest.mark.parametrize(
    ("minute", "expected"), [(0, "00:00"), (450, "07:30"), (19 * 60, "19:00"), (23 * 60 + 59, "23:59")]
)
def test_describe_minute(minute: int, expected: str) -> None:
    assert describe_minute(minute) == expected


@pytest.mark.parametrize("text", ["19:00", "7.30 pm", "0730", "12am", "12pm"])
def test_describe_minute_round_trips_through_parse_time(text: str) -> None:
    minute = parse_time(text)
    assert minute is not None
    assert parse_time(describe_minute(minute)) == minute


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22:00-08:00", QuietHours(22 * 60, 8 * 60)), ("23 to 7", QuietHours(23 * 60, 7 * 60)),
     ("off", QuietHours(0, 0)), ("13:00–14:00", QuietHours(13 * 60, 14 * 60)),
     ("whenever", None), ("25:00-08:00", None), ("22:00", None)],
)  # fmt: skip
def test_parse_quiet_hours(text: str, expected: QuietHours | None) -> None:
    assert parse_quiet_hours(text) == expected
