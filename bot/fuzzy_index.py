"""Fast fuzzy lookup over many strings: a character 3-gram prefilter, then rapidfuzz.

An exhaustive rapidfuzz scan costs about 250 ms a query at 100k strings and 3 s at 1M.
Instead, each string's 3-grams go into numpy postings lists; a query counts shared grams
per string with one `bincount`, keeps the best `candidates` strings (ties at the cut broken
by closeness in length, computed only for that tie level), and rapidfuzz re-ranks just
those. `benchmarks/search_bench.py` measures speed and recall against the exhaustive scan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

Scorer = Callable[..., float]


def grams(text: str) -> set[str]:
    """Character 3-grams of a normalised string, with word boundaries marked by spaces."""
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@dataclass(frozen=True)
class Hit:
    index: int  # position of the string in the list the index was built from
    score: float  # 0..100 from the re-ranking scorer


class FuzzyIndex:
    def __init__(self, strings: Sequence[str]) -> None:
        self.strings = list(strings)
        gram_ids: dict[str, int] = {}
        pairs_gram: list[int] = []
        pairs_string: list[int] = []
        lengths = np.zeros(len(self.strings), dtype=np.int32)
        for string_id, text in enumerate(self.strings):
            string_grams = grams(text)
            lengths[string_id] = len(string_grams)
            for gram in string_grams:
                gram_id = gram_ids.setdefault(gram, len(gram_ids))
                pairs_gram.append(gram_id)
                pairs_string.append(string_id)
        order = np.argsort(np.asarray(pairs_gram, dtype=np.int32), kind="stable")
        self._postings = np.asarray(pairs_string, dtype=np.int32)[order]
        counts = np.bincount(np.asarray(pairs_gram, dtype=np.int64), minlength=len(gram_ids))
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self._gram_ids = gram_ids
        self._lengths = lengths

    def __len__(self) -> int:
        return len(self.strings)

    @property
    def nbytes(self) -> int:
        """Memory held by the numpy arrays (the gram dictionary and strings come on top)."""
        return int(self._postings.nbytes + self._offsets.nbytes + self._lengths.nbytes)

    def candidates(self, query: str, limit: int = 200) -> npt.NDArray[np.int64]:
        """Indexes of the strings sharing the most 3-grams with `query`."""
        ids = [self._gram_ids[g] for g in grams(query) if g in self._gram_ids]
        if not ids or not self.strings:
            return np.empty(0, dtype=np.int64)
        postings = np.concatenate([self._postings[self._offsets[i] : self._offsets[i + 1]] for i in ids])
        shared = np.bincount(postings, minlength=len(self.strings))
        if len(self.strings) <= limit:
            found = np.flatnonzero(shared)
            return found[np.argsort(-shared[found], kind="stable")]
        cut = np.partition(shared, -limit)[-limit]
        if cut == 0:
            found = np.flatnonzero(shared)
            return found[np.argsort(-shared[found], kind="stable")]
        above = np.flatnonzero(shared > cut)
        tied = np.flatnonzero(shared == cut)
        wanted = limit - len(above)
        if len(tied) > wanted:
            # Only the tie level at the cut needs the length tie-break.
            closeness = np.abs(self._lengths[tied] - len(grams(query)))
            tied = tied[np.argpartition(closeness, wanted - 1)[:wanted]] if wanted > 0 else tied[:0]
        chosen = np.concatenate((above, tied))
        return chosen[np.argsort(-shared[chosen], kind="stable")]

    def search(
        self,
        query: str,
        limit: int = 10,
        candidates: int = 200,
        scorer: Scorer = fuzz.WRatio,
        score_cutoff: float = 0,
    ) -> list[Hit]:
        """The `limit` best strings for `query` by `scorer`, among the prefilter's candidates."""
        chosen = self.candidates(query, candidates)
        if len(chosen) == 0:
            return []
        choices = [self.strings[i] for i in chosen]
        ranked: list[Any] = process.extract(
            query, choices, scorer=scorer, limit=limit, score_cutoff=score_cutoff
        )
        return [Hit(int(chosen[position]), float(score)) for _, score, position in ranked]


def exhaustive(
    query: str, strings: Sequence[str], limit: int = 10, scorer: Scorer = fuzz.WRatio
) -> list[Hit]:
    """The reference: score every string (what the index avoids)."""
    ranked: list[Any] = process.extract(query, strings, scorer=scorer, limit=limit)
    return [Hit(int(position), float(score)) for _, score, position in ranked]
