"""What the core answers with: text (Telegram HTML) and buttons, as plain values.

Handlers turn a `Reply` into a Telegram message; the terminal chat and the benchmarks use
the same values. A button's data is a typed value from `bot.callbacks`, packed (and
checked against Telegram's 64-byte limit) when the button is made.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from html import escape

from bot.callbacks import MAX_BYTES, CallbackData
from bot.telegram_html import visible_length

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096  # a message's visible text (after HTML parsing), in UTF-16 code units
CAPTION_LIMIT = 1024  # the same for a photo's or document's caption
MAX_BUTTONS = 100  # buttons in one inline keyboard
NOTICE_LIMIT = 200  # a button press's pop-up
MORE_BUTTONS = "More choices:"  # the text over buttons that did not fit under the last part


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


def shorten_visible(text: str, limit: int) -> str:
    """Like `shorten`, counting as Telegram does (UTF-16 code units: an emoji is two)."""
    text = " ".join(text.split())
    if visible_length(escape(text, quote=False)) <= limit:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit - 1:
            return text[:index].rstrip() + "…"
    return text  # pragma: no cover - the length check above returned already


def is_number(text: str) -> bool:
    """ASCII digits only: "¹" or "٣" pass `str.isdigit()` but are not ids we ever make."""
    return 0 < len(text) <= 18 and text.isascii() and text.isdigit()


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 plan", "2 plans", "0 plans"; `many` for irregular words ("1 day", "3 days" is regular)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


# --- Telegram's limits: every reply is checked, and split or trimmed by design, before sending ---

_PIECE = re.compile(r"<[^<>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|.", re.S)
_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")
_CLOSE_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")


def button_problem(button: Button) -> str | None:
    """Why Telegram would refuse this button (empty label, data over 64 bytes), or None."""
    if not button.label.strip():
        return "empty button label"
    data = button.callback_data
    if data is not None and len(data.encode()) > MAX_BYTES:
        return f"button data of {len(data.encode())} bytes (at most {MAX_BYTES})"
    return None


def reply_problems(reply: Reply, limit: int = TEXT_LIMIT) -> list[str]:
    """Every way `reply` breaks Telegram's limits (empty list when it can be sent as it is)."""
    problems = []
    length = visible_length(reply.text)
    if length > limit:
        problems.append(f"text of {length} characters (at most {limit})")
    if not reply.text.strip():
        problems.append("empty text")
    if reply.notice is not None and len(reply.notice) > NOTICE_LIMIT:
        problems.append(f"pop-up of {len(reply.notice)} characters (at most {NOTICE_LIMIT})")
    count = sum(len(row) for row in reply.buttons)
    if count > MAX_BUTTONS:
        problems.append(f"{count} buttons (at most {MAX_BUTTONS})")
    problems += [p for row in reply.buttons for b in row if (p := button_problem(b)) is not None]
    return problems


def fit_reply(reply: Reply, limit: int = TEXT_LIMIT) -> list[Reply]:
    """`reply` as messages Telegram accepts, in order: the same reply when it fits.

    A long text is split at paragraphs, else lines, else spaces (`split_html`); the buttons go
    under the last part, and buttons beyond 100 under "More choices:" messages. A button that
    Telegram would refuse (data over 64 bytes) is left out and logged: it is a bug, never sent.
    """
    if not reply_problems(reply, limit):
        return [reply]
    rows = []
    for row in reply.buttons:
        kept = [b for b in row if button_problem(b) is None]
        if len(kept) < len(row):
            log.warning("Left out %d button(s) Telegram would refuse", len(row) - len(kept))
        if kept:
            rows.append(kept)
    keyboards = _keyboards(rows)
    texts = split_html(reply.text, limit) if reply.text.strip() else ["…"]
    parts = [Reply(text) for text in texts[:-1]]
    parts.append(Reply(texts[-1], keyboards[0] if keyboards else []))
    parts += [Reply(MORE_BUTTONS, keyboard) for keyboard in keyboards[1:]]
    notice = shorten(reply.notice, NOTICE_LIMIT) if reply.notice is not None else None
    parts[0] = replace(parts[0], notice=notice)
    return parts


def _keyboards(rows: list[list[Button]]) -> list[list[list[Button]]]:
    """The rows in keyboards of at most `MAX_BUTTONS` buttons each, rows kept whole if they can."""
    keyboards: list[list[list[Button]]] = [[]]
    count = 0
    for whole in rows:
        for start in range(0, len(whole), MAX_BUTTONS):
            row = whole[start : start + MAX_BUTTONS]
            if count + len(row) > MAX_BUTTONS:
                keyboards.append([])
                count = 0
            keyboards[-1].append(row)
            count += len(row)
    return [k for k in keyboards if k]


def split_html(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Telegram-HTML `text` as parts of at most `limit` visible characters (UTF-16 units).

    Each cut is at the last paragraph break that leaves the part at least half full, else
    the last line break, else the last space, else anywhere between characters (never inside
    a tag or an entity like &amp;). Tags open at a cut are closed at the end of the part and
    opened again at the start of the next, so every part is valid HTML on its own.
    """
    if visible_length(text) <= limit:
        return [text]
    pieces = _PIECE.findall(text)
    widths = [0 if p.startswith("<") else visible_length(p) for p in pieces]
    open_at = _open_tags(pieces)  # open_at[i]: the opening tags still open before piece i
    parts: list[str] = []
    start = 0
    while start < len(pieces):
        cut = _cut(pieces, widths, start, limit)
        while cut < len(pieces) and pieces[cut].startswith("</"):
            cut += 1  # a tag closing right at the cut ends this part
        while cut - 1 > start and _OPEN_TAG.fullmatch(pieces[cut - 1]):
            cut -= 1  # and one opening right at it starts the next
        body = "".join(pieces[start:cut]).rstrip(" \n")
        closing = "".join(f"</{_tag_name(tag)}>" for tag in reversed(open_at[cut]))
        part = "".join(open_at[start]) + body + closing
        if _shows_something(part):  # Telegram refuses a message of white space only
            parts.append(part)
        start = cut
        while start < len(pieces) and pieces[start] in (" ", "\n"):
            start += 1
    return parts or ["…"]


def _shows_something(part: str) -> bool:
    return bool(re.sub(r"<[^<>]*>", "", part).strip())


def _tag_name(tag: str) -> str:
    found = _OPEN_TAG.match(tag)
    return found.group(1).lower() if found else ""


def _open_tags(pieces: list[str]) -> list[tuple[str, ...]]:
    """For each position (and the end), the opening tags not yet closed before it."""
    stack: list[str] = []
    result: list[tuple[str, ...]] = []
    for piece in pieces:
        result.append(tuple(stack))
        if piece.startswith("</"):
            closed = _CLOSE_TAG.match(piece)
            name = closed.group(1).lower() if closed else ""
            if stack and _tag_name(stack[-1]) == name:
                stack.pop()
        elif _OPEN_TAG.match(piece):
            stack.append(piece)
    result.append(tuple(stack))
    return result


def _cut(pieces: list[str], widths: list[int], start: int, limit: int) -> int:
    """Where the part that begins at `start` ends (exclusive): the best break that fits."""
    width = 0
    end = start
    while end < len(pieces) and width + widths[end] <= limit:
        width += widths[end]
        end += 1
    if end == len(pieces):
        return end
    end = min(max(end, start + 1), len(pieces) - 1)
    filled = [0]
    for index in range(start, end):
        filled.append(filled[-1] + widths[index])
    for breaks_at in (_paragraph_break, _line_break, _space):
        for index in range(end, start, -1):
            if filled[index - start] < limit // 2:
                break
            if breaks_at(pieces, index):
                return index
    return end


def _paragraph_break(pieces: list[str], index: int) -> bool:
    return pieces[index] == "\n" and index + 1 < len(pieces) and pieces[index + 1] == "\n"


def _line_break(pieces: list[str], index: int) -> bool:
    return pieces[index] == "\n"


def _space(pieces: list[str], index: int) -> bool:
    return pieces[index] == " "
