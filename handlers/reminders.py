"""Sending reminders through Telegram: the dispatcher's sender, and its repeating job."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes

from bot.dispatch import Dispatcher, DispatchReport, RateLimiter, Sender, SendResult, SendStatus
from bot.replies import Reply
from bot.send_limits import DatabaseRateLimiter
from handlers.common import SERVICES_KEY, keyboard

log = logging.getLogger(__name__)

DISPATCHER_KEY = "dispatcher"
DISPATCH_EVERY_SECONDS = 5


def telegram_sender(bot: Bot) -> Sender:
    """Turns Telegram's answers into the dispatcher's plain outcomes."""

    async def send(chat_id: int, reply: Reply) -> SendResult:
        try:
            await bot.send_message(chat_id, reply.text, reply_markup=keyboard(reply.buttons))
        except RetryAfter as error:
            seconds = error.retry_after
            wait = seconds if isinstance(seconds, int | float) else seconds.total_seconds()
            return SendResult(SendStatus.RETRY_AFTER, retry_after=float(wait))
        except Forbidden:
            return SendResult(SendStatus.BLOCKED)
        except BadRequest as error:
            if "chat not found" in str(error).lower():
                return SendResult(SendStatus.BLOCKED)
            return SendResult(SendStatus.FAILED, error=str(error)[:200])
        except (NetworkError, TelegramError) as error:  # timeouts, 5xx, dropped connections
            return SendResult(SendStatus.FAILED, error=type(error).__name__)
        return SendResult(SendStatus.SENT)

    return send


def dispatcher(application: Application) -> Dispatcher:  # type: ignore[type-arg]
    """This process's dispatcher, made on first use."""
    found = application.bot_data.get(DISPATCHER_KEY)
    if isinstance(found, Dispatcher):
        return found
    core = application.bot_data[SERVICES_KEY]
    # One process on SQLite keeps the limits in memory; instances sharing PostgreSQL share them.
    limiter = RateLimiter() if core.db.is_sqlite else DatabaseRateLimiter(core.db)
    made = Dispatcher(
        core.db,
        lambda: application.bot_data[SERVICES_KEY].catalog.courses,
        telegram_sender(application.bot),
        core.settings.default_timezone,
        limiter=limiter,
        lease=timedelta(seconds=core.settings.reminder_lease_seconds),
    )
    application.bot_data[DISPATCHER_KEY] = made
    return made


async def dispatch_now(application: Application) -> DispatchReport:  # type: ignore[type-arg]
    """Send whatever is due now (the job calls this; so does the terminal chat's /tick)."""
    core = application.bot_data[SERVICES_KEY]
    report = await dispatcher(application).run_once(core.clock.now)
    if report.claimed:
        log.info("Reminders: %s", report)
    return report


async def dispatch_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every few seconds: send whatever is due."""
    await dispatch_now(context.application)
