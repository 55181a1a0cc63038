"""Round 29, from the tuning sets' misses: a greeting, thanks or goodbye in another language
with a form of address the lists lack ("Namaste dai", "Mingalaba sayar") is small talk, never
beside an English greeting or a skill ("hi xero", "hola python" stay searches); who is writing
("Mata here from the guesthouse in Muri"), an apology for one's English and "you helped me a
lot today" are friendly extras; "yuh a real person or some computer ting?" asks who the bot
is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.filters import parse_filters
from bot.faq.matcher import load_faq
from bot.study.parse import time_asked
from bot.understand.courtesy import MAX_UNKNOWN_WORDS, Courtesy
from bot.understand.intent import Understander

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def courtesy() -> Courtesy:
    return Courtesy(load_faq(ROOT / "content").smalltalk, lambda word: word in {"python", "xero"})


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Namaste dai, k cha?", "greeting"),
        ("Mingalaba sayar. I am Thandar from Yangon.", "greeting"),
        ("salam, walaal, sxb", "greeting"),
        ("Kia orana! Mata here from the guesthouse in Muri, how are you today?", "greeting"),
        ("Good morning. Please excuse my English, I am learning it since two years only.", "greeting"),
        ("Ke a leboha ntate, you helped me a lot today", "thanks"),
        ("tenkyu tru wantok", "thanks"),
        ("Chal bhai, baad mein milte hai", "goodbye"),
        ("Kya re bot! Salim bhai idhar, bol kya scene hai", "greeting"),
    ],
)
def test_courtesy_with_words_of_its_own_language(courtesy: Courtesy, text: str, said: str) -> None:
    assert courtesy.intent(text) == said


@pytest.mark.parametrize(
    "text",
    [
        "hi xero",  # an English greeting: the word beside it may be a skill the catalogue lacks
        "hi ntate",
        "hola python",  # a skill
        "namaste xero",
        "salam 2024",
        "salam walaal sxb qardas",  # more unknown words than MAX_UNKNOWN_WORDS
        "Mata here, I want a course",
    ],
)
def test_unknown_words_need_a_greeting_of_their_language(courtesy: Courtesy, text: str) -> None:
    assert MAX_UNKNOWN_WORDS == 2
    assert courtesy.intent(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Namaste dai, k cha?",
        "Ke a leboha ntate, you helped me a lot today",
        "Mingalaba sayar. I am Thandar from Yangon.",
        "Kia orana! Mata here from the guesthouse in Muri, how are you today?",
    ],
)
def test_courtesy_in_another_language_is_small_talk(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "smalltalk"


def test_a_skill_after_a_greeting_in_another_language_is_searched(understander: Understander) -> None:
    got = understander.understand("namaste dai, python")
    assert got.kind == "search" and "python" in got.query


def test_who_the_bot_is_asked_in_creole(understander: Understander) -> None:
    got = understander.understand("hey hey, who dis? yuh a real person or some computer ting?")
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None
    assert got.match.smalltalk.id == "who-are-you"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("formation entretien des terrains de sport, le gazon surtout", "entretien des terrains de sport"),
        ("Hab Bock auf nen Kurs im Schweißen, gibt's da wat?", "schweissen"),
        ("quiero un curso de soldadura, hay algo?", "soldadura"),
        ("curso excel", "excel"),
    ],
)
def test_a_course_wanted_in_another_language_is_searched(
    understander: Understander, text: str, query: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and query in got.query, got


@pytest.mark.parametrize(
    "text", ["curso es caro?", "¿cuánto cuesta un curso de python?", "Kurs kostet wie viel?"]
)
def test_a_question_about_a_course_abroad_is_not_a_search(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "language"


@pytest.mark.parametrize(
    "text",
    ["Oh, just recommend me something nice, dear, I'm not fussy", "recommend me something, surprise me"],
)
def test_advice_asked_with_pleasantries_goes_to_the_search(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.query == "", got


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Stop the reminders a fortnight. Gan to me daughter's.", "pause"),
        ("stop the reminders 2 weeks", "pause"),
        ("stop the reminders", "stop"),
        ("How far I reach with my plan? I finished the first two weeks or not", "progress"),
        ("my plan, how far", "progress"),
    ],
)
def test_plan_commands_said_plainly(understander: Understander, text: str, action: str) -> None:
    got = understander.understand(text)
    assert got.kind == "plan" and got.plan_action == action, got


def test_how_far_a_course_gets_you_is_no_progress_check(understander: Understander) -> None:
    assert understander.understand("how far i get with this course in the job market").kind != "plan"


@pytest.mark.parametrize(
    ("text", "minute"),
    [("remind me 9 night ok? daytime I drive", 21 * 60), ("I forget. make it 8 at night", 20 * 60)],
)
def test_a_reminder_time_said_with_night(understander: Understander, text: str, minute: int) -> None:
    got = understander.understand(text)
    assert got.kind == "plan" and got.plan_action == "reminders", got
    assert time_asked(text) == minute


def test_feeling_about_to_explode_gets_the_care_reply(understander: Understander) -> None:
    text = (
        "I cannot anymore!! Work from 8 to midnight, my boss shouting, and now I want to study too?? "
        "I feel I will explode!!"
    )
    assert understander.understand(text).kind == "care"
    assert understander.care.level("sales are about to explode this year, can i learn marketing") is None


@pytest.mark.parametrize(
    "text",
    [
        "How much a good reel cost these days? I need a new one for the wahoo",
        "how much does a new drill cost",
    ],
)
def test_the_price_of_a_thing_is_not_answered_with_the_price_of_courses(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind != "faq"


@pytest.mark.parametrize(
    "text",
    [
        "how much does a microcredential cost",
        "how much does the exam cost",
        "how much would a certificate cost me",
    ],
)
def test_the_price_of_a_course_or_its_parts_is_answered(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "faq" and got.match is not None and got.match.best is not None, got
    assert got.match.best.entry.id == "cost"


def test_the_price_of_a_course_spelt_by_ear_is_answered(understander: Understander) -> None:
    assert understander.understand("how much does the coarse cost").kind == "faq"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("my temp contract end next month and then im out of work what my options", "unemployed"),
        ("give me one example bro, what kind of course counts", "example"),
        ("if not like this one, money back can or not krub", "refunds"),
    ],
)
def test_questions_asked_the_way_many_learners_ask(understander: Understander, text: str, entry: str) -> None:
    got = understander.understand(text)
    assert got.kind == "faq" and got.match is not None and got.match.best is not None, got
    assert got.match.best.entry.id == entry


def test_a_yes_or_no_question_is_not_a_phrase_to_search(understander: Understander) -> None:
    assert understander.understand("this one got certificate or not").kind != "offtopic"
    assert understander.understand("show me examples of python courses").kind == "search"


@pytest.mark.parametrize(
    "text",
    [
        "can u just recommend me a course? anything good, i'm not picky",
        "Can you recommend us summat? Anything that'll get me a job like",
    ],
)
def test_advice_asked_for_with_anything_will_do(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.query == "", got


def test_a_skill_named_with_nobody_in_it_is_no_distress(understander: Understander) -> None:
    got = understander.understand("project mgmt. PRINCE2 or similar")
    assert got.kind == "search" and "project" in got.query, got
    for text in ("everything is just too much right now", "excel is killing me, too much"):
        assert understander.understand(text).kind == "care", text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("machine learning, ideally something rigorous rather than introductory", "intermediate"),
        ("nothing too basic please", "intermediate"),
        ("sql basics", "beginner"),
    ],
)
def test_a_level_said_by_what_it_is_not(text: str, level: str) -> None:
    assert parse_filters(text)[0].level == level


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Bye for now! Joyce", "goodbye"),
        ("tapadh leat. Love Edna", "thanks"),
        ("Murakoze cyane for all the informations.", "thanks"),
        ("Abaraka bake! You have helped me a lot.", "thanks"),
    ],
)
def test_a_name_signed_at_the_end_is_no_topic(courtesy: Courtesy, text: str, said: str) -> None:
    assert courtesy.intent(text) == said


def test_a_skill_after_thanks_is_not_a_signature(courtesy: Courtesy) -> None:
    assert courtesy.intent("tapadh leat! Python") is None


@pytest.mark.parametrize(
    "text",
    [
        "Wha happen, you is a real person or a machine talking to me?",
        "Dada, you are real person or computer only?",
    ],
)
def test_who_the_bot_is_asked_with_is_or_are(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None, got
    assert got.match.smalltalk.id == "who-are-you"


@pytest.mark.parametrize(
    "text", ["Alii! Lorenza here from Koror. I hope your day is going well.", "fakafetai. malo aupito"]
)
def test_greetings_and_thanks_of_the_pacific(courtesy: Courtesy, text: str) -> None:
    assert courtesy.intent(text) in ("greeting", "thanks")


def test_my_reminder_time_asked_without_my(understander: Understander) -> None:
    got = understander.understand("What time reminder is set now? I forgot.")
    assert got.kind == "plan" and got.plan_action == "reminders", got
    assert understander.understand("what time do reminders get sent").kind != "plan"
