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


def test_the_fuzzy_similarity_compares_few_phrasings_but_finds_the_closest() -> None:
    """Only some of an entry's phrasings get the costly token_set comparison; a phrasing typed
    as written is always among them, no shortcut scores higher than comparing them all, and for
    learners' questions it finds the same best as comparing them all nearly always."""
    import yaml
    from rapidfuzz import fuzz

    from bot.faq.matcher import load_faq
    from bot.text import normalise
    from tests.conftest import CONTENT

    faq = load_faq(CONTENT)

    def both(query: str) -> tuple[float, float]:
        index = faq.entries.index(faq.rank(query)[0].entry)
        words = " ".join(sorted(query.split()))
        pairs = zip(faq._texts_of[index], faq._sorted_of[index], strict=True)
        exact = max((fuzz.token_set_ratio(query, t) + fuzz.ratio(words, s)) / 200 for t, s in pairs)
        cosines = faq._semantic.scores_and_cosines(faq._meaningful(query))[1] if faq._semantic else None
        return faq._fuzzy_similarity(index, query, words, cosines), exact

    typed = faq._texts_of[0][len(faq._texts_of[0]) // 2]
    assert both(typed)[0] == 1.0
    held_out = CONTENT.parent / "tests" / "data" / "learner_eval.yaml"
    messages = yaml.safe_load(held_out.read_text(encoding="utf-8"))["messages"]
    questions = [normalise(m["text"]) for m in messages if m["kind"] == "faq"][:200]
    pairs = [both(q) for q in questions]
    assert all(shortcut <= exact + 1e-4 for shortcut, exact in pairs)  # (cdist scores in float32)
    same = sum(abs(shortcut - exact) < 1e-4 for shortcut, exact in pairs)
    assert same >= 0.95 * len(pairs), same  # (with 4 of each kind instead of 16: 188 of 200)


def test_an_empty_text_is_a_vector_of_zeros_not_nan() -> None:
    """WordLlama's own scaling divides an empty text's vector by zero; ours leaves it zeros, so
    it resembles nothing (a NaN would make every comparison with it false)."""
    many = [""] + [f"text {n}" for n in range(semantic.RECENT_KEPT + 1)]
    for vectors in (embed(["", "how much does it cost"]), embed(many)):
        assert np.isfinite(vectors).all()
        assert not vectors[0].any()
        assert abs(float(np.linalg.norm(vectors[1])) - 1.0) < 1e-5
