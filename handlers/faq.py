"""/faq and the FAQ buttons: topic menu, questions of a topic, an answer."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import answers
from handlers.common import send, services, show


async def faq_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The learner sees the topic menu: one button per topic."""
    await send(update, answers.topic_menu(services(context).faq))


async def faq_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """f:m → topic menu; f:t:<topic> → its questions; f:a:<entry> → that answer (new message)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    faq = services(context).faq
    parts = query.data.split(":", 2)
    if parts[1] == "a" and len(parts) == 3 and parts[2] in faq.by_id:
        await query.answer()
        await send(update, answers.answer(faq, faq.by_id[parts[2]]))
        return
    if parts[1] == "t" and len(parts) == 3:
        reply = answers.topic_questions(faq, parts[2])
        if reply is not None:
            await show(update, reply)
            return
    if parts[1] == "m":
        await show(update, answers.topic_menu(faq))
        return
    # A button from an old message whose question or topic no longer exists.
    await query.answer("That question is no longer available — here are the topics.")
    await send(update, answers.topic_menu(faq))
