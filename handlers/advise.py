""" "Advise me": /advise, the menu button, or "recommend me a course" → goal, level, budget,
hours a week, online or not → a shortlist of three with buttons to open or plan each.

A small conversation per learner and chat. Its step and the answers so far are stored in the
database after every step (`bot.catalog.advice_store`) and put back before each update is
routed, so a restart, or another instance behind a load balancer, carries on where the
learner was; while an update is handled the answers sit in `user_data` under `ADVICE`. The
wording is in `bot.catalog.replies`, the choosing in `bot.catalog.advise`.
"""

from __future__ import annotations

import asyncio
import re
import warnings
from dataclasses import replace
from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot.callbacks import AdviceChoice
from bot.catalog import advice_store, advise
from bot.catalog import replies as course_replies
from bot.faq import replies as answers
from bot.replies import Reply
from bot.study.parse import BACK, CANCEL
from bot.understand.intent import Context
from bot.understand.route import course_request
from handlers import stored
from handlers.common import send, show
from handlers.context import BotContext
from handlers.search import shortlist_shown

ADVICE = "advice"
GOAL, LEVEL, BUDGET, HOURS, MODE = range(5)
MAX_GOAL_CHARS = 100
# Messages that ask for advice rather than name a topic.
ASKING = re.compile(
    r"^\W*(?:please\s+)?(?:can you\s+|could you\s+)?(?:recommend|suggest)(?: me)? (?:a |some )?"
    r"(?:good )?courses?\b"
    r"|^\W*what (?:course )?should i (?:study|learn|take|do)\b|^\W*advi[cs]e me\b"
    r"|^\W*help me (?:choose|pick|find) a course\b|^\W*which course should i\b"
    # "help me decide between courses", "help me figure out which one would suit me"
    r"|^\W*help me (?:decide|choose|pick|work out|figure out)\s+(?:which|what|between)\b",
    re.IGNORECASE,
)


def _answers(context: BotContext) -> advise.Answers:
    data = context.user_data if context.user_data is not None else {}
    found = data.get(ADVICE)
    return found if isinstance(found, advise.Answers) else advise.Answers()


def _keep(context: BotContext, answers: advise.Answers) -> None:
    if context.user_data is not None:
        context.user_data[ADVICE] = answers


async def start_advice(update: Update, context: BotContext) -> int:
    """/advise, the menu's "Advise me" or "recommend me a course": the learner sees the goal
    question with a few goals as buttons (or types one). `/advise data analyst` skips it, and
    so does a skill named in the request ("which course should i take for digital marketing")."""
    _keep(context, advise.Answers())
    typed = " ".join(context.args or []).strip() if update.message and context.args else ""
    said = update.message.text if update.message and update.message.text else ""
    if not typed and said and not said.startswith("/"):
        typed = course_request(said) or ""
    if update.callback_query is not None:
        await update.callback_query.answer()
    if typed:
        return await _checked_goal(update, context, typed)
    await send(update, course_replies.advice_question("g", advise.GOAL_CHOICES))
    return GOAL


async def typed_goal(update: Update, context: BotContext) -> int:
    """A typed goal ("data analyst", "I want to become a nurse"): the learner is asked their
    level, or at once, when the catalogue has nothing for it, to pick or type another goal."""
    text = update.message.text if update.message and update.message.text else ""
    return await _checked_goal(update, context, text)


async def _checked_goal(update: Update, context: BotContext, text: str) -> int:
    core = context.core
    read = core.understander.understand(text, Context(expecting_skill=True))
    if core.understander.no_skill_in_mind(text) or (read.kind == "search" and not read.query):
        # "not sure really", "i want to learn something new but i dont know what": no goal yet
        await send(update, course_replies.advice_goal_undecided(advise.GOAL_CHOICES))
        return GOAL
    if read.kind == "faq" and read.match is not None and read.match.best is not None:
        # "how much are they?" asked at the goal question: the answer, then the question again
        await send(update, answers.answer(core.faq, read.match.best.entry, None))
        await send(update, course_replies.advice_question("g", advise.GOAL_CHOICES))
        return GOAL
    goal = advise.goal_of(read.query if read.kind == "search" else text)[:MAX_GOAL_CHARS]
    if goal:
        result = await asyncio.to_thread(context.core.catalog.search, goal)
        if not result.ranked:
            await send(update, course_replies.advice_goal_not_found(goal, advise.GOAL_CHOICES))
            return GOAL
    return await _goal_chosen(update, context, goal)


async def pressed_goal(update: Update, context: BotContext) -> int:
    """A goal button: the learner is asked their level."""
    query = update.callback_query
    assert query is not None
    data = AdviceChoice.parse(query.data)
    await query.answer()
    if data is None or data.value not in advise.GOAL_CHOICES:
        return GOAL
    return await _goal_chosen(update, context, data.value)


async def _goal_chosen(update: Update, context: BotContext, goal: str) -> int:
    if not goal:
        await send(update, course_replies.advice_question("g", advise.GOAL_CHOICES))
        return GOAL
    answers = replace(_answers(context), goal=goal)
    _keep(context, answers)
    await send(update, course_replies.advice_question("l", advise.LEVEL_CHOICES, goal))
    return LEVEL


async def chose_level(update: Update, context: BotContext) -> int:
    """Level pressed: the learner is asked their budget."""
    value = await _answer(update, context, "l")
    if value is None:
        return LEVEL
    answers = replace(_answers(context), level=advise.choice_value(advise.LEVEL_CHOICES, value))
    _keep(context, answers)
    await show(update, course_replies.advice_question("b", advise.BUDGET_CHOICES, answers.goal))
    return BUDGET


async def chose_budget(update: Update, context: BotContext) -> int:
    """Budget pressed: the learner is asked their hours a week."""
    typed = await _answer(update, context, "b")
    if typed is None:
        return BUDGET
    answers = replace(_answers(context), max_eur=advise.amount_of(typed, advise.MAX_BUDGET))
    _keep(context, answers)
    await show(update, course_replies.advice_question("h", advise.HOURS_CHOICES, answers.goal))
    return HOURS


async def chose_hours(update: Update, context: BotContext) -> int:
    """Hours a week pressed: the learner is asked online or not."""
    typed = await _answer(update, context, "h")
    if typed is None:
        return HOURS
    hours = advise.amount_of(typed, advise.MAX_HOURS_A_WEEK)
    answers = replace(_answers(context), hours_per_week=hours or None)
    _keep(context, answers)
    await show(update, course_replies.advice_question("o", advise.MODE_CHOICES, answers.goal))
    return MODE


async def chose_mode(update: Update, context: BotContext) -> int:
    """Online or not pressed: the learner sees the shortlist of three, each with why it
    fits and buttons to open its card or start a study plan."""
    typed = await _answer(update, context, "o")
    if typed is None:
        return MODE
    value = advise.choice_value(advise.MODE_CHOICES, typed)
    answers = replace(_answers(context), online=value == "online")
    if context.user_data is not None:
        context.user_data.pop(ADVICE, None)
    if not answers.goal:
        await send(update, Reply("Let's start that again: send /advise."))
        return ConversationHandler.END
    advice = await asyncio.to_thread(advise.shortlist, context.core.catalog, answers)
    await show(update, course_replies.advice_shortlist(advice))
    shortlist_shown(context, [pick.course.id for pick in advice.picks])
    return ConversationHandler.END


async def cancel(update: Update, context: BotContext) -> int:
    """/cancel or ✖ Cancel: leave the flow; nothing is kept."""
    if context.user_data is not None:
        context.user_data.pop(ADVICE, None)
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, Reply("OK. Send /advise whenever you want a recommendation, or just type a skill."))
    return ConversationHandler.END


OPTIONS = {"l": advise.LEVEL_CHOICES, "b": advise.BUDGET_CHOICES, "h": advise.HOURS_CHOICES,
           "o": advise.MODE_CHOICES}  # fmt: skip


async def go_back(update: Update, context: BotContext) -> int:
    """ "back" typed: the question before this one again (its answer can be changed)."""
    handler = stored.find(context, advice_store.ADVISE)
    step = handler.step_of(update) if handler is not None else None
    back_to = max(GOAL, (step if step is not None else GOAL) - 1)
    letter = "glbho"[back_to]
    options = advise.GOAL_CHOICES if back_to == GOAL else OPTIONS[letter]
    goal = _answers(context).goal if back_to != GOAL else ""
    await send(update, course_replies.advice_question(letter, options, goal))
    return back_to


async def start_from_elsewhere(update: Update, context: BotContext) -> None:
    """/advise or "Advise me" taken by another flow first (the plan conversation): start the
    questions here, and keep their step as this conversation would."""
    step = await start_advice(update, context)
    handler = stored.find(context, advice_store.ADVISE)
    if handler is not None:
        handler.restore(update, step)
    await _store_step(update, context, step)


async def cancel_if_advising(update: Update, context: BotContext) -> bool:
    """/cancel reached another flow first (the plan conversation takes it): leave these questions
    if the learner is in them, as `cancel` does; False when they are not."""
    ids = stored.ids(update)
    handler = stored.find(context, advice_store.ADVISE)
    if ids is None or handler is None or handler.step_of(update) is None:
        return False
    handler.restore(update, None)
    await advice_store.clear(context.core.db, *ids)
    await cancel(update, context)
    return True


async def _answer(update: Update, context: BotContext, step: str) -> str | None:
    """The option pressed, or typed in words ("beginner", "free", "5 hours", "online");
    None after asking the same question again when a typed answer can't be read."""
    if update.callback_query is not None:
        return await _pressed(update, step)
    text = update.message.text if update.message and update.message.text else ""
    value = advise.typed_choice(step, text)
    if value is None:
        question = course_replies.advice_question(step, OPTIONS[step], _answers(context).goal)
        await send(update, Reply("Sorry, I didn't catch that. Tap an answer below (or /cancel).\n\n"
                                 + question.text, question.buttons))  # fmt: skip
    return value


async def _pressed(update: Update, step: str) -> str:
    query = update.callback_query
    assert query is not None
    data = AdviceChoice.parse(query.data)
    return data.value if data is not None and data.step == step else ""


async def _store_step(update: Update, context: BotContext, step: int | None) -> None:
    """After a step: store the step and the answers so far, or forget them once it is over."""
    ids = stored.ids(update)
    if ids is None:
        return
    core = context.core
    if step is None:
        await advice_store.clear(core.db, *ids)
    else:
        await advice_store.save(core.db, core.clock.now(), *ids, step, _answers(context))


async def load_conversation(update: Update, context: BotContext) -> None:
    """Before routing: the learner's place in the advice questions, as saved in the database."""
    handler = stored.find(context, advice_store.ADVISE)
    if handler is not None:
        await handler.load_saved(update, context)


async def _load_step(context: BotContext, user_id: int, chat_id: int) -> stored.Saved:
    core = context.core
    saved = await advice_store.load(core.db, core.clock.now(), user_id, chat_id)
    return None if saved is None else (saved[0], {ADVICE: saved[1]})


def conversation() -> ConversationHandler:  # type: ignore[type-arg]
    """The flow's wiring: entry points, one state per question, and the ways out."""
    with warnings.catch_warnings():
        # Tracked per user and chat on purpose (as the study plan conversation); buttons carry their data.
        warnings.simplefilter("ignore", PTBUserWarning)
        typed = filters.TEXT & ~filters.COMMAND & ~filters.Regex(CANCEL) & ~filters.Regex(BACK)
        return stored.StoredConversation(
            store=_store_step,
            load=_load_step,
            keys=(ADVICE,),
            entry_points=[
                CommandHandler("advise", start_advice),
                CallbackQueryHandler(start_advice, pattern=AdviceChoice.of_step("s")),
                MessageHandler(filters.TEXT & ~filters.COMMAND & filters.Regex(ASKING), start_advice),
            ],
            states={
                GOAL: [
                    CallbackQueryHandler(pressed_goal, pattern=AdviceChoice.of_step("g")),
                    MessageHandler(typed, typed_goal),
                ],
                LEVEL: [
                    CallbackQueryHandler(chose_level, pattern=AdviceChoice.of_step("l")),
                    MessageHandler(typed, chose_level),
                ],
                BUDGET: [
                    CallbackQueryHandler(chose_budget, pattern=AdviceChoice.of_step("b")),
                    MessageHandler(typed, chose_budget),
                ],
                HOURS: [
                    CallbackQueryHandler(chose_hours, pattern=AdviceChoice.of_step("h")),
                    MessageHandler(typed, chose_hours),
                ],
                MODE: [
                    CallbackQueryHandler(chose_mode, pattern=AdviceChoice.of_step("o")),
                    MessageHandler(typed, chose_mode),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(filters.TEXT & filters.Regex(CANCEL), cancel),  # "cancel", "stop"
                MessageHandler(filters.TEXT & filters.Regex(BACK), go_back),  # the question before
                CallbackQueryHandler(cancel, pattern=AdviceChoice.of_step("c")),
                CallbackQueryHandler(start_advice, pattern=AdviceChoice.of_step("s")),
            ],
            allow_reentry=True,
            name=advice_store.ADVISE,
            conversation_timeout=timedelta(hours=2),
        )
