"""What /stats shows an operator (the counts come from `bot/admin/stats.py`)."""

from __future__ import annotations

from bot.admin.stats import Stats
from bot.replies import Reply, esc


def render(stats: Stats) -> Reply:
    lines = [
        "<b>Microcred Advisor — statistics</b>",
        f"Learners: {stats.learners} ({stats.active_learners} active)",
        f"Study plans: {stats.active_plans} active, {stats.paused_plans} paused",
        f"Reminders, last 24 h: {stats.sent_last_day} sent, {stats.failed_last_day} failed or blocked",
        f"Reminders waiting: {stats.pending}",
    ]
    if stats.top_misses:
        lines.append("Searches with no good match:")
        lines += [f"• {esc(term)} ({count})" for term, count in stats.top_misses]
    return Reply("\n".join(lines))
