"""The learned on-topic signal: a question for the FAQ that the word rules turned away as
off-topic (it names the asker's job and world: "paramedic", "registration") is answered; messages
about something else that share the bot's words stay off-topic."""

from __future__ import annotations

from dataclasses import replace

import pytest

import bot.understand.intent as intent
from bot.understand.intent import Understander
from tests.understand.evaluation import answered

# Round 6's off-topic tuning lines (tax claims, car registrations) moved "can I claim these as
# continuing professional development for my paramedic registration" just below the threshold
# (0.947 < 0.95); the pooled cross-validated figures are in benchmarks/README.md.
PARAMEDIC = "does it count as continuing professional development for a paramedic"


def test_the_signal_is_learned_from_the_examples_file(understander: Understander) -> None:
    signal = understander.care.on_topic
    assert signal is not None
    sure = signal.probability("can a paramedic count one of these towards their CPD")
    assert sure > signal.threshold > signal.probability("how do i renew my passport")
    assert signal.probability(PARAMEDIC) > 0.5  # (0.94 since round 25: it reads spelling too)


def test_a_question_in_the_askers_own_words_is_answered(understander: Understander) -> None:
    got = understander.understand(PARAMEDIC)
    assert answered(got) == "cpd", got


def test_without_the_signal_the_word_rules_turn_it_away(understander: Understander) -> None:
    rules_only = replace(understander, care=replace(understander.care, on_topic=None))
    assert rules_only.understand(PARAMEDIC).kind != "faq"


@pytest.mark.parametrize(
    "text",
    [
        "how do i renew my driving licence",
        "can i get a refund on my train ticket",
        "is my passport still valid after it expires",
        "my car insurance certificate never arrived",
    ],
)
def test_look_alikes_about_something_else_stay_off_topic(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "faq"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Will companies recognise it or just laugh at it", "employer-recognition"),
        ("does it run out eventually or is it for life", "expiry"),
    ],
)
def test_a_question_turned_away_for_one_unknown_word_is_answered_when_both_signals_agree(
    understander: Understander, text: str, entry: str
) -> None:
    """ "laugh", "eventually": words the FAQ never uses; the on-topic signal leans to a question
    and the entry model picks the matcher's entry, so the learner gets the answer."""
    assert understander.faq.match(text).turned_away
    got = understander.understand(text)
    assert answered(got) == entry, got


def test_a_rescued_question_the_entry_model_is_sure_of_is_answered_though_the_on_topic_signal_doubts(
    understander: Understander, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "regs" turns it away and the on-topic signal is unsure, but the entry model is at least
    `RESCUE_AGREEMENT` sure of staying current: the answer (it was a "Did you mean…?" until round
    21; a less sure model still only offers it: tests/understand/test_entry_model.py)."""
    text = "the regs change every couple of years how do i stay up to date"
    on_topic = understander.care.on_topic
    assert on_topic is not None and on_topic.probability(text) < 0.9
    unsure = max(intent.RESCUE_ON_TOPIC, on_topic.probability(text)) + 0.05  # the signal below it
    monkeypatch.setattr(intent, "RESCUE_ON_TOPIC", unsure)
    assert answered(understander.understand(text)) == "staying-current"
    funded = understander.understand("any way to get it paid for by the govt")
    assert answered(funded) == "funding", funded


def test_a_price_question_about_something_else_is_never_answered(understander: Understander) -> None:
    assert understander.understand("how much does a car cost").kind != "faq"


def test_a_suggestion_both_signals_agree_on_is_answered(understander: Understander) -> None:
    """The matcher only suggests the enrolment entry; the entry model picks it too and the on-topic
    signal reads a question for the FAQ (0.8 or more), so the learner gets the answer."""
    text = "How do I sign up? Step by step please, I'm not great with websites and I get flustered."
    assert understander.faq.match(text).kind == "suggest"
    got = understander.understand(text)
    assert answered(got) == "how-to-enrol", got
