"""The last line of defence: log the failure (ids and kinds only), apologise to the user.

A reply Telegram refused (400 Bad Request: too long, bad markup, bad button) is answered
with a short apology, so the learner is never left with silence; the log line names the
reason's kind and the update's ids, never what anyone wrote.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from handlers.context import BotContext

log = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong on my side. Nothing you did caused it — "
    "please try again in a moment, or send /start."
)
SORRY_SHOWING = "Sorry, something went wrong showing that. Please try again."

# Telegram's description of a 400, by a phrase in it, as a kind safe to log.
_REASONS = (
    ("too long", "message_too_long"),
    ("can't parse entities", "bad_markup"),
    ("button_data_invalid", "bad_button_data"),
    ("buttons_too_much", "too_many_buttons"),
    ("reply markup", "bad_keyboard"),
    ("inline keyboard", "bad_keyboard"),
    ("text is empty", "empty_message"),
    ("message to edit not found", "message_gone"),
    ("chat not found", "chat_not_found"),
    ("query is too old", "old_button_press"),
    ("not modified", "not_modified"),
)
HARMLESS = frozenset({"not_modified"})  # the message already shows that: nothing to apologise for


def reason_kind(error: BaseException) -> str:
    """A short, fixed name for why Telegram refused a call (its description may quote text)."""
    description = str(error).lower()
    return next((kind for phrase, kind in _REASONS if phrase in description), "bad_request")


def describe(update: object) -> str:
    """The update's id, kind and the ids of its user and chat: never its text or names."""
    if not isinstance(update, Update):
        return type(update).__name__
    kind = next(
        (name for name in ("message", "edited_message", "callback_query", "inline_query",
                           "my_chat_member", "channel_post") if getattr(update, name, None)),
        "other",
    )  # fmt: skip
    user = update.effective_user.id if update.effective_user else None
    chat = update.effective_chat.id if update.effective_chat else None
    return f"update {update.update_id} ({kind}, user {user}, chat {chat})"


async def on_error(update: object, context: BotContext) -> None:
    """Logs the failure; the user gets a polite apology instead of silence or a traceback."""
    error = context.error
    summary = describe(update)
    if isinstance(error, BadRequest):
        # Telegram refused what we sent (too long, bad markup): our bug, so say sorry.
        kind = reason_kind(error)
        log.warning("Telegram refused a reply while handling %s: %s", summary, kind)
        if kind not in HARMLESS:
            await _apologise(update, SORRY_SHOWING)
        return
    if isinstance(error, NetworkError | Forbidden):
        # Telegram unreachable or the user blocked us: nothing to tell anyone.
        log.warning("Telegram error while handling %s: %s", summary, type(error).__name__)
        return
    log.error("Unhandled error while handling %s", summary, exc_info=error)
    await _apologise(update, SORRY)


async def _apologise(update: object, text: str) -> None:
    """Send `text` to the update's chat, where there is one (inline queries have none)."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await update.effective_chat.send_message(text)
    except TelegramError as error:
        log.warning("Could not send the apology: %s", type(error).__name__)
