"""What a reminder says: one message per learner, a section and buttons per plan that is due."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import PlanAction
from bot.catalog.search import CourseInfo
from bot.replies import Button, Reply, esc, shorten
from bot.storage.models import Plan
from bot.study.maths import progress_bar

QUOTE_EVERY = 3  # quote the learner's if-then plan in every third reminder


@dataclass(frozen=True)
class PlanDue:
    """One plan in a reminder: the plan, its course, and the module positions done."""

    plan: Plan
    course: CourseInfo
    done: set[int]


def reminder_message(due: list[PlanDue], *, welcome_back: bool) -> Reply:
    """ "Time to study!" (or one "Welcome back!" after downtime) with every due plan."""
    header = "👋 <b>Welcome back!</b> Here is where you are:" if welcome_back else "📚 <b>Time to study!</b>"
    sections = [_plan_section(d.plan, d.course, d.done) for d in due]
    rows: list[list[Button]] = []
    for d in due:
        rows += _plan_buttons(d.plan, d.course, d.done, several=len(due) > 1)
    return Reply(header + "\n\n" + "\n\n".join(sections), rows)

def _plan_section(plan: Plan, course: CourseInfo, done: set[int]) -> str:
    total = len(course.modules)
    position = next((p for p in range(1, total + 1) if p not in done), None)
    lines = [f"<b>{esc(course.title)}</b>"]
    if position is not None:
        title, hours = course.modules[position - 1]
        lines.append(f"Next: module {position} — {esc(title)} (about {hours} h)")
    lines.append(progress_bar(len(done), total))
    if plan.if_then and plan.reminders_sent % QUOTE_EVERY == 0:
        lines.append(f"Your plan: <i>{esc(plan.if_then)}</i>")
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
