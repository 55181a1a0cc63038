"""What a reminder says: a section and buttons per plan that is due, merged per learner.

When many plans are due together (60 plans, say) one message would pass Telegram's limits
(4096 characters, and a keyboard of about 100 buttons), and Telegram would refuse it on
every attempt. So `reminder_messages` splits the plans into as few messages as fit, each
within `TEXT_LIMIT` and `MAX_PLANS_PER_MESSAGE`; anything a learner typed (their if-then
plan) and every title is shortened first, so that even one plan always fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import PlanAction
from bot.catalog.search import CourseInfo
from bot.replies import Button, Reply, esc, shorten
from bot.storage.models import Plan
from bot.study.maths import progress_bar

QUOTE_EVERY = 3  # quote the learner's if-then plan in every third reminder
TEXT_LIMIT = 4096  # Telegram's limit, counted here in UTF-16 units of the HTML (an upper bound)
MAX_PLANS_PER_MESSAGE = 10  # four buttons each: well under Telegram's ~100-button keyboard
TITLE_LIMIT = 150
IF_THEN_LIMIT = 400


@dataclass(frozen=True)
class PlanDue:
    """One plan in a reminder: the plan, its course, and the module positions done."""

    plan: Plan
    course: CourseInfo
    done: set[int]


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); the HTML tags make it an upper bound."""
    return len(text.encode("utf-16-le")) // 2


def _header(welcome_back: bool, part: int, parts: int) -> str:
    header = "👋 <b>Welcome back!</b> Here is where you are:" if welcome_back else "📚 <b>Time to study!</b>"
    return header + (f" ({part}/{parts})" if parts > 1 else "")


def reminder_message(due: list[PlanDue], *, welcome_back: bool) -> Reply:
    """ "Time to study!" (or one "Welcome back!" after downtime) with every due plan."""
    return _message(due, welcome_back, 1, 1)


def reminder_messages(due: list[PlanDue], *, welcome_back: bool) -> list[tuple[list[PlanDue], Reply]]:
    """The due plans as few messages as Telegram accepts, each with the plans it covers."""
    groups: list[list[PlanDue]] = []
    length = 0
    budget = TEXT_LIMIT - telegram_length(_header(welcome_back, 99, 99)) - 2
    for item in due:
        size = telegram_length(_plan_section(item.plan, item.course, item.done)) + 2
        if not groups or len(groups[-1]) >= MAX_PLANS_PER_MESSAGE or length + size > budget:
            groups.append([])
            length = 0
        groups[-1].append(item)
        length += size
    return [(group, _message(group, welcome_back, i, len(groups))) for i, group in enumerate(groups, 1)]


def _message(due: list[PlanDue], welcome_back: bool, part: int, parts: int) -> Reply:
    sections = [_plan_section(d.plan, d.course, d.done) for d in due]
    rows: list[list[Button]] = []
    for d in due:
        rows += _plan_buttons(d.plan, d.course, d.done, several=len(due) > 1)
    return Reply(_header(welcome_back, part, parts) + "\n\n" + "\n\n".join(sections), rows)


def _plan_section(plan: Plan, course: CourseInfo, done: set[int]) -> str:
    total = len(course.modules)
    position = next((p for p in range(1, total + 1) if p not in done), None)
    lines = [f"<b>{esc(shorten(course.title, TITLE_LIMIT))}</b>"]
    if position is not None:
        title, hours = course.modules[position - 1]
        lines.append(f"Next: module {position} — {esc(shorten(title, TITLE_LIMIT))} (about {hours} h)")
    lines.append(progress_bar(len(done), total))
    if plan.if_then and plan.reminders_sent % QUOTE_EVERY == 0:
        lines.append(f"Your plan: <i>{esc(shorten(plan.if_then, IF_THEN_LIMIT))}</i>")
    return "\n".join(lines)


def _plan_buttons(plan: Plan, course: CourseInfo, done: set[int], several: bool) -> list[list[Button]]:
    position = next((p for p in range(1, len(course.modules) + 1) if p not in done), None)
    label = f" · {shorten(course.title, 18)}" if several else ""
    first = (
        [Button(f"Done ✓{label}", data=PlanAction("done", plan.id or 0, str(position)))] if position else []
    )
    return [
        first + [Button("Snooze 1 h", data=PlanAction("snz", plan.id or 0))],
        [
            Button("Skip today", data=PlanAction("skip", plan.id or 0)),
            Button("Pause", data=PlanAction("pause", plan.id or 0)),
        ],
    ]
