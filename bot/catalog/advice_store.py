""" "Advise me" answers so far, stored in the database at every step (like the plan
conversation's, `bot/study/drafts.py`), so a restart or another instance behind the same
database carries on where the learner was.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, delete

from bot.catalog.advise import Answers
from bot.storage.db import Database
from bot.storage.models import ConversationState

ADVISE = "advise"  # the conversation's name (also the ConversationHandler's)
MAX_AGE = timedelta(hours=2)  # as the conversation's timeout


def encode(answers: Answers) -> str:
    return json.dumps(asdict(answers), ensure_ascii=False)


def decode(text: str) -> Answers:
    """The stored answers; anything unreadable counts as no answers yet."""
    try:
        data = json.loads(text)
        return Answers(
            goal=str(data.get("goal") or ""),
            level=data.get("level") if isinstance(data.get("level"), str) else None,
            max_eur=int(data["max_eur"]) if data.get("max_eur") is not None else None,
            hours_per_week=int(data["hours_per_week"]) if data.get("hours_per_week") is not None else None,
            online=bool(data.get("online")),
        )
    except (ValueError, TypeError, AttributeError, KeyError):
        return Answers()


async def load(db: Database, now: datetime, learner_id: int, chat_id: int) -> tuple[int, Answers] | None:
    """The step and answers so far; `None` if the learner is not being advised (or left it too long)."""
    async with db.session() as session:
        row = await session.get(ConversationState, (learner_id, chat_id, ADVISE))
        if row is None:
            return None
        if now - row.updated_at > MAX_AGE:
            await session.delete(row)
            return None
        return row.step, decode(row.data)


async def save(
    db: Database, now: datetime, learner_id: int, chat_id: int, step: int, answers: Answers
) -> None:
    """Store the step and answers (one atomic upsert: two instances never collide on the key)."""
    data = encode(answers)
    insert = sqlite_insert if db.is_sqlite else postgresql_insert
    upsert = insert(ConversationState).values(
        learner_id=learner_id, chat_id=chat_id, name=ADVISE, step=step, data=data, updated_at=now
    )
    upsert = upsert.on_conflict_do_update(
        index_elements=[
            col(c) for c in (ConversationState.learner_id, ConversationState.chat_id, ConversationState.name)
        ],
        set_={"step": step, "data": data, "updated_at": now},
    )
    async with db.session() as session:
        await session.exec(upsert)


async def clear(db: Database, learner_id: int, chat_id: int) -> None:
    """The flow ended (shortlist shown, cancelled): nothing is kept."""
    async with db.session() as session:
        await session.exec(
            delete(ConversationState).where(
                col(ConversationState.learner_id) == learner_id,
                col(ConversationState.chat_id) == chat_id,
                col(ConversationState.name) == ADVISE,
            )
        )
