"""The learned on-topic signal: a question for the FAQ that the word rules turned away as
off-topic (it names the asker's job and world: "paramedic", "registration") is answered; messages
about something else that share the bot's words stay off-topic."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.understand.intent import Understander

# Round 6's off-topic tuning lines (tax claims, car registrations) moved "can I claim these as
# continuing professional development for my paramedic registration" just below the threshold
# (0.947 < 0.95); the pooled cross-validated figures are in benchmarks/README.md.
PARAMEDIC = "does it count as continuing professional development for a paramedic"


def test_the_signal_is_learned_from_the_examples_file(understander: Understander) -> None:
    signal = understander.care.on_topic
    assert signal is not None
    assert signal.probability(PARAMEDIC) > signal.threshold > signal.probability("how do i renew my passport")


def test_a_question_in_the_askers_own_words_is_answered(understander: Understander) -> None:
    got = understander.understand(PARAMEDIC)
    assert got.kind == "faq" and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "cpd"


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
