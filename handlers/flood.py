"""Runs before every other handler: one learner's flood must not slow anyone else down."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.flood import DatabaseFloodGuard, FloodGuard, FloodLimit, Verdict
from bot.replies import Reply
from bot.services import Services
from handlers.common import send
from handlers.context import BotContext

log = logging.getLogger(__name__)

SLOW_DOWN = Reply("Whoa, that's a lot of messages at once! I'll pause for a moment — try again shortly.")
PRUNE_EVERY_SECONDS = 60.0  # idle flood counters are deleted this often (never per update)


def guard_for(core: Services) -> FloodLimit:
    """In memory for one process on SQLite; in the database on PostgreSQL, where several
    instances may share the learners (behind a load balancer)."""
    settings = core.settings
    limits = (settings.flood_max_updates, settings.flood_window_seconds, settings.flood_cooldown_seconds)
    if core.db.is_sqlite:
        return FloodGuard(*limits)
    return DatabaseFloodGuard(core.db, *limits)


def _guard(context: BotContext) -> FloodLimit:
    found = context.bot_data.flood_guard
    if found is None:
        found = context.bot_data.flood_guard = guard_for(context.core)
    return found


async def flood_control(update: Update, context: BotContext) -> None:
    """Too many updates from one learner: reply once to slow down, then ignore them a while."""
    user = update.effective_user
    if user is None:
        return
    verdict = await _guard(context).verdict(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN and update.effective_chat is not None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await send(update, SLOW_DOWN)
    raise ApplicationHandlerStop


async def prune_job(context: BotContext) -> None:
    """Every minute: delete the database's flood counters of learners who went quiet."""
    guard = context.bot_data.flood_guard
    if isinstance(guard, DatabaseFloodGuard):
        pruned = await guard.prune()
        if pruned:
            log.debug("Pruned %d idle flood counter(s)", pruned)
