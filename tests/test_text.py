"""The shared text normaliser (bot/text.py)."""

from __future__ import annotations

import pytest

import bot.text as text
from bot.text import WISH_TO_LEARN


def test_normalise_caches_short_texts_only_so_learners_cannot_grow_it_without_bound() -> None:
    text._normalised.cache_clear()
    assert text.normalise("What's a Microcredential?") == text.normalise("what is a microcredential")
    assert text._normalised.cache_info().currsize == 2
    long_message = "help " * (text.NORMALISE_CACHED_CHARS // 5 + 10)
    assert text.normalise(long_message) == " ".join(["help"] * (text.NORMALISE_CACHED_CHARS // 5 + 10))
    assert text._normalised.cache_info().currsize == 2  # computed, not kept


@pytest.mark.parametrize(
    ("message", "wish"),
    [
        ("i want to learn python", "i want to "),
        ("no idea how online shops work", "no idea how "),
        ("wanna get into ux", "wanna "),
        ("no idea how to decide which one", None),  # deciding, not learning
        ("dont know how to cope anymore", None),
    ],
)
def test_a_wish_to_learn_is_read_the_same_by_search_and_understanding(message: str, wish: str | None) -> None:
    found = WISH_TO_LEARN.search(message)
    assert (found.group(0) if found else None) == wish


def test_spellings_by_ear_are_read_as_the_words_meant() -> None:
    """Round 16's blind set: "how dose it wurk", "i lern beter wen sumone shows me" had fallen
    to the "outside what I know" reply."""
    assert text.normalise("i lern beter wen sumone shows me") == "i learn better when someone shows me"
    assert text.normalise("is it posibel onlyne") == "is it possible online"
    # round 18: more of them, and everyday Scots and West African English
    assert text.normalise("how mutch dus it cost") == "how much does it cost"
    said = "do emploiers reckernise a kwalifikashun"
    assert text.normalise(said) == "do employers recognise a qualification"
    assert text.normalise("wot is a mikro kredenshul") == "what is a microcredential"
    assert text.normalise("aye but i dinnae ken") == "yes but i do not ken"
