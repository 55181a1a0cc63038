"""Round 26: a course asked for in another language in words no rule knows ("une formation en
compliance bancaire, s'il vous plaît") is read by a learned signal for those languages; the
reminders kept quiet "till after harvest" are paused, not resumed; "am I chatting to a human?"
is small talk about the bot; "how do u make websites with javascript" asks for courses; a wish
for a study plan names a pace or a plan ("every project we run ends up late" does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.understand.intent as intent
from bot.understand.care_model import Example, train_foreign_request, written_abroad
from bot.understand.foreign import foreign_search, foreign_topic
from bot.understand.intent import Understander
from tests.understand.stubs import with_signal

ROOT = Path(__file__).resolve().parents[2]


def _abroad(understander: Understander, probability: float) -> Understander:
    return with_signal(understander, "foreign_request", probability)


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        ("une formation en compliance bancaire, s'il vous plait", "fr", "compliance bancaire"),
        # (round 28: "Ich will was über CNC-Fräsen lernen, gibt's da was?" is read by the rules)
        ("Ich will CNC-Fräsen lernen, habt ihr da was?", "de", "cnc-frasen"),
        ("soins palliatifs", "fr", "soins palliatifs"),
    ],
)
def test_a_request_in_another_language_the_signal_is_sure_of_is_a_search_for_its_topic(
    understander: Understander, text: str, language: str, topic: str
) -> None:
    sure = _abroad(understander, 0.97).understand(text)
    assert (sure.kind, sure.language) == ("search", language)
    assert topic in sure.query
    unsure = _abroad(understander, 0.2).understand(text)
    assert (unsure.kind, unsure.language) == ("language", language)


def test_a_question_in_another_language_keeps_the_reply_in_its_language(understander: Understander) -> None:
    """The signal is only asked when the rules found no search: a question the rules read is
    not turned into one, however sure the signal."""
    got = _abroad(understander, 0.2).understand("¿cuánto cuesta un curso?")
    assert (got.kind, got.language) == ("language", "es")


def test_the_topic_is_the_message_less_its_course_and_wish_words() -> None:
    assert foreign_topic("hola, busco un curso de analisis de datos") == "analisis de datos"
    assert foreign_topic("une formation en compliance bancaire, s'il vous plait") == "compliance bancaire"
    assert foreign_topic("kurse") == "kurse"  # nothing left: all of it
    assert foreign_search("cursos de python", lambda _: False) == "python"  # the rules' own reading


def test_the_signal_learns_requests_in_other_languages_from_the_search_lines() -> None:
    examples = [
        *(Example(t, "search") for t in ["cursos de excel", "kurs projektmanagement", "corsi di cucina",
                                        "formation en comptabilite", "szkolenie bhp", "cursus fotografie"]),
        *(Example(t, "language") for t in ["cuanto cuesta", "wie lange dauert das", "merci beaucoup",
                                          "quanto costa il corso", "dziekuje bardzo", "hoe lang duurt het"]),
        Example("cyber secuirty", "search"),  # misspelt English: not a line in another language
    ]
    signal = train_foreign_request(examples, regularisation=0.1)
    assert signal.probability("cursos de contabilidad") > signal.probability("cuanto cuesta el curso")
    assert not written_abroad("cyber secuirty") and written_abroad("cursos de contabilidad")


def test_the_shipped_signal_reads_a_request_above_a_question(understander: Understander) -> None:
    signal = understander.care.foreign_request
    assert signal is not None
    assert signal.probability("cursos de contabilidad para autonomos") > 0.5
    assert signal.probability("¿los cursos tienen certificado oficial?") < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Leave off the reminders till after harvest",
        "Haud aff the reminders till I'm back",
        "lay off the reminders for a bit",
        "give the reminders a miss till january",
    ],
)
def test_reminders_kept_quiet_until_later_are_paused(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert (got.kind, got.plan_action) == ("plan", "pause")


def test_reminders_switched_back_on_are_resumed(understander: Understander) -> None:
    got = understander.understand("ok im back, start the reminders again")
    assert (got.kind, got.plan_action) == ("plan", "resume")


@pytest.mark.parametrize(
    "text",
    [
        "Am I chatting to a human or an automated system? Just want to know.",
        "HIIII omg is this a bot?? hi!!!",
        "is it a real person typing",
        "Another bot. Grand. Can I talk to a real person, boy?",
        "are ye a robot or is there some poor guy typing aw this",
    ],
)
def test_asking_whether_the_bot_is_a_person_is_small_talk(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None
    assert got.match.smalltalk.id == "who-are-you"


def test_asking_whether_the_bot_costs_money_is_still_the_question(understander: Understander) -> None:
    assert understander.understand("is this bot free").kind == "faq"
    assert understander.understand("can i speak to a real person about my refund").kind == "faq"
    assert understander.understand("who runs this bot? is it a company?").kind == "faq"


@pytest.mark.parametrize(
    "text", ["how do you build apps", "how do u make websites like actual ones with javascript"]
)
def test_how_to_do_a_skill_is_a_search(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.query


def test_a_study_plan_in_free_words_names_a_pace(understander: Understander) -> None:
    assert understander.understand("every project we run ends up late and over budget").kind == "search"
    assert intent._NAMES_A_PACE.search("45-minute sprints monday, wednesday, friday. can you schedule that?")
    assert intent._NAMES_A_PACE.search("ok set one up for me then")
    assert not intent._NAMES_A_PACE.search("every project we run ends up late and over budget")


def test_a_death_said_in_passing_gets_the_care_reply(understander: Understander) -> None:
    text = (
        "I should perhaps admit that since Margaret died in the spring I have found it remarkably "
        "difficult to concentrate on anything. It is all rather bleak, if I'm candid."
    )
    assert understander.understand(text).kind == "care"
    assert understander.care.level("since my laptop died i cant do the course") is None


@pytest.mark.parametrize(
    "text",
    [
        "Can the reminder be at 9pm? Yesterday it came at lunchtime ^^",
        "Please, can reminder come at 20:00 instead of morning? Morning I take son to school.",
    ],
)
def test_a_new_reminder_time_asked_as_a_question_changes_the_reminders(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert (got.kind, got.plan_action) == ("plan", "reminders")


def _requests(understander: Understander, probability: float) -> Understander:
    return with_signal(understander, "course_request", probability)


def test_a_message_asking_nothing_of_the_catalogue_is_not_searched(understander: Understander) -> None:
    """"best pizza near me" names no skill: when the course-request signal is sure nothing was
    asked of the catalogue, the off-topic reply, not "no courses for best pizza"."""
    text = "best pizza near me"
    assert _requests(understander, 0.01).understand(text).kind == "offtopic"
    assert _requests(understander, 0.5).understand(text).kind == "search"
    after_the_question = _requests(understander, 0.01).understand(text, intent.Context(expecting_skill=True))
    assert after_the_question.kind == "search"  # the answer to "Which skill…?" is searched


@pytest.mark.parametrize(
    "text", ["photography", "free online courses", "free courses", "is there like a course on nail art??"]
)
def test_a_skill_or_filters_alone_are_searched_whatever_the_signal(
    understander: Understander, text: str
) -> None:
    assert _requests(understander, 0.001).understand(text).kind == "search"


def test_help_making_a_plan_with_a_pace_sets_up_a_study_plan(understander: Understander) -> None:
    got = understander.understand("can you help me make a plan? maybe 20 minutes a day, small steps")
    assert (got.kind, got.plan_action) == ("plan", "study")
    assert understander.understand("help me make a plan for my business").plan_action != "study"


def test_courses_asked_for_before_a_story_are_searched_for_the_topic(understander: Understander) -> None:
    """Only the care model's meaning read distress in the story; the request comes first."""
    got = understander.understand(
        "courses about dementia care, my mum has it and i want to understand and maybe work in it"
    )
    assert got.kind == "search" and got.query.startswith("dementia care")  # (the search reads clause 1)
    worried = understander.understand("courses on time management, im drowning and cant cope anymore")
    assert worried.kind == "care"  # distress in words: the care reply
