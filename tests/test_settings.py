"""Settings: defaults, parsing, and one clear line for each bad value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_DATABASE_URL, ConfigError, load_settings


def test_defaults_need_nothing(make_settings: Any) -> None:
    settings = load_settings()
    assert settings.token is None
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.admin_user_ids == frozenset()
    assert settings.timezone.key == "Europe/London"


def test_values_come_from_environment(monkeypatch: pytest.MonkeyPatch, make_settings: Any) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "12345:abc-DEF")
    monkeypatch.setenv("ADMIN_USER_IDS", "11, 22;33")
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Asia/Kolkata")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/x")
    settings = load_settings()
    assert settings.token == "12345:abc-DEF"
    assert settings.admin_user_ids == {11, 22, 33}
    assert settings.timezone.key == "Asia/Kolkata"
    assert settings.telegram_api_base_url == "http://127.0.0.1:8081"
    assert settings.database_url == "postgresql+asyncpg://u:p@db/x"


def test_values_come_from_dotenv_file(make_settings: Any, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=debug\nADMIN_USER_IDS=7\n")
    settings = load_settings()
    assert settings.log_level == "DEBUG"
    assert settings.admin_user_ids == {7}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ADMIN_USER_IDS", "alice"),
        ("DEFAULT_TIMEZONE", "Mars/Phobos"),
        ("TELEGRAM_BOT_TOKEN", "https://api.telegram.org/bot123"),
        ("LOG_LEVEL", "chatty"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_API_BASE_URL", "ftp://somewhere"),
    ],
)
def test_bad_value_names_the_setting_in_one_line(
    monkeypatch: pytest.MonkeyPatch, make_settings: Any, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert name in message
    assert "\n" not in message


def test_cli_reports_bad_setting_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DEFAULT_TIMEZONE": "Nowhere/Land"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Bad setting DEFAULT_TIMEZONE: unknown time zone 'Nowhere/Land' (use a name like Europe/Berlin)"
    ]
    assert "Traceback" not in result.stderr
