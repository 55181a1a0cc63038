"""Study-plan maths, as pure functions: no database, no Telegram, no clock of their own.

Local study times are kept as wall-clock time in the learner's zone: 09:00 stays 09:00 across
daylight-saving changes, and is converted to UTC only when a reminder is stored. A time that
does not exist locally (the hour skipped in spring) moves forward to the first valid minute;
a time that exists twice (autumn) takes the first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_WORDS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
MAX_PLAN_DAYS = 3 * 365  # a target further away than this is surely a typo


@dataclass(frozen=True)
class QuietHours:
    """Local minutes after midnight; the window may wrap past midnight (22:00–08:00)."""

    start: int = 22 * 60
    end: int = 8 * 60

    def contains(self, minute: int) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    @property
    def off(self) -> bool:
        return self.start == self.end

    def describe(self) -> str:
        """ "22:00–08:00", or "off"."""
        return "off" if self.off else f"{describe_minute(self.start)}–{describe_minute(self.end)}"

    def leaving_free(self, minute: int) -> QuietHours:
        """These quiet hours shortened just enough that `minute` is outside them.

        A time in the evening part starts the quiet hours after it (on the next half hour);
        a time in the morning part ends them at that time.
        """
        if not self.contains(minute):
            return self
        evening = self.start > self.end and minute >= self.start
        if self.start < self.end:
            evening = minute - self.start < self.end - minute  # nearer the start: start later
        if not evening:
            return QuietHours(self.start, minute)
        later = ((minute // 30) + 1) * 30 % (24 * 60)
        return QuietHours(later, self.end) if later != self.end else QuietHours(0, 0)


# --- parsing what learners type ------------------------------------------------------------


def parse_days(text: str) -> tuple[int, ...] | None:
    """ "Mon/Wed/Sat", "weekdays", "mon-fri", "every day" → weekday numbers (Monday = 0)."""
    lowered = text.lower().strip()
    if lowered in ("every day", "everyday", "daily", "all", "all days"):
        return tuple(range(7))
    if lowered in ("weekdays", "week days", "workdays"):
        return tuple(range(5))
    if lowered in ("weekend", "weekends"):
        return (5, 6)
    days: set[int] = set()
    for part in re.split(r"[\s,/;+&]+|\band\b", lowered):
        part = part.strip(". ")
        if not part:
            continue
        span = re.fullmatch(r"([a-z]+)-([a-z]+)", part)
        if span and span.group(1) in _DAY_WORDS and span.group(2) in _DAY_WORDS:
            first, last = _DAY_WORDS[span.group(1)], _DAY_WORDS[span.group(2)]
            days.update(range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)])
        elif part in _DAY_WORDS:
            days.add(_DAY_WORDS[part])
        else:
            return None
    return tuple(sorted(days)) or None


def parse_time(text: str) -> int | None:
    """ "19:00", "7pm", "7.30 pm", "0730" → minutes after midnight."""
    found = re.fullmatch(r"\s*(\d{1,2})(?:[:.h]?(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*", text.lower())
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    suffix = (found.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def parse_quiet_hours(text: str) -> QuietHours | None:
    """ "22:00-08:00", "23-7", "off" → quiet hours (off: start == end)."""
    cleaned = text.strip().lower()
    if cleaned in ("off", "none", "no"):
        return QuietHours(0, 0)
    parts = re.split(r"\s*(?:-|–|to)\s*", cleaned)
    if len(parts) != 2:
        return None
    start, end = parse_time(parts[0]), parse_time(parts[1])
    if start is None or end is None:
        return None
    return QuietHours(start, end)


def parse_date(text: str, today: date) -> date | None:
    """ "2027-03-03", "3/3/2027", "3 March", "March 3" → a date (the next one, if no year)."""
    cleaned = text.strip().lower().replace(",", " ")
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(" ".join(cleaned.split()), pattern).date()
        except ValueError:
            pass
    for pattern in ("%d %B", "%d %b", "%B %d", "%b %d"):
        try:
            parsed = datetime.strptime(f"{' '.join(cleaned.split())} {today.year}", f"{pattern} %Y")
        except ValueError:
            continue
        candidate = parsed.date()
        if candidate >= today:
            return candidate
        try:
            return candidate.replace(year=today.year + 1)
        except ValueError:  # 29 February, and next year is not a leap year
            return None
    return None


def parse_timezone(text: str) -> str | None:
    """A city, an IANA name or a UTC offset → a zone name `zone()` understands."""
    cleaned = text.strip()
    offset = re.fullmatch(r"(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", cleaned.lower())
    if offset:
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes not in (0, 15, 30, 45):
            return None
        return f"UTC{offset.group(1)}{hours:02d}:{minutes:02d}"
    if cleaned.lower() in ("utc", "gmt", "z"):
        return "UTC"
    wanted = cleaned.replace(" ", "_").lower()
    # Only real Area/Location zones: tzdata also lists "localtime", "Factory", "posixrules".
    by_name = {name.lower(): name for name in available_timezones() if "/" in name}
    if wanted in by_name:
        return by_name[wanted]
    cities = {name.rsplit("/", 1)[-1].lower(): name for name in sorted(available_timezones())
              if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))}  # fmt: skip
    return cities.get(wanted)


def zone(name: str) -> tzinfo:
    """The tzinfo for a name from `parse_timezone` (IANA name or a fixed "UTC+05:30")."""
    fixed = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if fixed:
        delta = timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3)))
        return timezone(delta if fixed.group(1) == "+" else -delta, name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


# --- scheduling --------------------------------------------------------------------------


def local_to_utc(day: date, minute: int, tz: tzinfo) -> datetime:
    """Wall-clock `day` at `minute` in `tz`, as UTC."""
    naive = datetime.combine(day, time(minute // 60, minute % 60))
    # fold=0 takes the offset in force before a transition: in a spring gap 01:30 becomes
    # 02:30 (the wall clock jumped past it); in an autumn overlap, the first 01:30.
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def outside_quiet_hours(when: datetime, tz: tzinfo, quiet: QuietHours) -> datetime:
    """Move a UTC time that falls in the learner's quiet hours to the end of them."""
    local = when.astimezone(tz)
    minute = local.hour * 60 + local.minute
    if not quiet.contains(minute):
        return when
    day = local.date()
    if quiet.start > quiet.end and minute >= quiet.start:
        day += timedelta(days=1)
    return local_to_utc(day, quiet.end, tz)


def moved_by_quiet_hours(due: datetime, tz: tzinfo, study_minute: int) -> bool:
    """Whether a study reminder at `due` is not at the plan's own time (quiet hours moved it)."""
    local = due.astimezone(tz)
    return local.hour * 60 + local.minute != study_minute


@dataclass(frozen=True)
class SnoozeChoice:
    """Where a snooze can land: `plain` is `delay` from now, unless that is in quiet hours;
    then `before` (shortly before quiet hours begin, if still ahead) and `after` (when they end)."""

    plain: datetime | None
    before: datetime | None
    after: datetime


def snooze_choice(now: datetime, tz: tzinfo, quiet: QuietHours, delay: timedelta) -> SnoozeChoice:
    wanted = now + delay
    after = outside_quiet_hours(wanted, tz, quiet)
    if after == wanted:
        return SnoozeChoice(wanted, None, wanted)
    local = wanted.astimezone(tz)
    start_day = local.date()
    if quiet.start > quiet.end and local.hour * 60 + local.minute < quiet.end:
        start_day -= timedelta(days=1)  # after midnight: quiet hours began yesterday evening
    before = local_to_utc(start_day, quiet.start, tz) - timedelta(minutes=15)
    return SnoozeChoice(None, before if before >= now + timedelta(minutes=10) else None, after)


def next_study_time(
    after: datetime, tz: tzinfo, days: tuple[int, ...], minute: int, quiet: QuietHours
) -> datetime:
    """The first study slot strictly after `after` (UTC), respecting quiet hours."""
    local_day = after.astimezone(tz).date()
    # From yesterday: yesterday's late slot may have been moved by quiet hours to this morning.
    for offset in range(-1, 8 * 2):
        day = local_day + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        slot = outside_quiet_hours(local_to_utc(day, minute, tz), tz, quiet)
        if slot > after:
            return slot
    raise ValueError("a plan needs at least one study day")


def start_of_next_local_day(after: datetime, tz: tzinfo) -> datetime:
    """Midnight after `after`, in the learner's zone (for "Skip today")."""
    tomorrow = after.astimezone(tz).date() + timedelta(days=1)
    return local_to_utc(tomorrow, 0, tz)


# --- does the plan fit? ------------------------------------------------------------------


def sessions_for(module_hours: list[int], session_minutes: int) -> int:
    """Study sessions needed: each module takes whole sessions of the chosen length."""
    return sum(max(1, math.ceil(hours * 60 / session_minutes)) for hours in module_hours)


def finish_date(start: date, days: tuple[int, ...], sessions: int) -> date:
    """The day of the last session, studying on `days` from `start` (inclusive)."""
    if sessions <= 0:
        return start
    full_weeks, rest = divmod(sessions, len(days))
    if rest == 0:
        full_weeks, rest = full_weeks - 1, len(days)
    day = start + timedelta(weeks=full_weeks)
    count = 0
    while True:
        if day.weekday() in days:
            count += 1
            if count == rest:
                return day
        day += timedelta(days=1)


@dataclass(frozen=True)
class Fit:
    """Whether a pace finishes by the target, and what would."""

    sessions: int
    finish: date
    weeks: int
    fits: bool
    days_needed: int | None  # study days a week that would meet the target (None: none would)


def check_fit(
    start: date,
    days: tuple[int, ...],
    module_hours: list[int],
    session_minutes: int,
    target: date | None,
) -> Fit:
    """At this pace, when does the learner finish, and does that meet the target date?"""
    sessions = sessions_for(module_hours, session_minutes)
    finish = finish_date(start, days, sessions)
    weeks = max(1, math.ceil(((finish - start).days + 1) / 7))
    if target is None or finish <= target:
        return Fit(sessions, finish, weeks, True, None)
    # Try more days a week, spread the way the bot would offer them, until one meets it.
    needed = next(
        (n for n in range(len(days) + 1, 8) if finish_date(start, spread_days(days, n), sessions) <= target),
        None,
    )
    return Fit(sessions, finish, weeks, False, needed)


def spread_days(current: tuple[int, ...], wanted: int) -> tuple[int, ...]:
    """Add study days to reach `wanted` a week, spreading them out, keeping the learner's own."""
    days = set(current)
    preference = (0, 2, 4, 5, 1, 3, 6)
    for day in preference:
        if len(days) >= wanted:
            break
        days.add(day)
    return tuple(sorted(days))


def progress_bar(done: int, total: int, width: int = 8) -> str:
    filled = round(width * done / total) if total else 0
    return "▓" * filled + "░" * (width - filled) + f" {done}/{total} module{'' if total == 1 else 's'}"


def describe_days(days: tuple[int, ...]) -> str:
    if days == tuple(range(7)):
        return "every day"
    if days == tuple(range(5)):
        return "weekdays"
    return "/".join(DAY_NAMES[d] for d in days)


def describe_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def expected_done(
    start: date, today: date, days: tuple[int, ...], module_hours: list[int], session_minutes: int
) -> int:
    """Modules the plan expected to be finished by `today` (for ahead/behind)."""
    sessions_so_far = sum(
        1 for offset in range(max(0, (today - start).days))
        if (start + timedelta(days=offset)).weekday() in days
    )  # fmt: skip
    done, used = 0, 0
    for hours in module_hours:
        used += max(1, math.ceil(hours * 60 / session_minutes))
        if used > sessions_so_far:
            break
        done += 1
    return done


# --- sessions studied ---------------------------------------------------------------------


def planned_sessions(start: date, today: date, days: tuple[int, ...], include_today: bool = False) -> int:
    """Study days from `start` up to `today` (today only once its study time has passed):
    the sessions the plan expected so far."""
    end = (today - start).days + (1 if include_today else 0)
    return sum(1 for offset in range(max(0, end)) if (start + timedelta(days=offset)).weekday() in days)


def studied_minutes(sessions: list[tuple[date, int]], module_hours_done: int) -> int:
    """Time studied: the sessions reported, but never less than the modules finished are worth."""
    return max(sum(minutes for _, minutes in sessions), module_hours_done * 60)


def streak(session_days: set[date], days: tuple[int, ...], start: date, today: date) -> int:
    """Study days in a row with a session, counting back from today (today only once it is done).

    A planned study day without a session ends the streak; a session on a rest day adds to it.
    """
    count = 0
    day = today
    while day >= start:
        if day in session_days:
            count += 1
        elif day.weekday() in days and day != today:
            break
        day -= timedelta(days=1)
    return count


def this_week(sessions: list[tuple[date, int]], today: date) -> tuple[int, int]:
    """Sessions and minutes studied this week (Monday to today)."""
    monday = today - timedelta(days=today.weekday())
    recent = [minutes for day, minutes in sessions if monday <= day <= today]
    return len(recent), sum(recent)


def describe_duration(minutes: int) -> str:
    """45 → "45 min", 60 → "1 h", 90 → "1.5 h", 100 → "1 h 40 min"."""
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{hours} h"
    if rest == 30:
        return f"{hours}.5 h"
    return f"{hours} h {rest} min"
