"""Search relevance on the learner-written labelled set `tests/data/search_eval.yaml`.

Shared by `tests/catalog/test_search_relevance.py` (which asserts the issue's bars on the
held-out queries) and `python -m benchmarks` (which prints the same figures). The data is
read from `tests/data/` as a file; no test code is imported.

**Held-out split.** Every third query (positions 0, 3, 6, ...) is a *dev* case, looked at
while tuning the search; the other two thirds are *held out* and were never looked at one
by one. Tuning also used `tests/data/search_tuning_extra.yaml` (`EXTRA`), queries written
for the purpose outside the evaluation file, and `tests/data/search_tuning_2.yaml`
(`TUNING_2`), written blind to the search code, whose figures were noted before tuning on it
(it shares some query texts with the held-out and fresh sets: those were not looked at one by
one), and `tests/data/fresh_search_eval.yaml` (`TUNING_3`), the fresh blind set of round 2,
tuned on in round 3, and `tests/data/fresh_search_eval_2.yaml` (`TUNING_4`), round 3's first
blind set, measured and then tuned on, and `tests/data/fresh_search_eval_3.yaml` (`TUNING_5`),
its second, measured once and then tuned on, and `tests/data/fresh_search_eval_4.yaml`
(`TUNING_6`), written at the end of round 3, measured once, then tuned on in round 4, and
`tests/data/fresh_search_eval_5.yaml` (`TUNING_7`), round 4's blind set, read once at its end
and then tuned on, and `tests/data/search_tuning_8.yaml` (`TUNING_8`), written blind as round
5's tuning data, and `tests/data/fresh_search_eval_6.yaml` (`TUNING_9`), round 5's first blind
set, read once mid-round, then tuned on, and `tests/data/fresh_search_eval_7.yaml` (`TUNING_10`),
the blind set written late in round 5, read once at its end and tuned on in round 6, and
`tests/data/search_tuning_11.yaml` (`TUNING_11`), written blind as round 6's tuning data, and
`tests/data/fresh_search_eval_8.yaml` (`TUNING_12`), round 6's first blind set, read once mid-round,
then tuned on, and `tests/data/fresh_search_eval_9.yaml` (`TUNING_13`), the blind set written late
in round 6, read once at its end, tuned on in round 7, and `tests/data/fresh_search_eval_13.yaml`
(`TUNING_14`), round 7's first blind set, read once mid-round, then tuned on, and
`tests/data/fresh_search_eval_14.yaml` (`TUNING_15`), written mid-round 7, read once at its
end, tuned on in round 8, and `tests/data/fresh_search_eval_15.yaml` (`TUNING_16`), written at
the start of round 8, read once mid-round, then tuned on, and `tests/data/fresh_search_eval_16.yaml`
(`TUNING_17`), written mid-round 8, read once late in it, then tuned on, and
`tests/data/fresh_search_eval_17.yaml` (`TUNING_18`), written late in round 8, read once at its
end, tuned on in round 9, and `tests/data/search_tuning_19.yaml` (`TUNING_19`), written blind as round
9's tuning data, and `tests/data/fresh_search_eval_18.yaml` (`TUNING_20`), written at the start
of round 9, read once at its end, tuned on in round 10, and `tests/data/search_tuning_21.yaml`
(`TUNING_21`), written blind as round 10's tuning data, and `tests/data/fresh_search_eval_20.yaml`
(`TUNING_22`), written at the start of round 10, read once at its end, tuned on in round 11,
and `tests/data/fresh_search_eval_22.yaml` (`TUNING_23`), written at the start of round 11, read
once at its end, tuned on in round 12, and `tests/data/fresh_search_eval_24.yaml` (`TUNING_24`),
written at the start of round 12, read once at its end, tuned on in round 13.
`tests/data/fresh_search_eval_26.yaml` (`TUNING_25`), written at the start of round 13, read once
at its end, tuned on in round 14, and `tests/data/fresh_search_eval_28.yaml` (`TUNING_26`),
written at the start of round 14, read once at its end, tuned on in round 15, and
`tests/data/fresh_search_eval_30.yaml` (`TUNING_27`), written at the start of round 15, read once
at its end, tuned on in round 16, and `tests/data/fresh_search_eval_32.yaml` (`TUNING_28`),
written at the start of round 16, read once at its end, tuned on in round 17, and
`tests/data/fresh_search_eval_34.yaml` (`TUNING_29`), written at the start of round 17, read once
at its end, tuned on in round 18, and `tests/data/fresh_search_eval_36.yaml` (`TUNING_30`), written
at the start of round 18, read once at its end, tuned on in round 19, and
`tests/data/fresh_search_eval_38.yaml` (`TUNING_31`), written at the start of round 19, read once
at its end, tuned on in round 20, and `tests/data/fresh_search_eval_40.yaml` (`TUNING_32`), written
at the start of round 20, read once at its end, tuned on in round 21, and
`tests/data/fresh_search_eval_42.yaml` (`TUNING_33`), written at the start of round 21, read once
at its end, tuned on in round 22, and `tests/data/fresh_search_eval_44.yaml` (`TUNING_34`), written
at the start of round 22, read once at its end, tuned on in round 23, and
`tests/data/fresh_search_eval_46.yaml` (`TUNING_35`), written at the start of round 23, read once
at its end, tuned on in round 24, and `tests/data/fresh_search_eval_48.yaml` (`TUNING_36`), written
at the start of round 24, read once at its end, tuned on in round 25, and
`tests/data/fresh_search_eval_50.yaml` (`TUNING_37`), written at the start of round 25, read once
at its end, tuned on in round 26, and `tests/data/fresh_search_eval_52.yaml` (`TUNING_38`), written
at the start of round 26, read once at its end, tuned on in round 27, and
`tests/data/fresh_search_eval_54.yaml` (`TUNING_39`), written at the start of round 27, read once
at its end, tuned on in round 28, and `tests/data/fresh_search_eval_56.yaml` (`TUNING_40`),
written at the start of round 28, read once at its end, tuned on in round 29.
`tests/data/fresh_search_eval_58.yaml` (`FRESH`) is the blind set written at the start of round 29,
kept unread while tuning, never tuned on. Page 1 is what the
learner sees: the search's matches with the filters it read from the query applied, first five;
when the filters leave no match, the related courses they allow (`SearchResult.page_one`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.filters import Facets
from bot.catalog.search import CourseSearch

ROOT = Path(__file__).resolve().parents[1]


def _queries(name: str) -> list[dict[str, Any]]:
    """The labelled queries of one set in `tests/data/`."""
    text = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")
    queries: list[dict[str, Any]] = yaml.safe_load(text)["queries"]
    return queries


ALL = _queries("search_eval.yaml")
# Extra tuning queries written for tuning, outside the evaluation file (printed, never asserted).
EXTRA = _queries("search_tuning_extra.yaml")
# A second tuning set, written blind to the search code for round 2 of issue #12 and tuned on
# after its first figures were noted (printed, never asserted).
TUNING_2 = _queries("search_tuning_2.yaml")
# Written blind to the search code after round 2 (160 queries), printed as the honest figure
# then, and tuned on in round 3 (printed, never asserted).
TUNING_3 = _queries("fresh_search_eval.yaml")
# Written blind to the search code early in round 3 (200 queries: the writer listed the queries
# before opening the catalogue), measured, then tuned on (printed, never asserted).
TUNING_4 = _queries("fresh_search_eval_2.yaml")
# Written blind later in round 3 the same way (200 queries), measured once, then tuned on (printed).
TUNING_5 = _queries("fresh_search_eval_3.yaml")
# Written blind at the end of round 3 the same way (200 queries), measured once, then tuned on in
# round 4 (printed).
TUNING_6 = _queries("fresh_search_eval_4.yaml")
# Written blind early in round 4 the same way (200 queries), read once at the end of the round
# (83.1 % best in top 5; its 90 queries no earlier set has: 67.6 %), then tuned on in the round's
# last hour (printed).
TUNING_7 = _queries("fresh_search_eval_5.yaml")
# Written blind at the start of round 5 the same way (160 queries) as tuning data (printed).
TUNING_8 = _queries("search_tuning_8.yaml")
# Written blind at the start of round 5 by two writers the same way (241 queries), before any of
# the round's tuning, kept unread while tuning, read once (88.5 % best in top 5), then tuned on (printed).
TUNING_9 = _queries("fresh_search_eval_6.yaml")
# Written blind late in round 5 by two writers the same way (193 queries), kept unread while tuning,
# read once at the end of round 5 (92.6 % best in top 5; its 90 unshared queries 85.7 %), then tuned
# on in round 6 (printed).
TUNING_10 = _queries("fresh_search_eval_7.yaml")
# Written blind at the start of round 6 the same way (110 queries) as tuning data (printed).
TUNING_11 = _queries("search_tuning_11.yaml")
# Written blind at the start of round 6 by two writers the same way (182 queries once the second
# writer's repeats of the first's were dropped), kept unread while tuning, read once mid-round
# (94.6 % best in top 5; its 74 unshared queries 85.1 %), then tuned on (printed).
TUNING_12 = _queries("fresh_search_eval_8.yaml")
# Written blind late in round 6 by two writers the same way (192 queries once repeats were dropped),
# read once at its end (91.9 %; its 79 unshared queries 84.3 %), then tuned on in round 7 (printed).
TUNING_13 = _queries("fresh_search_eval_9.yaml")
# Written blind at the start of round 7 by two writers the same way (190 queries once repeats were
# dropped), kept unread while tuning, read once mid-round (84.4 %; its 108 unshared queries
# 78.0 %; the same under the round's starting code), then tuned on (printed).
TUNING_14 = _queries("fresh_search_eval_13.yaml")
# Written blind mid-round 7 by two writers the same way (209 queries once repeats were dropped),
# kept unread while tuning, read once at the round's end (80.1 %; its 113 unshared queries 66.7 %;
# the same under the round's starting code), then tuned on in round 8 (printed).
TUNING_15 = _queries("fresh_search_eval_14.yaml")
# Written blind at the start of round 8 by two writers the same way (205 queries once repeats were
# dropped), kept unread while tuning, read once mid-round (88.5 %; its 117 unshared
# queries 80.8 %; under the round's starting code 87.1 % and 79.5 %), then tuned on (printed).
TUNING_16 = _queries("fresh_search_eval_15.yaml")
# Written blind mid-round 8 by two writers the same way (204 queries once repeats were dropped),
# kept unread while tuning, read once late in the round (87.5 %; its 113 unshared queries 79.3 %;
# under the round's starting code 86.2 % and 78.2 %), then tuned on (printed).
TUNING_17 = _queries("fresh_search_eval_16.yaml")
# Written blind late in round 8 by two writers the same way (202 queries once repeats were
# dropped), kept unread while tuning, read once at the round's end (93.6 %; its 86 unshared queries
# 89.7 %; under the round's starting code 93.0 % and 89.7 %), then tuned on in round 9 (printed).
TUNING_18 = _queries("fresh_search_eval_17.yaml")
# Written blind in round 9 by one writer the same way, as tuning data (printed).
TUNING_19 = _queries("search_tuning_19.yaml")
# Written blind at the start of round 9 by two writers the same way (211 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (86.9 %; its 116 queries
# no tuning set has 76.8 %; the same under the round's starting code), then tuned on in round 10
# (printed).
TUNING_20 = _queries("fresh_search_eval_18.yaml")
# Written blind in round 10 by one writer the same way, as tuning data (first read: 76.7 % best
# in the top 5; learners describing a problem instead of a skill) (printed).
TUNING_21 = _queries("search_tuning_21.yaml")
# Written blind at the start of round 10 by two writers the same way (216 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (85.9 %; its 128 queries
# no tuning set has 77.6 %; under the round's starting code 83.7 % and 74.1 %), then tuned on in
# round 11 (printed).
TUNING_22 = _queries("fresh_search_eval_20.yaml")
# Written blind at the start of round 11 by two writers the same way (215 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (86.5 %; its 139 queries
# no tuning set has 81.8 %; under the round's starting code 85.8 % and 80.8 %), then tuned on
# in round 12 (printed).
TUNING_23 = _queries("fresh_search_eval_22.yaml")
# Written blind at the start of round 12 by two writers the same way (215 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (89.1 %; its 155 queries
# no tuning set has 83.6 %; the same under the round's starting code), then tuned on in round 13
# (printed).
TUNING_24 = _queries("fresh_search_eval_24.yaml")
# Written blind at the start of round 13 by two writers the same way (219 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (82.9 %; its 131 queries
# no tuning set has 72.8 %; the same under the round's starting code), then tuned on in round 14
# (printed).
TUNING_25 = _queries("fresh_search_eval_26.yaml")
# Written blind at the start of round 14 by two writers the same way (219 queries), kept unread
# while tuning, read once at the round's end (88.2 %; its 135 queries no tuning set has 79.2 %;
# the same under the round's starting code), then tuned on in round 15 (printed).
TUNING_26 = _queries("fresh_search_eval_28.yaml")
# Written blind at the start of round 15 by two writers the same way (212 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (85.7 %; its 104 queries
# no tuning set has 81.2 %; the same under the round's starting code), then tuned on in round 16
# (printed).
TUNING_27 = _queries("fresh_search_eval_30.yaml")
# Written blind at the start of round 16 by two writers the same way (218 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (80.7 %; its 165 queries
# no tuning set has 76.4 %; the same under the round's starting code), then tuned on in round
# 17 (printed).
TUNING_28 = _queries("fresh_search_eval_32.yaml")
# Written blind at the start of round 17 by two writers the same way (237 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (84.4 %; its 163 queries
# no tuning set has 78.2 %; the same under the round's starting code), then tuned on in round
# 18 (printed).
TUNING_29 = _queries("fresh_search_eval_34.yaml")
# Written blind at the start of round 18 by two writers the same way (259 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (77.9 %; its 179 queries
# no tuning set has 71.3 %; the same under the round's starting code), then tuned on in round 19
# (printed).
TUNING_30 = _queries("fresh_search_eval_36.yaml")
# Written blind at the start of round 19 by two writers the same way (258 queries once repeats
# were dropped), kept unread while tuning, read once at the round's end (81.7 %; its 215 queries
# no tuning set has 76.7 %; the same under the round's starting code), then tuned on in round 20
# (printed).
TUNING_31 = _queries("fresh_search_eval_38.yaml")
# Written blind at the start of round 20 by two writers the same way (255 queries once repeats
# were dropped, 187 with nothing relevant), kept unread while tuning, read once at the round's
# end (63.2 %; its 239 queries no tuning set has 63.1 %; the same under the round's starting
# code), then tuned on in round 21 (printed).
TUNING_32 = _queries("fresh_search_eval_40.yaml")
# Written blind at the start of round 21 by two writers the same way (245 queries once repeats
# were dropped, 103 with nothing relevant), kept unread while tuning, read once at the round's
# end (78.2 %; its 160 queries no tuning set has 68.1 %; the same under the round's starting
# code, but filters 97.3 % there, 98.6 % at the end), then tuned on in round 22 (printed).
TUNING_33 = _queries("fresh_search_eval_42.yaml")
# Written blind at the start of round 22 by two writers the same way (246 queries once repeats
# were dropped, 138 with nothing relevant), kept unread while tuning, read once at the round's end
# (81.5 %; its 168 queries no tuning set has 73.1 %; exactly the same under the round's starting
# code), then tuned on in round 23 (printed).
TUNING_34 = _queries("fresh_search_eval_44.yaml")
# Written blind at the start of round 23 by two writers the same way (244 queries once repeats
# were dropped, 116 with nothing relevant), kept unread while tuning, read once at the round's end
# (81.2 %; its 156 queries no tuning set has 75.9 %; exactly the same under the round's starting
# code), then tuned on in round 24 (printed).
TUNING_35 = _queries("fresh_search_eval_46.yaml")
# Written blind at the start of round 24 by two writers the same way (246 queries once repeats
# were dropped, 112 with nothing relevant), kept unread while tuning, read once at the round's end
# (85.1 %; its 152 queries no tuning set has 82.6 %; the same under the round's starting code),
# then tuned on in round 25 (printed).
TUNING_36 = _queries("fresh_search_eval_48.yaml")
# Written blind at the start of round 25 by two writers the same way (251 queries once repeats
# were dropped, 123 with nothing relevant), kept unread while tuning, read once at the round's end
# (79.7 %; its 146 queries no tuning set has 69.7 %; the same under the round's starting code),
# then tuned on in round 26 (printed).
TUNING_37 = _queries("fresh_search_eval_50.yaml")
# Written blind at the start of round 26 by two writers the same way (255 queries once repeats
# were dropped, 173 with nothing relevant), kept unread while tuning, read once at the round's end
# (82.9 %; its 183 queries no tuning set has 78.0 %; the same under the round's starting code),
# then tuned on in round 27 (printed).
TUNING_38 = _queries("fresh_search_eval_52.yaml")
# Written blind at the start of round 27 by two writers the same way (257 queries once repeats
# were dropped, 141 with nothing relevant), kept unread while tuning, read once at the round's end
# (85.3 %; its 161 queries no tuning set has 81.7 %; the same under the round's starting code),
# then tuned on in round 28 (printed).
TUNING_39 = _queries("fresh_search_eval_54.yaml")
# Written blind at the start of round 28 by two writers the same way (260 queries once repeats
# were dropped, 153 with nothing relevant), kept unread while tuning, read once at the round's end
# (71.0 %; its 179 queries no tuning set has 57.8 %; the same under the round's starting code),
# then tuned on in round 29 (printed).
TUNING_40 = _queries("fresh_search_eval_56.yaml")
# Written blind at the start of round 29 by two writers the same way (257 queries once repeats
# were dropped, 141 with nothing relevant), kept unread while tuning, read once at the round's end
# (76.7 %; its 195 queries no tuning set has 66.7 %; 75.9 % under the round's starting code):
# the honest figure (printed).
FRESH = _queries("fresh_search_eval_58.yaml")
DEV = [q for n, q in enumerate(ALL) if n % 3 == 0]
HELD_OUT = [q for n, q in enumerate(ALL) if n % 3 != 0]
# Learners type the same short queries ("python", "excel"): some of the fresh set's texts are also
# in search_eval.yaml or a tuning set. Its honest core is the queries no tuning set has (the same
# text in a tuned-on set was looked at, one by one or in totals).
TUNED = [
    *DEV, *EXTRA, *TUNING_2, *TUNING_3, *TUNING_4, *TUNING_5, *TUNING_6, *TUNING_7, *TUNING_8, *TUNING_9,
    *TUNING_10, *TUNING_11, *TUNING_12, *TUNING_13, *TUNING_14, *TUNING_15, *TUNING_16,
    *TUNING_17, *TUNING_18, *TUNING_19, *TUNING_20, *TUNING_21, *TUNING_22,
    *TUNING_23, *TUNING_24, *TUNING_25, *TUNING_26, *TUNING_27, *TUNING_28, *TUNING_29, *TUNING_30,
    *TUNING_31, *TUNING_32, *TUNING_33, *TUNING_34, *TUNING_35,
    *TUNING_36, *TUNING_37, *TUNING_38, *TUNING_39, *TUNING_40,
]
_TUNED_TEXTS = {q["query"] for q in TUNED}
FRESH_UNSEEN = [q for q in FRESH if q["query"] not in _TUNED_TEXTS]
PAGE = 5


def labelled_facets(filters: dict[str, Any] | None) -> Facets:
    """The file's filter labels as the search's `Facets`."""
    facets: dict[str, Any] = {}
    for key, value in (filters or {}).items():
        if key == "price":
            facets["free"] = value == "free"
        elif key == "mode":
            if value == "online":
                facets["online"] = True
            else:
                facets["mode"] = "hybrid" if value == "blended" else value
        elif key in ("self_paced", "ects", "certificate"):
            facets[key] = bool(value)
        elif key == "max_eur":  # whole euros, as the search keeps them (£30 is labelled 35.1)
            facets[key] = int(round(value))
        else:  # max_hours, level, language, eqf
            facets[key] = value
    return Facets(**facets)


@dataclass
class Figures:
    queries: int = 0
    with_relevant: int = 0
    best_in_top: int = 0
    precision: list[float] = field(default_factory=list)
    never_shown: list[str] = field(default_factory=list)
    filter_queries: int = 0
    filters_understood: int = 0
    empty_shown: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    wrong_filters: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # counts only: a failure report does not list held-out queries
        return self.line("Figures")

    @property
    def top5(self) -> float:
        return self.best_in_top / max(1, self.with_relevant)

    @property
    def precision_at_5(self) -> float:
        return sum(self.precision) / max(1, len(self.precision))

    @property
    def filters_rate(self) -> float:
        return self.filters_understood / max(1, self.filter_queries)

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.queries} queries; best in top 5 {self.top5:.1%} ({self.best_in_top}/"
            f"{self.with_relevant}); precision@5 {self.precision_at_5:.3f}; never on page 1: "
            f"{len(self.never_shown)}; filters understood {self.filters_rate:.1%} ({self.filters_understood}/"
            f"{self.filter_queries}); empty-relevant queries showing courses: {len(self.empty_shown)}"
        )


def evaluate(
    search: CourseSearch, queries: list[dict[str, Any]], read: Callable[[str], str | None] | None = None
) -> Figures:
    """Page 1 for each query, as the search shows it for the query typed; with `read`, for what
    the bot searches when the query is sent as a message (`read` gives the search's words, or
    `None` when the bot replies otherwise: an answer, the care reply, the advise-me questions;
    then nothing is shown and no filter is read)."""
    figures = Figures(queries=len(queries))
    for q in queries:
        searched = q["query"] if read is None else read(q["query"])
        result = search.search(searched) if searched else None
        page = [m.course.key for m in result.page_one(result.facets)[:PAGE]] if result else []
        facets = result.facets if result else Facets()
        relevant, best = set(q.get("relevant") or []), set(q.get("best") or [])
        if "filters" in q:
            figures.filter_queries += 1
            if facets == labelled_facets(q["filters"]):
                figures.filters_understood += 1
            else:
                figures.wrong_filters.append(q["query"])
        if relevant:
            figures.with_relevant += 1
            if best & set(page):
                figures.best_in_top += 1
            else:
                figures.misses.append(q["query"])
            if page:
                figures.precision.append(sum(key in relevant for key in page) / len(page))
        elif page:
            figures.empty_shown.append(q["query"])
        if set(q.get("never") or []) & set(page):
            figures.never_shown.append(q["query"])
    return figures
