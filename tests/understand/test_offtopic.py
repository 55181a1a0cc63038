"""Off-topic messages that share the bot's words ("a course of antibiotics", "pause my
spotify") never get a confident FAQ answer, and the learning questions that use the same
words still do."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.faq.matcher import Faq, load_faq
from bot.understand.care import load_care
from bot.understand.intent import Understander
from bot.understand.language import load_languages
from tests.conftest import search_over

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def faq() -> Faq:
    return load_faq(CONTENT)


@pytest.fixture(scope="module")
def understander(seeded_database: Path, faq: Faq) -> Understander:
    catalog = search_over(seeded_database)
    return Understander(faq, catalog.is_known_skill, load_care(CONTENT), load_languages(CONTENT))


@pytest.mark.parametrize(
    "text",
    [
        "how long is a course of antibiotics",
        "how long is a course of steroids",
        "do i need an exam for my motorbike licence",
        "can i get funding for a new roof",
        "how do I pause my spotify premium",
        "can i pause my gym membership",
        "how do i set a reminder on my iphone for my mum's birthday",
        "my kid's school wants us to pay for the trip, is that normal",
        # "they" and "them" may be the people or the thing just named
        "my bank charged me a fee twice, how do I get a refund from them",
        "what language do they speak in belgium",
    ],
)
def test_an_everyday_sense_of_a_learning_word_gets_no_confident_answer(
    understander: Understander, text: str
) -> None:
    understood = understander.understand(text)
    assert understood.kind != "faq", understood


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("how long does a course take", "duration"),
        ("how do i get a refund for the course", "refunds"),
        ("can i pause my plan", "bot-pause-stop"),
        ("is there an exam at the end of the course", "assessment"),
        # two learning words together say it, whatever else is named
        ("if i pause my plan do i lose my progress?", "bot-pause-stop"),
        ("can i stop the reminders later if they get annoying", "bot-pause-stop"),
        ("do they expire", "expiry"),
        # examples of what is asked about are not what it is about
        ("do professional bodies offer them? like the nursing council", "professional-bodies"),
        # who is asking ("i'm a bus driver", "i am from poland") is not what about
        ("Im a bus driver, could I do the lessons on my phone during breaks?", "mobile"),
        (
            "Hi, I am from Poland, my English is ok but are there courses in other languages?",
            "language-english",
        ),
    ],
)
def test_the_same_words_about_learning_are_still_answered(faq: Faq, text: str, entry: str) -> None:
    match = faq.match(text)
    assert match.kind == "answer" and match.best is not None and match.best.entry.id == entry, match.best
