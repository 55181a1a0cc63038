"""Round 25: a course asked for in words no rule knows ("need summat on bookkeeping for me van
business") is read by the course-request signal, learned from the examples file's "search" lines
against its questions and off-topic lines, when the FAQ has no sure answer."""

from __future__ import annotations

import pytest

import bot.understand.intent as intent
from bot.understand.intent import Understander
from tests.understand.stubs import with_signal


def _with_request(understander: Understander, probability: float) -> Understander:
    return with_signal(understander, "course_request", probability)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("need summat on bookkeeping for me van business", "bookkeeping"),  # a known skill named
        ("show us what you've got pal, anything free and online!!", "free online"),  # filters only
    ],
)
def test_a_request_the_signal_is_sure_of_is_searched_for_what_it_names(
    understander: Understander, monkeypatch: pytest.MonkeyPatch, text: str, query: str
) -> None:
    monkeypatch.setattr(intent, "REQUEST_PROBABILITY", 1.01)
    assert understander.understand(text).kind in ("suggest", "offtopic")  # the rules alone: unsure
    monkeypatch.setattr(intent, "REQUEST_PROBABILITY", 0.9)
    got = _with_request(understander, 0.95).understand(text)
    assert (got.kind, got.query) == ("search", query)
    unsure = _with_request(understander, 0.5).understand(text)
    assert unsure.kind in ("suggest", "offtopic")


def test_a_request_naming_nothing_the_catalogue_knows_is_searched_as_written(
    understander: Understander,
) -> None:
    """The search then says it has nothing on it, with the nearest skills."""
    got = _with_request(understander, 0.95).understand("EV charger installs, anything deadly going?")
    assert (got.kind, got.query) == ("search", "EV charger installs, anything deadly going?")


def test_the_signal_is_learned_and_tells_a_request_from_a_question(understander: Understander) -> None:
    signal = understander.care.course_request
    assert signal is not None
    assert signal.probability("need summat on bookkeeping for me van business") > intent.REQUEST_PROBABILITY
    assert signal.probability("how much do they cost") < 0.1
    assert signal.probability("whats the weather like in leeds") < 0.1


def test_a_sure_faq_answer_is_never_sent_to_the_search(understander: Understander) -> None:
    got = _with_request(understander, 0.99).understand("how much do microcredentials cost?")
    assert got.kind == "faq"
