"""The shared text normaliser (bot/text.py)."""

from __future__ import annotations

import bot.text as text


def test_normalise_caches_short_texts_only_so_learners_cannot_grow_it_without_bound() -> None:
    text._normalised.cache_clear()
    assert text.normalise("What's a Microcredential?") == text.normalise("what is a microcredential")
    assert text._normalised.cache_info().currsize == 2
    long_message = "help " * (text.NORMALISE_CACHED_CHARS // 5 + 10)
    assert text.normalise(long_message) == " ".join(["help"] * (text.NORMALISE_CACHED_CHARS // 5 + 10))
    assert text._normalised.cache_info().currsize == 2  # computed, not kept
