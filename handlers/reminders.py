"""Sending reminders through Telegram: the dispatcher's sender and its job.

The dispatcher paces reminders with the process's one send limiter (`handlers.limits`),
the same one every reply takes its slot from.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.reminders.dispatcher import (
    DispatchReport,
    ReminderDispatcher,
    Sender,
    SendResult,
    SendStatus,
)
from bot.replies import Reply
from handlers.common import keyboard
from handlers.context import BotApplication, BotContext
from handlers.limits import NO_RETRY, BotRateLimiter, send_limiter

log = logging.getLogger(__name__)

DISPATCH_EVERY_SECONDS = 5


def telegram_sender(bot: Bot) -> Sender:
    """Turns Telegram's answers into the dispatcher's plain outcomes."""
    limiter = getattr(bot, "rate_limiter", None)
    if limiter is not None and not isinstance(limiter, BotRateLimiter):
        log.warning("The bot's rate limiter may retry 429 inside reminder sends; use BotRateLimiter")
    extra: dict[str, Any] = {"rate_limit_args": NO_RETRY} if isinstance(limiter, BotRateLimiter) else {}

    async def send(chat_id: int, reply: Reply) -> SendResult:
        try:
            await bot.send_message(chat_id, reply.text, reply_markup=keyboard(reply.buttons), **extra)
        except RetryAfter as error:
            seconds = error.retry_after
            wait = seconds if isinstance(seconds, int | float) else seconds.total_seconds()
            return SendResult(SendStatus.RETRY_AFTER, retry_after=float(wait))
        except Forbidden:
            return SendResult(SendStatus.BLOCKED)
        except BadRequest as error:
            if "chat not found" in str(error).lower():
                return SendResult(SendStatus.BLOCKED)
            return SendResult(SendStatus.PERMANENT, error=str(error)[:200])  # Telegram's reason
        except (NetworkError, TelegramError) as error:  # timeouts, 5xx, dropped connections
            return SendResult(SendStatus.FAILED, error=type(error).__name__)
        return SendResult(SendStatus.SENT)

    return send


def dispatcher(application: BotApplication) -> ReminderDispatcher:
    """This process's dispatcher, made on first use."""
    found = application.bot_data.dispatcher
    if found is not None:
        return found
    core = application.bot_data.core
    made = ReminderDispatcher(
        core.db,
        lambda: application.bot_data.core.catalog.courses,
        telegram_sender(application.bot),
        core.settings.default_timezone,
        limiter=send_limiter(application),  # the replies' limiter too
        lease=timedelta(seconds=core.settings.reminder_lease_seconds),
    )
    application.bot_data.dispatcher = made
    return made


async def dispatch_now(application: BotApplication) -> DispatchReport:
    """Send whatever is due now (the job calls this; so does the terminal chat's /tick)."""
    core = application.bot_data.core
    report = await dispatcher(application).run_once(core.clock.now)
    if report.claimed:
        log.info("Reminders: %s", report)
    return report


async def dispatch_job(context: BotContext) -> None:
    """Every few seconds: send whatever is due."""
    application: BotApplication = context.application  # type: ignore[assignment]
    await dispatch_now(application)
