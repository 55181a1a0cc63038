"""Webhook mode: Telegram's secret header is checked; updates without it are refused."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from app.telegram_app import build_application
from bot.clock import ManualClock
from bot.config import ConfigError, load_settings
from tests.conftest import TOKEN, USER

SECRET = "s3cret_from-the-operator"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_updates_need_the_secret_header(make_settings: Any, fake_api: Any) -> None:
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
    try:
        assert api.webhook["url"] == url and api.webhook["secret_token"] == SECRET
        command = {"type": "bot_command", "offset": 0, "length": 6}
        message = {"message_id": 1, "date": 0, "text": "/start", "chat": api.private_chat(USER)}
        update = {"update_id": 1, "message": {**message, "from": api.user(USER), "entities": [command]}}
        async with httpx.AsyncClient() as client:
            missing = await client.post(url, json=update)
            wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
            assert missing.status_code == 403 and wrong.status_code == 403
            assert api.sent("sendMessage", USER) == []
            right = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            assert right.status_code == 200
        await api.wait_until(lambda: bool(api.sent("sendMessage", USER)))
        assert "Microcred Advisor" in str(api.sent("sendMessage", USER)[0].params["text"])
    finally:
        await app.updater.stop()
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()


@pytest.mark.parametrize(
    ("values", "setting"),
    [
        ({"webhook_url": "https://bot.example.org/hook"}, "WEBHOOK_SECRET"),
        ({"webhook_url": "https://bot.example.org/hook", "webhook_secret": "has spaces"}, "WEBHOOK_SECRET"),
        ({"webhook_url": "ftp://bot.example.org/hook", "webhook_secret": "ok"}, "WEBHOOK_URL"),
        ({"port": 0}, "PORT"),
    ],
)
def test_bad_webhook_settings_name_the_setting(
    make_settings: Any, values: dict[str, Any], setting: str
) -> None:
    with pytest.raises(ConfigError, match=f"^Bad setting {setting}:"):
        load_settings(**values)
