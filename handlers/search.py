"""Course search: /search, result pages with facets, course cards, inline mode, deep links."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update

from bot.callbacks import CourseCard, Recognition, ResultsPage, SearchFor
from bot.catalog import replies as course_replies
from bot.catalog.search import PAGE_SIZE, Facets, Scored, SearchResult
from bot.catalog.store import count_miss, load_search, save_search
from bot.faq import replies as answers
from bot.learners import remember_course
from bot.replies import Reply
from handlers.common import send, show
from handlers.context import BotContext

log = logging.getLogger(__name__)

ASK_FOR_SKILL = Reply(
    "Which skill would you like to learn? Type it after the command, e.g. "
    "<code>/search python</code>, or just send the skill as a message "
    "(typos and abbreviations like <i>ML</i> or <i>proj mgmt</i> are fine)."
)
EXPIRED = "This search has expired. Please search again."
# user_data: the results page shown last ("<search id>:<page>:<facets>"), for "the second one"
# or "any free ones?" typed right after it; None once anything else was shown
LAST_RESULTS = "last_results"
# ... or the ids of the "Advise me" shortlist shown last, in its order
LAST_SHORTLIST = "last_shortlist"
MAX_QUERY_CHARS = 100
INLINE_RESULTS = 10


async def search_command(update: Update, context: BotContext) -> None:
    """/search <skill>: the learner sees the first page of matching courses."""
    query = " ".join(context.args or []).strip()
    if not query:
        await send(update, ASK_FOR_SKILL)
        return
    await run_search(update, context, query)


async def run_search(
    update: Update,
    context: BotContext,
    query: str,
    *,
    before_results: Reply | None = None,
    before_nothing: Callable[[], Awaitable[Reply]] | None = None,
) -> None:
    """Search and send results as a new message (or the closest skills when nothing fits).

    Filters in the learner's words ("free python courses") are applied and shown, each
    removable with one tap; a career ("become a data analyst") shows its skills' courses.
    The ranking runs off the event loop and is kept for the result buttons. `before_results`
    is sent first when courses are found, the reply `before_nothing` makes when none are (a
    warm line that says "here are some courses" only when there are some; the other reply is
    only made when it is sent)."""
    core = context.core
    user = update.effective_user
    if user is None:
        return
    query = " ".join(query.split())[:MAX_QUERY_CHARS]
    catalog = core.catalog
    result = await asyncio.to_thread(catalog.search, query)
    if not result.ranked:
        await count_miss(core.db, core.clock, query)
        if before_nothing is not None:
            await send(update, await before_nothing())
        await send(update, course_replies.no_match(result))
        return
    search_id = await save_search(core.db, core.clock, user.id, query)
    catalog.remember(search_id, result)
    if before_results is not None:
        await send(update, before_results)
    await send(update, course_replies.results_page(result, search_id, 0, result.facets, catalog.display))
    _shown(context, f"{search_id}:0:{result.facets.encode()}")


def _shown(context: BotContext, results: str | None) -> None:
    """Note which results page (if any) the learner saw last."""
    if context.user_data is not None:
        context.user_data[LAST_RESULTS] = results
        context.user_data[LAST_SHORTLIST] = None


def shortlist_shown(context: BotContext, course_ids: list[int]) -> None:
    """Note the shortlist the learner saw last ("the second one" typed next opens its card)."""
    if context.user_data is not None:
        context.user_data[LAST_RESULTS] = None
        context.user_data[LAST_SHORTLIST] = list(course_ids)


async def pick_from_shortlist(
    update: Update, context: BotContext, course_ids: list[int], position: int
) -> None:
    """ "the second one" right after the "Advise me" shortlist: that course's card."""
    user = update.effective_user
    if user is None:
        return
    courses = [c for c in (context.core.catalog.get(i) for i in course_ids) if c is not None]
    if not 1 <= position <= len(courses):
        await send(update, Reply(f"The shortlist has {len(courses)}: tap one, or send its number."))
        return
    course = courses[position - 1]
    await remember_course(context.core.db, user.id, course.id)
    await send(update, course_replies.course_card(course))
    _shown(context, None)


async def compare_from_shortlist(
    update: Update, context: BotContext, course_ids: list[int], positions: tuple[int, int]
) -> None:
    """ "compare 1 and 2" right after the "Advise me" shortlist: the two side by side."""
    courses = [c for c in (context.core.catalog.get(i) for i in course_ids) if c is not None]
    shortlist_shown(context, course_ids)  # still about the shortlist: "the second one" may follow
    if not all(1 <= p <= len(courses) for p in positions):
        name_two = "name two of them, e.g. <i>compare 1 and 2</i>"
        await send(update, Reply(f"The shortlist has {len(courses)}: {name_two}."))
        return
    first, second = ((p, courses[p - 1]) for p in positions)
    await send(update, course_replies.comparison(first, second))


async def recall_results(
    context: BotContext, user_id: int, state: str
) -> tuple[SearchResult, str, Facets] | None:
    """The search behind a noted results page, its query and the filters the page showed."""
    search_id, _, facets = state.split(":", 2)
    found = await _recall(context, user_id, int(search_id))
    return (*found, Facets.decode(facets)) if found is not None else None


async def _recall(context: BotContext, user_id: int, search_id: int) -> tuple[SearchResult, str] | None:
    """A stored search's ranking and query (ranked again only after a restart or a rebuilt
    index); None when it expired or is another learner's."""
    core = context.core
    text = await load_search(core.db, search_id, user_id)
    if text is None:
        return None
    result = core.catalog.recall(search_id)
    if result is None:
        result = await asyncio.to_thread(core.catalog.search, text)
        core.catalog.remember(search_id, result)
    return result, text


async def results_button(update: Update, context: BotContext) -> None:
    """A results page (`ResultsPage`) pages or narrows results in place, from the ranked
    ids kept when the search ran (searched again only after a restart or a rebuilt index)."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    data = ResultsPage.parse(query.data)
    if data is None:
        await query.answer(EXPIRED)
        return
    search_id, page, facets = data.search_id, data.page, Facets.decode(data.facets)
    found = await _recall(context, query.from_user.id, search_id)
    if found is None:
        await query.answer(EXPIRED)
        return
    display = context.core.catalog.display
    await show(update, course_replies.results_page(found[0], search_id, page, facets, display))
    _shown(context, f"{search_id}:{page}:{facets.encode()}")


async def search_button(update: Update, context: BotContext) -> None:
    """A `SearchFor` button (a suggested skill, an FAQ answer's search): search anew."""
    query = update.callback_query
    assert query is not None
    data = SearchFor.parse(query.data)
    await query.answer()
    if data is not None:
        await run_search(update, context, data.query)


async def course_button(update: Update, context: BotContext) -> None:
    """A `CourseCard` button: the results message becomes the course card."""
    query = update.callback_query
    assert query is not None and query.from_user is not None
    data = CourseCard.parse(query.data)
    core = context.core
    course = core.catalog.get(data.course_id) if data is not None else None
    if data is None or course is None:
        await query.answer("That course is no longer in the catalogue.")
        return
    page = data.back_page()
    back = page.pack() if page is not None else None
    await remember_course(core.db, query.from_user.id, course.id)
    await show(update, course_replies.course_card(course, back))
    _shown(context, None)


async def recognition_button(update: Update, context: BotContext) -> None:
    """`Recognition`: "Will employers recognise this?" answered about that course, then in general."""
    query = update.callback_query
    assert query is not None
    core = context.core
    data = Recognition.parse(query.data)
    course = core.catalog.get(data.course_id) if data is not None else None
    entry = core.faq.by_id.get("employer-recognition")
    await query.answer()
    if entry is None:
        return
    await send(update, answers.answer(core.faq, entry, course))


async def show_course(update: Update, context: BotContext, course_id: int) -> bool:
    """Send a course card (deep link `?start=course_<id>`); False when there is no such course."""
    core = context.core
    course = core.catalog.get(course_id)
    user = update.effective_user
    if course is None or user is None:
        return False
    await remember_course(core.db, user.id, course.id)
    await send(update, course_replies.course_card(course))
    _shown(context, None)
    return True


async def _listed_page(
    update: Update, context: BotContext, state: str
) -> tuple[int, list[Scored], Facets] | None:
    """The learner's id, the courses of the results page `state` names and its filters; `None`
    (after saying so) when that search has expired or lists nothing."""
    user = update.effective_user
    if user is None:
        return None
    found = await recall_results(context, user.id, state)
    if found is None:
        await send(update, Reply(EXPIRED))
        return None
    result, _, facets = found
    courses = course_replies.listed(result, facets)
    if not courses:
        await send(update, Reply("That page lists no courses. Try removing a filter, or search again."))
        return None
    return user.id, courses, facets


async def pick_from_results(update: Update, context: BotContext, state: str, position: int) -> None:
    """ "the second one" right after a results page: that course's card, with a way back to
    the page; a position the list does not have is said kindly."""
    listed = await _listed_page(update, context, state)
    if listed is None:
        return
    user_id, courses, facets = listed
    if not 1 <= position <= len(courses):
        await send(update, course_replies.no_such_position(len(courses)))
        return
    course = courses[position - 1].course
    search_id, page, _ = state.split(":", 2)
    back = ResultsPage(int(search_id), int(page), facets.encode()).pack()
    await remember_course(context.core.db, user_id, course.id)
    await send(update, course_replies.course_card(course, back))
    _shown(context, None)


async def next_page_of_results(update: Update, context: BotContext, state: str) -> None:
    """ "next" or "more" typed right after a results page: the page after it, as its Next button
    shows it; after the last page, that this was all of them."""
    user = update.effective_user
    if user is None:
        return
    found = await recall_results(context, user.id, state)
    if found is None:
        await send(update, Reply(EXPIRED))
        return
    result, _, facets = found
    search_id, page, _ = state.split(":", 2)
    shown = len(course_replies.listed(result, facets))
    if (int(page) + 1) * PAGE_SIZE >= shown:
        _shown(context, state)
        await send(update, course_replies.whole_list_shown(shown, filtered=facets.active))
        return
    display = context.core.catalog.display
    await send(update, course_replies.results_page(result, int(search_id), int(page) + 1, facets, display))
    _shown(context, f"{search_id}:{int(page) + 1}:{facets.encode()}")


async def compare_from_results(
    update: Update, context: BotContext, state: str, positions: tuple[int, int]
) -> None:
    """ "compare the first two" right after a results page: the two courses side by side, each
    a tap from its card; a position the list does not have is said kindly."""
    listed = await _listed_page(update, context, state)
    if listed is None:
        return
    _, courses, _ = listed
    _shown(context, state)  # still about that page: "the first one" or another pair may follow
    if not all(1 <= p <= len(courses) for p in positions):
        await send(update, course_replies.no_such_pair(len(courses)))
        return
    first, second = ((p, courses[p - 1].course) for p in positions)
    await send(update, course_replies.comparison(first, second, state))


async def inline_search(update: Update, context: BotContext) -> None:
    """Typing `@bot python` in any chat lists matching courses that post a short summary."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query.strip()[:MAX_QUERY_CHARS]
    core = context.core
    matches: list[Scored] = []
    left_out: tuple[str, ...] = ()
    if text:
        result = await asyncio.to_thread(core.catalog.search, text)
        matches, left_out = result.filtered(result.facets)[:INLINE_RESULTS], result.left_out
    username = context.bot.username
    results = [
        InlineQueryResultArticle(
            id=str(m.course.id),
            title=m.course.title,
            description=course_replies.inline_description(m.course, left_out),
            input_message_content=InputTextMessageContent(course_replies.inline_summary(m.course, username)),
        )
        for m in matches
    ]
    await inline.answer(results, cache_time=60, is_personal=False)
