"""Follow-ups: a short question after an answer, read as the question it continues.

"what about in nursing?" right after the answer on whether employers recognise microcredentials
asks which sectors value them; "and in Germany?" after it asks about recognition abroad; "what
if they say no?" after the answer on asking an employer to pay asks about other funding. Each
rule in `content/faq.yaml` (under `follow_ups:`) names the answers it follows, what the
follow-up says (a place, a sector, or phrases), and the entry that answers it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content import ContentError
from bot.text import fold, phrase_alternatives

# What a rule may name instead of (or besides) its own phrases: the FAQ's lists of words
NAMED_LISTS = ("places", "sectors")
FOLLOW_UP_MAX_WORDS = 10  # a follow-up is short; a longer message asks its own question


@dataclass(frozen=True)
class FollowUp:
    after: frozenset[str]  # the entries whose answer it follows
    answer: str  # the entry that answers it
    folded: re.Pattern[str] | None  # its words and phrases, accents and case folded
    as_written: re.Pattern[str] | None  # words that count only in capitals ("IT", "US")

    def says(self, text: str, folded: str) -> bool:
        return bool(
            (self.folded is not None and self.folded.search(folded))
            or (self.as_written is not None and self.as_written.search(text))
        )


def follow_up_answer(rules: tuple[FollowUp, ...], after: str | None, text: str) -> str | None:
    """The entry a short follow-up to the answer `after` asks for, by the first rule that fits."""
    if after is None:
        return None
    folded = " ".join(fold(text).replace("’", "'").split())
    if len(folded.split()) > FOLLOW_UP_MAX_WORDS:
        return None
    for rule in rules:
        if after in rule.after and rule.says(text, folded):
            return rule.answer
    return None


def load_follow_ups(
    path: Path, data: dict[str, Any], entry_ids: set[str], lists: dict[str, tuple[str, ...]]
) -> tuple[FollowUp, ...]:
    """The `follow_ups:` rules of faq.yaml; `lists` are the word lists a rule may name."""
    raw = data.get("follow_ups") or []
    if not isinstance(raw, list):
        raise ContentError(path, "follow_ups", None, "must be a list of rules")
    rules = []
    for index, rule in enumerate(raw):
        where = f"follow-up #{index + 1}"
        if not isinstance(rule, dict):
            raise ContentError(path, where, None, "must be a mapping with after, answer and says or names")
        after = rule.get("after")
        if not isinstance(after, list) or not after or not all(isinstance(a, str) for a in after):
            raise ContentError(path, where, "after", "must be a list of entry ids")
        answer = rule.get("answer")
        if not isinstance(answer, str) or answer not in entry_ids:
            raise ContentError(path, where, "answer", f"names no entry: {answer}")
        unknown = sorted(set(after) - entry_ids)
        if unknown:
            raise ContentError(path, where, "after", f"names no entry: {', '.join(unknown)}")
        names = rule.get("names") or []
        if not isinstance(names, list) or not set(names) <= set(NAMED_LISTS):
            raise ContentError(path, where, "names", f"must list some of: {', '.join(NAMED_LISTS)}")
        says = rule.get("says") or []
        if not isinstance(says, list) or not all(isinstance(s, str) and s.strip() for s in says):
            raise ContentError(path, where, "says", "must be a list of words or phrases")
        phrases = [*says, *(word for name in names for word in lists.get(name, ()))]
        if not phrases:
            raise ContentError(path, where, "says", "a rule needs phrases to say or a list to name")
        capitals = [p for p in phrases if p.isupper() and len(p) <= 4]
        rules.append(
            FollowUp(frozenset(after), answer, _pattern([p for p in phrases if p not in capitals], fold),
                     _pattern(capitals, str))  # fmt: skip
        )
    return tuple(rules)


def _pattern(phrases: list[str], form: Callable[[str], str]) -> re.Pattern[str] | None:
    """Whole words or phrases; one ending in "*" is a stem ("refus*")."""
    parts = phrase_alternatives(phrases, form)
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])") if parts else None
