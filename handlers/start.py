"""/start, /help and the main menu buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from handlers.common import remember_learner, send, show


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The learner sees a two-line welcome and buttons for the bot's three jobs."""
    await remember_learner(update, context)
    user = update.effective_user
    await send(update, texts.welcome(user.first_name if user else ""))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The learner sees what the bot does, with examples and the list of commands."""
    await send(update, texts.help_text())


async def menu_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A main-menu button: show the part of the bot it names."""
    user = update.effective_user
    await show(update, texts.welcome(user.first_name if user else ""))
