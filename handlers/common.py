"""Helpers every handler uses: turn a core `Reply` into a Telegram message, sent or edited."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.replies import Button, Reply

log = logging.getLogger(__name__)


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    b.label,
                    callback_data=b.callback_data,
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
