"""Distress that shows only through the situation ("third night staring at module 2 and
nothing goes in", "everyone in my cohort gets it except me") gets the care reply; calm study
questions about the same situations do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.faq.matcher import load_faq
from bot.understand.care import Care, load_care
from bot.understand.intent import Understander
from bot.understand.language import load_languages
from tests.conftest import search_over

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def care() -> Care:
    return load_care(CONTENT)


@pytest.fixture(scope="module")
def understander(seeded_database: Path, care: Care) -> Understander:
    catalog = search_over(seeded_database)
    return Understander(
        load_faq(CONTENT), catalog.is_known_skill, care, load_languages(CONTENT),
        says_a_need=catalog.says_a_need,
    )


@pytest.mark.parametrize(
    "text",
    [
        "third night staring at module 2 and nothing goes in",
        "hours of videos but nothing goes in",
        "read the same page ten times and it still doesn't stick",
        "everyone in my cohort gets it except me",
        "everyone in the course forum seems so much smarter than me",
        "sat there for three hours and wrote nothing",
        "two weeks behind and the gap keeps growing",
        "every time i open the lesson i just close it again",
        "i can't bring myself to log in anymore",
        "My tutor's feedback was so harsh I haven't opened the course in a week",
        "i work nights and study days and i barely see my kids",
        "my family thinks i'm wasting my time with this",
        "I'm 60 and I feel like an old fool sitting in these webinars",
    ],
)
def test_a_situation_that_says_it_gets_the_care_reply(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "care"


@pytest.mark.parametrize(
    "text",
    [
        "am i wasting my time with a microcredential?",
        "is everyone except me able to see the quiz?",
        "i haven't opened the course yet, when does it start",
        "i work nights, can i study during the day?",
        "how many hours does module 2 take",
        "i read the chapter twice, where is the quiz",
        "my kids are smarter than me at tech lol, any beginner computer courses",
    ],
)
def test_a_calm_question_about_the_same_situation_is_not_care(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind not in ("care", "urgent")


@pytest.mark.parametrize("text", ["my wifi is dreadful, the videos keep freezing", "i have dreadlocks"])
def test_dread_is_a_word_not_a_stem(care: Care, text: str) -> None:
    assert care.level(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "apologies for the stupid question but what does ECTS stand for",
        "what if i enrol and hate it, can i get a refund",
        "im 64, is it daft to start one of these at my age",
    ],
)
def test_an_aside_a_case_asked_about_or_a_fact_before_a_question_is_calm(care: Care, text: str) -> None:
    assert care.level(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "im 64 and i feel so stupid, is that normal",
        "if im honest im completely overwhelmed",
        "maybe im just not built for studying",
        "i dread opening the app when the reminder pops up",
        # said in passing, as people do
        "honestly having a breakdown over module 3",
        "my nerves are fried, the exam is tomorrow",
        "everything is a lot right now with the move and work",
        "whats even the point anymore tbh",
    ],
)
def test_the_feeling_itself_is_still_heard(care: Care, text: str) -> None:
    assert care.level(text) == "care"


def test_distress_said_with_a_passing_so_do_i_is_not_a_question(understander: Understander) -> None:
    got = understander.understand(
        "Everyone at the office has a master's. Next to them this little course feels like nothing,"
        " and so do I."
    )
    assert got.kind == "care"


@pytest.mark.parametrize(
    "text",
    [
        "i was so nervous but i passed!! thanks",
        "was shaking when i pressed submit but it's in",
        "lol i was so worried for nothing, it was easy",
    ],
)
def test_good_news_with_the_fear_in_the_past_is_not_distress(care: Care, text: str) -> None:
    assert care.level(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "i passed module 1 but im so stressed about module 2",
        "told everyone i passed. i didn't even sit it",
        "everyone else passed the quiz and i got 2 out of 10, i feel so stupid",
    ],
)
def test_distress_beside_a_success_is_still_heard(care: Care, text: str) -> None:
    assert care.level(text) == "care"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # invented for this test, not taken from a labelled set
        (
            "Sorry, I'm hopeless with apps. My wife passed last spring and I have to earn more now. "
            "I've done the books for a builder for 25 years with no diploma. Would one of these count "
            "in place of a real accounting degree when I apply?",
            "replace-degree",
        ),
        ("nervous wreck over here. if i don't pass the assessment, then what", "failing-retakes"),
        # the question alone, matched without the feeling around it
        ("cant sleep, cant think, everything is too much. how long does one take", "duration"),
        (
            "sir how i know this provider is real one. my cousin lose £200 on fake course, i am scared",
            "legit-provider",
        ),
    ],
)
def test_a_worried_question_gets_the_care_reply_and_its_answer(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "care"
    assert got.match is not None and got.match.kind == "answer" and got.match.best is not None
    assert got.match.best.entry.id == entry


@pytest.mark.parametrize(
    "text",
    [
        "I ran a whole ward once. Now I can't finish one online unit. What happened to me",
        "lost my job at 50 and now a kid half my age is teaching me spreadsheets. how did it come to this",
        "what's the point, i'm never going to finish this",
    ],
)
def test_despair_shaped_like_a_question_gets_no_faq_answer_added(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "care"
    assert got.match is None


@pytest.mark.parametrize(
    "text",
    [
        "no point, i'll never get a decent job at my age anyway",
        "57 and starting over, honestly who would ever hire me",
        "THE DEBT LETTERS KEEP COMING. HOW AM I SUPPOSED TO FOCUS ON A COURSE",  # money worries
        "hospital visits every day now, i have nothing left at night for studying. can i stop for a bit?",
    ],
)
def test_hopelessness_about_work_gets_the_care_reply(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "care"


@pytest.mark.parametrize(
    "text",
    [
        "honestly lately i keep thinking about just disappearing",
        "sometimes i think nobody would care if i just vanished",
        "would anyone even notice if i stopped showing up to anything, ever",
        "does anyone even notice if i disappeared tbh",
        # giving belongings away, said calmly, is a warning sign
        "i've started giving my things away. the course doesn't matter now",
        "been giving away my stuff to friends this week",
    ],
)
def test_thinking_about_disappearing_is_urgent(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "urgent"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("so much money for me. before i sign up what should i check so i dont regret it", "check-before"),
        ("work is crazy and if i miss the final deadline what happens", "deadlines"),
        ("failed the module test twice now 😭 can i retake or am i done for", "failing-retakes"),
        # round 21's blind set, read once: "do i get…" asks midway (it got the care reply alone)
        ("dead on. so if I fail the exam do I get another go or is that me", "failing-retakes"),
    ],
)
def test_a_question_asked_midway_through_a_worry_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert got.match is not None and got.match.kind == "answer" and got.match.best is not None
    assert got.match.best.entry.id == entry


def test_being_away_for_a_while_is_not_urgent(understander: Understander) -> None:
    got = understander.understand("if i disappeared for two weeks on holiday would i lose my progress")
    assert got.kind not in ("urgent", "care")


@pytest.mark.parametrize(
    ("text", "is_care"),
    [
        ("failed the quiz again. whats even the point", True),
        ("whats even the point. applied to 80 jobs, did 2 courses, nothing", True),
        ("what's even the point of a microcredential if employers dont know them?", False),
        ("whats the point of doing these if i already have a degree", False),
    ],
)
def test_whats_even_the_point_is_despair_but_the_point_of_a_thing_is_a_question(
    understander: Understander, text: str, is_care: bool
) -> None:
    assert (understander.understand(text).kind == "care") is is_care


@pytest.mark.parametrize(
    ("text", "is_care"),
    [
        ("my dog died on saturday and i just keep staring at module 5", True),
        ("lost my dad in march and cant focus on anything", True),
        ("my laptop died mid quiz, will i lose my answers", False),
        ("grief counselling course", False),
    ],
)
def test_a_death_close_to_the_learner_gets_care_a_dead_laptop_does_not(
    understander: Understander, text: str, is_care: bool
) -> None:
    assert (understander.understand(text).kind == "care") is is_care


@pytest.mark.parametrize(
    ("text", "is_care"),
    [
        ("my friend says microcredentials are useless pieces of paper, is she right", False),
        ("my dad says im useless", True),
        ("everyone says its pointless and i feel useless", True),
    ],
)
def test_someones_opinion_of_a_thing_is_not_the_writers_feeling(
    understander: Understander, text: str, is_care: bool
) -> None:
    assert (understander.understand(text).kind == "care") is is_care


@pytest.mark.parametrize(
    "text",
    ["work, kids, course... something has to give", "honestly thinking of just packing the whole thing in"],
)
def test_strain_said_in_everyday_phrases_is_heard(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "care"


@pytest.mark.parametrize(
    ("text", "is_care"),
    [
        # round 10, from learner_eval_21 (tuning data since)
        (
            "I was engineer in my country, respected. Here I clean offices at night and do this course in "
            "the morning. Sometimes I ask myself what for.",
            True,
        ),
        ("i have a good job, why can't i finish one simple course. something is off with me", True),
        ("what is the course for?", False),
        ("maybe i'm just not made for studying", True),
        ("i dont think people like me can do this. im just a driver", True),
        ("my manager asked how the course is going and I lied to her face", True),
        ("paid 300 for this and i cant even follow module one. should have known better", True),
        ("my visa depends on me finding a job, it's all riding on it", True),
        ("is this course made for this kind of job?", False),
        # a sceptic's doubt about microcredentials is a question, however the meaning reads
        ("worth it for someone in retail or pointless", False),
        ("my friend says its scam and useless paper. worth or not", False),
        ("i feel so useless, is it even worth it", True),
        # found by the blind read of learner_eval_23 (fixed after it)
        ("boss wants me done by Q2 on top of 50 hour weeks. i could scream", True),
        ("a ten minute video makes my chest tight", True),
        ("Since the redundancy I feel like I'm not worth much.", True),
        # found by the blind read of learner_eval_25 (fixed after it)
        ("heart racing, proctored test in 1 hr", True),
        ("Honestly thinking of giving the whole thing up. Who am I kidding, 63 and trying new tricks.", True),
        ("results back from the hospital today, not great news. Not sure the course matters now.", True),
        ("right im off, talk later", False),
        # someone close in hospital with a plan command is the command (labelled so, every time)
        ("my mum is in hospital, put everything on hold for now", False),
        # found by the blind read of learner_eval_21 (fixed after it)
        ("bit flat today tbh", True),
        ("my manager said im not ready for promotion and now i dont see why im even studying", True),
        ("the tyre is a bit flat", False),
    ],
)
def test_low_mood_said_plainly_is_heard(understander: Understander, text: str, is_care: bool) -> None:
    assert (understander.understand(text).kind == "care") is is_care


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("leadership for new managers, just got promoted and panicking a bit lol", "leadership"),
        ("AI courses im scared its gonna take my job lol", "ai"),
        ("speaking in front of people without my voice shaking lol", "speaking"),
        # a first clause that is nothing but a skill: the courses, however the worry is said
        (
            "AI for teachers, everyone at school is talking about chatgpt and I feel left behind",
            "ai for teachers",
        ),
        ("excel, i feel so stupid at work", "excel"),
        ("python, im so stressed i cant cope", None),
        # a skill the learner says they have never touched, when only the meaning sounded like distress
        ("my boss wants us to 'use ai for everything' and ive never touched chatgpt", "chatgpt"),
        ("my kids school asked parents to help with the after school coding club, i have no clue", "coding"),
        ("My husband thinks I'm wasting our money. I don't know if I can keep going with it.", None),
        # said in earnest, or the skill not what it opens with: the care reply
        ("python is making me cry, i want to give up lol", None),
        ("cried over a spreadsheet assignment today lol. not ok tbh", None),
        ("tbh my anxiety is through the roof about this exam", None),
    ],
)
def test_a_course_asked_for_with_a_worry_made_light_of_is_the_search(
    understander: Understander, text: str, query: str | None
) -> None:
    understood = understander.understand(text)
    if query is None:
        assert understood.kind == "care"
    else:
        assert (understood.kind, understood.worried) == ("search", True) and query in understood.query


@pytest.mark.parametrize(
    "text",
    [
        # round 21, after the blind set's read: "past away" as it is often typed, and a learner
        # lost about their whole direction
        "my husband past away in the spring and i cant settle to anything",
        "honestly no idea what i'm doing with my life anymore",
    ],
)
def test_grief_misspelt_and_a_life_without_direction_get_the_care_reply(
    understander: Understander, text: str
) -> None:
    assert understander.care.level_by_words(text) == "care"
    assert understander.understand(text).kind == "care"


def test_a_letters_politeness_is_no_doubt_about_oneself(care: Care) -> None:
    """ "Please be good enough to explain…" (round 21's blind set, read once) got the care reply
    for "good enough"; not being good enough is still heard."""
    polite = (
        "Please be good enough to explain how a microcredential compares with a master's in sustainability "
        "management; I have neither the time nor the inclination for the latter. Kind regards"
    )
    assert care.level_by_words(polite) is None
    assert care.level_by_words("would you be kind enough to tell me the fees") is None
    assert care.level_by_words("i'll never be good enough for this") == "care"


@pytest.mark.parametrize(
    "text",
    [
        "failed ma 2391 practice test again, am pure gutted, thinkin o packin it aw in",
        "some days I just feel like I've lost everything. I used to be so capable.",
        "slow at everything now. what point",
    ],
)
def test_giving_up_in_scots_and_a_lost_self_get_the_care_reply(understander: Understander, text: str) -> None:
    """Round 22's blind set, read once: these got the fallback, a did-you-mean and a search."""
    assert understander.understand(text).kind == "care"


def test_a_question_in_another_language_is_not_read_as_distress_by_the_english_model(
    understander: Understander,
) -> None:
    """ "Olá, boa noite. Sou enfermeira…" (round 22's blind set, read once) got the English care
    reply; distress said in Portuguese still gets it in Portuguese."""
    asked = "Olá, boa noite. Sou enfermeira em Coimbra e queria saber o que é exatamente uma microcredencial."
    got = understander.understand(asked)
    assert (got.kind, got.language) == ("language", "pt"), got
    assert understander.understand("estou muito ansiosa, não aguento mais").kind == "care"
