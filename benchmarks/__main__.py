"""Run the benchmarks and print their figures.

`python -m benchmarks [faq|search|reminders|postgres] [--quick]`

The full run generates up to 1M synthetic strings and times the exhaustive scan on them;
`--quick` stops at 100k strings and 10k courses (and fewer FAQ rounds) for a fast check.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Sequence

import numpy as np
import rapidfuzz

from benchmarks import faq_bench, postgres_bench, reminder_bench, search_bench


def machine() -> str:
    """One line describing where the figures were measured."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"numpy {np.__version__}, rapidfuzz {rapidfuzz.__version__}"
    )


def run_faq(quick: bool) -> None:
    figures = faq_bench.run(rounds=5 if quick else 20)
    print("\nUnderstanding: Understander.understand(text) on every text of tests/data/learner_eval.yaml\n")
    print(faq_bench.table(figures))


def run_search(quick: bool, plan: search_bench.Plan | None = None) -> None:
    figures = search_bench.run(plan or (search_bench.QUICK if quick else search_bench.FULL))
    if figures.index:
        print(f"\nLevel A: FuzzyIndex.search(q, limit=10, candidates=200), {figures.queries} queries\n")
        print(search_bench.index_table(figures.index))
    print(f"\nLevel B: CourseSearch.search(q), the same {figures.queries} queries as typed\n")
    print(search_bench.course_table(figures.courses))
    print("\nRelevance: labelled evaluation set on the shipped catalogue\n")
    print(search_bench.relevance_table(figures.relevance))
    print("\nGoals:")
    for line in search_bench.goals(figures):
        print(f"  {line}")


def run_reminders(quick: bool) -> None:
    figures = reminder_bench.run(quick)
    learners = ", ".join(f"{q.learners:,}" for q in figures.queries)
    print(f"\nReminders on SQLite: due query at {learners} learners, dispatch throughput, memory\n")
    print(reminder_bench.tables(figures))
    print("\nGoals:")
    for line in reminder_bench.goals(figures):
        print(f"  {line}")


def run_postgres(quick: bool) -> None:
    figures = postgres_bench.run(quick)
    print(f"\nReminders on PostgreSQL with {figures.learners:,} learners: due query, 1 vs 3 instances\n")
    print(postgres_bench.tables(figures))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "which",
        nargs="?",
        choices=("all", "faq", "search", "courses", "reminders", "postgres"),
        default="all",
    )
    parser.add_argument("--quick", action="store_true", help="skip 1M strings and 100k courses")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(f"Machine: {machine()}")
    if args.which in ("all", "faq"):
        run_faq(args.quick)
    if args.which in ("all", "search"):
        run_search(args.quick)
    if args.which == "courses":  # CourseSearch at 10k and 100k courses, and relevance, only
        run_search(args.quick, search_bench.COURSES)
    if args.which in ("all", "reminders"):
        run_reminders(args.quick)
    if args.which == "postgres" or (args.which == "all" and os.environ.get("BENCH_POSTGRES_URL")):
        run_postgres(args.quick)  # needs BENCH_POSTGRES_URL: a throw-away database you provide
    print(f"\nTotal run time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
