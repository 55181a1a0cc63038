"""The semantic signal's shortcuts give what the plain computation gives."""

from __future__ import annotations

import numpy as np

from bot.faq import semantic
from bot.faq.semantic import SemanticIndex, embed


def test_remembered_vectors_are_the_models_own_in_the_order_asked() -> None:
    texts = ["what is a microcredential", "how much does it cost", "what is a microcredential"]
    plain = np.asarray(semantic.model().embed(texts, norm=True), dtype=np.float32)
    assert np.array_equal(embed(texts), plain)
    assert np.array_equal(embed(texts[1:2]), plain[1:2])  # remembered now, the same vector
    embed(texts)[0][0] = 5.0  # a caller's copy: the remembered vector is untouched
    assert np.array_equal(embed(texts[:1]), plain[:1])


def test_many_texts_at_once_are_not_remembered() -> None:
    texts = [f"question number {n}" for n in range(semantic.RECENT_KEPT + 1)]
    assert embed(texts).shape == (len(texts), semantic.model().embed(["x"], norm=True).shape[1])
    assert texts[0] not in semantic._recent


def test_each_entry_scores_its_best_phrasing_and_an_entry_without_any_scores_minus_one() -> None:
    phrasings = [["how much is it", "what does it cost"], [], ["can i study on my phone"]]
    index = SemanticIndex(phrasings)
    query = "is it expensive"
    vectors = embed([p for entry in phrasings for p in entry])
    cosines = vectors @ embed([query])[0]
    expected = np.array([cosines[:2].max(), -1.0, cosines[2]], dtype=np.float32)
    assert np.allclose(index.scores(query), expected)
