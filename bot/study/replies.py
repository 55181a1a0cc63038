"""What the study-plan conversation and commands say, as plain `Reply` values.

Callback data (handled in `handlers/study.py`):
  p:new:<course>        start a plan for a course
  p:d:<0-6> / p:d:ok    toggle a study day / days chosen
  p:t:<minute>          study time       p:s:<minutes>   session length
  p:g:none              no target date   p:z:default     keep the default time zone
  p:f:days:<n> / p:f:date / p:f:keep     what to do when the pace misses the target
  p:o:skip / p:i:skip   skip the obstacle / the if-then plan
  p:done:<plan>:<module>  p:snz:<plan>  p:skip:<plan>  p:pause:<plan>  p:resume:<plan>
  p:stop:<plan>           p:cu:<plan>:days:<n>  p:cu:<plan>:date
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, tzinfo
from typing import ClassVar

from bot.callbacks import AdviceChoice, CallbackData, MenuChoice, PlanAction, PlanAnswer, SearchFor, StartPlan
from bot.catalog.search import CourseInfo
from bot.replies import Button, Reply, esc, plural, shorten
from bot.storage.models import Plan
from bot.study.maths import (
    DAY_NAMES,
    Fit,
    QuietHours,
    SnoozeChoice,
    describe_days,
    describe_duration,
    describe_minute,
    moved_by_quiet_hours,
    progress_bar,
)
from bot.study.parse import Pace
from bot.study.store import (
    ACTIVE,
    DONE,
    EASE_OFF_AFTER,
    PAUSED,
    RESUME,
    STOPPED,
    PlanStatus,
    Studied,
    days_of,
    fewer_days,
    ignored_reminders,
    remaining_fit,
)

EDIT_FIELDS = ("menu", "time", "days", "session", "target", "quiet", "quietoff")


@dataclasses.dataclass(frozen=True)
class PlanEdit(CallbackData):
    """Edit one plan: open its menu, or change one setting (handled by the plan conversation)."""

    prefix: ClassVar[str] = "pe"
    plan_id: int
    field: str

    def __post_init__(self) -> None:
        if self.field not in EDIT_FIELDS:
            raise ValueError(self.field)


EASE_CHOICES = ("keep", "less", "week", "stop")


@dataclasses.dataclass(frozen=True)
class EaseOff(CallbackData):
    """The answer to "how's it going?" after ignored reminders (handled by the plan conversation)."""

    prefix: ClassVar[str] = "pk"
    plan_id: int
    choice: str

    def __post_init__(self) -> None:
        if self.choice not in EASE_CHOICES:
            raise ValueError(self.choice)


SESSION_DONE = "s"  # PlanAction("done", plan, "s"): a session studied; a number: that module finished
TEXT_LIMIT = 4096
STOP_ASK = "ask"  # PlanAction("stop", plan, "ask"): show the confirmation for that plan
STOP_KEEP = "keep"  # PlanAction("stop", plan, "keep"): "Keep going", nothing is stopped
KEPT_GOING = "👍 Nothing was stopped: keep going! /progress shows where you are."
TIME_CHOICES = (7 * 60, 12 * 60 + 30, 18 * 60, 19 * 60, 21 * 60)
SESSION_CHOICES = (30, 60, 90, 120)


def when(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return local.strftime("%a %d %b, %H:%M")


def day_text(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def plannable(course: CourseInfo) -> bool:
    """Whether a study plan can pace the course: self-paced, with its modules known."""
    return course.self_paced and bool(course.modules)


def not_self_paced(course: CourseInfo) -> Reply:
    """A scheduled course: no plan; self-paced courses on the same skill are one tap away."""
    rows = [[Button("🔎 Find a course", data=MenuChoice("find"))]]
    if course.skills:
        skill = shorten(course.skills[0], 30)
        search = SearchFor.fitting(f"self-paced {skill}")
        rows.insert(0, [Button(f"🔎 Self-paced {skill} courses", data=search)])
    return Reply(
        f"<b>{esc(course.title)}</b> runs on the provider's own schedule (it is not self-paced), "
        "so I can't plan its pace. Search for a self-paced course and press <i>Start studying</i>.",
        rows,
    )


def paused_until(day: date) -> str:
    """/pause for a while ("for a week"): the `{n}` plans paused, and when they go on by themselves."""
    return (
        f"Paused {{n}} until <b>{day_text(day)}</b>: the reminders start again from then by "
        "themselves (/reminders shows the first one). Send /resume to start sooner."
    )


def said_schedule(days: tuple[int, ...] | None, minute: int | None) -> str:
    """Days and a time as said back ("Mon/Wed at 20:30", "Sat/Sun", "07:00"); "" for neither."""
    said_days = describe_days(days) if days else ""
    said_time = describe_minute(minute) if minute is not None else ""
    return " at ".join(part for part in (said_days, said_time) if part)


def choose_course(
    last: CourseInfo | None,
    typed: str = "",
    pace: Pace | None = None,
    days: tuple[int, ...] | None = None,
    minute: int | None = None,
) -> Reply:
    """/study (or "/study python"): courses for what was typed, the course last looked at (if
    any), then ways to find one. A pace said with it ("30 min a day"), and study days and a time
    ("mondays and wednesdays at 8pm"), are kept for the plan and said back."""
    text = "Which course would you like to study? Search for one (e.g. /search python) and press "
    text += "<i>▶️ Start studying</i> on its card."
    if pace is not None:
        text += f"\n\nI'll plan it at the pace you said: <b>{pace.describe()}</b>."
    when = said_schedule(days, minute)
    if when:
        text += f"\n\nI'll keep <b>{when}</b> in mind for it."
    rows: list[list[Button]] = []
    if last is not None and plannable(last):
        rows.append([Button(f"▶️ {shorten(last.title, 40)}", data=StartPlan(last.id))])
    elif last is not None:
        # the course just looked at runs on its provider's dates: said now, not after a tap
        text += f"\n\n<b>{esc(last.title)}</b> runs on the provider's own schedule, so I can't plan its pace."
        rows += not_self_paced(last).buttons[:-1]  # self-paced ones on its skill ("Find a course" below)
    query = " ".join(typed.split())
    if query:
        rows.insert(0, [Button(f"🔎 {shorten(query, 40)} courses", data=SearchFor.fitting(query))])
    rows.append([Button("🔎 Find a course", data=MenuChoice("find"))])
    rows.append([Button("🧭 Advise me", data=AdviceChoice("s"))])
    return Reply(text, rows)


def nothing_to_set(pausing: bool, going: bool, any_plan: bool, planning: CourseInfo | None) -> Reply:
    """/pause with nothing active, /resume with nothing paused: why, and what to do instead
    (`going`: a plan is active or paused; `any_plan`: also finished or stopped ones)."""
    if planning is not None and not going:
        return Reply(still_planning(planning))
    if any_plan and not going:
        return Reply(
            "You have no plan going: finished and stopped plans stay in /progress. To study a "
            "course again, press <i>▶️ Start studying</i> on it.",
            [[Button("🔎 Find a course", data=MenuChoice("find"))]],
        )
    if not going:
        return Reply(
            "You have no study plan yet. Find a course and press <i>▶️ Start studying</i>.",
            [[Button("🔎 Find a course", data=MenuChoice("find"))]],
        )
    if pausing:
        return Reply("Your plans are already paused. Send /resume when you're ready.")
    return Reply("Your plans are already on. /reminders shows what's next.")


def already_planned(status: PlanStatus) -> Reply:
    """Start studying on a course that already has a plan: that plan, and how to change it."""
    plan = status.plan
    paused = " (paused: /resume starts it again)" if plan.status == "paused" else ""
    text = (
        f"You already have a plan for <b>{esc(status.course.title)}</b>: "
        f"{describe_days(days_of(plan))} at {describe_minute(plan.study_minute)}{paused}. "
        "Change its days, time or target with ✏️ Edit."
    )
    return Reply(
        text,
        [[Button("✏️ Edit this plan", data=PlanEdit(plan.id or 0, "menu"))],
         [Button("📊 My progress", data=MenuChoice("plan"))]],
    )  # fmt: skip


def left_planning(course: CourseInfo) -> Reply:
    """Another flow started while planning: the plan was not made."""
    return Reply(
        f"OK, I've stopped planning <b>{esc(course.title)}</b> (nothing was saved). Press "
        "<i>▶️ Start studying</i> on it any time."
    )


def still_planning(course: CourseInfo) -> str:
    """Said by /progress and /reminders while a plan is being made: it isn't made yet."""
    return (
        f"You're still planning <b>{esc(course.title)}</b>: answer the question above to finish "
        "your plan, or send /cancel."
    )


def ask_days(
    course: CourseInfo, selected: tuple[int, ...], editing: bool = False, pace: Pace | None = None
) -> Reply:
    """Which days? (When changing a plan's days, the plan isn't introduced again; a pace the
    learner said is repeated with the days it ticked.)"""
    modules = len(course.modules)
    intro = (
        f"Changing the days for <b>{esc(course.title)}</b>."
        if editing
        else f"Let's plan <b>{esc(course.title)}</b>: {plural(modules, 'module')}, about "
        f"{plural(course.workload_hours, 'hour')}."
    )
    if pace is not None:
        ticked = {"day": ", so every day is ticked", "weekday": ", so Monday to Friday are ticked"}
        then = "I'll share it out over the days you pick." if pace.per == "week" else "Untick any to skip."
        intro += f"\n\nYou said <b>{pace.describe()}</b>{ticked.get(pace.per, '')}. {then}"
    text = (
        f"{intro}\n\n<b>Which days will you study?</b> Tap the days, then "
        "<i>Done</i> (or type them, e.g. <i>Tue and Thu</i>, <i>weekdays</i>, <i>3 days a week</i>)."
    )
    day_buttons = [
        Button(("✅ " if d in selected else "") + DAY_NAMES[d], data=PlanAnswer("d", str(d)))
        for d in range(7)
    ]
    rows = [day_buttons[:4], day_buttons[4:], [Button("Done ➡️", data=PlanAnswer("d", "ok"))]]
    return Reply(text, rows)


def time_choices(quiet: QuietHours) -> list[int]:
    """The time buttons to offer: never one inside the learner's quiet hours."""
    allowed = [m for m in TIME_CHOICES if not quiet.contains(m)]
    if not quiet.off and len(allowed) < len(TIME_CHOICES) and quiet.end not in allowed:
        allowed.insert(0, quiet.end)  # the first minute after quiet hours, instead
    return sorted(m for m in set(allowed) if not quiet.contains(m))


def ask_time(quiet: QuietHours, sorry: str = "", wished: int | None = None) -> Reply:
    """At what time? A few times outside quiet hours; the time the learner asked for before the
    plan (`wished`) first, as its own button."""
    text = sorry + "<b>At what time?</b> Tap one, or type a time such as <i>19:30</i> or <i>7pm</i>."
    if not quiet.off:
        text += f"\n(I stay quiet from {quiet.describe().replace('–', ' to ')}.)"
    buttons = [Button(describe_minute(m), data=PlanAnswer("t", str(m))) for m in time_choices(quiet)]
    rows = [buttons[:3], buttons[3:]] if len(buttons) > 3 else [buttons]
    if wished is not None:
        said = Button(f"🕗 {describe_minute(wished)}, as you asked", data=PlanAnswer("t", str(wished)))
        rows = [[said], *rows]
    return Reply(text, rows)


def schedule_kept(days: tuple[int, ...] | None, minute: int | None) -> Reply:
    """ "remind me mondays and wednesdays at 8pm" before any plan: reminders come with a plan,
    and the days and time are kept for the plan to come."""
    when = said_schedule(days, minute)
    return Reply(
        f"Reminders come with a study plan, and you have none yet. I'll keep <b>{when}</b> in mind: "
        "find a course and press <i>▶️ Start studying</i>, and your plan will start from that.",
        [[Button("🔎 Find a course", data=MenuChoice("find"))]],
    )


def time_in_quiet_hours(minute: int, quiet: QuietHours) -> Reply:
    """The chosen time is inside quiet hours: say so now, and let the learner decide."""
    shorter = quiet.leaving_free(minute)
    text = (
        f"{describe_minute(minute)} is inside your quiet hours ({quiet.describe()}), when I send no "
        f"reminders. Keep {describe_minute(minute)} and change your quiet hours to "
        f"<b>{shorter.describe()}</b>, or pick another time?"
    )
    return Reply(
        text,
        [
            [Button(f"Keep {describe_minute(minute)}, quiet {shorter.describe()}",
                    data=PlanAnswer("t", f"keep:{minute}"))],
            [Button("Pick another time", data=PlanAnswer("t", "other"))],
        ],
    )  # fmt: skip


def moved_note(
    due: datetime, tz: tzinfo, study_minute: int, quiet: QuietHours, study_days: tuple[int, ...]
) -> str:
    """Why a study reminder is not at the study time ("" when it is)."""
    if not moved_by_quiet_hours(due, tz, study_minute):
        return ""
    local = due.astimezone(tz)
    note = f" (your {describe_minute(study_minute)} study time is in your quiet hours, {quiet.describe()}"
    if local.weekday() not in study_days:
        note += f"; {DAY_NAMES[local.weekday()]} is not one of your study days"
    return note + ")"


def snooze_in_quiet_hours(plan_id: int, choice: SnoozeChoice, tz: tzinfo, quiet: QuietHours) -> Reply:
    """An hour from now is in quiet hours: ask rather than move the snooze silently."""
    text = (
        f"An hour from now is inside your quiet hours ({quiet.describe()}), when I send no reminders. "
        "When should I remind you?"
    )
    rows = []
    if choice.before is not None:
        rows.append([Button(f"At {when_time(choice.before, tz)}, before quiet hours",
                            data=PlanAction("snz", plan_id, "before"))])  # fmt: skip
    rows.append(
        [Button(f"{when(choice.after, tz)}, after quiet hours", data=PlanAction("snz", plan_id, "after"))]
    )
    rows.append([Button("Skip today", data=PlanAction("skip", plan_id))])
    return Reply(text, rows)


def when_time(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def ask_session(before: str = "", pace: Pace | None = None, days: int = 0) -> Reply:
    """How long is each session? With a pace the learner said, the length it makes on `days`
    days a week comes first, ticked."""
    text = before + "<b>How long is each study session?</b> Tap one, or type e.g. <i>45 min</i>."
    labels = {30: "30 min", 60: "1 hour", 90: "1½ hours", 120: "2 hours"}
    suggested = pace.session_minutes(days) if pace is not None else None
    if pace is not None and suggested is not None:
        length = describe_duration(suggested)
        shared = f": on {plural(days, 'day')} that's {length} a session" if pace.per == "week" else ""
        text = f"{before}You said <b>{pace.describe()}</b>{shared}.\n<b>How long is each study session?</b> "
        text += "Tap the ticked length, another one, or type e.g. <i>45 min</i>."
        labels = {suggested: labels.get(suggested, length), **labels}
        labels[suggested] = "✅ " + labels[suggested]
    return Reply(text, [[Button(label, data=PlanAnswer("s", str(m))) for m, label in labels.items()]])


def ask_target(before: str = "") -> Reply:
    text = before + (
        "<b>Do you have a date to finish by?</b> Type it (e.g. <i>end of March</i>, <i>in 6 weeks</i> "
        "or <i>2027-03-03</i>), or tap below."
    )
    return Reply(text, [[Button("No target date", data=PlanAnswer("g", "none"))]])


def ask_timezone(default: str) -> Reply:
    text = (
        "<b>Which time zone are you in?</b> Type your city (e.g. <i>Berlin</i>, <i>Delhi</i>, "
        f"<i>NYC</i>), a zone (e.g. <i>EST</i>) or an offset (<i>UTC+2</i>), or keep <b>{esc(default)}</b>."
    )
    return Reply(text, [[Button(f"Keep {default}", data=PlanAnswer("z", "default"))]])


def bad_input(what: str, example: str) -> Reply:
    return Reply(f"Sorry, I couldn't read that as {what}. Try something like <i>{esc(example)}</i>.")


def sorry(question: Reply, what: str) -> Reply:
    """An answer we couldn't read: say so, and ask the question again with its buttons."""
    return Reply(f"Sorry, I couldn't read that as {what}.\n\n{question.text}", question.buttons)


def ask_which_days(course: CourseInfo, per_week: int, suggestion: tuple[int, ...]) -> Reply:
    """ "3 days a week": suggest days spread over the week, already ticked; Done accepts them."""
    question = ask_days(course, suggestion)
    text = (
        f"Which {plural(per_week, 'day')}? I've ticked <b>{describe_days(suggestion)}</b> (spread out, "
        "with rest days between): press <i>Done</i> to keep them, or tap to change."
    )
    return Reply(text, question.buttons)


def ask_am_pm(options: tuple[int, ...], quiet: QuietHours) -> Reply:
    """ "7", "half 7" or "evening": which one? A reading inside quiet hours is offered only with
    that said."""
    times = [describe_minute(m) for m in options]
    labels = ", ".join(times[:-1]) + " or " + times[-1] if len(times) > 1 else "".join(times)
    text = f"Did you mean {labels}?"
    row: list[Button] = []
    notes: list[list[Button]] = []
    for minute in options:
        if quiet.contains(minute):
            shorter = quiet.leaving_free(minute)
            text += f"\n({describe_minute(minute)} is inside your quiet hours, {quiet.describe()}.)"
            notes.append([Button(f"{describe_minute(minute)}, quiet {shorter.describe()}",
                                 data=PlanAnswer("t", f"keep:{minute}"))])  # fmt: skip
        else:
            row.append(Button(describe_minute(minute), data=PlanAnswer("t", str(minute))))
    return Reply(text, ([row] if row else []) + notes)


def fixed_offset_note(name: str) -> str:
    """For "UTC+2" (a fixed offset): it won't follow summer time; a city would."""
    if not name.startswith(("UTC+", "UTC-")):
        return ""
    return (
        f"\n{esc(name)} stays the same all year: if your clocks change for summer, send your city "
        "instead (e.g. <code>/timezone Berlin</code>) so reminders keep to your time."
    )


def timezone_set(name: str, local: str) -> Reply:
    """/timezone <place>: the zone now used, its local time, and a word on fixed offsets."""
    text = f"Time zone set to <b>{esc(name)}</b> (it's {local} there). Reminders follow it."
    return Reply(text + fixed_offset_note(name))


def ask_which_zone(options: tuple[tuple[str, str], ...], default: str) -> Reply:
    """ "IST" or "Springfield": which place?"""
    rows = [[Button(shorten(label, 40), data=PlanAnswer("z", zone_name))] for label, zone_name in options]
    rows.append([Button(f"Keep {default}", data=PlanAnswer("z", "default"))])
    return Reply("That could be more than one place. <b>Which one?</b>", rows)


def fit_problem(fit: Fit, days: tuple[int, ...], target: date) -> Reply:
    """The pace misses the target: say so honestly, offer a later date or more days."""
    text = (
        f"At {plural(len(days), 'day')} a week this takes about {plural(fit.weeks, 'week')} "
        f"({plural(fit.sessions, 'session')}): you'd finish on <b>{day_text(fit.finish)}</b>, after your "
        f"target of {day_text(target)}."
    )
    rows = [[Button(f"Finish on {fit.finish.strftime('%d %b %Y')}", data=PlanAnswer("f", "date"))]]
    if fit.days_needed is not None:
        text += f"\nStudying {plural(fit.days_needed, 'day')} a week would meet it."
        rows.append(
            [
                Button(
                    f"Study {plural(fit.days_needed, 'day')} a week",
                    data=PlanAnswer("f", f"days:{fit.days_needed}"),
                )
            ]
        )
    else:
        text += "\nEven studying every day would not meet it, so a later date is the honest option."
    return Reply(text, rows)


def fit_again(fit: Fit, days: tuple[int, ...], target: date, too_few: int | None) -> Reply:
    """A typed answer to `fit_problem` that can't be used: why, and the question again."""
    question = fit_problem(fit, days, target)
    why = (
        f"{plural(too_few, 'day')} a week would still finish after your target."
        if too_few is not None
        else "Sorry, I didn't catch that. Tap a button, or type <i>ok</i> to finish later."
    )
    return Reply(f"{why}\n\n{question.text}", question.buttons)


def ask_obstacle() -> Reply:
    text = (
        "Last two questions — they really help people finish.\n"
        "<b>What is most likely to get in the way of studying?</b> (e.g. <i>tired after work</i>)"
    )
    return Reply(text, [[Button("Skip", data=PlanAnswer("o", "skip"))]])


def ask_if_then(obstacle: str | None) -> Reply:
    about = f" (<i>{esc(obstacle)}</i>)" if obstacle else ""
    text = (
        f"<b>What will you do when that happens{about}?</b> Write it as an if-then plan, e.g. "
        "<i>If I'm tired after work, I'll do 20 minutes before breakfast.</i> "
        "I'll remind you of it now and then."
    )
    return Reply(text, [[Button("Skip", data=PlanAnswer("i", "skip"))]])


def plan_created(
    course: CourseInfo,
    days: tuple[int, ...],
    minute: int,
    first_due: datetime,
    tz: tzinfo,
    fit: Fit,
    target: date | None,
    quiet: QuietHours | None = None,
    clashes: list[str] | None = None,
) -> Reply:
    """The new plan: days and time, sessions, finish, first reminder; a plan already studied
    at the same time is pointed out (`clashes`)."""
    lines = [
        f"✅ <b>Your plan for {esc(course.title)}</b>",
        f"• {capitalised(describe_days(days))} at {describe_minute(minute)} ({esc(str(tz))})",
        f"• {plural(fit.sessions, 'session')}; at this pace you finish on {day_text(fit.finish)}",
    ]
    if target:
        lines.append(f"• Target: {day_text(target)}")
    quiet = quiet or QuietHours()
    lines.append(f"• First reminder: {when(first_due, tz)}{moved_note(first_due, tz, minute, quiet, days)}")
    quiet_text = (
        f"I stay quiet {quiet.describe()} (change it with /quiet)"
        if not quiet.off
        else ("Quiet hours are off (set them with /quiet)")
    )
    if clashes:
        titles, verb = ", ".join(shorten(t, 60) for t in clashes[:3]), "is" if len(clashes) == 1 else "are"
        lines.append(
            f"\n⚠️ {esc(titles)} {verb} also at {describe_minute(minute)} "
            "on some of these days: /plan changes either one's time or days."
        )
    lines.append(f"\n{quiet_text}. Use /progress to see how you're doing, /pause to take a break.")
    return Reply("\n".join(lines) + fixed_offset_note(str(tz)))


def capitalised(text: str) -> str:
    """ "weekdays" → "Weekdays", at the start of a line."""
    return text[:1].upper() + text[1:]


def progress(
    statuses: list[PlanStatus], tz: tzinfo, today: date, planning: CourseInfo | None = None
) -> Reply:
    """Every plan's progress; while the first plan is still being made, says so."""
    if not statuses and planning is not None:
        return Reply(still_planning(planning))
    if not statuses:
        return Reply(
            "You have no study plan yet. Find a course and press <i>▶️ Start studying</i>.",
            [[Button("🔎 Find a course", data=MenuChoice("find"))]],
        )
    sections: list[str] = []
    rows: list[list[Button]] = []
    for status in statuses:
        plan = status.plan
        lines = [f"<b>{esc(status.course.title)}</b>"]
        lines.append(progress_bar(len(status.done), status.total))
        lines.append(
            f"Studied {describe_duration(status.studied)} of about {describe_duration(status.total_minutes)}"
        )
        lines.append(week_line(status))
        lines.append(f"{capitalised(describe_days(days_of(plan)))} at {describe_minute(plan.study_minute)}")
        if plan.status == DONE:
            sections.append(_finished_section(status, tz))
            continue
        if plan.status == STOPPED:
            sections.append(_stopped_section(status, tz))
            continue
        rows.append(
            [Button(f"✏️ Edit {shorten(status.course.title, 28)}", data=PlanEdit(plan.id or 0, "menu"))]
        )
        if plan.status == PAUSED and status.next_due is not None and status.next_kind == RESUME:
            lines.append(f"⏸ Paused: reminders start again {when(status.next_due, tz)}")
        elif plan.status == PAUSED:
            lines.append("⏸ Paused")
            rows.append(
                [
                    Button(
                        f"▶️ Resume {shorten(status.course.title, 24)}",
                        data=PlanAction("resume", plan.id or 0),
                    )
                ]
            )
        elif status.pace < 0:
            behind = -status.pace
            sessions = -(-behind // plan.session_minutes)
            lines.append(f"⚠️ Behind by {describe_duration(behind)} (about {plural(sessions, 'session')})")
            needed, finish = remaining_fit(status, today)
            if plan.target_date and needed and needed > len(days_of(plan)):
                rows.append(
                    [
                        Button(
                            f"Catch up: {plural(needed, 'day')} a week",
                            data=PlanAction("cu", plan.id or 0, f"days:{needed}"),
                        )
                    ]
                )
            rows.append(
                [
                    Button(
                        f"Move finish to {finish.strftime('%d %b')}",
                        data=PlanAction("cu", plan.id or 0, "date"),
                    )
                ]
            )
        else:
            lines.append(
                f"🚀 Ahead by {describe_duration(status.pace)}" if status.pace > 0 else "✅ On track"
            )
        if plan.target_date:
            lines.append(f"Target: {day_text(plan.target_date)}")
        if status.next_due and plan.status != PAUSED:
            lines.append(f"Next reminder: {when(status.next_due, tz)}{_why_then(status, tz)}")
        sections.append("\n".join(lines))
    return Reply("\n\n".join(sections), rows)


def _why_then(status: PlanStatus, tz: tzinfo) -> str:
    if status.next_due is None:
        return ""
    if status.next_kind == "snooze":
        return " (snoozed)"
    if status.next_kind == RESUME:
        return " (the pause ends)"
    return moved_note(status.next_due, tz, status.plan.study_minute, status.quiet, days_of(status.plan))


def _finished_section(status: PlanStatus, tz: tzinfo) -> str:
    finished_on = status.plan.updated_at.astimezone(tz).date() if status.plan.updated_at else None
    when_text = f" on {day_text(finished_on)}" if finished_on else ""
    return (
        f"<b>{esc(status.course.title)}</b>\n🎉 Finished{when_text} — congratulations! "
        f"{progress_bar(len(status.done), status.total)}, {describe_duration(status.studied)} studied"
    )


def _stopped_section(status: PlanStatus, tz: tzinfo) -> str:
    stopped_on = status.plan.updated_at.astimezone(tz).date() if status.plan.updated_at else None
    when_text = f" on {day_text(stopped_on)}" if stopped_on else ""
    return (
        f"<b>{esc(status.course.title)}</b>\n⏹ Stopped{when_text}; your progress is kept: "
        f"{progress_bar(len(status.done), status.total)}"
    )


def edit_menu(status: PlanStatus, quiet: QuietHours) -> Reply:
    """/plan for one plan: its settings, and a button for each one that can change."""
    plan = status.plan
    target = day_text(plan.target_date) if plan.target_date else "none"
    text = (
        f"<b>Edit your plan for {esc(status.course.title)}</b>\n"
        f"• Days: {describe_days(days_of(plan))}\n• Time: {describe_minute(plan.study_minute)}\n"
        f"• Sessions: {describe_duration(plan.session_minutes)}\n• Target date: {target}\n"
        f"• Quiet hours: {quiet.describe()}\n\nYour progress stays as it is. What would you like to change?"
    )
    plan_id = plan.id or 0
    return Reply(
        text,
        [
            [Button("Time", data=PlanEdit(plan_id, "time")), Button("Days", data=PlanEdit(plan_id, "days"))],
            [Button("Session length", data=PlanEdit(plan_id, "session")),
             Button("Target date", data=PlanEdit(plan_id, "target"))],
            [Button("Quiet hours", data=PlanEdit(plan_id, "quiet"))],
        ],
    )  # fmt: skip


def choose_plan_to_edit(statuses: list[PlanStatus]) -> Reply:
    if not statuses:
        return Reply(
            "You have no plan to edit. Find a course and press <i>▶️ Start studying</i>.",
            [[Button("🔎 Find a course", data=MenuChoice("find"))]],
        )
    rows = [
        [Button(f"✏️ {shorten(s.course.title, 40)}", data=PlanEdit(s.plan.id or 0, "menu"))] for s in statuses
    ]
    return Reply("Which plan would you like to change?", rows)


def ask_quiet(quiet: QuietHours, plan_id: int, before: str = "") -> Reply:
    text = (
        f"{before}<b>When should I stay quiet?</b> Now: {quiet.describe()}. Type e.g. <i>22:00-08:00</i> or "
        "<i>10pm to 7am</i>, or turn them off."
    )
    return Reply(text, [[Button("Turn quiet hours off", data=PlanEdit(plan_id, "quietoff"))]])


def plan_edited(what: str, status: PlanStatus, due: datetime | None, tz: tzinfo) -> Reply:
    """After an edit: what changed, the plan now, and the next reminder (with why, if moved)."""
    plan = status.plan
    lines = [
        f"✅ {what}",
        f"<b>{esc(status.course.title)}</b>: {describe_days(days_of(plan))} at "
        f"{describe_minute(plan.study_minute)}, {describe_duration(plan.session_minutes)} sessions"
        + (f", target {day_text(plan.target_date)}" if plan.target_date else ""),
        "Your progress is kept: " + progress_bar(len(status.done), status.total),
    ]
    if due is not None:
        why = moved_note(due, tz, plan.study_minute, status.quiet, days_of(plan))
        lines.append(f"Next reminder: {when(due, tz)}{why}")
    elif plan.status == PAUSED:
        lines.append("The plan is paused: /resume when you're ready.")
    return Reply("\n".join(lines))


def week_line(status: PlanStatus) -> str:
    """ "This week: 2 sessions, 2 h · streak: 3 study days"."""
    count, minutes = status.week
    line = f"This week: {plural(count, 'session')}"
    if minutes:
        line += f", {describe_duration(minutes)}"
    if status.streak:
        line += f" · streak: {plural(status.streak, 'study day')}"
    return line


def session_noted(status: PlanStatus, studied: Studied) -> str:
    """The pop-up after a reminder's Done (at most 200 characters)."""
    if studied.already:
        return "Today's session is already noted ✓ " + week_line(status)
    return f"Session noted: {describe_duration(studied.minutes)} ✓ " + week_line(status)


QUOTE_EVERY = 3  # quote the learner's if-then plan in every third reminder


# A reminder may merge several plans; these keep one plan's section well inside Telegram's limit.
REMINDER_TITLE_LIMIT = 150
REMINDER_IF_THEN_LIMIT = 400


def reminder_section(plan: Plan, course: CourseInfo, done: set[int]) -> str:
    """One plan's part of a reminder; after ignored reminders it asks, kindly, how it's going."""
    total = len(course.modules)
    position = next((p for p in range(1, total + 1) if p not in done), None)
    lines = [f"<b>{esc(shorten(course.title, REMINDER_TITLE_LIMIT))}</b>"]
    if position is not None:
        title, hours = course.modules[position - 1]
        title = shorten(title, REMINDER_TITLE_LIMIT)
        lines.append(f"Next: module {position} — {esc(title)} (about {plural(hours, 'hour')})")
    lines.append(progress_bar(len(done), total))
    ignored = ignored_reminders(plan)
    if ignored >= EASE_OFF_AFTER:
        lines.append(
            f"💬 My last {ignored} reminders went unanswered — that's fine, life gets busy. "
            "Shall we keep going, study less often, take a week off, or stop this plan?"
        )
    elif plan.if_then and plan.reminders_sent % QUOTE_EVERY == 0:
        lines.append(f"Your plan: <i>{esc(shorten(plan.if_then, REMINDER_IF_THEN_LIMIT))}</i>")
    return "\n".join(lines)


def ease_off_buttons(plan: Plan, label: str = "") -> list[list[Button]]:
    """Keep going / Study less often / A week off / Stop: each acts at once."""
    plan_id = plan.id or 0
    days = days_of(plan)
    first = [Button(f"Keep going ✓{label}", data=EaseOff(plan_id, "keep"))]
    if fewer_days(days) != days:
        first.append(
            Button(f"Less often: {describe_days(fewer_days(days))}{label}", data=EaseOff(plan_id, "less"))
        )
    return [
        first,
        [
            Button(f"Take a week off{label}", data=EaseOff(plan_id, "week")),
            Button(f"Stop this plan{label}", data=EaseOff(plan_id, "stop")),
        ],
    ]


def reminder_buttons(plan: Plan, course: CourseInfo, done: set[int], several: bool) -> list[list[Button]]:
    """A reminder's buttons for one plan: Done records a session; finishing a module is its own button.

    In a reminder about several plans every button names its course. After ignored reminders
    the buttons are the kind question's answers instead.
    """
    position = next((p for p in range(1, len(course.modules) + 1) if p not in done), None)
    label = f" · {shorten(course.title, 16)}" if several else ""
    if ignored_reminders(plan) >= EASE_OFF_AFTER:
        return ease_off_buttons(plan, label)
    plan_id = plan.id or 0
    first = [Button(f"Done ✓{label}", data=PlanAction("done", plan_id, SESSION_DONE))]
    if position is not None:
        first.append(Button(f"Finished a module ✓{label}", data=PlanAction("done", plan_id, str(position))))
    return [
        first,
        [
            Button(f"Snooze 1 h{label}", data=PlanAction("snz", plan_id)),
            Button(f"Skip today{label}", data=PlanAction("skip", plan_id)),
        ],
        [Button(f"Pause{label}", data=PlanAction("pause", plan_id))],
    ]


def rows_after(action: str, status: PlanStatus) -> list[list[Button]]:
    """The buttons a plan's message keeps after `action`: only what still makes sense."""
    plan_id = status.plan.id or 0
    position = status.next_module
    module = (
        [Button("Finished a module ✓", data=PlanAction("done", plan_id, str(position)))] if position else []
    )
    session_today = any(day == status.today for day, _ in status.sessions)
    done = [] if session_today else [Button("Done ✓", data=PlanAction("done", plan_id, SESSION_DONE))]
    if action == "session":
        return [module] if module else []
    if action == "module":
        return [done + module] if done or module else []
    if action == "snz":
        return [done + [Button("Skip today", data=PlanAction("skip", plan_id))]]
    if action == "pause":
        return [[Button("▶️ Resume", data=PlanAction("resume", plan_id))]]
    return []


def settled(text_html: str, note: str, rows: list[list[Button]]) -> Reply:
    """The pressed message, edited: its text, what just happened, and the buttons left."""
    room = TEXT_LIMIT - len(note) - 2
    base = text_html if len(text_html) <= room else text_html[: room - 1].rsplit("\n", 1)[0] + "…"
    return Reply(f"{base}\n\n{note}", rows)


def upcoming(statuses: list[PlanStatus], tz: tzinfo, planning: CourseInfo | None = None) -> Reply:
    scheduled = sorted(
        (s.next_due, s.course.title, _why_then(s, tz)) for s in statuses if s.next_due is not None
    )
    lines = [f"• {when(due, tz)} — {esc(title)}{why}" for due, title, why in scheduled]
    if not lines and planning is not None:
        return Reply(still_planning(planning))
    if not statuses:  # no plan at all: reminders come with a study plan
        return Reply(
            "Reminders come with a study plan, and you have none yet. Find a course and press "
            "<i>▶️ Start studying</i>: I'll ask when you'd like to study and remind you then.",
            [[Button("🔎 Find a course", data=MenuChoice("find"))]],
        )
    if not lines:
        return Reply("No reminders are scheduled. /progress shows your plans; /resume restarts paused ones.")
    return Reply("<b>Upcoming reminders</b>\n" + "\n".join(lines))


def several_plans(count: int, command: str) -> Reply:
    """A plan change typed in words, with several plans going: which one is for /command."""
    return Reply(f"You have {count} plans going: /{command} picks which one to change.")


def typed_time_in_quiet_hours(minute: int, quiet: QuietHours) -> Reply:
    """ "move my reminders to 11pm" inside quiet hours: said, not set."""
    return Reply(
        f"{describe_minute(minute)} is inside your quiet hours ({quiet.describe()}), when I send no "
        "reminders: /quiet changes them, or pick another time."
    )


def which_time(plan_id: int, options: tuple[int, ...]) -> Reply:
    """ "move it to 7": morning or evening? One tap moves the plan's time."""
    said = " or ".join(describe_minute(m) for m in options)
    rows = [[Button(f"🕖 {describe_minute(m)}", data=PlanAction("at", plan_id, str(m))) for m in options]]
    return Reply(f"Which do you mean: {said}? Tap one and I'll move your study time.", rows)


@dataclasses.dataclass(frozen=True)
class PlanMove(CallbackData):
    """The answer to "Shall I move … to Sat/Sun at 19:00?": `yes`, with the new study days (Mon
    = 0 … Sun = 6; empty keeps them) and time (minutes after midnight; empty keeps it), or
    `keep`. Data that says anything else (forged or stale) parses to None."""

    prefix: ClassVar[str] = "pm"
    plan_id: int
    answer: str
    days: str = ""
    minute: str = ""

    def __post_init__(self) -> None:
        days_ok = re.fullmatch(r"[0-6]{0,7}", self.days) is not None and len(set(self.days)) == len(self.days)
        minute_ok = self.minute == "" or (
            self.minute.isascii() and self.minute.isdigit() and len(self.minute) <= 4
            and int(self.minute) < 24 * 60
        )  # fmt: skip
        moves = bool(self.days or self.minute)  # yes moves something; keep moves nothing
        answer_ok = self.answer in ("yes", "keep") and moves == (self.answer == "yes")
        if not (answer_ok and days_ok and minute_ok):
            raise ValueError(self)

    @classmethod
    def to(cls, plan_id: int, days: tuple[int, ...] | None, minute: int | None) -> PlanMove:
        """Yes: move the plan to these days (None keeps them) at this time (None keeps it)."""
        return cls(plan_id, "yes", "".join(str(d) for d in sorted(set(days or ()))),
                   "" if minute is None else str(minute))  # fmt: skip

    @property
    def new_days(self) -> tuple[int, ...] | None:
        return tuple(int(d) for d in sorted(self.days)) or None

    @property
    def new_minute(self) -> int | None:
        return int(self.minute) if self.minute else None


def confirm_move(course: CourseInfo, plan: Plan, days: tuple[int, ...] | None, minute: int | None) -> Reply:
    """ "can i study on weekends instead": asked, not ordered; one tap makes the change."""
    new_days = describe_days(days) if days is not None else describe_days(days_of(plan))
    new_time = describe_minute(minute if minute is not None else plan.study_minute)
    plan_id = plan.id or 0
    text = (
        f"Yes, you can. Shall I move <b>{esc(course.title)}</b> to {new_days} at {new_time}? "
        f"It is {describe_days(days_of(plan))} at {describe_minute(plan.study_minute)} now."
    )
    rows = [
        [Button("✅ Yes, move it", data=PlanMove.to(plan_id, days, minute))],
        [Button("Keep it as it is", data=PlanMove(plan_id, "keep"))],
    ]
    return Reply(text, rows)


def time_changed(course: CourseInfo, plan: Plan, due: datetime | None, tz: tzinfo) -> Reply:
    """ "move my reminders to 8pm", done: the new time, and when the next reminder comes."""
    text = (
        f"Done: <b>{esc(course.title)}</b> is now at {describe_minute(plan.study_minute)}, "
        f"{describe_days(days_of(plan))}."
    )
    paused = " The plan is paused: /resume starts it."
    text += f" Next reminder: {when(due, tz)}." if due is not None else paused
    return Reply(text)


def no_such_module(course: CourseInfo) -> Reply:
    count = len(course.modules)
    return Reply(f"{esc(course.title)} has {count} modules: which one did you finish (1 to {count})?")


def module_finished(course: CourseInfo, position: int, done: set[int], rows: list[list[Button]]) -> Reply:
    """ "i finished module 2", noted: as the reminder's Finished a module ✓ says it."""
    return Reply(f"✓ Module {position} of {esc(course.title)} finished. {module_done(course, done)}", rows)


def module_done(course: CourseInfo, done: set[int]) -> str:
    return f"Nice work! {progress_bar(len(done), len(course.modules))}"


def finished(course: CourseInfo) -> Reply:
    text = f"🎉 <b>Congratulations!</b> You've finished every module of {esc(course.title)}."
    if course.stackability:
        text += f"\nWhat next? It stacks into: <i>{esc(course.stackability)}</i>."
    rows = []
    if course.skills:
        skill = course.skills[0]
        rows.append([Button(f"🔎 More {shorten(skill, 30)} courses", data=SearchFor.fitting(skill))])
    return Reply(text, rows)


def too_many_plans(limit: int) -> Reply:
    """An 11th plan: a friendly no, and how to make room."""
    return Reply(
        f"You already have {limit} study plans going — that's the most I keep at once, so each one "
        "gets real attention. Finish or stop one first: /stopstudying picks a plan to stop (its "
        "progress is kept), /progress shows them all.",
        [[Button("📊 My progress", data=MenuChoice("plan"))]],
    )


def choose_plan_to_stop(statuses: list[PlanStatus]) -> Reply:
    """/stopstudying with several plans: one message, a button per plan, then a confirmation."""
    rows = [
        [Button(f"⏹ {shorten(s.course.title, 40)}", data=PlanAction("stop", s.plan.id or 0, STOP_ASK))]
        for s in statuses
    ]
    first = (statuses[0].plan.id or 0) if statuses else 0
    rows.append([Button("Keep them all", data=PlanAction("stop", first, STOP_KEEP))])
    return Reply("Which plan would you like to stop? Its progress is kept; its reminders stop.", rows)


def stop_confirm(course: CourseInfo, plan_id: int) -> Reply:
    return Reply(
        f"Stop studying <b>{esc(course.title)}</b>? Your progress is kept, reminders stop.",
        [
            [
                Button("Yes, stop", data=PlanAction("stop", plan_id)),
                Button("Keep going", data=PlanAction("stop", plan_id, STOP_KEEP)),
            ]
        ],
    )


def quiet_set(quiet: QuietHours, statuses: list[PlanStatus], tz: tzinfo) -> Reply:
    """New quiet hours, and honestly which plans' reminders they move, and to when."""
    if quiet.off:
        return Reply("Quiet hours are off: reminders come exactly at your study times.")
    lines = [f"Quiet hours set to <b>{quiet.describe()}</b> (your local time)."]
    for status in statuses:
        plan = status.plan
        if plan.status != ACTIVE or not quiet.contains(plan.study_minute):
            continue
        line = (
            f"⚠️ <b>{esc(status.course.title)}</b>: your study time {describe_minute(plan.study_minute)} is "
            f"inside them, so its reminders move to {describe_minute(quiet.end)}"
        )
        days = days_of(plan)
        if quiet.start > quiet.end and plan.study_minute >= quiet.start:
            line += " the next morning"
            moved_days = tuple((d + 1) % 7 for d in days)
            if set(moved_days) - set(days):
                line += f" ({describe_days(tuple(sorted(moved_days)))}, not your study days)"
        if status.next_due is not None:
            line += f". Next: {when(status.next_due, tz)}"
        lines.append(line + ". Pick another time with /plan, or change the quiet hours.")
    return Reply("\n".join(lines))


def no_active_plan_to_note() -> Reply:
    """ "done" typed with no active plan: nothing to note, and how to get one."""
    return Reply(
        "Well done! I have no active study plan to note it in, though. Find a course and press "
        "<i>▶️ Start studying</i>, or /resume a paused plan.",
        [[Button("🔎 Find a course", data=MenuChoice("find"))]],
    )


def which_plan_studied(statuses: list[PlanStatus]) -> Reply:
    """ "done" typed with several active plans: one tap notes today's session for that course."""
    rows = [
        [Button(f"✓ {shorten(s.course.title, 40)}", data=PlanAction("done", s.plan.id or 0, SESSION_DONE))]
        for s in statuses
    ]
    return Reply("Well done! Which course did you study today?", rows)
