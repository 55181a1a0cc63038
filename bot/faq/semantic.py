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


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Unit vectors, one row per text."""
    vectors = model().embed(list(texts), norm=True)
    return np.asarray(vectors, dtype=np.float32)


class SemanticIndex:
    """Per FAQ entry, the best cosine similarity of a message with any of its phrasings."""

    def __init__(self, phrasings_per_entry: Sequence[Sequence[str]]) -> None:
        owners = [i for i, phrasings in enumerate(phrasings_per_entry) for _ in phrasings]
        texts = [p for phrasings in phrasings_per_entry for p in phrasings]
        self._entries = len(phrasings_per_entry)
        self._owners = np.asarray(owners, dtype=np.int64)
        self._matrix = embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)

    def scores(self, text: str) -> npt.NDArray[np.float32]:
        """One score per entry, in [-1, 1]; 0 for all when the model knows no word of it."""
        best = np.full(self._entries, -1.0, dtype=np.float32)
        if not len(self._owners):
            return np.zeros(self._entries, dtype=np.float32)
        query = embed([text])[0]
        if not np.any(query):
            return np.zeros(self._entries, dtype=np.float32)
        np.maximum.at(best, self._owners, self._matrix @ query)
        return best
