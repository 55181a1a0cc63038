"""Free text: a question goes to the FAQ, a request for courses to the search."""

from __future__ import annotations

from telegram import Update

from bot.faq import replies as answers
from bot.replies import Reply
from bot.understand.route import route
from handlers.common import send
from handlers.context import BotContext
from handlers.search import run_search

MAX_TEXT = 500  # longer messages are read up to here: nobody asks an FAQ in 4,000 characters


async def free_text(update: Update, context: BotContext) -> None:
    """The learner gets an answer, a "Did you mean…?", an honest fallback, or courses."""
    message = update.effective_message
    user = update.effective_user
    if message is None or message.text is None or user is None:
        return
    core = context.core
    text = message.text[:MAX_TEXT]
    where = route(text, core.faq, core.catalog.is_known_skill)
    if where.kind == "search":
        await run_search(update, context, where.query)
        return
    match = where.match
    assert match is not None
    if match.kind == "smalltalk" and match.smalltalk is not None:
        await send(update, answers.smalltalk(match.smalltalk))
    elif match.kind == "answer" and match.best is not None:
        entry = match.best.entry
        course = None
        if entry.id in answers.COURSE_AWARE_ENTRIES:
            learner = context.learner
            if learner is not None and learner.last_course_id is not None:
                found = core.catalog.get(learner.last_course_id)
                course = answers.CourseFacts.of(found) if found is not None else None
        await send(update, answers.answer(core.faq, entry, course))
    elif match.kind == "suggest":
        await send(update, answers.did_you_mean(match))
    else:
        await send(update, answers.fallback())


async def not_text(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice and the like: say kindly that the bot reads text."""
    await send(
        update,
        Reply(
            "I can only read text messages. Type a question about microcredentials, or a skill "
            "you'd like to learn (for example <i>python</i>)."
        ),
    )
