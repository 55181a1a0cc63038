"""What /stats shows an operator (the counts come from `bot/admin/stats.py`)."""

from __future__ import annotations

from bot.admin.stats import Stats
from bot.replies import Reply, esc, shorten


def render(stats: Stats) -> Reply:
    lines = [
        "<b>Microcred Advisor — statistics</b>",
        f"Learners: {stats.learners} ({stats.active_learners} active)",
        f"Study plans: {stats.active_plans} active, {stats.paused_plans} paused",
        f"Reminders, last 24 h: {stats.sent_last_day} sent, {stats.dead_last_day} failed for good (dead), "
        f"{stats.blocked_last_day} blocked",
        f"Reminders waiting: {stats.pending} ({stats.retrying} retrying after a failure)",
    ]
    if stats.dead_reasons:
        lines.append("Why reminders died:")
        lines += [f"• {esc(shorten(reason, 120))} ({count})" for reason, count in stats.dead_reasons]
    if stats.top_misses:
        lines.append("Searches with no good match:")
        lines += [f"• {esc(term)} ({count})" for term, count in stats.top_misses]
    return Reply("\n".join(lines))
