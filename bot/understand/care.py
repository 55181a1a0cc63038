"""Care: noticing a learner who writes about stress, anxiety, burnout or giving up.

The words that mark such a message and the replies live in `content/care.yaml`, so they can
be edited without programming. Urgent phrases (a crisis, self-harm) win over the others.
Nothing here gives medical advice: the replies point to people who can help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.content import ContentError, read_yaml, require_list, require_str
from bot.telegram_html import html_problem
from bot.text import fold

CareLevel = Literal["urgent", "care"]
_ABOUT_ME = re.compile(r"(?<![a-z])(?:i|im|i'm|ive|i've|id|i'd|me|my|myself|mine)(?![a-z])")
# "i'm not stressed", "never really anxious", "i don't feel overwhelmed": a signal right after a
# negation (one word may sit between) says the opposite. "i don't want to give up" still counts.
_NEGATED = re.compile(
    r"(?<![a-z])(?:not|never|isnt|isn't|arent|aren't|wasnt|wasn't|werent|weren't|no longer|"
    r"(?:dont|don't|do not|didnt|didn't|never) (?:feel|get|feeling|getting))\s+(?:[a-z']+\s+)?$"
)


@dataclass(frozen=True)
class Care:
    signals: tuple[str, ...]
    urgent_signals: tuple[str, ...]
    reply: str
    urgent_reply: str
    feelings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_signal", _phrase_pattern(self.signals))
        object.__setattr__(self, "_urgent", _phrase_pattern(self.urgent_signals))
        object.__setattr__(self, "_feeling", _phrase_pattern(self.feelings))

    def level(self, text: str) -> CareLevel | None:
        """ "urgent", "care", or `None` when the message shows no sign of distress."""
        folded = " " + " ".join(_apostrophes(fold(text)).split()) + " "
        if self._urgent.search(folded):  # type: ignore[attr-defined]
            return "urgent"
        if _affirmed(self._signal, folded):  # type: ignore[attr-defined]
            return "care"
        if _ABOUT_ME.search(folded) and _affirmed(self._feeling, folded):  # type: ignore[attr-defined]
            return "care"
        return None


def _affirmed(pattern: re.Pattern[str], folded: str) -> bool:
    """Whether `pattern` occurs in `folded` at least once without a negation just before it."""
    return any(not _NEGATED.search(folded[: found.start()]) for found in pattern.finditer(folded))


def _apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("`", "'")


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    if not phrases:
        return re.compile(r"(?!x)x")
    parts = sorted(
        {re.escape(" ".join(_apostrophes(fold(p)).split())) for p in phrases}, key=len, reverse=True
    )
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(parts) + r")(?![a-z0-9])")


def load_care(content_dir: Path) -> Care:
    path = content_dir / "care.yaml"
    data = read_yaml(path)
    signals = tuple(str(s) for s in require_list(path, data, "signals"))
    urgent = tuple(str(s) for s in require_list(path, data, "urgent_signals"))
    feelings = tuple(str(s) for s in (data.get("feelings") or [])) if isinstance(data, dict) else ()
    replies = {key: require_str(path, "", data, key) for key in ("reply", "urgent_reply")}
    for key, text in replies.items():
        problem = html_problem(text)
        if problem:
            raise ContentError(path, None, key, problem)
    return Care(signals, urgent, replies["reply"].strip(), replies["urgent_reply"].strip(), feelings)
