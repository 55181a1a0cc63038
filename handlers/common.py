"""Helpers every handler uses: reach the core's services and send a core `Reply`."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.learners import touch_learner
from bot.replies import Button, Reply
from bot.services import Services
from bot.study import reschedule_learner

log = logging.getLogger(__name__)

SERVICES_KEY = "services"


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    found = context.application.bot_data.get(SERVICES_KEY)
    if not isinstance(found, Services):
        raise RuntimeError("services are not open (post_init did not run)")
    return found


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    b.label,
                    callback_data=b.data,
                    url=b.url,
                    switch_inline_query_current_chat=b.switch_inline,
                )
                for b in row
            ]
            for row in rows
        ]
    )


async def send(update: Update, reply: Reply) -> Message | None:
    """Send `reply` as a new message in the chat the update came from."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await chat.send_message(reply.text, reply_markup=keyboard(reply.buttons))


async def show(update: Update, reply: Reply) -> None:
    """Answer a button press by editing its message in place (or sending when that fails)."""
    query = update.callback_query
    if query is None:
        await send(update, reply)
        return
    await query.answer(reply.notice)
    message = query.message
    if not isinstance(message, Message):
        await send(update, reply)
        return
    try:
        await message.edit_text(reply.text, reply_markup=keyboard(reply.buttons))
    except BadRequest as exc:
        # Pressing the same button twice changes nothing: Telegram says so; that is fine.
        if "not modified" not in str(exc).lower():
            raise


async def remember_learner(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Create or refresh the sender's learner record (private chats only)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != chat.PRIVATE:
        return
    core = services(context)
    _learner, came_back = await touch_learner(
        core.db, core.clock, user_id=user.id, chat_id=chat.id, first_name=user.first_name or ""
    )
    if came_back:  # they had blocked the bot: their plans' reminders start again
        await reschedule_learner(core.db, core.clock, user.id, core.settings.default_timezone)
