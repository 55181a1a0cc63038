"""The typed context every handler receives, and the hook that loads the learner once.

Instead of string keys in `bot_data` checked with `isinstance`, the application's shared
state is one `BotData` value (settings, the core's services, the flood guard, the reminder
dispatcher), and each update's `BotContext` carries the sender's `Learner` row, loaded or
created once by `load_learner` before any other handler runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.clock import Clock
from bot.config import Settings
from bot.flood import FloodLimit
from bot.learners import get_learner, touch_learner
from bot.services import Services
from bot.storage.models import Learner
from bot.study.store import reschedule_learner

if TYPE_CHECKING:
    from bot.reminders.dispatcher import ReminderDispatcher
    from bot.reminders.limits import SendLimiter


@dataclass
class BotData:
    """Everything shared by all handlers of one running bot (PTB's `bot_data`)."""

    settings: Settings | None = None
    clock: Clock | None = None
    services: Services | None = None
    dispatch_every: float | None = None
    install_signal_handlers: bool = False
    flood_guard: FloodLimit | None = None
    dispatcher: ReminderDispatcher | None = None
    send_limiter: SendLimiter | None = None  # replies' and reminders' one limit (handlers.limits)

    @property
    def core(self) -> Services:
        if self.services is None:
            raise RuntimeError("services are not open (post_init did not run)")
        return self.services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """PTB's callback context, plus the core's services and the sender's learner row."""

    def __init__(
        self,
        application: BotApplication,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.learner: Learner | None = None

    @property
    def core(self) -> Services:
        return self.bot_data.core

    @property
    def default_tz(self) -> str:
        return self.core.settings.default_timezone


# The bot type and job queue vary with how the application was built; what handlers rely on
# is the context class and the shared `BotData`.
BotApplication: TypeAlias = Application[Any, BotContext, Any, Any, BotData, Any]
CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

# Updates that must not create a learner row: looking at or deleting one's data.
_READ_ONLY_COMMANDS = ("/mydata", "/forget")


async def load_learner(update: Update, context: BotContext) -> None:
    """Before every handler: the sender's learner row, created or refreshed in private chats.

    Elsewhere (groups, inline queries) the row is only read. After /forget nothing is
    re-created by the deleting update itself or by /mydata and /forget.
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None:
        return
    core = context.core
    text = update.message.text if update.message and update.message.text else ""
    read_only = (
        chat is None
        or chat.type != chat.PRIVATE
        or text.split("@", 1)[0].split(" ", 1)[0].lower() in _READ_ONLY_COMMANDS
        or (update.callback_query is not None and (update.callback_query.data or "").startswith("x:forget"))
    )
    if read_only:
        context.learner = await get_learner(core.db, user.id)
        return
    assert chat is not None
    learner, came_back = await touch_learner(
        core.db, core.clock, user_id=user.id, chat_id=chat.id, first_name=user.first_name or ""
    )
    context.learner = learner
    if came_back:  # they had blocked the bot: their plans' reminders start again
        await reschedule_learner(core.db, core.clock, user.id, core.settings.default_timezone)
