"""Plain-language answers to the plan questions (`bot.study.parse`): the examples from the
issue first, then many more. No clock, no network: "today" is fixed, the city table ships."""

from __future__ import annotations

from datetime import date

import pytest

from bot.study.parse import (
    BACK,
    CANCEL,
    DaysAnswer,
    Pace,
    TimeAnswer,
    days_asked,
    is_done,
    is_yes,
    keeps_the_zone,
    module_reported,
    parse_days_answer,
    parse_fit_answer,
    parse_pace,
    parse_pause_end,
    parse_quiet_answer,
    parse_session,
    parse_target,
    parse_time_answer,
    parse_zone,
    part_of_day,
    plan_change_said,
    time_asked,
    times_asked,
)

TODAY = date(2026, 11, 30)  # a Monday
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = (MON, TUE, WED, THU, FRI)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


# --- target dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # from the issue
        ("tomorrow", date(2026, 12, 1)),
        ("in 6 weeks", date(2027, 1, 11)),
        ("end of March", date(2027, 3, 31)),
        ("next month", date(2026, 12, 30)),
        # more
        ("End of March", date(2027, 3, 31)),
        ("by the end of March", date(2027, 3, 31)),
        ("end of the month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("end of the year", date(2026, 12, 31)),
        ("end of next year", date(2027, 12, 31)),
        ("mid April", date(2027, 4, 15)),
        ("middle of May", date(2027, 5, 15)),
        ("start of February", date(2027, 2, 1)),
        ("beginning of June", date(2027, 6, 1)),
        ("March", date(2027, 3, 31)),
        ("december", date(2026, 12, 31)),
        ("3 March", date(2027, 3, 3)),
        ("March 3", date(2027, 3, 3)),
        ("3 March 2027", date(2027, 3, 3)),
        ("2027-03-03", date(2027, 3, 3)),
        ("3/3/2027", date(2027, 3, 3)),
        ("by 3 March", date(2027, 3, 3)),
        ("before 1 May", date(2027, 5, 1)),
        ("in two weeks", date(2026, 12, 14)),
        ("in 3 months", date(2027, 2, 28)),
        ("next friday", date(2026, 12, 4)),
        ("1 January 2020", date(2020, 1, 1)),  # the caller says it has passed
    ],
)
def test_target_dates(text: str, expected: date) -> None:
    found = parse_target(text, TODAY)
    assert found is not None and found.day == expected and not found.none


@pytest.mark.parametrize(
    "text",
    ["none", "no", "skip", "None", "No.", "SKIP", "no target", "no date", "nope", "not really",
     "no deadline", "whenever", "no rush", "not sure"],
)  # fmt: skip
def test_no_target(text: str) -> None:
    found = parse_target(text, TODAY)
    assert found is not None and found.none and found.day is None


@pytest.mark.parametrize(
    "text",
    ["7", "42", "soonish maybe", "asdf", "end of nothing", "", "half past never", "19:00", "7pm", "45 mins",
     "2 hours", "3 days ago"],
)
def test_unreadable_targets(text: str) -> None:
    assert parse_target(text, TODAY) is None


def test_end_of_month_in_december_is_next_year() -> None:
    found = parse_target("end of next month", date(2026, 12, 10))
    assert found is not None and found.day == date(2027, 1, 31)


# --- days --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # from the issue
        ("weekdays", WEEKDAYS),
        ("Mon–Fri", WEEKDAYS),
        ("Monday to Friday", WEEKDAYS),
        ("every weekday", WEEKDAYS),
        ("Tue and Thu", (TUE, THU)),
        # more
        ("Mon—Fri", WEEKDAYS),
        ("mon - fri", WEEKDAYS),
        ("Monday through Friday", WEEKDAYS),
        ("monday thru friday", WEEKDAYS),
        ("each weekday", WEEKDAYS),
        ("on weekdays", WEEKDAYS),
        ("working days", WEEKDAYS),
        ("every day", tuple(range(7))),
        ("daily", tuple(range(7))),
        ("on weekends", (SAT, SUN)),
        ("Mondays and Wednesdays", (MON, WED)),
        ("every Tuesday", (TUE,)),
        ("Tuesdays, Thursdays", (TUE, THU)),
        ("on Sat and Sun", (SAT, SUN)),
        ("tue & thu", (TUE, THU)),
        ("Fri to Mon", (MON, FRI, SAT, SUN)),
        ("Mon/Wed/Sat", (MON, WED, SAT)),
        ("7 days a week", tuple(range(7))),
    ],
)
def test_days(text: str, expected: tuple[int, ...]) -> None:
    assert parse_days_answer(text) == DaysAnswer(days=expected)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("3 days a week", 3),
        ("three days a week", 3),
        ("3 times a week", 3),
        ("3x a week", 3),
        ("3 days per week", 3),
        ("twice a week", 2),
        ("once a week", 1),
        ("4 days", 4),
        ("about 5 days a week", 5),
        ("2 times per week", 2),
    ],
)
def test_days_a_week_asks_which_with_a_spread_suggestion(text: str, count: int) -> None:
    found = parse_days_answer(text)
    assert found is not None and found.days is None and found.per_week == count
    assert len(found.suggestion) == count


def test_three_days_are_suggested_spread_out() -> None:
    found = parse_days_answer("3 days a week")
    assert found is not None and found.suggestion == (MON, WED, FRI)


@pytest.mark.parametrize("text", ["someday", "9 days a week", "0 days a week", "mon-funday", "", "lots"])
def test_unreadable_days(text: str) -> None:
    assert parse_days_answer(text) is None


# --- times -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # from the issue
        ("7pm", "19:00"),
        ("19h", "19:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        # more
        ("7 pm", "19:00"),
        ("7.30pm", "19:30"),
        ("7:30 p.m.", "19:30"),
        ("9am", "09:00"),
        ("12am", "00:00"),
        ("12pm", "12:00"),
        ("19:30", "19:30"),
        ("07:30", "07:30"),
        ("1930", "19:30"),
        ("0730", "07:30"),
        ("19h30", "19:30"),
        ("7h", "07:00"),
        ("23h15", "23:15"),
        ("21.00", "21:00"),
        ("midday", "12:00"),
        ("at 7pm", "19:00"),
        ("around 6 pm", "18:00"),
        ("7 in the evening", "19:00"),
        ("7 tonight", "19:00"),
        ("8 in the morning", "08:00"),
        ("half 7 pm", "19:30"),
        ("half past six in the evening", "18:30"),
        ("7 o'clock pm", "19:00"),
        ("12:30", "12:30"),
    ],
)
def test_times(text: str, expected: str) -> None:
    assert parse_time_answer(text) == TimeAnswer(minute=hm(expected))


@pytest.mark.parametrize(
    ("text", "options"),
    [
        # from the issue
        ("half 7", ("07:30", "19:30")),
        ("7", ("07:00", "19:00")),
        # more
        ("seven", ("07:00", "19:00")),
        ("at 9", ("09:00", "21:00")),
        ("7:30", ("07:30", "19:30")),
        ("half past 6", ("06:30", "18:30")),
        ("quarter past 8", ("08:15", "20:15")),
        ("quarter to 8", ("07:45", "19:45")),
        ("12", ("12:00", "00:00")),
        ("6 o'clock", ("06:00", "18:00")),
    ],
)
def test_ambiguous_times_ask_am_or_pm(text: str, options: tuple[str, str]) -> None:
    assert parse_time_answer(text) == TimeAnswer(options=tuple(hm(o) for o in options))


@pytest.mark.parametrize("text", ["half past never", "25:00", "13pm", "7:75", "soon", "", "evening"])
def test_unreadable_times(text: str) -> None:
    assert parse_time_answer(text) is None


# --- session lengths ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # from the issue
        ("45 min", 45),
        ("an hour", 60),
        ("1.5 h", 90),
        # more
        ("45 minutes", 45),
        ("45mins", 45),
        ("45m", 45),
        ("about 20 minutes", 20),
        ("one hour", 60),
        ("1 hour", 60),
        ("1h", 60),
        ("2 hours", 120),
        ("two hours", 120),
        ("1,5 hours", 90),
        ("1½ hours", 90),
        ("1h30", 90),
        ("1 h 30", 90),
        ("1 hour 30 minutes", 90),
        ("1 hour and 15 minutes", 75),
        ("half an hour", 30),
        ("an hour and a half", 90),
        ("hour and a half", 90),
        ("2 and a half hours", 150),
        ("90", 90),
        ("2", 120),
        ("hour", 60),
    ],
)
def test_session_lengths(text: str, minutes: int) -> None:
    assert parse_session(text) == minutes


@pytest.mark.parametrize("text", ["5 min", "6 hours", "all day", "", "long", "500"])
def test_unreadable_or_unreasonable_session_lengths(text: str) -> None:
    assert parse_session(text) is None


# --- time zones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        # from the issue
        ("Delhi", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("Bangalore", "Asia/Kolkata"),
        ("Beijing", "Asia/Shanghai"),
        ("San Francisco", "America/Los_Angeles"),
        ("NYC", "America/New_York"),
        ("São Paulo", "America/Sao_Paulo"),
        ("EST", "America/New_York"),
        # more
        ("Sao Paulo", "America/Sao_Paulo"),
        ("new delhi", "Asia/Kolkata"),
        ("Bengaluru", "Asia/Kolkata"),
        ("Bombay", "Asia/Kolkata"),
        ("New York", "America/New_York"),
        ("SF", "America/Los_Angeles"),
        ("LA", "America/Los_Angeles"),
        ("pst", "America/Los_Angeles"),
        ("CET", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("Paris, France", "Europe/Paris"),
        ("I'm in Lagos", "Africa/Lagos"),
        ("Nairobi", "Africa/Nairobi"),
        ("Toronto", "America/Toronto"),
        ("Sydney", "Australia/Sydney"),
        ("Portland", "America/Los_Angeles"),
        ("Zürich", "Europe/Zurich"),
        ("Europe/Berlin", "Europe/Berlin"),
        ("UTC+2", "UTC+02:00"),
        ("JST", "Asia/Tokyo"),
    ],
)
def test_places_and_abbreviations(text: str, zone: str) -> None:
    found = parse_zone(text)
    assert found is not None and found.name == zone


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("IST", {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}),
        ("CST", {"America/Chicago", "Asia/Shanghai"}),
        ("Springfield", {"America/Chicago", "America/New_York"}),
        ("GMT", {"Europe/London", "UTC"}),  # UK learners mean their clock, BST in summer
    ],
)
def test_ambiguous_zones_ask_which(text: str, zones: set[str]) -> None:
    found = parse_zone(text)
    assert found is not None and found.name is None
    assert zones <= {zone for _, zone in found.options}
    assert len({label for label, _ in found.options}) == len(found.options)  # labels tell them apart


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("berlin germany", "Europe/Berlin"),
        ("new york usa", "America/New_York"),
        ("I live in London UK", "Europe/London"),
        ("sydney australia", "Australia/Sydney"),
        ("Berlin 🇩🇪", "Europe/Berlin"),
        ("eastern time", "America/New_York"),
        ("Pacific Time", "America/Los_Angeles"),
        ("central european time", "Europe/Berlin"),
    ],
)
def test_a_place_with_its_country_or_a_spelled_out_zone(text: str, zone: str) -> None:
    """Learners type the country after the city (no comma) or "eastern time"."""
    found = parse_zone(text)
    assert found is not None and found.name == zone


@pytest.mark.parametrize("text", ["Mars/Phobos", "", "x", "nowhere at all", "Atlantis-on-sea", "la la land"])
def test_unknown_places(text: str) -> None:
    assert parse_zone(text) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("monday, wednesday and maybe friday", (0, 2, 4)), ("mon wed fri pls", (0, 2, 4)),
     ("saturdays too", (5,))],
)  # fmt: skip
def test_days_with_filler_words(text: str, days: tuple[int, ...]) -> None:
    found = parse_days_answer(text)
    assert found is not None and found.days == days


@pytest.mark.parametrize(
    ("text", "first"),
    [("evening", "18:00"), ("after work", "18:00"), ("mornings", "07:00"), ("afternoons", "14:00"),
     ("before bed", "20:00"), ("lunch break", "12:00"), ("am", "07:00"), ("in the pm", "14:00"),
     ("early mornings", "06:00")],
)  # fmt: skip
def test_a_part_of_the_day_offers_times(text: str, first: str) -> None:
    found = part_of_day(text)
    assert found is not None and found[0] == hm(first) and len(found) == 3


@pytest.mark.parametrize(
    "text", ["whenever", "7", "how am i doing", "hot chocolate", "can you translate", "overnight?"]
)
def test_not_a_part_of_the_day(text: str) -> None:
    assert part_of_day(text) is None  # whole words only: "am" in a sentence is not the morning


@pytest.mark.parametrize(
    ("text", "day"),
    [("12/31", date(2026, 12, 31)), ("31/12", date(2026, 12, 31)), ("by christmas", date(2026, 12, 25)),
     ("march 2027", date(2027, 3, 31)), ("31.12.2027", date(2027, 12, 31))],
)  # fmt: skip
def test_target_dates_learners_type(text: str, day: date) -> None:
    """US "12/31" is not 12 Nov 2031; "March 2027" is its end, not the 30th."""
    found = parse_target(text, date(2026, 11, 30))
    assert found is not None and found.day == day


@pytest.mark.parametrize("text", ["2027-13-01", "13/13", "45/2"])
def test_impossible_numeric_dates_are_not_guessed(text: str) -> None:
    assert parse_target(text, date(2026, 11, 30)) is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("2 hours max", 120), ("20-30 min", 20), ("quick 15 min", 15), ("45 mins or so", 45)],
)
def test_session_lengths_with_hedges(text: str, minutes: int) -> None:
    assert parse_session(text) == minutes


@pytest.mark.parametrize(
    ("text", "leaves"),
    [("cancel", True), ("Stop!", True), ("never mind", True), ("stop planning", True), ("stop at 7", False),
     ("7pm", False)],
)  # fmt: skip
def test_cancel_words(text: str, leaves: bool) -> None:
    assert bool(CANCEL.match(text)) is leaves


@pytest.mark.parametrize(
    ("text", "back"), [("back", True), ("Go back!", True), ("⬅️", True), ("back pain", False)]
)
def test_back_words(text: str, back: bool) -> None:
    assert bool(BACK.match(text)) is back


def test_yes_words() -> None:
    assert is_yes("yes") and is_yes("Keep it!") and is_yes("ok") and is_yes("keep 7am")
    assert not is_yes("no") and not is_yes("8am") and not is_yes("yesterday")


def test_ok_after_tapping_days_means_done() -> None:
    assert is_done("ok") and is_done("Done!") and is_done("next 👍")
    assert not is_done("mon") and not is_done("maybe")


@pytest.mark.parametrize(
    ("text", "value"),
    [("ok fine", "date"), ("later", "date"), ("yes please", "date"), ("4 days", "days:4"),
     ("study 5 days a week", "days:5"), ("every day", "days:7"), ("hmm", None), ("no", None)],
)  # fmt: skip
def test_missed_target_answers(text: str, value: str | None) -> None:
    """ "ok" keeps the days and finishes later; "5 days" studies more days a week."""
    assert parse_fit_answer(text) == value


# --- quiet hours -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:00-08:00", ("22:00", "08:00")),
        ("10pm to 7am", ("22:00", "07:00")),
        ("10 till 7", ("22:00", "07:00")),
        ("23-7", ("23:00", "07:00")),
        ("from 11pm until 6:30am", ("23:00", "06:30")),
        ("off", ("00:00", "00:00")),
    ],
)
def test_quiet_hours(text: str, expected: tuple[str, str]) -> None:
    assert parse_quiet_answer(text) == (hm(expected[0]), hm(expected[1]))


@pytest.mark.parametrize("text", ["whenever", "10pm", "late-early"])
def test_unreadable_quiet_hours(text: str) -> None:
    assert parse_quiet_answer(text) is None


@pytest.mark.parametrize(
    ("text", "pace", "days", "session_on_3_days"),
    [
        ("i wanna start this, 30 min a day after class", Pace(30, "day"), tuple(range(7)), 30),
        ("i want to do an hour a night", Pace(60, "day"), tuple(range(7)), 60),
        ("I can do 45 minutes every evening", Pace(45, "day"), tuple(range(7)), 45),
        ("20 mins daily", Pace(20, "day"), tuple(range(7)), 20),
        ("2h/day", Pace(120, "day"), tuple(range(7)), 120),
        ("an hour and a half a day", Pace(90, "day"), tuple(range(7)), 90),
        ("half an hour each weekday", Pace(30, "weekday"), WEEKDAYS, 30),
        ("i want to study this one, 3 hrs a week", Pace(180, "week"), (), 60),
        ("about 4 hrs a week between the school run", Pace(240, "week"), (), 80),
        ("10 hours a week", Pace(600, "week"), (), 200),
    ],
)
def test_a_pace_said_in_passing(text: str, pace: Pace, days: tuple[int, ...], session_on_3_days: int) -> None:
    """The pace a learner says when asking to start: the days it implies, and each session's
    length on three days a week (a weekly total is shared out, to 5 minutes)."""
    found = parse_pace(text)
    assert found == pace
    assert found.days() == days and found.session_minutes(3) == session_on_3_days
    assert Pace.from_json(found.as_json()) == found


@pytest.mark.parametrize(
    "text",
    ["3 days a week", "1 day a week", "study 3 days a week", "5 hours a day", "once a week", "twice a day",
     "i want to start this course", "every day", "a day at a time"],
)  # fmt: skip
def test_no_pace_without_a_length_in_reach(text: str) -> None:
    assert parse_pace(text) is None


def test_a_weekly_total_too_big_for_the_days_makes_no_session() -> None:
    assert Pace(1200, "week").session_minutes(2) is None  # 10 hours a session
    assert Pace.from_json(["x", "day"]) is None and Pace.from_json([30, "month"]) is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("pause for a week", date(2026, 12, 9)),
        ("pause for 2 weeks please", date(2026, 12, 16)),
        ("/pause 10 days", date(2026, 12, 12)),
        ("could you hold off the reminders until after christmas?", date(2026, 12, 26)),
        ("pause till monday", date(2026, 12, 7)),
        ("pause until next week", date(2026, 12, 7)),
        ("skip this week", date(2026, 12, 7)),
        ("sick, pause for a fortnight", date(2026, 12, 16)),
        ("pause for a couple of days", date(2026, 12, 4)),
        ("pause until 15 january", date(2027, 1, 15)),
        ("pause until after my exams", None),  # no day said: paused until /resume
        ("pause for now", None),
        ("pause", None),
        ("pause for 3 years", None),  # longer than a pause is: until /resume
    ],
)
def test_how_long_a_pause_lasts_is_read_from_the_words(text: str, end: date | None) -> None:
    assert parse_pause_end(text, date(2026, 12, 2)) == end  # a Wednesday



@pytest.mark.parametrize(
    ("text", "keeps"),
    [("keep", True), ("Keep it", True), ("that's fine", True), ("same", True), ("yes", True),
     ("Berlin", False), ("EST", False), ("no", False)],
)
def test_keeping_the_offered_time_zone_can_be_typed(text: str, keeps: bool) -> None:
    """Round 17: the question says "or keep Europe/London", and typing "keep" was refused."""
    assert keeps_the_zone(text) is keeps



@pytest.mark.parametrize(
    ("text", "minute"),
    [("move my reminders to 8pm", 20 * 60), ("can i get the reminder at 19:30 instead", 19 * 60 + 30),
     ("change it to noon", 12 * 60), ("remind me at 7 instead", None), ("remind me every day", None)],
)
def test_the_time_a_sentence_asks_for_is_read_when_it_is_one_time(text: str, minute: int | None) -> None:
    assert time_asked(text) == minute


@pytest.mark.parametrize(
    ("text", "options"),
    [("move it to 7", (7 * 60, 19 * 60)), ("remind me at 7:30 instead", (7 * 60 + 30, 19 * 60 + 30)),
     ("move it to 9pm", None), ("move it to 19:00", None), ("remind me every day", None)],
)
def test_a_time_that_could_be_morning_or_evening_gives_both(
    text: str, options: tuple[int, ...] | None
) -> None:
    assert times_asked(text) == options


@pytest.mark.parametrize(
    ("text", "module"),
    [("i finished module 1", 1), ("done with unit 3", 3), ("module 2 is done", 2),
     ("completed lesson two", 2), ("i finished the course", None), ("finished for today", None)],
)
def test_a_module_reported_finished_is_read(text: str, module: int | None) -> None:
    assert module_reported(text) == module



@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("remind me on mondays and thursdays instead", (0, 3)),
        ("remind me on saturdays instead of sundays", (5,)),
        ("can i study on weekends instead", (5, 6)),
        ("remind me at 8pm", None),
    ],
)
def test_the_days_a_sentence_asks_for_are_read(text: str, days: tuple[int, ...] | None) -> None:
    assert days_asked(text) == days


@pytest.mark.parametrize(
    ("text", "said"),
    [("can i study on weekends instead", ((SAT, SUN), None)), ("could i switch to 8pm", (None, 20 * 60)),
     ("can i study on weekends", None), ("is it better to study in the evening instead", None)],
)
def test_a_change_to_the_plan_is_read_only_when_asked_for(
    text: str, said: tuple[tuple[int, ...] | None, int | None] | None
) -> None:
    """Round 18: "instead", "rather", "switch"… with days or a time changes the plan; a plain
    question about studying on weekends does not."""
    assert plan_change_said(text) == said
