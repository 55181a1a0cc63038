"""The last line of defence: log the error with its update, apologise to the user."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError

from handlers.context import BotContext

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong on my side. Nothing you did caused it — "
    "please try again in a moment, or send /start."
)


async def on_error(update: object, context: BotContext) -> None:
    """Logs the failure; the user gets a polite apology instead of silence or a traceback."""
    error = context.error
    summary = update.to_dict() if isinstance(update, Update) else repr(update)
    if isinstance(error, NetworkError | Forbidden):
        # Telegram unreachable or the user blocked us: nothing to tell anyone.
        log.warning("Telegram error while handling %s: %s", summary, error)
        return
    log.error("Unhandled error while handling %s", summary, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await update.effective_chat.send_message(SORRY)
        except TelegramError:
            log.warning("Could not send the apology", exc_info=True)
