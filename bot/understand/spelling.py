"""The text every learned signal reads, and its spelling features.

`model_text` folds a message the way all the learned signals read it. `spelling` turns it into
a few hundred numbers that say how it is spelt: its words, word pairs and the three- and
four-letter pieces of its words, hashed and projected at random, so "recognised",
"recognized" and "reconised" look alike. The FAQ's entry model and the on-topic signal read
them beside the sentence embedding (`bot/understand/entry_model.py`, `care_model.py`).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.text import fold

MAX_TEXT_CHARS = 1000
# The spelling features: each word, word pair and three- and four-letter piece of a word is
# hashed to one of GRAM_BUCKETS counts, and the counts (scaled to length 1) are projected onto
# GRAM_DIMENSIONS fixed random directions (a sparse vocabulary would be slow to train in numpy;
# the projection keeps most of what it knows: standalone, leaving each of the four newest
# blind sets out, the model picked the right entry for 90-94 % of their questions with these
# features and 87-90 % without).
GRAM_BUCKETS = 1 << 13
GRAM_DIMENSIONS = 512
GRAM_SEED = 20261203

# Weights learned on other spelling features are stale: the models' cache keys include this
SOURCE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def model_text(text: str) -> str:
    """The text every learned signal reads: folded, curly apostrophes straight, spaces single,
    at most MAX_TEXT_CHARS long."""
    return " ".join(fold(text[:MAX_TEXT_CHARS]).replace("’", "'").split())


def spelling(texts: list[str] | tuple[str, ...]) -> npt.NDArray[np.float64]:
    """One row per text: its spelling features (the hashed words, word pairs and letter pieces,
    projected; see GRAM_BUCKETS)."""
    projection = _projection()
    rows = np.zeros((len(texts), GRAM_DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), 512):  # a few megabytes of counts at a time
        chunk = texts[start : start + 512]
        counts = np.zeros((len(chunk), GRAM_BUCKETS), dtype=np.float32)
        for n, text in enumerate(chunk):
            np.add.at(counts[n], _buckets(text), 1.0)
        counts /= np.maximum(np.linalg.norm(counts, axis=1, keepdims=True), 1e-9)
        rows[start : start + len(chunk)] = counts @ projection
    return rows.astype(np.float64)


@lru_cache(maxsize=64)
def spelling_of(text: str) -> npt.NDArray[np.float64]:
    """One message's spelling features (kept for the next question about the same message)."""
    buckets, counts = np.unique(_buckets(text), return_counts=True)
    weights = counts.astype(np.float32) / max(float(np.linalg.norm(counts)), 1e-9)
    row: npt.NDArray[np.float64] = (weights @ _projection()[buckets]).astype(np.float64)
    row.setflags(write=False)
    return row


def _buckets(text: str) -> npt.NDArray[np.int64]:
    """The hash buckets of the text's words, word pairs and the three- and four-letter pieces of
    its words (a word is marked at both ends: "<cost>")."""
    words = _WORD.findall(model_text(text))
    grams = [*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]
    for word in words:
        marked = f"<{word}>"
        grams += [marked[i : i + size] for size in (3, 4) for i in range(len(marked) - size + 1)]
    return np.array([zlib.crc32(g.encode()) % GRAM_BUCKETS for g in grams], dtype=np.int64)


@lru_cache(maxsize=1)
def _projection() -> npt.NDArray[np.float32]:
    """The fixed random directions the hashed counts are projected onto (the same every run)."""
    generator = np.random.default_rng(GRAM_SEED)
    matrix = generator.standard_normal((GRAM_BUCKETS, GRAM_DIMENSIONS), dtype=np.float32)
    result: npt.NDArray[np.float32] = matrix / np.float32(np.sqrt(GRAM_DIMENSIONS))
    return result
