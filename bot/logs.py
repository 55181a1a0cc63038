"""Logging: one format for the whole process, and no bot token in any log line.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so its loggers
stay at WARNING. A redacting log-record factory is the second line of defence.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_NOISY_LOGGERS = ("httpx", "httpcore", "alembic")


_secrets: list[str] = []
_base_factory = logging.getLogRecordFactory()


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    """Builds every log record, with each known secret replaced by `[redacted]`.

    A record factory (rather than a handler filter) covers every handler, including ones
    added later such as pytest's capture, and PTB's own DEBUG line that prints the API URL.
    """
    record = _base_factory(*args, **kwargs)
    if _secrets:
        message = record.getMessage()
        redacted = message
        for secret in _secrets:
            redacted = redacted.replace(secret, "[redacted]")
        if redacted != message:
            record.msg, record.args = redacted, None
    return record


def redact(secret: str | None) -> None:
    """Never let `secret` (and its part after the bot id) appear in a log line."""
    if not secret:
        return
    for value in (secret, secret.partition(":")[2]):
        if value and value not in _secrets:
            _secrets.append(value)
    _secrets.sort(key=len, reverse=True)
    logging.setLogRecordFactory(_redacting_factory)


def configure_logging(level: str, *, secrets: list[str] | None = None) -> None:
    """Send logs to stderr in one format, at `level`, with secrets redacted."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_microcred", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler._microcred = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for secret in secrets or []:
        redact(secret)
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
