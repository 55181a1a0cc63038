"""The webhook refuses an unauthenticated or oversized request on its headers alone."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.telegram_app import build_application
from app.webhook_guard import MAX_WEBHOOK_BODY
from bot.clock import ManualClock
from tests.conftest import TOKEN, USER
from tests.e2e.test_webhook import SECRET, free_port


@pytest.fixture
async def webhook(make_settings: Any, fake_api: Any) -> AsyncIterator[tuple[int, Any]]:
    api, server = fake_api
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = make_settings(
        telegram_bot_token=TOKEN, telegram_api_base_url=server.base_url, webhook_url=url,
        webhook_secret=SECRET, port=port,
    )  # fmt: skip
    app = build_application(settings, clock=ManualClock(datetime(2026, 3, 2, 9, tzinfo=UTC), frozen=True))
    await app.initialize()
    assert app.post_init is not None and app.updater is not None
    await app.post_init(app)
    await app.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="telegram-hook", webhook_url=url, secret_token=SECRET
    )
    await app.start()
    yield port, api
    await app.updater.stop()
    await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()


async def answer_to_headers(port: int, headers: dict[str, str]) -> str:
    """Send only the headers of a POST (no body) and return the status line the server sends.

    A server that waited for the announced body would never answer: the wait is bounded.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [
        "POST /telegram-hook HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
    ] + [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    try:
        return (await asyncio.wait_for(reader.readline(), 20)).decode().strip()
    finally:
        writer.close()


async def test_a_100_mb_body_without_the_secret_is_refused_unread(webhook: tuple[int, Any]) -> None:
    port, _ = webhook
    status = await answer_to_headers(port, {"Content-Length": str(100 * 1024 * 1024)})
    assert status.startswith("HTTP/1.1 403")
    wrong = {"Content-Length": str(100 * 1024 * 1024), "X-Telegram-Bot-Api-Secret-Token": "guess"}
    assert (await answer_to_headers(port, wrong)).startswith("HTTP/1.1 403")


async def test_an_oversized_body_with_the_secret_is_refused_unread(webhook: tuple[int, Any]) -> None:
    port, _ = webhook
    headers = {"Content-Length": str(MAX_WEBHOOK_BODY + 1), "X-Telegram-Bot-Api-Secret-Token": SECRET}
    assert (await answer_to_headers(port, headers)).startswith("HTTP/1.1 413")


async def test_a_chunked_body_past_the_limit_is_cut_off_and_a_normal_update_works(
    webhook: tuple[int, Any],
) -> None:
    port, api = webhook
    url = f"http://127.0.0.1:{port}/telegram-hook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}

    async def endless() -> AsyncIterator[bytes]:
        for _ in range(4 * MAX_WEBHOOK_BODY // 65536):
            yield b" " * 65536

    async with httpx.AsyncClient() as client:
        try:
            refused = await client.post(url, content=endless(), headers=headers)
            assert refused.status_code in (400, 413)
        except httpx.TransportError:
            pass  # or the server hung up mid-body: either way, nothing was processed
        command = {"type": "bot_command", "offset": 0, "length": 6}
        message = {"message_id": 1, "date": 0, "text": "/start", "chat": api.private_chat(USER)}
        update = {"update_id": 1, "message": {**message, "from": api.user(USER), "entities": [command]}}
        right = await client.post(url, json=update, headers=headers)
        assert right.status_code == 200
    await api.wait_until(lambda: bool(api.sent("sendMessage", USER)))
