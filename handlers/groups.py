"""In groups the bot speaks only when spoken to: commands addressed to it, or replies to it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.context import BotContext


def addressed_to_bot(update: Update, bot_username: str, bot_id: int) -> bool:
    message = update.message
    if message is None:
        return True  # button presses and inline queries are always for us
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    first_word = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    return first_word.startswith("/") and first_word.lower().endswith(f"@{bot_username.lower()}")


async def group_gate(update: Update, context: BotContext) -> None:
    """Group chatter not meant for the bot stops here, in silence."""
    chat = update.effective_chat
    if chat is None or chat.type not in (chat.GROUP, chat.SUPERGROUP):
        return
    if not addressed_to_bot(update, context.bot.username, context.bot.id):
        raise ApplicationHandlerStop
