"""Search figures on the tuning data, per set and pooled: the numbers each round's notes and the
README quote as "on the tuning queries", reproducible with one command.

    python -m benchmarks.tuning          # every TUNING_n list, DEV and EXTRA (4,571 queries)
    python -m benchmarks.tuning --fails  # and, per set, what page 1 got wrong
    python -m benchmarks.tuning --by-meaning  # what showing the nearest courses by meaning on an
                                              # empty page would do (tried in round 16, left out)
    python -m benchmarks.tuning --setting RELATIVE_CUT=0.75,0.8,0.85  # one search setting's values
    python -m benchmarks.tuning --through-understanding  # each query sent as a message: what the
                                              # understanding step searches for (after "Which
                                              # skill…?" and typed cold), then page 1 of that

Only data already tuned on is read: never the held-out queries (`HELD_OUT`) or a blind set kept
unread (`FRESH`). The understanding step's counterpart is `python -m tests.understand.evaluation`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import benchmarks.relevance as relevance
import bot.catalog.search as search_module
from benchmarks.search_bench import shipped_search
from bot.catalog.search import CourseSearch

PAGE = relevance.PAGE


def tuning_search_sets() -> dict[str, list[dict[str, Any]]]:
    """The search's tuning lists by name, oldest first, then DEV and EXTRA."""
    numbered = sorted(
        (name for name in vars(relevance) if name.startswith("TUNING_") and name[7:].isdigit()),
        key=lambda name: int(name[7:]),
    )
    sets: dict[str, list[dict[str, Any]]] = {name: getattr(relevance, name) for name in numbered}
    sets["DEV"], sets["EXTRA"] = relevance.DEV, relevance.EXTRA
    return sets


def search_report(search: CourseSearch, fails: bool = False) -> list[str]:
    lines: list[str] = []
    pooled: list[dict[str, Any]] = []
    for name, queries in tuning_search_sets().items():
        pooled += queries
        figures = relevance.evaluate(search, queries)
        lines.append(figures.line(name))
        if fails:
            lines += _search_failures(search, queries, figures)
    lines.append(relevance.evaluate(search, pooled).line("POOLED"))
    return lines


def _search_failures(
    search: CourseSearch, queries: list[dict[str, Any]], figures: relevance.Figures
) -> list[str]:
    by_text = {q["query"]: q for q in queries}

    def page(text: str) -> list[str]:
        result = search.search(text)
        return [m.course.key for m in result.page_one(result.facets)[:PAGE]]

    lines = [f"  MISS {m!r} page: {page(m)} best: {by_text[m].get('best', [])[:4]}" for m in figures.misses]
    lines += [f"  EMPTY {m!r} {page(m)}" for m in figures.empty_shown]
    lines += [f"  NEVER {m!r}" for m in figures.never_shown]
    lines += [
        f"  FILTERS {m!r} read {search.search(m).facets} want {by_text[m].get('filters')}"
        for m in figures.wrong_filters
    ]
    return lines


MEANING_SIMILARITIES = (0.4, 0.45, 0.5, 0.55, 0.6)


def by_meaning_report(
    search: CourseSearch, queries: list[dict[str, Any]], similarities: Sequence[float] = MEANING_SIMILARITIES
) -> list[str]:
    """For the queries whose page 1 is empty: how many would show courses if the nearest courses
    by meaning (WordLlama, a course's title and skills) filled it at each similarity, how many of
    those would show a best course in their first three, and how many should have stayed empty."""
    import numpy as np

    from bot.faq.semantic import embed

    courses = list(search.courses.values())
    vectors = embed([f"{c.title}. {', '.join(c.skills)}" for c in courses])
    rows: list[tuple[float, bool, bool]] = []  # (nearest similarity, has relevant, best in 3)
    for query in queries:
        result = search.search(query["query"])
        if result.page_one(result.facets):
            continue
        vector = embed([query["query"]])[0]
        if not np.any(vector):
            continue
        similarity = vectors @ vector
        order = [i for i in np.argsort(-similarity) if result.facets.allows(courses[i])][:3]
        if not order:
            continue
        nearest = {courses[i].key for i in order}
        best = set(query.get("best") or [])
        rows.append((float(similarity[order[0]]), bool(query.get("relevant")), bool(best & nearest)))
    lines = [f"{len(rows)} empty pages, {sum(r[1] for r in rows)} of them with a relevant course"]
    for bar in similarities:
        shown = [r for r in rows if r[0] >= bar]
        lines.append(
            f"similarity >= {bar:g}: {len(shown)} pages filled, {sum(r[2] for r in shown)} with a best "
            f"course in the first three, {sum(not r[1] for r in shown)} that should have stayed empty"
        )
    return lines


def setting_report(
    search: CourseSearch, setting: str, values: Sequence[float], queries: list[dict[str, Any]] | None = None
) -> list[str]:
    """The pooled tuning figures for each value of one of the search's settings (a number
    constant of `bot/catalog/search.py`, such as `RELATIVE_CUT`, read when a query is ranked),
    over `queries` (every tuning list when `None`); the setting is put back afterwards."""
    current = getattr(search_module, setting, None)
    if not isinstance(current, float | int) or isinstance(current, bool):
        raise SystemExit(f"{setting} is not a number setting of bot/catalog/search.py")
    pooled = queries if queries is not None else [q for some in tuning_search_sets().values() for q in some]
    lines = []
    try:
        for value in values:
            setattr(search_module, setting, type(current)(value))
            lines.append(relevance.evaluate(search, pooled).line(f"{setting}={value:g}"))
    finally:
        setattr(search_module, setting, current)
    return lines


def sent_as_a_message(search: CourseSearch, expecting_skill: bool) -> Callable[[str], str | None]:
    """What the bot searches for when a query is sent as a message (`None`: it replies otherwise),
    right after "Which skill would you like to learn?" or typed with nothing before it."""
    from bot.faq.matcher import load_faq
    from bot.understand.care import load_care
    from bot.understand.intent import Context, Understander
    from bot.understand.language import load_languages

    content = Path(__file__).resolve().parents[1] / "content"
    understander = Understander(
        load_faq(content), search.is_known_skill, load_care(content), load_languages(content),
        says_a_need=search.says_a_need,
    )  # fmt: skip
    context = Context(expecting_skill=expecting_skill)

    def read(text: str) -> str | None:
        got = understander.understand(text, context)
        return got.query if got.kind == "search" and got.query else None

    return read


def through_understanding_report(search: CourseSearch, queries: list[dict[str, Any]]) -> list[str]:
    """The pooled figures as the search shows them, and as a learner sees them sending each query
    as a message: after "Which skill…?" (the "Find a course" button) and typed cold."""
    return [
        relevance.evaluate(search, queries).line("typed into the search"),
        relevance.evaluate(search, queries, sent_as_a_message(search, True)).line('after "Which skill…?"'),
        relevance.evaluate(search, queries, sent_as_a_message(search, False)).line("sent cold"),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tuning", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fails", action="store_true", help="list each set's misses")
    parser.add_argument("--by-meaning", action="store_true", help="empty pages filled by meaning, instead")
    parser.add_argument(
        "--setting", metavar="NAME=V1,V2", help="the pooled figures for these values of a search setting"
    )
    parser.add_argument(
        "--through-understanding", action="store_true", help="each query sent as a message, pooled"
    )
    args = parser.parse_args(argv)
    search = asyncio.run(shipped_search())
    if args.through_understanding:
        pooled = [q for queries in tuning_search_sets().values() for q in queries]
        print("\n".join(through_understanding_report(search, pooled)))
        return
    if args.setting:
        name, values = args.setting.split("=")
        print("\n".join(setting_report(search, name, [float(v) for v in values.split(",")])))
        return
    if args.by_meaning:
        pooled = [q for queries in tuning_search_sets().values() for q in queries]
        print("\n".join(by_meaning_report(search, pooled)))
        return
    print("\n".join(search_report(search, fails=args.fails)))


if __name__ == "__main__":
    main()
