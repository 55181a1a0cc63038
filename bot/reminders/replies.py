"""What a reminder says: a section and buttons per plan that is due, merged per learner.

When many plans are due together (60 plans, say) one message would pass Telegram's limits
(4096 characters, and a keyboard of about 100 buttons), and Telegram would refuse it on
every attempt. So `reminder_messages` splits the plans into as few messages as fit, each
within `TEXT_LIMIT` and `MAX_PLANS_PER_MESSAGE`; anything a learner typed (their if-then
plan) and every title is shortened first, so that even one plan always fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog.search import CourseInfo
from bot.replies import Button, Reply, shorten
from bot.storage.models import Plan
from bot.study.replies import PlanEdit
from bot.study.replies import reminder_buttons as _plan_buttons
from bot.study.replies import reminder_section as _plan_section

TEXT_LIMIT = 4096  # Telegram's limit, counted here in UTF-16 units of the HTML (an upper bound)
MAX_PLANS_PER_MESSAGE = 10  # four buttons each: well under Telegram's ~100-button keyboard


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
    header = (
        "⏰ <b>Sorry, this reminder comes late</b> (I couldn't send it on time). Here is where you "
        "are. If the old pace no longer fits, ✏️ makes a fresh, realistic plan (days, time, session, "
        "target date):"
        if welcome_back
        else "📚 <b>Time to study!</b>"
    )
    return header + (f" ({part}/{parts})" if parts > 1 else "")


def reminder_message(due: list[PlanDue], *, welcome_back: bool) -> Reply:
    """ "Time to study!" (or one "Sorry, this reminder comes late" after downtime) with every due plan."""
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
        if welcome_back:  # after a long gap: offer to rework the plan, keeping the progress
            label = f" · {shorten(d.course.title, 16)}" if len(due) > 1 else ""
            rows.append([Button(f"✏️ Fresh plan{label}", data=PlanEdit(d.plan.id or 0, "menu"))])
    return Reply(_header(welcome_back, part, parts) + "\n\n" + "\n\n".join(sections), rows)
