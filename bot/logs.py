"""Logging: one format for the whole process, and no bot token in any output.

httpx logs every request URL at INFO, and Bot API URLs contain the token, so its loggers
stay at WARNING. Then three layers keep known secrets out of what the process prints:

* a log-record factory redacts every log message (whichever handler prints it);
* `RedactingFormatter` redacts tracebacks in log lines, which include exception text such
  as PTB's "The token `…` was rejected" (the record factory never sees that text);
* `redacting_excepthook` does the same for an exception nobody caught.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import Any

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_NOISY_LOGGERS = ("httpx", "httpcore", "alembic")
REDACTED = "[redacted]"


_secrets: list[str] = []
_base_factory = logging.getLogRecordFactory()


def scrub(text: str) -> str:
    """`text` with every known secret replaced by `[redacted]`."""
    for secret in _secrets:
        text = text.replace(secret, REDACTED)
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    """Builds every log record, with each known secret replaced by `[redacted]`.

    A record factory (rather than a handler filter) covers every handler, including ones
    added later such as pytest's capture, and PTB's own DEBUG line that prints the API URL.
    """
    record = _base_factory(*args, **kwargs)
    if _secrets:
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string: let the handler report it as usual
            return record
        redacted = scrub(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            # Other handlers (pytest's capture) print `exc_text` when set: set it redacted.
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    return record


class RedactingFormatter(logging.Formatter):
    """The usual format, with secrets removed from tracebacks and stack traces as well."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        return scrub(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 (logging's name)
        return scrub(super().formatStack(stack_info))


def redacting_excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: the usual traceback on stderr, with secrets removed."""
    sys.stderr.write(scrub("".join(traceback.format_exception(kind, error, tb))))


def redacting_thread_hook(hook_args: threading.ExceptHookArgs) -> None:
    """threading.excepthook: the usual report, with secrets removed."""
    if hook_args.exc_type is SystemExit:
        return
    name = hook_args.thread.name if hook_args.thread is not None else "?"
    sys.stderr.write(f"Exception in thread {name}:\n")
    redacting_excepthook(
        hook_args.exc_type, hook_args.exc_value or hook_args.exc_type(), hook_args.exc_traceback
    )


def redact(secret: str | None) -> None:
    """Never let `secret` (and its part after the bot id) appear in any output."""
    if not secret:
        return
    for value in (secret, secret.partition(":")[2]):
        if value and value not in _secrets:
            _secrets.append(value)
    _secrets.sort(key=len, reverse=True)
    logging.setLogRecordFactory(_redacting_factory)
    sys.excepthook = redacting_excepthook
    threading.excepthook = redacting_thread_hook


def configure_logging(level: str, *, secrets: list[str] | None = None) -> None:
    """Send logs to stderr in one format, at `level`, with secrets redacted."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_microcred", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    handler._microcred = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for secret in secrets or []:
        redact(secret)
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
