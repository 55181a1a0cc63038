"""Inverted lists in numpy: key → sorted array of course positions, for the course search.

Built once from parallel arrays (key, course) in one sort, so 100k courses with ~10M
(word, course) pairs take a second, not a Python loop per pair. Keys are integers: a word
id, or a pair of word ids (`pair_key`) for phrases.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ids = npt.NDArray[np.int32]
Keys = npt.NDArray[np.int64]
EMPTY: Ids = np.empty(0, dtype=np.int32)
PAIR_BASE = 1 << 31


def pair_key(first: int, second: int) -> int:
    """The key of two consecutive words (as a phrase)."""
    return first * PAIR_BASE + second


class Postings:
    """Sorted, duplicate-free course lists per key (CSR: unique keys, offsets, courses)."""

    def __init__(self, keys: Keys, courses: Ids) -> None:
        if len(keys) == 0:
            self._keys: Keys = np.empty(0, dtype=np.int64)
            self._offsets: Keys = np.zeros(1, dtype=np.int64)
            self._courses: Ids = EMPTY
            return
        order = np.lexsort((courses, keys))
        keys, courses = keys[order], courses[order]
        keep = np.concatenate(([True], (keys[1:] != keys[:-1]) | (courses[1:] != courses[:-1])))
        keys, courses = keys[keep], courses[keep]
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        self._keys = keys[starts]
        self._offsets = np.append(starts, len(keys)).astype(np.int64)
        self._courses = courses.astype(np.int32)

    def get(self, key: int) -> Ids:
        at = int(np.searchsorted(self._keys, key))
        if at >= len(self._keys) or self._keys[at] != key:
            return EMPTY
        return self._courses[self._offsets[at] : self._offsets[at + 1]]

    def count(self, key: int) -> int:
        return len(self.get(key))

    @property
    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._offsets.nbytes + self._courses.nbytes)


def intersect(lists: list[Ids]) -> Ids:
    """Courses in every list (each sorted, unique)."""
    if not lists:
        return EMPTY
    lists = sorted(lists, key=len)
    out = lists[0]
    for other in lists[1:]:
        if len(out) == 0:
            break
        out = np.intersect1d(out, other, assume_unique=True)
    return out
