"""Meaning, not just letters: a static sentence-embedding signal for the FAQ matcher.

WordLlama (`wordllama` on PyPI) ships a 16 MB static-embedding model inside its wheel and
needs only numpy: a message is embedded by averaging token vectors, in microseconds. Its
default loader looks for the model in the wrong folder and then tries to download it, so it
is loaded from the installed package's own folder with downloads disabled: the bot never
touches the network for it.

Each FAQ entry is represented by the unit vectors of its question and phrasings; a
message's semantic score for an entry is its best cosine similarity with any of them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

_model: Any = None
_lock = threading.Lock()


def model() -> Any:
    """The shipped WordLlama model, loaded once per process, never downloaded."""
    global _model
    with _lock:
        if _model is None:
            import wordllama
            from wordllama import WordLlama

            folder = Path(wordllama.__file__).resolve().parent
            _model = WordLlama.load(cache_dir=folder, disable_download=True)
        return _model


# A message's text and clauses are embedded by several signals (meaning, care, the learned
# models): the last few texts' vectors are kept so each is worked out once per message.
RECENT_KEPT = 64
_recent: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
_recent_lock = threading.Lock()


def _unit(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each row scaled to length 1; a row of zeros (an empty text: WordLlama's own scaling
    divides it by zero, into NaN) stays zeros, so it resembles nothing."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return unit


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Unit vectors, one row per text (zeros for a text with nothing to embed)."""
    if not texts or len(texts) > RECENT_KEPT:  # building an index: nothing to gain from remembering
        return _unit(np.asarray(model().embed(list(texts), norm=False), dtype=np.float32))
    with _recent_lock:
        found = {t: _recent[t] for t in texts if t in _recent}
    missing = list(dict.fromkeys(t for t in texts if t not in found))
    if missing:
        vectors = _unit(np.asarray(model().embed(missing, norm=False), dtype=np.float32))
        with _recent_lock:
            for text, vector in zip(missing, vectors, strict=True):
                vector.flags.writeable = False
                found[text] = _recent[text] = vector
                while len(_recent) > RECENT_KEPT:
                    _recent.popitem(last=False)
    with _recent_lock:
        for text in found:
            if text in _recent:
                _recent.move_to_end(text)
    return np.stack([found[t] for t in texts])


class SemanticIndex:
    """Per FAQ entry, the best cosine similarity of a message with any of its phrasings."""

    def __init__(self, phrasings_per_entry: Sequence[Sequence[str]]) -> None:
        texts = [p for phrasings in phrasings_per_entry for p in phrasings]
        self._entries = len(phrasings_per_entry)
        self._matrix = embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
        counts = [len(phrasings) for phrasings in phrasings_per_entry]
        self._present = np.array([n for n, count in enumerate(counts) if count], dtype=np.int64)
        self._starts = np.cumsum([0, *counts])[:-1][self._present]

    def scores(self, text: str) -> npt.NDArray[np.float32]:
        """One score per entry, in [-1, 1]; 0 for all when the model knows no word of it."""
        return self.scores_and_cosines(text)[0]

    def scores_and_cosines(self, text: str) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32] | None]:
        """`scores`, and each phrasing's cosine in the order given (None when the model knows no
        word of the text)."""
        best = np.full(self._entries, -1.0, dtype=np.float32)
        if not len(self._present):
            return np.zeros(self._entries, dtype=np.float32), None
        query = embed([text])[0]
        if not np.any(query):
            return np.zeros(self._entries, dtype=np.float32), None
        cosines = self._matrix @ query
        # an entry's phrasings are consecutive rows: the best of each run
        best[self._present] = np.maximum.reduceat(cosines, self._starts)
        return best, cosines
