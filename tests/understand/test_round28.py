"""Round 28, from the tuning sets' misses: Taglish and creole English are English, read with
their words' meanings ("magkano po yung course?", "wha de boss dem go tek dis paper
serious?"), not Dutch or Polish; a greeting with "how you doin today" or the writer's name is
small talk; "you real person or computer?" asks who the bot is; how the learner wants to be
answered ("Straight answer.") is no part of the question."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from bot.content import ContentError
from bot.faq.matcher import load_faq
from bot.understand.courtesy import Courtesy
from bot.understand.intent import Understander
from bot.understand.language import Languages, Mix, load_languages
from tests.conftest import content_edited
from tests.understand.evaluation import answered, best_entry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def languages() -> Languages:
    return load_languages(ROOT / "content")


@pytest.mark.parametrize(
    "text",
    [
        "pwede ba mag-aral sa phone lang? sa bus ako nag-aaral haha",
        "ay grabe pagod na ako sa trabaho, tapos may course pa",
        "Who be de ones dat run dese courses? Colleges?",
        "Wetin be dis microcredential ting dem dey talk about?",
    ],
)
def test_taglish_and_pidgin_are_not_read_as_our_languages(languages: Languages, text: str) -> None:
    assert languages.detect(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Dat is de cursus die ik wil volgen, hoeveel kost het?", "nl"),
        ("cursos de python de nivel básico para mi trabajo", "es"),
        ("na czym polega ten kurs i ile kosztuje?", "pl"),
    ],
)
def test_our_languages_with_words_of_a_mix_are_still_ours(languages: Languages, text: str, code: str) -> None:
    assert languages.detect(text) == code


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("magkano po yung course?", "how much the course?"),
        ("wha de boss dem go tek dis paper serious?", "what the boss them go take this paper serious?"),
        ("de cursus is goed, dat is waar", "de cursus is goed, dat is waar"),  # Dutch: as it is
        ("the python course please", "the python course please"),  # nothing mixed in
    ],
)
def test_words_of_a_mix_are_read_as_english(languages: Languages, text: str, meant: str) -> None:
    assert languages.in_english(text) == meant


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("magkano po ba yung course?", "cost"),
        ("pwede ba mag-aral sa phone lang?", "mobile"),
        ("ano po ang pinagkaiba nito sa degree?", "vs-degree"),
        ("pano ba mag-enroll? may form ba", "how-to-enrol"),
        ("wha de boss dem go tek dis paper serious?", "employer-recognition"),
        ("Is dere a test at da end o dat course? I hevna sat one in years", "assessment"),
        ("How much. Straight answer.", "cost"),
        ("How long. Quick answer please.", "duration"),
    ],
)
def test_questions_in_taglish_creole_or_asked_curtly_are_answered(
    understander: Understander, text: str, entry: str
) -> None:
    assert answered(understander.understand(text)) == entry


@pytest.mark.parametrize(
    "text",
    [
        "pagod na pagod na ako, gusto ko na sumuko sa course",
    ],
)
def test_a_worry_said_in_taglish_gets_the_care_reply(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "care", got


def test_honestly_before_a_worry_is_kept(understander: Understander) -> None:
    """Not how to answer: "Honestly, job is stress…" is a worry, not a search for "job is stress"."""
    text = (
        "Honestly, job is stress, home is stress, now course also is stress. Is too much, I don't "
        "know how to continue."
    )
    assert understander.understand(text).kind == "care"


def test_the_mixes_come_from_the_content_file(tmp_path: Path) -> None:
    """A non-programmer adds a meaning to languages.yaml and the bot reads it; a list that is
    not words is refused with the file and field named."""
    mix = Mix(frozenset({"po", "ba"}), {"po": "", "ba": "", "kurso": "course"}, ("mag-",))
    assert mix.in_english("kurso po ba") == "course"
    assert mix.in_english("pano mag-enroll po") == "pano enroll"
    with pytest.raises(ContentError, match="meanings"):
        load_languages(content_edited(tmp_path, "languages.yaml", 'magkano: "how much"', "magkano: 3"))
    with pytest.raises(ContentError, match="affixes"):
        load_languages(content_edited(tmp_path, "languages.yaml", 'affixes: "mag- ', 'affixes: "mag '))


@pytest.mark.parametrize(
    "text", ["hi I am lost", "hello, I am Maria and I want python", "hello, how are you doing with python"]
)
def test_a_name_or_pleasantry_with_more_said_is_not_only_courtesy(text: str) -> None:
    assert Courtesy(load_faq(ROOT / "content").smalltalk).intent(text) is None


@pytest.mark.parametrize(
    "text", ["you real person or computer?", "u a bot?", "Oye, are you a real person or a machine?"]
)
def test_who_the_bot_is_asked_without_a_verb(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None, got
    assert got.match.smalltalk.id == "who-are-you"


def test_you_real_good_is_no_question_about_the_bot(understander: Understander) -> None:
    got = understander.understand("you real good at this")
    assert not (
        got.match is not None and got.match.smalltalk is not None and got.match.smalltalk.id == "who-are-you"
    )


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("what is the meaning of life", False),
        ("what is the capital of peru", False),
        ("what is a microcredential", True),
        ("wat even is dis ting", True),
    ],
)
def test_the_definition_answers_only_what_names_the_thing(
    understander: Understander, text: str, defined: bool
) -> None:
    """The retrained entry model no longer turned "what is the meaning of life" away: asked what
    something is that names no microcredential, nor anything that could be one, is no question
    for the definition (it is offered, not given)."""
    assert (answered(understander.understand(text)) == "what-is") is defined


class _AlwaysResume:
    """A learned plan signal that reads every message as "resume"."""

    def action(self, text: str) -> str | None:
        return "resume"


@pytest.mark.parametrize(
    ("text", "resumed"),
    [
        ("im a pharmacist but i want to move into data, can this help me switch", False),
        ("could this help me get a raise", False),
        ("right, harvest is in, I'm ready for it now", True),
    ],
)
def test_a_learned_resume_needs_something_taken_up_again(
    understander: Understander, text: str, resumed: bool
) -> None:
    """The retrained plan signal read "…can this help me switch" as resume: taking the plan up
    again is said with "back", "again", "ready", "continue" and the like (all but one of the
    tuning sets' 329 resume messages)."""
    always = replace(understander, care=replace(understander.care, plan=cast(Any, _AlwaysResume())))
    assert (always.understand(text).plan_action == "resume") is resumed


@pytest.mark.parametrize(
    ("text", "query", "code"),
    [
        ("Gibt's was zu Cybersecurity für Anfänger?", "cybersecurity fur anfanger", "de"),
        ("hay algo de excel?", "excel", "es"),
        ("hebben jullie iets over fotografie?", "fotografie", "nl"),
        ("Ich will was über CNC-Fräsen lernen, gibt's da was?", "cnc-frasen", "de"),
    ],
)
def test_something_on_a_topic_asked_abroad_is_a_search(
    understander: Understander, text: str, query: str, code: str
) -> None:
    """A tuning set's "Gibt's was zu Cybersecurity für Anfänger?" had the language reply:
    "something on" a topic is asked for as a course is."""
    got = understander.understand(text)
    assert (got.kind, got.query, got.language) == ("search", query, code), got


@pytest.mark.parametrize("text", ["¿sirven de algo estos cursos?", "was kostet das?"])
def test_questions_abroad_with_something_in_them_stay_questions(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind == "language"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("im 22 is that too young for this lol", "age"),
        ("im 20 is it too young or nah", "age"),
        ("all online or do i have to go somewhere, nearest college is miles away", "study-modes"),
    ],
)
def test_a_calm_question_without_a_question_mark_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    """The care model read "im 19 is that too young or nah" as distress: "…or nah", "or do i
    have to…" and "is that too young" ask, and a question only the meaning read as distress gets
    its answer."""
    assert answered(understander.understand(text)) == entry


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Please is there one for the hotel front office?", "hotel front office"),
        ("is there one for the rest of us?", None),
    ],
)
def test_one_for_a_place_of_work_said_with_the_is_searched(
    understander: Understander, text: str, query: str | None
) -> None:
    got = understander.understand(text)
    assert (got.query if got.kind == "search" else None) == query, got


@pytest.mark.parametrize(
    "text",
    ["Please, I want to see my progression in the study plan.", "How am I getting along with my plan, mate?"],
)
def test_progress_asked_as_progression_or_getting_along(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert (got.kind, got.plan_action) == ("plan", "progress"), got


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("haumas em i kostim? mi no gat mani tumas", "cost"),
        ("mi ken lanim long fon tasol?", "mobile"),
    ],
)
def test_questions_in_tok_pisin_are_read_with_their_words_meanings(
    understander: Understander, text: str, entry: str
) -> None:
    """After round 28's blind read (its Tok Pisin questions were offered nothing): the Pacific
    pidgins' common words are read as English, as Taglish's are."""
    got = understander.understand(text)
    assert best_entry(got) == entry, got
