"""/start (with deep links), /help and the main menu buttons."""

from __future__ import annotations

from telegram import Update

from bot import welcome as texts
from bot.callbacks import MenuChoice
from bot.faq import replies as answers
from bot.replies import is_number
from handlers import messages
from handlers.common import send, show
from handlers.context import BotContext
from handlers.search import show_course
from handlers.study import progress_command

DEEP_LINK_COURSE = "course_"


async def start(update: Update, context: BotContext) -> None:
    """The learner sees a two-line welcome and buttons for the bot's three jobs.

    `t.me/<bot>?start=course_<id>` opens that course's card instead.
    """
    payload = context.args[0] if context.args else ""
    if payload.startswith(DEEP_LINK_COURSE):
        course_id = payload.removeprefix(DEEP_LINK_COURSE)
        if is_number(course_id) and await show_course(update, context, int(course_id)):
            return
    user = update.effective_user
    await send(update, texts.welcome(user.first_name if user else ""))


async def help_command(update: Update, context: BotContext) -> None:
    """The learner sees what the bot does, with examples and the list of commands."""
    await send(update, texts.help_text())


async def menu_button(update: Update, context: BotContext) -> None:
    """m:ask → FAQ topics; m:find → how to search; m:plan → study plan; m:home → welcome."""
    query = update.callback_query
    assert query is not None
    menu = MenuChoice.parse(query.data)
    choice = menu.choice if menu is not None else "home"
    if choice == "ask":
        await show(update, answers.topic_menu(context.core.faq))
    elif choice == "find":
        await query.answer()
        await messages.ask_for_skill(update, context)
    elif choice == "plan":
        await query.answer()
        await progress_command(update, context)
    else:
        user = update.effective_user
        await show(update, texts.welcome(user.first_name if user else ""))


async def stale_button(update: Update, context: BotContext) -> None:
    """A button no handler knows (an old message, or data a modified client made up)."""
    query = update.callback_query
    if query is not None:
        await query.answer("This button is no longer valid. Send /start for the menu.")
