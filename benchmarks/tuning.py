"""Search figures on the tuning data, per set and pooled: the numbers each round's notes and the
README quote as "on the tuning queries", reproducible with one command.

    python -m benchmarks.tuning          # every TUNING_n list, DEV and EXTRA (4,571 queries)
    python -m benchmarks.tuning --fails  # and, per set, what page 1 got wrong

Only data already tuned on is read: never the held-out queries (`HELD_OUT`) or a blind set kept
unread (`FRESH`). The understanding step's counterpart is `python -m tests.understand.evaluation`.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from typing import Any

import benchmarks.relevance as relevance
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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tuning", description=__doc__.split("\n\n")[0])
    parser.add_argument("--fails", action="store_true", help="list each set's misses")
    args = parser.parse_args(argv)
    print("\n".join(search_report(asyncio.run(shipped_search()), fails=args.fails)))


if __name__ == "__main__":
    main()
