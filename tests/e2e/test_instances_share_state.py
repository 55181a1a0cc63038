"""Several instances on one database behave as one bot: an /advise flow whose steps alternate
between them, /reload on one reloading all (the content version), flood limits across them."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import _catalog
from bot import content_version
from bot.storage.models import ConversationState
from handlers import admin
from handlers.context import BotContext
from tests.conftest import ADMIN, CONTENT, TOKEN, USER, text_of
from tests.e2e.test_conversation_restart import Instance, core, rows, started_instances
from tests.fakes.bot_api import Call, FakeBotApi
from tests.fakes.server import FakeBotApiServer

pytestmark = pytest.mark.filterwarnings("ignore:Ignoring `conversation_timeout`")  # no JobQueue here

OLD_WORDING = "A microcredential is a small, certified qualification."
NEW_WORDING = "A microcredential is a short, certified qualification (reloaded wording)."


def reword_faq(content_dir: Path) -> None:
    """An operator edits an FAQ answer in the content folder every instance reads."""
    faq = content_dir / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    assert OLD_WORDING in text
    faq.write_text(text.replace(OLD_WORDING, NEW_WORDING), encoding="utf-8")


@pytest.fixture
async def trio(
    make_settings: Any, fake_api: tuple[FakeBotApi, FakeBotApiServer], database_url: str, tmp_path: Path
) -> AsyncIterator[list[Instance]]:
    """Three bots on one database (SQLite, then PostgreSQL) and one copy of the content folder."""
    api, server = fake_api
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    settings = make_settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url, database_url=database_url,
        content_dir=content, admin_user_ids=frozenset({ADMIN}), flood_max_updates=6,
    )  # fmt: skip
    async with started_instances(settings, api, 3) as started:
        yield started


def message(api: FakeBotApi, call: Call) -> dict[str, Any]:
    chat = int(call.params["chat_id"])
    if "message_id" in call.params:
        return api.messages[(chat, int(call.params["message_id"]))]
    return [
        m for (c, _), m in api.messages.items()
        if c == chat and m["from"]["id"] == api.bot_id and m.get("text") == call.params.get("text")
    ][-1]  # fmt: skip


async def test_advise_steps_alternating_between_instances_end_in_one_shortlist(trio: list[Instance]) -> None:
    a, b, c = trio
    api = a.api
    [goal] = await a.handle(api.send_text(USER, "/advise"))
    assert "What is your goal?" in text_of([goal])
    [level] = await b.handle(api.press(USER, message(api, goal), "a:g:data analyst"))
    assert "What is your level" in text_of([level])
    asked = message(api, level)
    assert "budget" in text_of(await c.handle(api.press(USER, asked, "a:l:beginner")))
    assert "hours a week" in text_of(await a.handle(api.press(USER, asked, "a:b:any")))
    assert "Online only" in text_of(await b.handle(api.press(USER, asked, "a:h:5")))
    [shortlist] = await c.handle(api.press(USER, asked, "a:o:any"))
    text = text_of([shortlist])
    assert "My shortlist for data analyst" in text and "at 5 h a week" in text  # every answer arrived
    assert await rows(a.app, ConversationState) == []  # finished: nothing left to carry on


async def test_a_typed_goal_reaches_the_instance_that_asked_nothing(trio: list[Instance]) -> None:
    a, b, _ = trio
    api = a.api
    await a.handle(api.send_text(USER, "recommend me a course"))
    level = await b.handle(api.send_text(USER, "public speaking"))  # b never saw the question
    assert "What is your level" in text_of(level) and "public speaking" in text_of(level)
    assert "/advise" in text_of(await a.handle(api.press(USER, message(api, level[0]), "a:c")))
    assert await rows(a.app, ConversationState) == []


async def test_reload_on_one_instance_reloads_every_instance(trio: list[Instance], tmp_path: Path) -> None:
    a, b, c = trio
    api = a.api
    assert OLD_WORDING in text_of(await b.handle(api.send_text(USER, "what is a microcredential")))
    reword_faq(tmp_path / "content")
    reloaded = text_of(await a.handle(api.send_text(ADMIN, "/reload")))
    assert "Reloaded" in reloaded and "content version 1" in reloaded
    for other in (b, c):  # their periodic check (the job queue runs it every few seconds)
        await admin.follow_content_job(BotContext(other.app))
        assert NEW_WORDING in text_of(await other.handle(api.send_text(USER, "what is a microcredential")))
        assert core(other.app).content_version == 1
    assert not await core(a.app).follow_content()  # the reloading instance does not reload twice


async def test_an_import_from_the_command_line_is_picked_up_by_running_instances(
    trio: list[Instance], tmp_path: Path
) -> None:
    a, b, _ = trio
    export = tmp_path / "catalogue.yaml"
    assert await _catalog(core(a.app).settings, "export", export) == 0
    assert await _catalog(core(a.app).settings, "import", export) == 0
    assert await content_version.current(core(a.app).db) == 1
    assert await core(a.app).follow_content() and await core(b.app).follow_content()
    assert not await core(b.app).follow_content()


async def test_flood_limits_hold_across_instances(trio: list[Instance]) -> None:
    if core(trio[0].app).db.is_sqlite:
        pytest.skip("SQLite serves one instance: its flood guard is in memory (tests/e2e/test_flood.py)")
    api = trio[0].api
    replies: list[Call] = []
    for n in range(12):  # six allowed in the window; each instance alone sees only four
        replies += await trio[n % 3].handle(api.send_text(USER, f"/help {n}"))
    texts = [str(c.params.get("text")) for c in replies if int(c.params["chat_id"]) == USER]
    assert sum("lot of messages" in t for t in texts) == 1
    assert len(texts) == 7  # six answers, one "slow down", then silence
