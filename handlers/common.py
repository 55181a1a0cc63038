"""Helpers every handler uses: turn a core `Reply` into a Telegram message, sent or edited."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.replies import Button, Reply, fit_reply
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
    """Send `reply` as a new message in the chat the update came from; returns the last one.

    Checked against Telegram's limits first: a reply too long for one message arrives as a
    few, split at paragraphs, with its buttons under the last (`bot.replies.fit_reply`).
    """
    chat = update.effective_chat
    if chat is None:
        return None
    message = None
    for part in fit_reply(reply):
        message = await chat.send_message(part.text, reply_markup=keyboard(part.buttons))
    return message


async def show(update: Update, reply: Reply) -> None:
    """Answer a button press by editing its message in place (or sending when that fails)."""
    query = update.callback_query
    if query is None:
        await send(update, reply)
        return
    first, *more = fit_reply(reply)  # too long for one message: the rest follows as new ones
    await query.answer(first.notice)
    message = query.message
    if not isinstance(message, Message):
        await send(update, reply)
        return
    try:
        await message.edit_text(first.text, reply_markup=keyboard(first.buttons))
    except BadRequest as exc:
        # Pressing the same button twice changes nothing: Telegram says so; that is fine.
        if "not modified" not in str(exc).lower():
            raise
    for part in more:
        await message.chat.send_message(part.text, reply_markup=keyboard(part.buttons))


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
