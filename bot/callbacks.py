"""Button data: every kind a small typed value with `pack()` and `parse()`.

Telegram gives a button at most 64 bytes of data. Each kind here has a short prefix (the
wiring registers one handler per kind with `Kind.matches`), typed fields separated by ":",
and `pack()` refuses anything over 64 bytes *in bytes* (a Cyrillic skill is two bytes a
letter). Free text (a search query) is cut to fit on a character boundary by `fit_text`.
`parse()` returns `None` for anything that is not exactly this kind (an old message, or
data a modified client made up), so handlers never split strings themselves.

| prefix      | kind            | fields                                  |
| ----------- | --------------- | --------------------------------------- |
| `m`         | `MenuChoice`    | ask, find, plan or home                 |
| `f:m`       | `FaqTopics`     | (none): the topic menu                  |
| `f:t`       | `FaqTopic`      | topic id                                |
| `f:a`       | `FaqAnswer`     | entry id                                |
| `s:q`       | `SearchFor`     | query text (cut to fit)                 |
| `s`         | `ResultsPage`   | search id, page, facets code            |
| `c`         | `CourseCard`    | course id, results page to go back to   |
| `r`         | `Recognition`   | course id                               |
| `p:new`     | `StartPlan`     | course id                               |
| `p:<step>`  | `PlanAnswer`    | conversation step letter, value         |
| `p:<act>`   | `PlanAction`    | action, plan id, extra                  |
| `x:forget`  | `ForgetChoice`  | yes or no                               |
| `a`         | `AdviceChoice`  | step letter, chosen value               |
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Self

MAX_BYTES = 64


class CallbackDataTooLong(ValueError):
    """Packed data over Telegram's 64-byte limit: a bug in the caller, never sent."""


def fit_text(text: str, budget: int) -> str:
    """`text` cut to at most `budget` UTF-8 bytes, never inside a character."""
    data = text.encode()
    if len(data) <= budget:
        return text
    return data[:budget].decode(errors="ignore").rstrip()


@dataclasses.dataclass(frozen=True)
class CallbackData:
    """Base of every kind: `prefix` plus the dataclass fields, in order, joined by ":".

    Field types are `int` or `str`; the last `str` field may contain ":" (it takes the rest).
    """

    prefix: ClassVar[str]

    def pack(self) -> str:
        fields = list(dataclasses.fields(self))
        while fields and fields[-1].default == "" and getattr(self, fields[-1].name) == "":
            fields.pop()  # trailing optional fields left out: "c:12", not "c:12:"
        data = ":".join([self.prefix, *(str(getattr(self, f.name)) for f in fields)])
        if len(data.encode()) > MAX_BYTES:
            raise CallbackDataTooLong(f"{type(self).__name__} packs to {len(data.encode())} bytes")
        return data

    @classmethod
    def parse(cls, data: object) -> Self | None:
        if not isinstance(data, str) or not data.startswith(cls.prefix + ":") and data != cls.prefix:
            return None
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        rest = data[len(cls.prefix) + 1 :] if data != cls.prefix else ""
        if not fields:
            return cls() if rest == "" else None
        parts = rest.split(":", len(fields) - 1)
        required = sum(1 for f in fields if f.default is dataclasses.MISSING)
        if not required <= len(parts) <= len(fields):
            return None
        fields = fields[: len(parts)]
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for field, raw in zip(fields, parts, strict=True):
            kind = hints[field.name]
            if kind is int:
                if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
                    return None
                values[field.name] = int(raw)
            elif kind is str or (isinstance(kind, types.UnionType) and str in typing.get_args(kind)):
                values[field.name] = raw
            else:  # pragma: no cover - a kind declared with an unsupported type
                raise TypeError(f"{cls.__name__}.{field.name}: unsupported type {kind}")
        try:
            return cls(**values)
        except ValueError:
            return None

    @classmethod
    def matches(cls, data: object) -> bool:
        """For the wiring: does this button data belong to this kind?"""
        return cls.parse(data) is not None


def _one_of(value: str, allowed: frozenset[str]) -> None:
    if value not in allowed:
        raise ValueError(value)


@dataclasses.dataclass(frozen=True)
class MenuChoice(CallbackData):
    prefix: ClassVar[str] = "m"
    choice: str

    def __post_init__(self) -> None:
        _one_of(self.choice, frozenset({"ask", "find", "plan", "home"}))


@dataclasses.dataclass(frozen=True)
class FaqTopics(CallbackData):
    prefix: ClassVar[str] = "f:m"


@dataclasses.dataclass(frozen=True)
class FaqTopic(CallbackData):
    prefix: ClassVar[str] = "f:t"
    topic_id: str


@dataclasses.dataclass(frozen=True)
class FaqAnswer(CallbackData):
    prefix: ClassVar[str] = "f:a"
    entry_id: str


@dataclasses.dataclass(frozen=True)
class CourseQuestion(CallbackData):
    """An FAQ answer about one course first (offered as "Did you mean…?" right after its card)."""

    prefix: ClassVar[str] = "f:c"
    course_id: int
    entry_id: str


@dataclasses.dataclass(frozen=True)
class SearchFor(CallbackData):
    """Run a catalogue search for `query` (cut to fit the 64 bytes)."""

    prefix: ClassVar[str] = "s:q"
    query: str

    @classmethod
    def fitting(cls, query: str) -> SearchFor:
        return cls(fit_text(query, MAX_BYTES - len(cls.prefix) - 1))


@dataclasses.dataclass(frozen=True)
class ResultsPage(CallbackData):
    prefix: ClassVar[str] = "s"
    search_id: int
    page: int
    facets: str


@dataclasses.dataclass(frozen=True)
class CourseCard(CallbackData):
    """Open a course card; `back` is the packed results page to return to ("" for none)."""

    prefix: ClassVar[str] = "c"
    course_id: int
    back: str = ""

    def back_page(self) -> ResultsPage | None:
        return ResultsPage.parse(f"s:{self.back}") if self.back else None


@dataclasses.dataclass(frozen=True)
class Recognition(CallbackData):
    prefix: ClassVar[str] = "r"
    course_id: int


@dataclasses.dataclass(frozen=True)
class StartPlan(CallbackData):
    prefix: ClassVar[str] = "p:new"
    course_id: int


@dataclasses.dataclass(frozen=True)
class StepChoice(CallbackData):
    """A button of a guided conversation: the question's `step` letter comes first."""

    step: str

    @classmethod
    def of_step(cls, step: str) -> Callable[[object], bool]:
        """For the wiring: a matcher for one step's buttons."""

        def matches(data: object) -> bool:
            answer = cls.parse(data)
            return answer is not None and answer.step == step

        return matches


PLAN_STEPS = frozenset("dtsgzfoi")


@dataclasses.dataclass(frozen=True)
class PlanAnswer(StepChoice):
    """A button answer in the plan conversation: `step` is one letter (days, time, …)."""

    prefix: ClassVar[str] = "p"
    step: str
    value: str

    def __post_init__(self) -> None:
        _one_of(self.step, PLAN_STEPS)


PLAN_ACTIONS = frozenset({"done", "snz", "skip", "pause", "resume", "stop", "cu", "at"})


@dataclasses.dataclass(frozen=True)
class PlanAction(CallbackData):
    """An action on one plan: a reminder's buttons, /progress catch-up, stop confirmation."""

    prefix: ClassVar[str] = "p"
    action: str
    plan_id: int
    extra: str = ""

    def __post_init__(self) -> None:
        _one_of(self.action, PLAN_ACTIONS)


@dataclasses.dataclass(frozen=True)
class ForgetChoice(CallbackData):
    prefix: ClassVar[str] = "x:forget"
    answer: str

    def __post_init__(self) -> None:
        _one_of(self.answer, frozenset({"yes", "no"}))


ADVICE_STEPS = frozenset("sglbhoc")  # start, goal, level, budget, hours a week, online, cancel


@dataclasses.dataclass(frozen=True)
class AdviceChoice(StepChoice):
    """A button of the "Advise me" flow: `step` (s start, g goal, l level, b budget, h hours
    a week, o online, c cancel) and the option chosen."""

    prefix: ClassVar[str] = "a"
    step: str
    value: str = ""

    def __post_init__(self) -> None:
        _one_of(self.step, ADVICE_STEPS)
