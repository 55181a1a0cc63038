"""Benchmarks for the FAQ matcher and the course search: run them with `python -m benchmarks`.

This module holds what both benchmarks share: timing calls, percentiles, measuring the
process's resident memory (RSS) and printing tables. See `benchmarks/README.md`.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
T = TypeVar("T")


def time_each(
    function: Callable[[str], object],
    texts: Sequence[str],
    rounds: int,
    clock: Callable[[], int] = time.perf_counter_ns,
) -> list[float]:
    """Milliseconds of every single call `function(text)`, for each text, `rounds` times over
    (wall time; `clock=time.thread_time_ns` gives the CPU time this thread spent instead).

    Texts are visited in order within a round, so caches warmed by one text do not flatter
    the next call on the same text.
    """
    samples: list[float] = []
    for _ in range(rounds):
        for text in texts:
            start = clock()
            function(text)
            samples.append((clock() - start) / 1e6)
    return samples


def timed(function: Callable[[], T]) -> tuple[T, float]:
    """`function()`'s result and its wall-clock time in seconds."""
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


@dataclass(frozen=True)
class Latency:
    """Summary of per-call times in milliseconds."""

    calls: int
    mean: float
    p50: float
    p99: float
    max: float

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> Latency:
        values = np.asarray(samples_ms, dtype=np.float64)
        p50, p99 = np.percentile(values, [50, 99])
        return cls(len(values), float(values.mean()), float(p50), float(p99), float(values.max()))


def release_free_memory() -> None:
    """Hand memory that is free but still held by the C allocator back to the OS.

    Without this, glibc keeps the pages of large freed temporaries (numpy arrays of the
    build) and RSS overstates what a structure keeps. A no-op where there is no glibc.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_bytes() -> int:
    """The process's current resident set size, from /proc/self/statm (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


class RssWatch:
    """Measures how much a block of code grows the process's RSS, retained and at its peak.

    `retained` is RSS after the block minus RSS before it, both taken after a garbage
    collection and `malloc_trim`: what the built structure keeps. `peak` is the highest RSS seen while the
    block ran, sampled every `interval` seconds by a background thread, minus RSS before.
    RSS is used rather than tracemalloc because tracemalloc slows pure-Python building
    severalfold; it counts pages, so it rounds and includes allocator slack.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.before = 0
        self.retained = 0
        self.peak = 0
        self._highest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> RssWatch:
        release_free_memory()
        self.before = self._highest = rss_bytes()
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        release_free_memory()
        after = rss_bytes()
        self.retained = after - self.before
        self.peak = max(self._highest, after) - self.before

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self._highest = max(self._highest, rss_bytes())


def format_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table (pipe-separated, columns padded), readable both printed and pasted."""
    body = [list(row) for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *body, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 1) + ":" for width in widths) + "|"
    return "\n".join([line(headers), rule, *(line(row) for row in body)])


def mib(size_bytes: int) -> str:
    return f"{size_bytes / MIB:.1f}"


def ms(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"
