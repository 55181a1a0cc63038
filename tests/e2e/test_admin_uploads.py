"""Hostile catalogue files sent by an admin: refused with one clear line, nothing imported."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from tests.catalog.test_hostile_files import ALIAS_BOMB
from tests.conftest import ADMIN, BotHarness, text_of


async def test_an_alias_bomb_upload_is_refused_in_one_line(harness: BotHarness) -> None:
    raw = harness.api.send_document(ADMIN, "bomb.yaml", ALIAS_BOMB.encode())
    reply = text_of(await harness.deliver(raw, ADMIN))
    assert "Nothing was imported</b>: 1 problem(s) in bomb.yaml" in reply
    assert "anchors (&amp;a) are not allowed" in reply
    assert "Reloaded" in text_of(await harness.deliver(harness.api.send_text(ADMIN, "/reload"), ADMIN))


async def test_an_upload_larger_than_its_stated_size_is_refused(harness: BotHarness) -> None:
    raw = harness.api.send_document(ADMIN, "big.yaml", b"#" * (5 * 1024 * 1024 + 1))
    raw["message"]["document"]["file_size"] = 100  # what the message claims, not what arrives
    reply = text_of(await harness.deliver(raw, ADMIN))
    assert "too large to import" in reply and "Nothing was imported" not in reply


async def test_reload_reads_the_content_off_the_event_loop(harness: BotHarness, monkeypatch: Any) -> None:
    """Re-reading the FAQ embeds its phrasings and trains the care model (about a second):
    the event loop keeps running meanwhile, so other learners are answered."""
    assert harness.app is not None
    services = harness.app.bot_data.core
    loop_ran = threading.Event()

    def slow_reload() -> None:
        time.sleep(0.3)
        if not ticked:
            raise AssertionError("the event loop was blocked while the content was re-read")
        loop_ran.set()

    ticked: list[int] = []

    async def tick() -> None:
        await asyncio.sleep(0.05)
        ticked.append(1)

    monkeypatch.setattr(services, "reload_content", slow_reload)
    ticking = asyncio.create_task(tick())
    reply = text_of(await harness.deliver(harness.api.send_text(ADMIN, "/reload"), ADMIN))
    await ticking
    assert "Reloaded" in reply and loop_ran.is_set()


async def test_the_understanding_step_is_made_once_and_again_after_a_reload(harness: BotHarness) -> None:
    """Made per message it hashed the content each time; now once, and anew when /reload (or a
    rebuilt index) replaces what it reads."""
    assert harness.app is not None
    services = harness.app.bot_data.core
    first = services.understander
    assert services.understander is first
    await asyncio.to_thread(services.reload_content)
    again = services.understander
    assert again is not first and again.faq is services.faq and again.care is services.care
    assert services.understander is again
