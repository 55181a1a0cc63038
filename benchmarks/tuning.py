"""Figures on the tuning data, per set and pooled: the numbers each round's notes and the README
quote as "on the tuning sets", reproducible with one command.

    python -m benchmarks.tuning search          # every TUNING_n list, DEV and EXTRA (4,571 queries)
    python -m benchmarks.tuning understanding   # every set in TUNED_ON (21,530 messages)
    python -m benchmarks.tuning search --fails  # and, per set, what page 1 got wrong

Only data already tuned on is read: never the held-out queries (`HELD_OUT`), the asserted
`learner_eval.yaml`, or a blind set kept unread (`FRESH`). The understanding figures are
in-sample for the learned entry model (it learns these very questions); the cross-validated
figures of `python -m tests.understand.care_tuning` are the ones to trust for it.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from typing import Any

import benchmarks.relevance as relevance
from benchmarks.search_bench import _shipped_search
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


def understanding_report(search: CourseSearch, fails: Sequence[str] = ()) -> list[str]:
    from bot.faq.matcher import load_faq
    from bot.understand.care import load_care
    from bot.understand.intent import Understander
    from bot.understand.language import load_languages
    from tests.understand.evaluation import TUNED_ON, Figures, evaluate, load_set

    content = relevance.ROOT / "content"
    understander = Understander(
        load_faq(content), search.is_known_skill, load_care(content), load_languages(content),
        says_a_need=search.says_a_need,
    )  # fmt: skip
    some_course = min(search.courses)
    pooled = Figures()
    lines: list[str] = []
    for name in TUNED_ON:
        figures = evaluate(understander, load_set(name), some_course)
        pooled.counts.update(figures.counts)
        for kind, failed in figures.failures.items():
            pooled.failures.setdefault(kind, []).extend(f"[{name}] {line}" for line in failed)
        c = figures.counts
        lines.append(
            f"{name:28s} right {figures.rate('faq_right', 'faq'):.1%} "
            f"wrong {figures.rate('faq_wrong', 'faq'):.1%} "
            f"did-you-mean {figures.rate('faq_suggest', 'faq'):.1%} search {c['search_ok']}/{c['search']} "
            f"care {c['care_ok']}/{c['care']} languages {c['language_ok']}/{c['language']} "
            f"off-topic answered {c['offtopic_answered']}/{c['offtopic']} small talk "
            f"{c['smalltalk_ok']}/{c['smalltalk']} plan {c['plan_ok']}/{c['plan']}"
        )
    lines.append(pooled.report(f"POOLED over {len(TUNED_ON)} sets"))
    lines.append(f"counts: {dict(sorted(pooled.counts.items()))}")
    for kind in fails:
        lines.append(f"--- {kind} ---")
        lines += pooled.failures.get(kind, [])
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tuning", description=__doc__.split("\n\n")[0])
    parser.add_argument("which", choices=("search", "understanding"))
    parser.add_argument(
        "--fails", nargs="*", metavar="KIND",
        help="search: list each set's misses; understanding: the failures of these kinds "
        "(faq-wrong, faq-suggest, faq-fallback, search, care, language, offtopic, smalltalk, plan)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    search = asyncio.run(_shipped_search())
    if args.which == "search":
        lines = search_report(search, fails=args.fails is not None)
    else:
        lines = understanding_report(search, args.fails or ())
    print("\n".join(lines))


if __name__ == "__main__":
    main()
