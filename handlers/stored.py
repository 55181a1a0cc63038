"""Guided conversations whose step lives in the database, so any instance can carry on.

PTB's `ConversationHandler` keeps each learner's step in memory. `StoredConversation` writes
it (with the answers so far, through its `store` callback) after every update it handles, and
`restore` puts the stored step back before an update is routed: a restart, or another instance
on the same database, continues where the learner was. Used by the plan questions
(`handlers/study.py`) and the "Advise me" questions (`handlers/advise.py`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from handlers.context import BotContext

StoreStep = Callable[[Update, BotContext, "int | None"], Awaitable[None]]
# What a conversation's `load` gives back for (user id, chat id): the step, and the
# `user_data` entries (answers so far) it puts back; None when not in the conversation.
Saved = tuple[int, dict[str, object]] | None
LoadStep = Callable[[BotContext, int, int], Awaitable[Saved]]


class StoredConversation(ConversationHandler):  # type: ignore[type-arg]
    """A conversation whose step (None: not in it) is stored by `store` after each update."""

    def __init__(self, *, store: StoreStep, load: LoadStep, keys: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._store = store
        self._load = load
        self._keys = keys  # the `user_data` entries that `load` restores (or clears)

    async def load_saved(self, update: Update, context: BotContext) -> None:
        """Before routing: the learner's place and answers, as saved in the database (this
        instance may have restarted, or answered none of the earlier steps)."""
        key = ids(update)
        if key is None or (update.message is None and update.callback_query is None):
            return
        saved = await self._load(context, *key)
        self.restore(update, saved[0] if saved is not None else None)
        if context.user_data is None:
            return
        values = saved[1] if saved is not None else {}
        for name in self._keys:
            if values.get(name) is None:
                context.user_data.pop(name, None)
            else:
                context.user_data[name] = values[name]

    def restore(self, update: Update, step: int | None) -> None:
        """Make the in-memory step what the database says (no step: not in the conversation)."""
        key = self._get_key(update)
        if step is None:
            self._conversations.pop(key, None)
        else:
            self._conversations[key] = step

    def step_of(self, update: Update) -> int | None:
        state = self._conversations.get(self._get_key(update))
        return state if isinstance(state, int) else None

    async def handle_update(  # type: ignore[override]
        self, update: Update, application: Any, check_result: Any, context: Any
    ) -> object | None:
        result = await super().handle_update(update, application, check_result, context)
        if isinstance(context, BotContext):
            await self._store(update, context, self.step_of(update))
        return result


def find(context: BotContext, name: str) -> StoredConversation | None:
    """The application's stored conversation called `name`."""
    for handlers in context.application.handlers.values():
        for handler in handlers:
            if isinstance(handler, StoredConversation) and handler.name == name:
                return handler
    return None


def ids(update: Update) -> tuple[int, int] | None:
    """(user id, chat id) of the update, the key a conversation is stored under."""
    user, chat = update.effective_user, update.effective_chat
    return (user.id, chat.id) if user is not None and chat is not None else None
