"""No secret in any output: log messages, tracebacks in logs, uncaught exceptions."""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterator

import pytest

from bot import logs

SECRET = "4242:logs-test-secret-QwErTy"


class RejectedToken(Exception):
    pass


@pytest.fixture
def stream(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    hooks = sys.excepthook, threading.excepthook
    logs.configure_logging("INFO", secrets=[SECRET])
    yield captured
    sys.excepthook, threading.excepthook = hooks


def raise_with_secret() -> None:
    raise RejectedToken(f"The token `{SECRET}` was rejected by the server.")


def test_tracebacks_in_log_lines_are_redacted(stream: io.StringIO) -> None:
    try:
        raise_with_secret()
    except RejectedToken:
        logging.getLogger("anything").exception("Start-up failed for %s", SECRET)
    output = stream.getvalue()
    assert "Traceback" in output and "RejectedToken: The token `[redacted]` was rejected" in output
    assert SECRET.partition(":")[2] not in output


def test_stack_info_and_a_second_formatter_are_redacted(stream: io.StringIO) -> None:
    other = io.StringIO()
    handler = logging.StreamHandler(other)  # a plain formatter, like a test's own capture
    logging.getLogger().addHandler(handler)
    try:
        try:
            raise_with_secret()
        except RejectedToken as error:
            logging.getLogger("anything").error("failed", exc_info=error, stack_info=True)
    finally:
        logging.getLogger().removeHandler(handler)
    assert "[redacted]" in other.getvalue() and "[redacted]" in stream.getvalue()
    assert SECRET.partition(":")[2] not in other.getvalue() + stream.getvalue()


def test_uncaught_exceptions_are_redacted(stream: io.StringIO, capsys: pytest.CaptureFixture[str]) -> None:
    assert sys.excepthook is logs.redacting_excepthook
    assert threading.excepthook is logs.redacting_thread_hook
    try:
        raise_with_secret()
    except RejectedToken:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    def in_a_thread() -> None:  # pytest replaces threading.excepthook during a test: call ours
        try:
            raise_with_secret()
        except RejectedToken:
            kind, error, tb = sys.exc_info()
            logs.redacting_thread_hook(
                threading.ExceptHookArgs((kind, error, tb, threading.current_thread()))
            )

    thread = threading.Thread(target=in_a_thread, name="worker")
    thread.start()
    thread.join()
    output = capsys.readouterr().err
    assert (
        output.count("RejectedToken: The token `[redacted]`") == 2 and "Exception in thread worker" in output
    )
    assert SECRET.partition(":")[2] not in output
