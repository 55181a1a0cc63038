"""Telegram's HTML subset: what it accepts, and what a user sees of it.

Used to validate content files at start-up (so a typo in an answer fails loudly, not in a
learner's chat) and by the fake Bot API, which refuses what Telegram would refuse.
"""

from __future__ import annotations

import html
import re

ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
        "span", "tg-spoiler", "blockquote", "tg-emoji",
    }
)  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse `text` as HTML (unknown or unbalanced tag, bare < > &)."""
    stack: list[str] = []
    position = 0
    while True:
        lt = text.find("<", position)
        amp = text.find("&", position)
        if amp != -1 and (lt == -1 or amp < lt):
            if not _ENTITY.match(text, amp):
                return f"bare & at {amp} (write &amp;)"
            position = amp + 1
            continue
        if lt == -1:
            break
        tag = _TAG.match(text, lt)
        if tag is None:
            return f"bare < at {lt} (write &lt;)"
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name not in ALLOWED_TAGS:
            return f"unsupported tag <{name}>"
        if closing:
            if not stack or stack.pop() != name:
                return f"unexpected </{name}>"
        else:
            stack.append(name)
        position = tag.end()
    if stack:
        return f"unclosed <{stack[-1]}>"
    if ">" in _TAG.sub("", text):
        return "bare > (write &gt;)"
    return None


def visible_length(text: str) -> int:
    """How long Telegram counts a Telegram-HTML text: what is left after parsing the tags and
    entities (a link counts its words, not its address), in UTF-16 code units (an emoji is 2)."""
    visible = html.unescape(re.sub(r"<[^<>]*>", "", text))
    return len(visible.encode("utf-16-le")) // 2


def html_to_text(text: str) -> str:
    """What a user sees of a Telegram-HTML message: tags dropped, links kept in brackets."""
    text = re.sub(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', r"\2 (\1)", text, flags=re.S)
    return html.unescape(re.sub(r"<[^<>]+>", "", text))
