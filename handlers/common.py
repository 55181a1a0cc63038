"""Helpers every handler uses: turn a core `Reply` into a Telegram message, sent or edited."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.replies import Button, Reply
from handlers.context import BotContext

log = logging.getLogger(__name__)

IN_PRIVATE = (
    "Let's talk about that in private: it's about you, so I only show it in our own chat. "
    "Tap below, then send /{command} there."
)


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


async def private_only(update: Update, context: BotContext, command: str) -> bool:
    """Outside a private chat: point to one (a deep link to the bot) and return True.

    Everything personal (progress, reminders, stored data, deleting it) stays in the learner's
    private chat; in a group the bot posts only this pointer, which says nothing about anyone.
    """
    chat = update.effective_chat
    if chat is None or chat.type == chat.PRIVATE:
        return False
    link = f"https://t.me/{context.bot.username}?start={command}"
    button = Button("Open our private chat", url=link)
    await send(update, Reply(IN_PRIVATE.format(command=command), [[button]]))
    return True
