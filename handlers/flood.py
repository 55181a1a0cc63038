"""Runs before every other handler: one learner's flood must not slow anyone else down."""

from __future__ import annotations

import time

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.flood import FloodGuard, Verdict
from bot.replies import Reply
from handlers.common import send
from handlers.context import BotContext

SLOW_DOWN = Reply("Whoa, that's a lot of messages at once! I'll pause for a moment — try again shortly.")


def _guard(context: BotContext) -> FloodGuard:
    found = context.bot_data.flood_guard
    if found is not None:
        return found
    settings = context.core.settings
    guard = FloodGuard(
        settings.flood_max_updates, settings.flood_window_seconds, settings.flood_cooldown_seconds
    )
    context.bot_data.flood_guard = guard
    return guard


async def flood_control(update: Update, context: BotContext) -> None:
    """Too many updates from one learner: reply once to slow down, then ignore them a while."""
    user = update.effective_user
    if user is None:
        return
    verdict = _guard(context).check(user.id, time.monotonic())
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN and update.effective_chat is not None:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await send(update, SLOW_DOWN)
    raise ApplicationHandlerStop
