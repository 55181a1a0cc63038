"""/faq and the FAQ buttons: topic menu, questions of a topic, an answer."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import CourseQuestion, FaqAnswer, FaqTopic, FaqTopics
from bot.faq import replies as answers
from handlers.common import send, show
from handlers.context import BotContext


async def faq_command(update: Update, context: BotContext) -> None:
    """The learner sees the topic menu: one button per topic."""
    await send(update, answers.topic_menu(context.core.faq))


async def faq_button(update: Update, context: BotContext) -> None:
    """Topic menu (`FaqTopics`), a topic's questions (`FaqTopic`), an answer (`FaqAnswer`, new
    message; `CourseQuestion`: about a course first)."""
    query = update.callback_query
    assert query is not None
    faq = context.core.faq
    answer = FaqAnswer.parse(query.data)
    if answer is not None and answer.entry_id in faq.by_id:
        await query.answer()
        await send(update, answers.answer(faq, faq.by_id[answer.entry_id]))
        return
    about = CourseQuestion.parse(query.data)
    if about is not None and about.entry_id in faq.by_id:
        # a "Did you mean…?" right after a course card: that course's own fields first
        await query.answer()
        course = context.core.catalog.get(about.course_id)
        await send(update, answers.answer(faq, faq.by_id[about.entry_id], course))
        return
    topic = FaqTopic.parse(query.data)
    if topic is not None:
        reply = answers.topic_questions(faq, topic.topic_id)
        if reply is not None:
            await show(update, reply)
            return
    if FaqTopics.matches(query.data):
        await show(update, answers.topic_menu(faq))
        return
    # A button from an old message whose question or topic no longer exists.
    await query.answer("That question is no longer available — here are the topics.")
    await send(update, answers.topic_menu(faq))
