"""What the bot stores about a learner: all of it on request (/mydata), and deleting it (/forget).

Every table with the learner's user or chat id is covered: the learner, plans, module
progress, study sessions, reminders, recent searches, guided-conversation state, and the
per-chat send-limit row (`chatlastsend`, PostgreSQL's shared rate limit). `sendlog` and
`searchmiss` hold no user or chat id.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlmodel import col, delete, select

from bot.storage.db import Database
from bot.storage.models import (
    ChatLastSend,
    ConversationState,
    FloodCounter,
    Learner,
    ModuleProgress,
    Plan,
    Reminder,
    SearchRequest,
    StudySession,
)

# Every table that holds a learner's user or chat id; `tests/test_privacy.py` fails when a new
# one is added to the schema without being exported and deleted here.
TABLES = frozenset(
    {"learner", "plan", "moduleprogress", "studysession", "reminder", "searchrequest",
     "conversationstate", "chatlastsend", "floodcounter"}
)  # fmt: skip


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime, time)) else value


async def export_learner(db: Database, user_id: int) -> dict[str, Any]:
    """Every stored row about the learner, as JSON-ready data."""
    async with db.session() as session:
        learner = await session.get(Learner, user_id)
        plans = (await session.exec(select(Plan).where(Plan.learner_id == user_id))).all()
        plan_ids = [p.id for p in plans]
        progress = (
            await session.exec(select(ModuleProgress).where(col(ModuleProgress.plan_id).in_(plan_ids)))
        ).all()
        reminders = (await session.exec(select(Reminder).where(Reminder.learner_id == user_id))).all()
        studied = (await session.exec(select(StudySession).where(StudySession.learner_id == user_id))).all()
        searches = (await session.exec(select(SearchRequest).where(SearchRequest.user_id == user_id))).all()
        conversations = (
            await session.exec(select(ConversationState).where(ConversationState.learner_id == user_id))
        ).all()
        chats = _chats_of(user_id, learner)
        send_limits = (
            await session.exec(select(ChatLastSend).where(col(ChatLastSend.chat_id).in_(chats)))
        ).all()
        flood = (await session.exec(select(FloodCounter).where(FloodCounter.learner_id == user_id))).all()

    def rows(items: Any) -> list[dict[str, Any]]:
        return [{k: _plain(v) for k, v in item.model_dump().items()} for item in items]

    return {
        "learner": rows([learner])[0] if learner else None,
        "plans": rows(plans),
        "module_progress": rows(progress),
        "reminders": rows(reminders),
        "study_sessions": rows(studied),
        "recent_searches": rows(searches),
        "conversations": rows(conversations),
        "send_limits": rows(send_limits),  # when a reminder last went to your chat (kept a minute)
        "flood_counter": rows(flood),  # how many messages you sent in the last few seconds
    }


def _chats_of(user_id: int, learner: Learner | None) -> list[int]:
    """The learner's private chat: its id is their user id, and `chat_id` as stored."""
    return sorted({user_id} | ({learner.chat_id} if learner is not None else set()))


def stores_anything(data: dict[str, Any]) -> bool:
    """Whether an export (`export_learner`) holds any row at all, besides the flood counter that
    the very message asking has just written (it is deleted a minute after the last message)."""
    return any(value for key, value in data.items() if key != "flood_counter")


async def forget_learner(db: Database, user_id: int) -> int:
    """Delete everything stored about the learner, in one transaction; returns rows deleted."""
    deleted = 0
    async with db.session() as session:
        plan_ids = list((await session.exec(select(Plan.id).where(Plan.learner_id == user_id))).all())
        chats = _chats_of(user_id, await session.get(Learner, user_id))
        statements = [
            delete(ChatLastSend).where(col(ChatLastSend.chat_id).in_(chats)),
            delete(Reminder).where(col(Reminder.learner_id) == user_id),
            delete(ModuleProgress).where(col(ModuleProgress.plan_id).in_(plan_ids)),
            delete(StudySession).where(col(StudySession.learner_id) == user_id),
            delete(Plan).where(col(Plan.learner_id) == user_id),
            delete(SearchRequest).where(col(SearchRequest.user_id) == user_id),
            delete(ConversationState).where(col(ConversationState.learner_id) == user_id),
            delete(FloodCounter).where(col(FloodCounter.learner_id) == user_id),
            delete(Learner).where(col(Learner.id) == user_id),
        ]
        for statement in statements:
            result = await session.exec(statement)
            deleted += result.rowcount or 0
    return deleted
