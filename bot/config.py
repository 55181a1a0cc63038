"""Settings read from the environment and `.env`, validated once at start-up.

Every setting is documented in `.env.example`. A bad value raises `ConfigError` with one
line naming the setting, so the CLI can print it instead of a traceback.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.replies import is_number

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/microcred.db"


class ConfigError(Exception):
    """A setting has a bad value; the message is one line naming it."""


class Settings(BaseSettings):
    """Everything the operator can configure."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_timezone: str = "Europe/London"
    log_level: str = "INFO"
    reminder_lease_seconds: int = Field(default=120, ge=5, le=3600)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8443, ge=1, le=65535)
    flood_max_updates: int = Field(default=20, ge=1)
    flood_window_seconds: float = Field(default=10.0, gt=0)
    flood_cooldown_seconds: float = Field(default=30.0, ge=0)
    content_dir: Path = Field(default=Path(__file__).resolve().parent.parent / "content")

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram tokens look like "123456:ABC-def"; catching a pasted URL or quote early
        # beats a confusing InvalidToken later. The value itself is never echoed.
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        bot_id, sep, rest = secret.partition(":")
        if not (sep and bot_id.isascii() and bot_id.isdigit() and rest and " " not in secret):
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return SecretStr(secret)

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be the public https:// address Telegram will post updates to")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _blank_secret_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's rule for secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -.
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("use 1-256 characters: letters, digits, _ and -")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET: is required when WEBHOOK_URL is set")
        return self

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip() or DEFAULT_DATABASE_URL
        if value.startswith("postgres://") or value.startswith("postgresql://"):
            # Accept the common Heroku-style spelling and use the async driver.
            value = "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must be sqlite+aiosqlite:///path.db or postgresql+asyncpg://...")
        return value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            for part in parts:
                if not is_number(part.lstrip("-")):
                    raise ValueError(f"expected comma-separated Telegram user ids, got {part!r}")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use a name like Europe/Berlin)") from None
        return value.strip()

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return level

    @property
    def token(self) -> str | None:
        """The bot token as plain text, or None when the bot runs as a terminal chat."""
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)


def load_settings(**overrides: object) -> Settings:
    """Read settings; raise `ConfigError` with one line naming the bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        if not first["loc"]:  # a rule across settings names its setting first
            name, _, message = message.partition(": ")
        raise ConfigError(f"Bad setting {name}: {message}") from None
