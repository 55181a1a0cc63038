"""Fast fuzzy lookup over many strings: a character 3-gram prefilter, then rapidfuzz.

An exhaustive rapidfuzz `WRatio` scan costs about 250 ms a query at 100k strings and 3 s
at 1M. Instead the index keeps, per distinct string, its 3-grams, and a query

1. counts the grams each string shares with it: the rarer grams through numpy postings
   lists (concatenated and sorted, so the work follows the postings touched, not the
   number of strings), the `COMMON_GRAMS` most frequent ones as bits of one `uint64` per
   string (AND + popcount), which keeps "ing", " an", "ion" from dominating the cost;
2. turns (string length, shared grams) into an estimate of `WRatio` with a small table
   per query shape, modelling its regimes: similar lengths (ratio, or one string's words
   inside the other's), and a much shorter or longer string (partial match, scaled by 0.9,
   or 0.6 past 8× the length); an edit changes at most three grams. Equal estimates go to
   the string closest in length;
3. re-ranks the best `candidates` with rapidfuzz, plus every very short string ("go",
   "ml", "sql"): 3-grams cannot see those inside a word, and `WRatio` scores them high.

Repeated strings are indexed once and expanded to every occurrence in the results.
`benchmarks/search_bench.py` measures speed and recall against the exhaustive scan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

Scorer = Callable[..., float]
Ids = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

SHORT_LENGTH = 4  # strings this short are always re-ranked, not found through grams
MAX_SHORT = 500  # at most this many of them (the shortest); any others go through grams
COMMON_GRAMS = 64  # the most frequent grams, kept as bits rather than postings lists
MAX_LENGTH = 255  # longer strings are estimated as this long
TIE_BREAK = 1e-7  # per character of length difference: orders equal estimates only
CHUNK = 1 << 17  # texts whose grams are extracted at a time while building


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
        self._texts, self._members, self._member_offsets = _distinct(self.strings)
        lengths = np.fromiter(map(len, self._texts), dtype=np.int64, count=len(self._texts))
        self._lengths = np.minimum(lengths, MAX_LENGTH).astype(np.uint8)
        self._short = np.flatnonzero(lengths <= SHORT_LENGTH)
        self._short = self._short[np.argsort(lengths[self._short], kind="stable")[:MAX_SHORT]]
        in_grams = np.ones(len(self._texts), dtype=bool)
        in_grams[self._short] = False
        indexed = np.flatnonzero(in_grams)
        gram_ids, owner, counts = _pairs([self._texts[i] for i in indexed.tolist()])
        owner = indexed.astype(np.int32)[owner]
        # A bit costs N/8 bytes against 4 bytes a posting: only worth it for frequent grams.
        by_count = np.argsort(-counts, kind="stable")[:COMMON_GRAMS]
        common = by_count[counts[by_count] * 32 > len(self._texts)]
        is_common = np.zeros(len(gram_ids), dtype=bool)
        is_common[common] = True
        starts = np.concatenate(([0], np.cumsum(counts)))  # pairs are sorted by gram
        self._masks = np.zeros(len(self._texts), dtype=np.uint64)
        for bit, gram in enumerate(common.tolist()):
            self._masks[owner[starts[gram] : starts[gram + 1]]] |= np.uint64(1 << bit)
        self._postings = owner[np.repeat(~is_common, counts)]
        rare = np.flatnonzero(~is_common)
        self._offsets = np.concatenate(([0], np.cumsum(counts[rare])))
        names = list(gram_ids)  # in id order
        self._rare_ids = {names[gram]: i for i, gram in enumerate(rare.tolist())}
        self._common_bits = {names[gram]: 1 << bit for bit, gram in enumerate(common.tolist())}
        has_rare = np.zeros(len(self._texts), dtype=bool)
        has_rare[self._postings] = True
        self._common_only = np.flatnonzero(~has_rare & in_grams)  # found through bits alone

    def __len__(self) -> int:
        return len(self.strings)

    @property
    def nbytes(self) -> int:
        """Memory held by the numpy arrays (the gram dictionaries and strings come on top)."""
        arrays = (self._postings, self._offsets, self._lengths, self._masks, self._members,
                  self._member_offsets, self._short, self._common_only)  # fmt: skip
        return int(sum(array.nbytes for array in arrays))

    def candidates(self, query: str, limit: int = 200) -> Ids:
        """What `search` re-ranks: the `limit` strings whose 3-grams promise the best `WRatio`
        against `query`, best first, then every short string; one index per distinct string."""
        return self._members[self._member_offsets[self._distinct_candidates(query, limit)]]

    def search(
        self,
        query: str,
        limit: int = 10,
        candidates: int = 200,
        scorer: Scorer = fuzz.WRatio,
        score_cutoff: float = 0,
    ) -> list[Hit]:
        """The `limit` best strings for `query` by `scorer`, among the prefilter's candidates."""
        chosen = self._distinct_candidates(query, candidates)
        if len(chosen) == 0:
            return []
        choices = [self._texts[i] for i in chosen.tolist()]
        ranked: list[Any] = process.extract(
            query, choices, scorer=scorer, limit=limit, score_cutoff=score_cutoff
        )
        hits: list[Hit] = []
        for _, score, position in ranked:
            text = int(chosen[position])
            members = self._members[self._member_offsets[text] : self._member_offsets[text + 1]]
            hits += [Hit(int(member), float(score)) for member in members[: limit - len(hits)].tolist()]
            if len(hits) >= limit:
                break
        return hits

    def _distinct_candidates(self, query: str, limit: int) -> Ids:
        """Distinct-string ids: the best `limit` by estimated `WRatio`, then the short strings."""
        query_grams = grams(query)
        found, shared = self._shared_grams(query_grams)
        if len(found) > 0:
            estimate = _estimates(len(query), len(query_grams))
            key = estimate[self._lengths[found].astype(np.int64) * (len(query_grams) + 1) + shared]
            if len(found) > limit:
                limit = max(limit, 0)
                best = np.argpartition(key, len(key) - limit)[len(key) - limit :] if limit else found[:0]
                found, key = found[best], key[best]
            found = found[np.argsort(-key, kind="stable")]
        return np.concatenate((found, self._short))

    def _shared_grams(self, query_grams: set[str]) -> tuple[Ids, Ids]:
        """Distinct strings sharing a gram with the query, and how many grams each shares."""
        rare = [self._rare_ids[gram] for gram in query_grams if gram in self._rare_ids]
        mask = 0
        for gram in query_grams:
            mask |= self._common_bits.get(gram, 0)
        if rare:
            postings = np.sort(
                np.concatenate([self._postings[self._offsets[i] : self._offsets[i + 1]] for i in rare])
            )
            starts = np.flatnonzero(np.concatenate(([True], postings[1:] != postings[:-1])))
            found = np.concatenate((postings[starts].astype(np.int64), self._common_only))
            counts = np.diff(np.append(starts, len(postings)))
            shared = np.concatenate((counts, np.zeros(len(self._common_only), dtype=np.int64)))
        elif mask:  # only frequent grams in the query ("in", "and"): every string is a candidate
            in_grams = np.ones(len(self._texts), dtype=bool)
            in_grams[self._short] = False
            found = np.flatnonzero(in_grams)
            shared = np.zeros(len(found), dtype=np.int64)
        else:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        if mask:
            shared = shared + _popcount(self._masks[found] & np.uint64(mask))
        return found, shared


def exhaustive(
    query: str, strings: Sequence[str], limit: int = 10, scorer: Scorer = fuzz.WRatio
) -> list[Hit]:
    """The reference: score every string (what the index avoids)."""
    ranked: list[Any] = process.extract(query, strings, scorer=scorer, limit=limit)
    return [Hit(int(position), float(score)) for _, score, position in ranked]


# --- building -----------------------------------------------------------------------------------


def _distinct(strings: list[str]) -> tuple[list[str], Ids, Ids]:
    """Distinct strings, and the positions of each one's occurrences (CSR: members, offsets)."""
    position: dict[str, int] = {}
    distinct_of = np.fromiter(
        (position.setdefault(text, len(position)) for text in strings), dtype=np.int64, count=len(strings)
    )
    members = np.argsort(distinct_of, kind="stable")
    offsets = np.concatenate(([0], np.cumsum(np.bincount(distinct_of, minlength=len(position)))))
    return list(position), members.astype(np.int64), offsets.astype(np.int64)


def _pairs(texts: list[str]) -> tuple[dict[str, int], npt.NDArray[np.int32], Ids]:
    """Every distinct (text, 3-gram) pair: gram → id, the pairs' texts sorted by gram (then
    text), and how many pairs each gram has.

    Vectorised: texts, padded, become arrays of character codes; each window of three
    characters that does not run into the next text is a gram, coded as a number, and a
    pair is the number gram × len(texts) + text. Chunks keep the temporaries small.
    """
    count = len(texts)
    if count == 0:
        return {}, np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
    codes = np.frombuffer(" ".join(["", *texts]).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    alphabet = np.flatnonzero(np.bincount(codes))
    del codes
    size = len(alphabet)
    if size**3 * max(count, 1) >= 2**62:  # tens of thousands of distinct characters
        return _pairs_slowly(texts)
    char_of = np.zeros(int(alphabet[-1]) + 1, dtype=np.int64)
    char_of[alphabet] = np.arange(size)
    chunks = [
        _chunk_keys(texts, start, min(start + CHUNK, count), char_of, size)
        for start in range(0, count, CHUNK)
    ]
    keys = np.concatenate(chunks) if chunks else np.empty(0, dtype=np.int64)
    del chunks
    keys.sort()
    gram_code = keys // count
    owner = (keys - gram_code * count).astype(np.int32)
    del keys
    starts = np.flatnonzero(np.concatenate(([True], gram_code[1:] != gram_code[:-1])))
    counts = np.diff(np.append(starts, len(gram_code)))
    first, rest = np.divmod(gram_code[starts], size * size)
    second, third = np.divmod(rest, size)
    letters = [chr(int(c)) for c in alphabet]
    triples = zip(first.tolist(), second.tolist(), third.tolist(), strict=True)
    gram_ids = {letters[a] + letters[b] + letters[c]: i for i, (a, b, c) in enumerate(triples)}
    return gram_ids, owner, counts


def _chunk_keys(texts: list[str], start: int, stop: int, char_of: Ids, size: int) -> Ids:
    """The distinct pair numbers (gram × len(texts) + text) of texts[start:stop]."""
    padded = [f" {text} " for text in texts[start:stop]]
    sizes = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    chars = char_of[np.frombuffer("".join(padded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
    code = (chars[:-2] * size + chars[1:-1]) * size + chars[2:]  # the window starting at each position
    ends = np.cumsum(sizes)
    inside = np.ones(len(code), dtype=bool)
    inside[np.concatenate((ends[:-1] - 2, ends[:-1] - 1))] = False  # windows running into the next text
    owner = np.repeat(np.arange(start, stop, dtype=np.int64), sizes)[:-2]
    return _sorted_unique((code * len(texts) + owner)[inside])


def _pairs_slowly(texts: list[str]) -> tuple[dict[str, int], npt.NDArray[np.int32], Ids]:
    """`_pairs` one text at a time, for alphabets too large to number grams in 64 bits."""
    by_gram: dict[str, list[int]] = {}
    for number, text in enumerate(texts):
        for gram in grams(text):
            by_gram.setdefault(gram, []).append(number)
    ordered = sorted(by_gram)
    owner = np.fromiter((n for gram in ordered for n in by_gram[gram]), dtype=np.int32)
    counts = np.array([len(by_gram[gram]) for gram in ordered], dtype=np.int64)
    return {gram: i for i, gram in enumerate(ordered)}, owner, counts


def _sorted_unique(values: Ids) -> Ids:
    """`np.unique` by sorting (far faster than numpy 2's default for large arrays here)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


# --- querying -----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _estimates(query_length: int, query_grams: int) -> Floats:
    """`WRatio`/100 estimated for a string of each length (row) sharing each number of grams (column).

    The string's gram count is taken as its length (padded, it has that many windows).
    Similar lengths: `ratio`, where each unshared gram is a third of an edit, or, when one
    string's grams lie inside the other's, `token_set_ratio` × 0.95. Otherwise `partial_ratio`
    of the shorter string × 0.9 (0.6 beyond 8× the length). Flattened row-major.
    """
    length = np.arange(MAX_LENGTH + 1, dtype=np.float64)[:, None]
    shared = np.arange(query_grams + 1, dtype=np.float64)[None, :]
    query_len, query_n = float(max(query_length, 1)), float(max(query_grams, 1))
    short = np.maximum(np.minimum(length, query_len), 1.0)
    long = np.maximum(length, query_len)
    ratio = 1 - (query_n + length - 2 * shared) / (3 * (query_len + length))
    inside = 0.95 * shared / np.maximum(np.minimum(length, query_n), 1.0)
    partial = 1 - (np.where(length < query_len, length, query_n) - shared) / (3 * short)
    scale = np.where(long <= 8 * short, 0.9, 0.6)
    estimate = np.where(long < 1.5 * short, np.maximum(ratio, inside), scale * partial)
    estimate = np.clip(estimate, 0.0, 1.0) - TIE_BREAK * np.abs(length - query_len)
    flat: Floats = estimate.ravel()
    flat.flags.writeable = False
    return flat


_BYTE_BITS = np.array([bin(i).count("1") for i in range(256)], dtype=np.int64)


def _popcount(values: npt.NDArray[np.uint64]) -> Ids:
    """Set bits per value (`np.bitwise_count` from numpy 2; a byte table before)."""
    counter = getattr(np, "bitwise_count", None)
    if counter is not None:
        return np.asarray(counter(values), dtype=np.int64)
    return np.asarray(_BYTE_BITS[values.view(np.uint8).reshape(-1, 8)].sum(axis=1), dtype=np.int64)
