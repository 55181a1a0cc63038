"""Care by meaning as well as words, near misses that are not care, language evidence, intents."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.understand.care import MEANING_MIN, Care, load_care
from bot.understand.language import load_languages
from bot.understand.route import course_request

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def care() -> Care:
    return load_care(CONTENT)


def test_a_feeling_close_in_meaning_to_a_prototype_is_care_without_any_listed_word() -> None:
    words_only = Care(("stressed",), (), "reply", "urgent")
    by_meaning = Care(
        ("stressed",),
        (),
        "reply",
        "urgent",
        prototypes=("I feel hopeless",),
        near_misses=("how much does it cost",),
    )
    text = "honestly i feel pretty hopeless about all of this"
    assert words_only.level(text) is None
    assert by_meaning.by_meaning(text) >= MEANING_MIN
    assert by_meaning.level(text) == "care"


def test_meaning_needs_the_message_to_be_about_the_writer() -> None:
    care = Care((), (), "reply", "urgent", prototypes=("I feel hopeless",))
    assert care.by_meaning("the situation looks hopeless for the team") == 0.0


def test_a_near_miss_closer_than_the_prototypes_is_not_care_by_meaning() -> None:
    care = Care((), (), "reply", "urgent", prototypes=("I'm so stressed",), near_misses=("I'm so excited",))
    assert care.by_meaning("i'm so excited") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "I feel totally overwhelmed by everything",
        "completely exhausted and behind on every module",
        "feeling so discouraged lately",
        "honestly what's the point, i'll never finish",
        "i'm fed up with myself",
        "can't face opening the course again, burnout is real",
        "what if i fail, i'm dreading it so much",
    ],
)
def test_general_emotion_words_and_pronoun_drop_get_care(care: Care, text: str) -> None:
    assert care.level(text) == "care"


@pytest.mark.parametrize(
    "text",
    [
        "is the workload stressful?",
        "can i get my money back if i drop out?",
        "am i too old to enrol at 60?",
        "i'm not stressed at all, just curious about the price",
        "zero anxiety here, just want to know the deadline",
        "how long does the course take",
    ],
)
def test_a_feeling_named_as_a_topic_or_negated_is_not_care(care: Care, text: str) -> None:
    assert care.level(text) is None


def test_stems_match_every_ending(care: Care) -> None:
    assert care.level("i'm overwhelming myself") == "care"
    assert care.level("i am discouraged") == "care"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("muchas gracias, no entiendo nada", "es"),
        ("dank je, heel erg handig", "nl"),
        ("oye esto vale para algo o no?", "es"),  # Spanish small words outnumber the shared ones
        ("tem desconto para estudantes?", "pt"),  # no English word: the detector, unsure, is enough
        # round 21's blind set, read once: "dat", "alleen" are Dutch small words (it got a
        # "Did you mean…?" in English); "is dat the same" stays English
        ("Is dat erkend in België of allee, alleen in Engeland?", "nl"),
        ("i did coursera free courses before, is dat the same thing as this?", None),
        # Jamaican patois is English, whatever Italian "mi" and "di" look like (it got the Italian reply)
        ("Mi 71 years old, mi too old fi go back a school? Cho!", None),
        ("Mi keep forgetting fi do di lesson. Yuh can remind mi every morning after mi tea?", None),
        ("mi piacerebbe un corso di fotografia, quanto costa?", "it"),
    ],
)
def test_short_messages_are_recognised_by_their_function_words(text: str, language: str | None) -> None:
    assert load_languages(CONTENT).detect(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("wie lange?", "de"),
        ("ile trwa?", "pl"),
        ("¿cuánto dura?", "es"),
        ("è gratis?", "it"),
        ("quanto tempo demora?", "pt"),
    ],
)
def test_a_short_question_is_known_by_the_word_it_opens_with(text: str, language: str) -> None:
    assert load_languages(CONTENT).detect(text) == language


@pytest.mark.parametrize("text", ["what is it?", "como?", "python kurs", "como funciona python"])
def test_a_short_question_needs_its_question_mark_and_two_words(text: str) -> None:
    assert load_languages(CONTENT).detect(text) is None


def test_a_tie_of_small_words_goes_to_the_detector_s_choice_among_them() -> None:
    languages = load_languages(CONTENT)
    tied = {"es": 2, "pt": 2, "it": 0}
    assert languages._by_function_words(tied, 0, "pt") == "pt"
    assert languages._by_function_words(tied, 0, "it") is None  # not one of those tied
    assert languages._by_function_words({"es": 2, "pt": 1}, 0, "pt") == "es"


@pytest.mark.parametrize(
    "text", ["see ya later", "cheers mate", "no final answer yet", "wat is study plan feature"]
)
def test_short_english_with_a_foreign_looking_word_is_english(text: str) -> None:
    assert load_languages(CONTENT).detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i just want to know how much the course costs, gracias",
        "is this bot free? merci",
        "the fiesta course sounds fun",
    ],
)
def test_english_with_a_foreign_word_stays_english(text: str) -> None:
    assert load_languages(CONTENT).detect(text) is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("got any stuff on blockchain", "blockchain"),
        ("what do you have on digital marketing", "digital marketing"),
        ("so many options lol just give me data science ones", "data science"),
        ("i'm really keen to learn photography", "photography"),
        ("i think i'm ready for an advanced course in excel", "excel"),
        ("i just want to learn spanish properly", "spanish properly"),
    ],
)
def test_new_course_intents(text: str, query: str) -> None:
    assert course_request(text) == query


def test_a_question_with_a_course_in_it_is_not_a_search() -> None:
    assert course_request("i saw an ad for a course in crypto, how do i know it is legit?") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # round 21, after the blind set's read: the opening Spanish question decides, however
        # short, whatever follows it
        ("¿Hay cursos gratis? Dime porfa", "es"),
        ("¿Cuánto cuesta? thanks", "es"),
        ("what does ¿qué? mean", None),  # a Spanish word quoted in English
    ],
)
def test_an_opening_spanish_question_is_spanish(text: str, language: str | None) -> None:
    assert load_languages(CONTENT).detect(text) == language
