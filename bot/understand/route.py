"""Where free text goes: a course request to the catalogue search, anything else to the FAQ.

"courses on python", "I want to learn photography", "anything for project management?" are
course requests; so is a bare skill ("pyhton", "proj mgmt", "ML") that the catalogue knows
well and the FAQ does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.faq.matcher import Faq, Match
from bot.text import fold

_COURSE_WORDS = r"(?:courses?|microcredentials?|classes|class|programmes?|programs?|trainings?|nanodegrees?)"
# After a skill ("python courses") only words that clearly mean a course count.
_COURSE_SUFFIX = r"(?:courses?|classes|class|programmes?|programs?|training|trainings)"
_REQUEST_PATTERNS = [
    # "I want to learn X", "I'd like to study X", "teach me X", "how can I learn X"
    r"^(?:i\s+(?:want|would like|wanna|need|d like|'d like|am looking)\s+to\s+"
    r"(?:learn|study|get better at|improve)|(?:teach|help)\s+me(?:\s+learn)?|"
    r"how (?:can|do) i learn|where (?:can|do) i learn|learn|learning|study|studying)\s+"
    r"(?:about\s+)?(?P<q>.+)$",
    # "courses on X", "any courses for X", "find me a course in X", "are there classes about X"
    r"^(?:(?:can you\s+)?(?:find|search|show|get|give|recommend|suggest)(?:\s+me)?\s+|"
    r"(?:are|is)\s+there\s+|looking\s+for\s+|i\s+need\s+|any\s+)?"
    r"(?:some\s+|any\s+|a\s+|good\s+|the\s+best\s+)*"
    rf"{_COURSE_WORDS}\s+(?:on|for|in|about|with|covering)\s+(?P<q>.+)$",
    # "anything for X?", "something on X"
    r"^(?:anything|something)\s+(?:for|on|about|in)\s+(?P<q>.+)$",
    # "X courses", "python course please", "search X courses"
    rf"^(?:search\s+(?:for\s+)?)?(?P<q>.+?)\s+{_COURSE_SUFFIX}(?:\s+please)?$",
    r"^search\s+(?:for\s+)?(?P<q>.+)$",
]
_REQUESTS = [re.compile(p) for p in _REQUEST_PATTERNS]
# "what certificates…", "are there free courses", "it" are questions, not skills.
_NOT_A_SKILL = re.compile(
    r"^(?:what|how|who|why|when|where|which|do|does|are|is|can|could|will|would|should|"
    r"it|them|this|that|these|those|one|ones|a|the|my|your|more|other|free|online|short|"
    r"courses?|microcredentials?)\b"
)
_TRAILING = re.compile(r"[\s?!.,]+$|\s+(?:please|pls|plz)$")


@dataclass(frozen=True)
class Route:
    kind: Literal["search", "faq"]
    query: str = ""
    match: Match | None = None


def course_request(text: str) -> str | None:
    """The skill in a request for courses ("courses on python" → "python"), if it is one."""
    folded = _TRAILING.sub("", fold(text).strip())
    for pattern in _REQUESTS:
        found = pattern.match(folded)
        if found:
            query = _TRAILING.sub("", found.group("q")).strip()
            query = re.sub(r"^(?:to|how to)\s+", "", query)
            if query and not _NOT_A_SKILL.match(query):
                return query
    return None


def route(text: str, faq: Faq, is_known_skill: Callable[[str], bool] | None = None) -> Route:
    """Decide what the learner's free text is asking for."""
    query = course_request(text)
    if query is not None:
        return Route("search", query=query)
    match = faq.match(text)
    if match.kind in ("answer", "smalltalk"):
        return Route("faq", match=match)
    if is_known_skill is not None and is_known_skill(text):
        return Route("search", query=text.strip())
    return Route("faq", match=match)
