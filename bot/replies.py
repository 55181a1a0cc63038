"""What the core answers with: text (Telegram HTML) and buttons, as plain values.

Handlers turn a `Reply` into a Telegram message; the terminal chat and the benchmarks use
the same values. Callback data is short and versioned by prefix (see `handlers/`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None  # callback data, at most 64 bytes
    url: str | None = None
    switch_inline: str | None = None  # opens inline mode with this query


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    notice: str | None = None  # a short pop-up for button presses


def esc(text: object) -> str:
    """Escape anything that came from a user or a data file for Telegram HTML."""
    return escape(str(text), quote=False)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit_callback(data: str) -> str:
    """Cut callback data to Telegram's 64-byte limit on a character boundary."""
    while len(data.encode()) > 64:
        data = data[:-1]
    return data


def is_number(text: str) -> bool:
    """ASCII digits only: "¹" or "٣" pass `str.isdigit()` but are not ids we ever make."""
    return 0 < len(text) <= 18 and text.isascii() and text.isdigit()
