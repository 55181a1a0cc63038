"""End to end: the real Application polling the fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot import welcome as texts
from tests.conftest import TOKEN, USER, BotHarness, buttons, text_of


async def test_start_shows_welcome_with_three_jobs(harness: BotHarness) -> None:
    replies = await harness.say("/start")
    assert len(replies) == 1
    assert "Microcred Advisor" in text_of(replies)
    labels = [label for label, _ in buttons(replies[0])]
    assert any("question" in label.lower() for label in labels)
    assert any("course" in label.lower() for label in labels)
    assert any("study plan" in label.lower() for label in labels)


async def test_command_menu_is_registered_at_start_up(harness: BotHarness) -> None:
    registered = {c["command"] for c in harness.api.commands}
    assert registered == {name for name, _ in texts.COMMANDS}
    assert harness.api.sent("setMyCommands")


async def test_help_lists_commands(harness: BotHarness) -> None:
    replies = await harness.say("/help")
    assert "/search" in text_of(replies)
    assert "/faq" in text_of(replies)


async def test_button_press_is_answered(harness: BotHarness) -> None:
    help_reply = (await harness.say("/help"))[0]
    message = harness.message_of(help_reply)
    before = len(harness.api.sent("answerCallbackQuery"))
    replies = await harness.press(message, "m:home")
    assert len(harness.api.sent("answerCallbackQuery")) == before + 1
    assert replies and replies[0].method == "editMessageText"
    assert "What would you like to do?" in text_of(replies)


async def test_update_sent_while_bot_is_down_is_answered_after_restart(
    harness: BotHarness,
) -> None:
    await harness.say("/start")
    await harness.stop()
    raw = harness.api.send_text(USER, "/help")  # nobody is polling now
    await harness.start()
    replies = await harness.deliver(raw, USER)
    assert "/search" in text_of(replies)
    assert harness.api.pending_updates() == 0 or harness.api.confirmed_offset > raw["update_id"]


async def test_repeated_update_after_restart_is_harmless(harness: BotHarness) -> None:
    """A stop racing a long poll can redeliver an update: handling it twice must be safe."""
    raw = harness.api.send_text(USER, "/start")
    await harness.deliver(raw, USER)
    harness.processed.discard(raw["update_id"])
    harness.api.push_update({k: v for k, v in raw.items() if k != "update_id"})
    replies = await harness.say("/start")
    assert "Microcred Advisor" in text_of(replies)


async def test_token_never_reaches_logs_at_debug(
    make_settings: Any, fake_api: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.clock import ManualClock
    from bot.logs import configure_logging

    api, server = fake_api
    settings = make_settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url, log_level="DEBUG"
    )
    configure_logging("DEBUG", secrets=[TOKEN])  # as `python -m bot run` does
    caplog.set_level(logging.DEBUG)
    bot = BotHarness(settings, api, ManualClock())
    await bot.start()
    try:
        await bot.say("/start")
        api.fail_next("sendMessage", "5xx")
        await bot.say("/help")
    finally:
        await bot.stop()
        configure_logging("WARNING")
    assert caplog.records, "expected DEBUG records to be captured"
    secret = TOKEN.split(":", 1)[1]
    assert secret not in caplog.text
    assert all(secret not in r.getMessage() for r in caplog.records)
