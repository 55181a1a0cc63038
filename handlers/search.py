"""Course search: /search, result pages with facets, course cards, inline mode, deep links."""

from __future__ import annotations

import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import ContextTypes

from bot import answers, course_replies
from bot.catalog import count_miss, load_search, save_search
from bot.learners import remember_course
from bot.replies import Reply, is_number
from bot.search import Facets
from handlers.common import remember_learner, send, services, show

log = logging.getLogger(__name__)

ASK_FOR_SKILL = Reply(
    "Which skill would you like to learn? Type it after the command, e.g. "
    "<code>/search python</code>, or just send the skill as a message "
    "(typos and abbreviations like <i>ML</i> or <i>proj mgmt</i> are fine)."
)
EXPIRED = "This search has expired. Please search again."
MAX_QUERY_CHARS = 100
INLINE_RESULTS = 10


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/search <skill>: the learner sees the first page of matching courses."""
    query = " ".join(context.args or []).strip()
    if not query:
        await send(update, ASK_FOR_SKILL)
        return
    await run_search(update, context, query)


async def run_search(update: Update, context: ContextTypes.DEFAULT_TYPE, query: str) -> None:
    """Search and send results as a new message (or the closest skills when nothing fits)."""
    core = services(context)
    user = update.effective_user
    if user is None:
        return
    await remember_learner(update, context)
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    result = core.catalog.search(query)
    if not result.matches:
        await count_miss(core.db, core.clock, query)
        await send(update, course_replies.no_match(result))
        return
    search_id = await save_search(core.db, core.clock, user.id, query)
    await send(update, course_replies.results_page(result, search_id, 0, Facets()))


async def results_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """s:<search>:<page>:<facets> pages or narrows results in place; s:q:<text> searches anew."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    parts = query.data.split(":", 3)
    if parts[1] == "q" and len(parts) >= 3:
        await query.answer()
        await run_search(update, context, query.data.split(":", 2)[2])
        return
    try:
        search_id, page, facets = int(parts[1]), int(parts[2]), Facets.decode(parts[3])
    except (IndexError, ValueError):
        await query.answer(EXPIRED)
        return
    core = services(context)
    text = await load_search(core.db, search_id, query.from_user.id)
    if text is None:
        await query.answer(EXPIRED)
        return
    result = core.catalog.search(text)
    await show(update, course_replies.results_page(result, search_id, page, facets))


async def course_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """c:<course>[:<search>:<page>:<facets>]: the results message becomes the course card."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    parts = query.data.split(":", 2)
    core = services(context)
    course = core.catalog.get(int(parts[1])) if is_number(parts[1]) else None
    if course is None:
        await query.answer("That course is no longer in the catalogue.")
        return
    back = f"s:{parts[2]}" if len(parts) == 3 else None
    await remember_learner(update, context)
    await remember_course(core.db, query.from_user.id, course.id)
    await show(update, course_replies.course_card(course, back))


async def recognition_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """r:<course>: "Will employers recognise this?" answered about that course, then in general."""
    query = update.callback_query
    assert query is not None and query.data is not None
    core = services(context)
    course_id = query.data.split(":", 1)[1]
    course = core.catalog.get(int(course_id)) if is_number(course_id) else None
    entry = core.faq.by_id.get("employer-recognition")
    await query.answer()
    if entry is None:
        return
    facts = answers.CourseFacts.of(course) if course is not None else None
    await send(update, answers.answer(core.faq, entry, facts))


async def show_course(update: Update, context: ContextTypes.DEFAULT_TYPE, course_id: int) -> bool:
    """Send a course card (deep link `?start=course_<id>`); False when there is no such course."""
    core = services(context)
    course = core.catalog.get(course_id)
    user = update.effective_user
    if course is None or user is None:
        return False
    await remember_course(core.db, user.id, course.id)
    await send(update, course_replies.course_card(course))
    return True


async def inline_search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Typing `@bot python` in any chat lists matching courses that post a short summary."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query.strip()[:MAX_QUERY_CHARS]
    core = services(context)
    matches = core.catalog.search(text).matches[:INLINE_RESULTS] if text else []
    username = context.bot.username
    results = [
        InlineQueryResultArticle(
            id=str(m.course.id),
            title=m.course.title,
            description=course_replies.one_line(m.course),
            input_message_content=InputTextMessageContent(course_replies.inline_summary(m.course, username)),
        )
        for m in matches
    ]
    await inline.answer(results, cache_time=60, is_personal=False)
