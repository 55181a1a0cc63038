"""What the core answers with: text (Telegram HTML) and buttons, as plain values.

Handlers turn a `Reply` into a Telegram message; the terminal chat and the benchmarks use
the same values. A button's data is a typed value from `bot.callbacks`, packed (and
checked against Telegram's 64-byte limit) when the button is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class Button:
    label: str
    data: str | CallbackData | None = None  # packed to a string of at most 64 bytes on creation
    url: str | None = None
    switch_inline: str | None = None  # opens inline mode with this query

    def __post_init__(self) -> None:
        if isinstance(self.data, CallbackData):
            object.__setattr__(self, "data", self.data.pack())

    @property
    def callback_data(self) -> str | None:
        """The packed data (always a string once the button exists)."""
        return self.data if isinstance(self.data, str) else None


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    notice: str | None = None  # a short pop-up for button presses


def esc(text: object) -> str:
    """Escape anything that came from a user or a data file for Telegram HTML."""
    return escape(str(text), quote=False)


def esc_attr(text: object) -> str:
    """Escape a value for an HTML attribute (a link's href): quotes too."""
    return escape(str(text), quote=True)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_number(text: str) -> bool:
    """ASCII digits only: "¹" or "٣" pass `str.isdigit()` but are not ids we ever make."""
    return 0 < len(text) <= 18 and text.isascii() and text.isdigit()


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 plan", "2 plans", "0 plans"; `many` for irregular words ("1 day", "3 days" is regular)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
