"""The understanding step, one reading at a time (core only, no Telegram)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import bot.understand.intent as intent
from bot.catalog.filters import parse_filters
from bot.catalog.search import CourseSearch
from bot.catalog.store import build_search
from bot.content import ContentError
from bot.faq.matcher import load_faq
from bot.storage.db import open_database
from bot.text import HEDGE, fold, normalise
from bot.understand.care import load_care
from bot.understand.intent import Context, Understander, _asks_plainly
from bot.understand.language import load_languages
from bot.understand.plan_words import plan_action
from bot.understand.route import course_request
from tests.understand.evaluation import answered
from tests.understand.stubs import SurePick

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def understander(seeded_database: Path) -> Understander:
    async def build() -> CourseSearch:
        db = await open_database(f"sqlite+aiosqlite:///{seeded_database}")
        try:
            return await build_search(db)
        finally:
            await db.dispose()

    catalog = asyncio.run(build())
    content = ROOT / "content"
    return Understander(
        load_faq(content),
        catalog.is_known_skill,
        load_care(content),
        load_languages(content),
        says_a_need=catalog.says_a_need,
    )


@pytest.mark.parametrize(
    "text", ["project management", "agile", "leadership", "photography", "proj mgmt", "pyhton"]
)
def test_a_bare_skill_goes_to_the_search(understander: Understander, text: str) -> None:
    understood = understander.understand(text)
    assert understood.kind == "search", understood
    assert understood.query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("leadership and people management for new shift leads", "leadership and people management"),
        ("bookkeeping certificate for our church treasurer role", "bookkeeping certificate"),
        ("find me something about bookbinding for my craft group", "bookbinding for my craft group"),
    ],
)
def test_a_long_request_opening_with_a_skill_searches_for_it(
    understander: Understander, text: str, query: str
) -> None:
    understood = understander.understand(text)
    assert (understood.kind, understood.query) == ("search", query)


@pytest.mark.parametrize("text", ["design", "data", "marketing", "customer service"])
def test_after_which_skill_the_next_text_is_a_skill(understander: Understander, text: str) -> None:
    assert understander.understand(text, Context(expecting_skill=True)).kind == "search"


@pytest.mark.parametrize(
    "text, query, worried",
    [
        # round 19, the search sets read through the understanding step: after "Which skill…?"
        # these got an FAQ answer, a plan command, the language reply or the care reply
        ("in person courses", "in person courses", False),
        ("anything in french?", "anything in french", False),
        ("which courses give ects", "which courses give ects", False),
        ("stats", "stats", False),
        ("quick course i can finish in a weekend", "quick course i can finish in a weekend", False),
        ("ciencia de datos para principiantes", "ciencia de datos para principiantes", False),
        ("im a teacher and want to switch into tech what should i learn", "tech", False),
        (
            "i keep getting asked to do presentations and i hate it",
            "i keep getting asked to do presentations and i hate it",
            True,
        ),
    ],
)
def test_the_answer_to_which_skill_is_searched(
    understander: Understander, text: str, query: str, worried: bool
) -> None:
    got = understander.understand(text, Context(expecting_skill=True))
    assert (got.kind, got.query, got.worried) == ("search", query, worried)
    if text != "ciencia de datos para principiantes":  # (since round 26 a search sent cold too)
        assert understander.understand(text).kind != "search"  # not so without the question


@pytest.mark.parametrize(
    "text, kind",
    [
        ("how much do they cost?", "faq"),
        ("are they recognised by employers?", "faq"),
        ("pause my reminders", "plan"),
        ("no idea. everything feels a bit pointless at the moment", "care"),
        ("i want to kill myself", "urgent"),
        ("hi", "smalltalk"),
    ],
)
def test_after_which_skill_a_question_a_command_or_distress_keeps_its_reading(
    understander: Understander, text: str, kind: str
) -> None:
    assert understander.understand(text, Context(expecting_skill=True)).kind == kind


@pytest.mark.parametrize(
    "text, query",
    [
        ("cursos en español", "taught in spanish"),
        ("what courses do you have in german", "taught in german"),
        ("python course on a budget", "python course on budget up to 100 eur"),
    ],
)
def test_a_filter_the_query_lost_is_put_back(understander: Understander, text: str, query: str) -> None:
    """Round 19: "cursos en español" searched "espanol" (a topic no course has), not courses
    taught in Spanish; the filters the search reads from the query are the message's own."""
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", query)
    assert parse_filters(got.query)[0] == parse_filters(" ".join(fold(text).split()))[0]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("i want to become a data analyst", "data analyst"),
        ("i wanna get into cyber security", "cyber security"),
        ("free python courses", "free python courses"),
        ("any beginner courses in marketing?", "beginner courses in marketing"),
        ("can you recommend a course for me", ""),
        ("what should i study", ""),
        # a skill the learner says they lack (found by the blind read of learner_eval_25)
        ("i keep getting rejected for admin jobs bc i dont know excel properly", "excel"),
        ("public speaking, do you have a course for that", "public speaking"),
        # round 12, from learner_eval_25 once it was tuning data: a skill of three words with a
        # little word inside, "learn how to" (a wish, not a question), a need someone else set,
        # and "any beginner ones" (asking for the courses, not a question)
        ("i freeze when i present in meetings, is there a course for that", "present in meetings"),
        ("just got promoted to supervisor, need to learn how to lead people", "lead people"),
        ("my boss wants me to handle the company instagram and i have no clue", "instagram"),
        (
            "my grandson says I should learn coding, python he said, any beginner ones for an old codger",
            "beginner coding",
        ),
        # advice asked for after an opener, or with no course word
        ("ok can u recommend me something", ""),
        ("yes please recommend something", ""),
        ("hmm any suggestions?", ""),
        ("ok what do you suggest", ""),
        ("alright, recommend me a course", ""),
        # a wish to learn with no idea what: advice (round 15)
        ("i want to learn something new but no idea what", ""),
        ("dont know what to study, want better paid work", ""),
        ("i need something useful to get me off the shop floor, no idea what, just not on my feet", ""),
        # the learned plan signal once read this as "pause": a known skill asked for is a search
        ("project mgmt course pls", "project mgmt course"),
        ("trying to become a web developer, which courses have you got", "web developer"),
        # a wish to learn in everyday words, the skill or job after it
        ("i'd love to get better at excel, any ideas", "excel"),
        ("hoping to pick up some photoshop skills", "photoshop"),
        ("could u point me to something on public speaking", "public speaking"),
        ("need to brush up on my accounting", "accounting"),
        ("im curious about machine learning, whats out there", "machine learning"),
        ("dreaming of being a graphic designer someday", "graphic designer"),
        ("interested in agile, where do i begin", "beginner agile"),  # round 18: new to it
        ("how do i get started in data science", "data science"),
        ("my manager said i should learn power bi", "power bi"),
        ("i'd like to understand bookkeeping for my small business", "bookkeeping"),
        ("anything free for digital marketing? im broke lol", "free digital marketing"),
        # a question asking for courses on a skill
        ("can i study accounting here", "accounting"),
        ("do you offer python classes", "python"),
        ("my daughter wants to learn coding, what do you suggest", "learn coding"),
        ("which excel course is best for a beginner", "beginner excel"),
        ("just got made team lead and have no clue how to manage people, help", "manage people"),
        # round 18's blind set, read: polite and British openings, and course requests in
        # another language after an interjection
        ("Kindly help me find something on IFRS reporting", "ifrs reporting"),
        ("Have you any courses on photography, for a beginner?", "photography, for a beginner"),
        ("che, busco algún curso de testing automatizado, ¿tenés algo con Selenium?", "testing automatizado"),
        ("Servus! Ich such einen Kurs für Hotelmanagement, geht das online?", "hotelmanagement online"),
        ("i want a job in hr", "hr"),  # round 19: the FAQ's employer-recognition answer
        # round 18's blind set, tuned on in round 19: a topic then a word for microcredentials,
        # a wish to learn spelt by ear, a skill with a shrug and an ellipsis
        ("any mlops microcreds?", "mlops"),
        ("data science nanodegree", "data science"),
        ("I want lern excel propply for work", "excel propply"),
        ("excel i think…", "excel"),
        # round 19's blind set, read once, then these: a goal after a shrug or for a son, "do they
        # do anything on…", "I'd love to train up as…"
        ("reckon i wanna become a drone pilot", "drone pilot"),
        ("he says now he wants to become an electrician", "electrician"),
        ("Do they do anything on phonics or early reading? We change in May", "phonics or early reading"),
        ("I'd love to train up as a pharmacy technician", "pharmacy technician"),
        ("i hope to find a job in it support", "it support"),
        (
            "We'd like leadership training for our new line managers, about 8 people. What do you have?",
            "leadership training for our new line managers",
        ),
        ("I should very much like to learn about family history research. Is there a course?",
         "family history research"),
        ("Show me credentials in career coaching", "career coaching"),
        # round 21's blind set, read once, then these: a wish typed loosely ("wana", the "to"
        # dropped, "do me…" for "do my…"), a parent's wish for a child without the "s"
        ("i wana be a site manger one day", "site manger"),
        ("I want to do me electrics, PAT testing and that", "electrics, pat testing and that"),
        ("My daughter want be nurse. Which course for her?", "nurse"),
        # round 22's blind set, read once: an adverb before the wish, an emoji after it
        ("i literally wanna become a makeup artist 😍", "makeup artist"),
    ],
)
def test_course_intents_keep_what_was_asked(understander: Understander, text: str, query: str) -> None:
    understood = understander.understand(text)
    assert understood.kind == "search"
    assert understood.query == query


@pytest.mark.parametrize(
    "text",
    [
        "what is the difference between a microcredential and an online course",
        "are online courses recognised by employers",
        "how long do courses take",
        "no idea what to pick",  # how to choose, not advice
        "i have no idea what a microcredential is",
    ],
)
def test_questions_that_mention_courses_are_not_searches(text: str) -> None:
    assert course_request(text) is None


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Kindly inform the fee structure for these courses, in rupees if possible", "cost"),
        ("Is there option to attend classes physically? I learn better in classroom", "study-modes"),
        ("is there an option to study part time", "study-modes"),
    ],
)
def test_a_request_about_courses_in_general_is_answered_not_searched(
    understander: Understander, text: str, entry: str
) -> None:
    """Round 18: worded like a course request, these searched for "fee structure" and "option"."""
    got = understander.understand(text)
    assert got.kind in ("faq", "suggest"), got
    assert got.match is not None and got.match.best is not None and got.match.best.entry.id == entry


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("what even is a microcredential", "what-is"),
        ("do i have to sit an exam", "assessment"),
        ("are they recognised in other countries", "international-recognition"),
        ("is this bot free", "bot-cost"),
        ("can i stick it on my linkedin", "linkedin"),
    ],
)
def test_the_questions_the_old_matcher_got_wrong(understander: Understander, text: str, entry: str) -> None:
    understood = understander.understand(text)
    assert understood.kind in ("faq", "suggest"), understood
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id == entry


def test_real_words_are_never_corrected_into_other_faq_words(understander: Understander) -> None:
    faq = understander.faq
    assert faq._correct("exam") != "exampl" and not faq._correct("exam").startswith("exampl")
    assert faq._correct("countries") != "count"
    assert faq._correct("employeers").startswith("employ")  # a typo still is


def test_a_follow_up_stays_on_the_topic(understander: Understander) -> None:
    understood = understander.understand("and in healthcare?", Context(last_faq_id="employer-recognition"))
    assert understood.kind == "faq"
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id in ("recognised-sectors", "employer-recognition")


@pytest.mark.parametrize(
    ("after", "text", "entry"),
    [
        ("employer-recognition", "what about in IT specifically?", "recognised-sectors"),
        ("employer-recognition", "and what about in nursing?", "recognised-sectors"),
        ("employer-recognition", "And in the Netherlands specifically?", "international-recognition"),
        ("employer-recognition", "what about abroad?", "international-recognition"),
        ("eqf-levels", "does that eqf stuff even apply if im in canada", "international-recognition"),
        ("employer-budget", "and if my company wont pay?", "funding"),
        ("employer-budget", "what if they say no", "funding"),
        ("duration", "and if i take longer than that?", "deadlines"),
        ("duration", "what if i just run out of time tho", "deadlines"),
        ("international-recognition", "what about UAE or Saudi", "international-recognition"),
        ("funding", "any for people in kenya specifically?", "funding"),
        ("recognised-sectors", "and logistics / supply chain?", "recognised-sectors"),
        ("employer-recognition", "even small companies?", "employer-recognition"),
        # round 22: "even…", "wat if…" continue the answer before when nothing else is sure
        ("mobile", "even on 2G?", "mobile"),
        ("refunds", "wat if i already started", "refunds"),
    ],
)
def test_a_follow_up_is_the_question_it_continues(
    understander: Understander, after: str, text: str, entry: str
) -> None:
    """Round 20: after the employers' answer "what about in IT specifically?" was answered
    with the employers' answer again, "And in the Netherlands specifically?" got "outside what
    I know"; "and if my company wont pay?" after the employer-budget answer repeated it."""
    understood = understander.understand(text, Context(last_faq_id=after))
    assert understood.kind == "faq" and answered(understood) == entry, understood


def test_it_as_a_word_is_no_sector_and_a_long_message_asks_its_own_question(
    understander: Understander,
) -> None:
    faq = understander.faq
    assert faq.follow_up("employer-recognition", "what about it") is None
    assert faq.follow_up("employer-recognition", "what about IT") is not None
    assert faq.follow_up(None, "what about in nursing?") is None
    assert faq.follow_up("cost", "what about in nursing?") is None  # only after the answers it names
    visa = "ok but whats the visa situation for canada these days"  # another subject
    assert faq.follow_up("international-recognition", visa) is None
    long = "and what about in nursing, how long would the whole thing take me if i work full time"
    assert faq.follow_up("employer-recognition", long) is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm so stressed about my exams",
        "i want to give up",
        "feeling really overwhelmed with work and the course",
        # hopelessness about work, with no feeling word
        "what is the point, nobody will hire someone my age",
        "honestly ill never get a job at this rate",
        # what failing would cost, said plainly
        "my parents paid for it, i really cant afford to fail",
        "been going through the motions with this module for weeks",
        "brain fog today. again.",  # found by the blind read of learner_eval_27
        "my brane just dusnt work wiv all the reding, i giv up",  # learner_eval_39's, spelt by ear
        "Im too old for all this computer stuff really, maybe I should just stick to the sheep",
    ],
)
def test_wellbeing_messages_get_care(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "care"


def test_a_crisis_is_urgent_and_a_skill_named_after_stress_is_a_search(understander: Understander) -> None:
    assert understander.understand("i want to kill myself").kind == "urgent"
    assert understander.understand("stress management courses").kind == "search"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Cuánto cuesta una microcredencial?", "es"),
        ("Wie lange dauert so ein Kurs?", "de"),
        ("Est-ce que les employeurs reconnaissent ces formations ?", "fr"),
        ("Quanto costa un corso del genere?", "it"),
        ("quanto custa?", "pt"),
        ("Wat is een microcredential precies?", "nl"),
        ("Ile kosztuje taki kurs?", "pl"),
        ("allo, tu parles français toi?", "fr"),  # asking about the language, in it
        ("microcredencial conta como crédito na faculdade?", "pt"),
        ("posso estudar pelo telemóvel ou preciso de computador?", "pt"),  # how to study, not a search
        # "in", "a", "i" are Italian too (found by the blind read of learner_eval_27)
        ("sono in sedia a rotelle, i corsi in presenza sono accessibili?", "it"),
    ],
)
def test_other_languages_are_recognised(understander: Understander, text: str, language: str) -> None:
    understood = understander.understand(text)
    assert (understood.kind, understood.language) == ("language", language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("hola", "es"), ("Gracias!", "es"), ("danke schön", "de"), ("merci 🙏", "fr"), ("grazie mille", "it"),
     ("obrigada", "pt"), ("dank je wel", "nl"), ("dziękuję", "pl")],
)  # fmt: skip
def test_a_greeting_or_thanks_alone_in_another_language_gets_that_language(
    understander: Understander, text: str, language: str
) -> None:
    """Until round 16 a one-word "hola" or "gracias" was searched for ("no course on gracias")."""
    understood = understander.understand(text)
    assert (understood.kind, understood.language) == ("language", language)
    assert understander.understand("hello").kind == "smalltalk"


def test_greetings_must_be_a_list(tmp_path: Path) -> None:
    (tmp_path / "languages.yaml").write_text(
        'languages:\n  es:\n    name: "Español"\n    reply: "Hola"\n    greetings: "hola"\n', encoding="utf-8"
    )
    with pytest.raises(ContentError, match="greetings"):
        load_languages(tmp_path)


def test_a_course_search_in_another_language_is_a_search(understander: Understander) -> None:
    understood = understander.understand("cursos de análisis de datos")
    assert understood.kind == "search" and "analisis de datos" in understood.query
    # a short topic naming a known skill among its words (until round 16 the whole had to be one)
    assert understander.understand("fotografía digital").kind == "search"
    assert understander.understand("tengo una pregunta").kind == "language"


def test_a_greeting_in_another_language_is_neither_the_topic_nor_hides_a_question(
    understander: Understander, catalog: CourseSearch
) -> None:
    """ "hola, …" is never searched for; "oi tudo bem, how long does it take?" (in Portuguese) is
    a question, which gets the Portuguese reply rather than a search for the sentence."""
    hola = understander.understand("hola, cursos de python")
    assert hola.kind == "search" and catalog.search(hola.query).understood == "python"
    asked = understander.understand("oi tudo bem quanto tempo demora pra terminar um curso desses")
    assert asked.kind == "language" and asked.language == "pt"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("pause my reminders", "pause"),
        ("show my progress", "progress"),
        ("i want to stop my plan", "stop"),
        ("help me make a study plan", "study"),
        ("when is my next reminder", "reminders"),
        ("turn my reminders back on", "resume"),
        # a command sent as text (pasted, or with the bot's name from a group)
        ("/plan", "study"),
        ("/progress@microcred_bot", "progress"),
        ("/stopstudying", "stop"),
    ],
)
def test_plan_commands_in_plain_words(text: str, action: str) -> None:
    assert plan_action(text) == action


def test_a_question_about_pausing_is_not_a_command() -> None:
    assert plan_action("if i pause my plan do i lose my progress") is None


@pytest.mark.parametrize(
    "text", ["how much does a pizza cost", "how long is a marathon", "bitcoin price today"]
)
def test_off_topic_gets_no_confident_answer(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "faq"


@pytest.mark.parametrize(
    "text",
    [
        "i'm not stressed, just curious how long it takes",
        "is the exam stressful?",
        "i'm worried employers won't recognise it",
        "stress management courses",
    ],
)
def test_a_negated_or_ordinary_mention_of_stress_is_not_a_wellbeing_message(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind not in ("care", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "not sure i'm clever enough for this",
        "ugh this is too much",
        "i think i'm going to fail this",
        "i never feel good enough",
        "i'm not motivated at all",
    ],
)
def test_self_doubt_and_overwhelm_get_care(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "care"


@pytest.mark.parametrize(
    "text", ["is netflix worth the money", "how do i register to vote", "whats the best laptop under 500"]
)
def test_a_message_with_no_learning_word_needs_a_sure_match(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "faq"


def test_a_follow_up_keeps_a_confident_answer_of_its_own(understander: Understander) -> None:
    understood = understander.understand("and if i fail?", Context(last_faq_id="assessment"))
    assert understood.kind == "faq"
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id == "failing-retakes"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("put my plan on hold", "pause"),
        ("stop reminding me, for good", "stop"),
        ("remind me every evening at 7", "reminders"),
        ("how much have i done", "progress"),
        ("i'm back", "resume"),
        ("i want a study plan", "study"),
    ],
)
def test_more_plan_commands_in_plain_words(text: str, action: str) -> None:
    assert plan_action(text) == action


def test_a_question_about_putting_a_course_on_hold_is_not_a_command() -> None:
    assert plan_action("can i put my course on hold") is None


def test_ok_and_cool_are_small_talk_not_searches(understander: Understander) -> None:
    assert understander.understand("cool").kind == "smalltalk"
    assert understander.understand("ok").kind == "smalltalk"


def test_what_courses_do_you_have_for_a_skill_is_a_search(understander: Understander) -> None:
    understood = understander.understand("what courses do you have for excel")
    assert (understood.kind, understood.query) == ("search", "excel")


@pytest.mark.parametrize("text", ["👍", "🙂🙂", "❤️", "😂😂😂"])
def test_emoji_alone_is_a_nod_not_a_search(understander: Understander, text: str) -> None:
    understood = understander.understand(text)
    assert understood.kind == "smalltalk" and understood.match is not None
    assert understood.match.smalltalk is not None and understood.match.smalltalk.id == "acknowledgement"


@pytest.mark.parametrize(
    "text",
    ["honestly i just want to disappear", "some days i don't want to wake up", "theres no point in living"],
)
def test_passive_thoughts_of_not_being_here_are_urgent(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "urgent"  # crisis lines, not only study tips


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        (
            "I moved here last year and have mostly been at home with the kids. My old job was in admin "
            "but everything runs on new systems now. How much does one of these usually cost?",
            "cost",
        ),
        (
            "I drive a delivery van all week and only get Sundays off. My brother did one and says it "
            "changed things for him. Would my employer actually take it seriously?",
            "employer-recognition",
        ),
    ],
)
def test_the_question_at_the_end_of_a_long_story_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    whole = understander.faq.match(text)
    # the story alone drowns the question (or sounds like another entry) ...
    assert whole.kind != "answer" or whole.best is None or whole.best.entry.id != entry
    got = understander.understand(text)
    assert answered(got) == entry  # ... which is answered on its own, got


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("thanks so much for your help!", "thanks"),
        ("lovely, thanks, that's just what I was after", "thanks"),
        ("Are you a real person or a computer?", "who-are-you"),
        ("you're actually really useful", "thanks"),
        ("are you a person or a robot?", "who-are-you"),
        ("I passed!!! 🎉", "good-news"),
        ("just got my certificate", "good-news"),
    ],
)
def test_thanks_praise_and_good_news_are_small_talk(
    understander: Understander, text: str, intent: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None
    assert got.match.smalltalk.id == intent


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("phone only ok?", "mobile"),
        ("cool, and how about linkedin specifically", None),
        ("do these help get a job", None),
        ("been out of work since march, can any of this help me", None),
    ],
)
def test_a_question_around_a_one_word_small_talk_phrasing_is_a_question(
    understander: Understander, text: str, entry: str | None
) -> None:
    """ "ok", "cool" or "help" inside a question the FAQ knows about is a word of it, and a
    closing "can any of this help me" asks; neither is small talk."""
    got = understander.understand(text)
    assert got.kind != "smalltalk"
    if entry is not None:
        assert answered(got) == entry, got


@pytest.mark.parametrize("text", ["certificate", "exam", "assessment", "my exam", "enrolled", "useful"])
def test_a_word_of_a_small_talk_phrasing_is_not_small_talk(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "smalltalk"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("beekeeping, we've just got our first hive", "beekeeping"),
        ("forklift safety - i run a small warehouse", "forklift safety"),
        ("interior design / my flat needs work", "interior design"),
    ],
)
def test_a_subject_then_who_is_asking_is_a_search_for_the_subject(
    understander: Understander, text: str, query: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.query == query


@pytest.mark.parametrize(
    "text",
    [
        "gdpr request, how do i get my data",
        "real talk, worth it or not?",
        "got let go on friday, what are my options",
    ],
)
def test_a_question_after_the_comma_is_not_a_subject_search(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "search"


@pytest.mark.parametrize(
    "text", ["government funding for short courses in ireland", "financial aid for online courses"]
)
def test_money_for_courses_is_a_question_not_a_search(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind in ("faq", "suggest") and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "funding"


def test_a_skill_that_sounds_like_money_is_still_a_search(understander: Understander) -> None:
    assert understander.understand("any courses on fundraising").kind == "search"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("how to become a software tester", "software tester"),
        ("how would i go about becoming a counsellor", "counsellor"),
        ("what does it take to become a project manager", "project manager"),
        ("hmm maybe excel", "excel"),
        # a shrug after the skill, which the care model's meaning alone read as low
        ("uh project mgmt i guess", "project mgmt"),
        ("maybe excel idk", "excel"),
    ],
)
def test_career_questions_and_hedged_skills_are_searches(
    understander: Understander, text: str, query: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.query == query


def test_what_courses_have_you_got_asks_which_skill(understander: Understander) -> None:
    got = understander.understand("what courses have you got")
    assert got.kind == "search" and got.query == ""


@pytest.mark.parametrize("text", ["hiii", "heyyy", "thanksss", "byeee"])
def test_stretched_small_talk_is_small_talk(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "smalltalk"


@pytest.mark.parametrize(
    "text",
    [
        "honestly too old for this, might just jack it in",
        "3am again and unit 2 still not started. what am i even doing",
        "failed the mock exam twice now. this isn't for people like me",
    ],
)
def test_giving_up_in_everyday_words_gets_care(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind in ("care", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "honestly everyone would be better off if i wasnt here",
        "my kids would be better off if i was gone",
        "some days i wish i wasn't alive",
    ],
)
def test_passive_wishes_not_to_be_here_are_urgent(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "urgent"


def test_a_clause_asking_for_courses_on_a_skill_is_a_search_when_no_answer_fits(
    understander: Understander,
) -> None:
    got = understander.understand("done with the sql one now, what's after that? maybe python courses?")
    assert got.kind == "search" and got.query is not None and "python" in got.query
    scam = understander.understand("i saw an advert for a python course, how can i tell it's not a scam?")
    assert scam.kind in ("faq", "suggest")  # a question about one course, not a search


@pytest.mark.parametrize("text", ["££ ?", "$$$", "€€?", "💰??", "💸"])
def test_money_signs_alone_ask_what_it_costs(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert answered(got) == "cost", got


def test_courses_for_someone_like_me_is_a_request_for_advice(understander: Understander) -> None:
    got = understander.understand("which courses do you have for someone like me")
    assert (got.kind, got.query) == ("search", "")
    mooc = understander.understand("is a microcredential any different from those mooc courses")
    assert mooc.kind != "search"


def test_a_course_asked_for_by_name_beside_a_feeling_is_a_search(understander: Understander) -> None:
    got = understander.understand("public speaking course please, i get so nervous in meetings lol")
    assert got.kind == "search" and got.query is not None and "public speaking" in got.query
    assert understander.understand("i want to quit my course, im so stressed").kind == "care"


@pytest.mark.parametrize(
    "text", ["thank you so much for your patience with all my questions", "thanks for all the help today"]
)
def test_long_thanks_are_thanks(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None
    assert got.match.smalltalk.id == "thanks"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("still dont get it. give me example pls", "example"),
        ("I'm exhausted after the gym lol. anyway, roughly what do these courses go for price wise", "cost"),
        ("i'm so anxious about the assessment, what happens if i fail it?", "failing-retakes"),
    ],
)
def test_a_question_asked_with_a_feeling_is_kept_to_answer_after_the_care_reply(
    understander: Understander, text: str, entry: str
) -> None:
    """The handler sends the care reply, then this answer."""
    got = understander.understand(text)
    assert got.kind == "care" and got.match is not None and got.match.kind == "answer"
    assert got.match.best is not None and got.match.best.entry.id == entry


@pytest.mark.parametrize(
    "text",
    [
        "i have a good job, why can't i finish one simple course. something is off with me",
        "Everyone at the firm has a master's. This course feels like nothing, and honestly so do I.",
    ],
)
def test_a_reproach_is_not_a_question_to_answer(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "care" and (got.match is None or got.match.kind != "answer")


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("i just lost my job, are there courses for unemployed people", "unemployed"),
        ("are there people over 60 doing these courses", "age"),
    ],
)
def test_a_course_request_in_the_faqs_own_words_is_its_question(
    understander: Understander, text: str, entry: str
) -> None:
    """Worded like a request, but naming no skill and asking what the FAQ answers surely."""
    got = understander.understand(text)
    assert answered(got) == entry, got


@pytest.mark.parametrize(
    "text",
    [
        "courses with ects credits",  # filters of a search
        "is there a course for learning spanish",  # something to learn
        "are there python courses for people over 60",  # a known skill
        "anything on blockchain?",  # one subject word
        "find me a course",
    ],
)
def test_a_course_request_naming_a_skill_filters_or_a_subject_stays_a_search(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind == "search"


@pytest.mark.parametrize(
    "text",
    [
        "ok so wat even is a micro credential lol my boss keeps going on about them",
        "MY GRANDSON SAYS I SHOULD GET A MICROCREDENTIAL. WHAT IS THAT PLEASE",
        "sorry what is micro credential? my manager say i should do one",
        "my dauter sed i shud look at mikro credenshals but i dont no wot they are",
    ],
)
def test_asking_what_a_microcredential_is_gets_the_definition_whoever_mentioned_it(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert answered(got) == "what-is", got


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("what is a microcredential worth to employers", "worth-it"),
        ("what is a microcredential cost", "cost"),
    ],
)
def test_what_it_is_worth_or_costs_is_not_the_definition(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert got.match is not None and got.match.best is not None and got.match.best.entry.id == entry


def test_a_question_then_a_remark_is_answered_on_the_question(understander: Understander) -> None:
    """A near tie on the whole message; the question before the comma alone is answered."""
    got = understander.understand("whats the price on this one, i cant see it")
    assert answered(got) == "cost", got


@pytest.mark.parametrize("text", ["does this one cost anything", "is that one free or paid"])
def test_a_price_question_after_a_card_is_about_the_course(understander: Understander, text: str) -> None:
    understood = understander.understand(text, Context(last_course_id=1))
    assert understood.kind == "faq" and understood.about_course
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id == "cost"


def test_who_pays_for_the_course_after_a_card_is_not_its_price(understander: Understander) -> None:
    """The bot's own price only second-best must not turn an employer question into the price."""
    understood = understander.understand("would my company pay for this?", Context(last_course_id=1))
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id == "employer-budget"


def test_whether_the_bot_costs_anything_is_about_the_bot(understander: Understander) -> None:
    understood = understander.understand("do you cost anything to use", Context(last_course_id=1))
    assert understood.match is not None and understood.match.best is not None
    assert understood.match.best.entry.id == "bot-cost"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ok and how do i pause them if work gets busy", True),
        ("kindly explain what these are", True),
        ("left school at 15 to work on the farm can i still do these", True),
        ("i feel like giving up on all of it", False),
        ("ok so i failed again", False),
    ],
)
def test_a_question_after_ok_or_kindly_or_midway_is_asked(text: str, asks: bool) -> None:
    """What decides whether a message that sounds distressed is also answered."""
    assert _asks_plainly(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "alright, sold. how do i actually sign up for one",
        "great, and what about putting it on my cv",
        "be straight with me are these any good",
    ],
)
def test_a_reply_word_or_a_plain_question_is_not_searched_for(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "search"


@pytest.mark.parametrize(
    ("text", "query", "like_course"),
    [
        ("no, i meant plumbing", "plumbing", False),
        ("how about spanish instead?", "spanish", False),
        ("something like this but for accounting", "accounting", False),
        ("nope. anything on data visualisation?", "data visualisation", False),
        ("any cheaper ones?", "cheap", True),
        ("got any similar ones", "", True),
        ("show me some others", "", True),
        ("free ones like this?", "free", True),
        ("got anything like this but for photography instead", "photography", False),
        ("anything cheaper than this for python?", "cheap python", False),
        ("is there anything easier than this one in excel", "beginner excel", False),
        ("anything cheaper than that one?", "cheap", True),
        ("same thing but for sql", "sql", False),
        # in words no pattern has: another skill, or the card's subject with a filter
        ("any free alternatives to this for sql", "free sql", False),
        ("not quite, i want more beginner stuff in python", "beginner python", False),
        ("what else is there for excel", "excel", False),
        ("nah not for me. what about photography", "photography", False),
        ("hmm too advanced for me, anything easier?", "beginner", True),
        ("is there a shorter one", "short", True),
        ("is there a free version of this", "free", True),
        ("whats the cheapest option for this", "cheap", True),
        ("what about one in spanish", "in spanish", True),
        # round 16: saying what is wrong with it
        ("too expensive for me", "cheap", True),
        ("i cant afford that", "cheap", True),
        ("way too long tbh", "short", True),
        ("do you have a cheaper one like this", "cheap", True),
    ],
)
def test_after_a_course_card_other_courses_asked_for_are_searched(
    understander: Understander, text: str, query: str, like_course: bool
) -> None:
    got = understander.understand(text, Context(last_course_id=1))
    assert got.kind == "search" and got.query == query and got.like_course is like_course


@pytest.mark.parametrize(
    "text",
    [
        "is it free?",
        "is this one free?",
        "how long is this one",
        "is it in english only?",
        "this one in french?",
        "so is this like those free edx courses or something else",
        "do i need any experience for this one or can a total beginner do it",
        "is it easier than the other one",
    ],
)
def test_a_question_about_the_card_is_still_answered_about_it(understander: Understander, text: str) -> None:
    got = understander.understand(text, Context(last_course_id=1))
    assert got.kind != "search"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("could you pause my reminders until the new year?", "pause"),
        ("can you please stop messaging me", "stop"),
        ("stop all the reminders, im finished with the course", "stop"),
        ("how much have i done so far", "progress"),
        ("could we freeze it for now, exams all week", "pause"),
        ("im quitting the course so please stop messaging me", "stop"),
        ("your texts arrive too early, can it be after 10", "reminders"),
        ("sign me up for a study plan on this one", "study"),
    ],
)
def test_a_polite_request_is_a_command_and_a_what_if_is_a_question(
    understander: Understander, text: str, action: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "plan" and got.plan_action == action
    assert understander.understand("if i pause my plan, will i lose my progress?").kind != "plan"


def test_a_question_about_money_for_courses_in_another_language_gets_the_language_reply(
    understander: Understander,
) -> None:
    got = understander.understand("¿Hay alguna beca para estos cursos?")
    assert got.kind == "language" and got.language == "es"


def test_what_means_a_microcredential_is_the_definition_and_can_it_help_is_no_command(
    understander: Understander,
) -> None:
    got = understander.understand("hello, what means micro-credential exactly? my manager mentioned it")
    assert answered(got) == "what-is", got
    assert understander.understand("can it help me switch from retail to nursing").kind != "plan"


@pytest.mark.parametrize(
    "text",
    [
        "quit school at 14 to help on the farm, now im 50, can i still get in or do they want papers",
        "I have a 2 year diploma in plumbing from home, would this count as higher or lower",
    ],
)
def test_a_question_is_never_a_learned_plan_command(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind != "plan"


def test_wanting_to_be_seen_is_no_job_to_search_for(understander: Understander) -> None:
    """ "be" a job is a career ("i want to be a nurse"); "be noticed" is a question for the FAQ."""
    noticed = understander.understand("i want to be noticed by recruiters, can a microcredential help?")
    assert answered(noticed) == "stand-out", noticed
    assert understander.understand("i want to be a nurse").kind == "search"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("My daughter is 17. She can do course?", "age"),
        ("course exist in bulgarian language?", "language-english"),
        ("I finish 1am every night. I can study after that, or course have fixed time class?", "study-modes"),
    ],
)
def test_a_question_in_a_sentence_about_a_course_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    """Round 21's blind set, read once: a question mark after a sentence with a subject or a verb
    ("she can do course?") asks something; only a topic with a course word ("python course?",
    "any free courses?") is a search. They were searched for, whole."""
    assert (understander.understand(text).kind, answered(understander.understand(text))) == ("faq", entry)
    assert understander.understand("python course?").query == "python course"
    assert understander.understand("any free courses?").kind == "search"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # a wish that comes with a question about the learner's chances is that question
        ("wanna learn coding but im 45, is that silly", None),
        ("been driving buses 22 yrs want to get into IT, would one of these help me switch", None),
        ("can i do the data one without knowing maths", None),
        ("do you offer refunds", "refunds"),
        # how or where to learn is not what to learn
        ("i want to learn at my own pace", "study-modes"),
        ("i want to study on my phone", "mobile"),
    ],
)
def test_a_wish_that_asks_something_else_is_no_search(
    understander: Understander, text: str, entry: str | None
) -> None:
    understood = understander.understand(text)
    assert understood.kind != "search"
    if entry is not None:
        assert understood.kind == "faq" and understood.match is not None
        assert understood.match.best is not None and understood.match.best.entry.id == entry


@pytest.mark.parametrize(
    "text",
    [
        "how can i start my own cafe",
        "i want to run my own cafe one day",
        "starting a small bakery business",
        "going back to work after years at home with the kids",
        "find me something useful for getting back to work",
        "something to make me more employable",
        "every project we run ends up late and over budget",  # a situation a skill is for
    ],
)
def test_a_goal_a_career_stands_for_is_a_search_for_it(understander: Understander, text: str) -> None:
    """What the learner wants to do, said instead of a job or a skill: the search shows the
    career's courses (`content/careers.yaml` goals)."""
    understood = understander.understand(text)
    assert understood.kind == "search" and understood.query == text


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("i keep hearing 'data viz' at work, what do u have for that", "data viz"),
        ("nah show me something in marketing instead", "marketing"),
        ("I'm a graphic designer wanting to move into UX, do you have anything for that?", "ux"),
        (
            "i got made supervisor last month and have zero clue how to manage people. anything for that",
            "manage people",
        ),
        # a first clause that is a known skill with filters, whatever follows
        ("cybersecurity stuff thats free? cant pay anything rn", "free cybersecurity"),
        ("free digital marketing stuff? no budget", "free digital marketing"),
        ("any project management ones that dont cost anything", "free project management"),
        # "what courses (would help)" after the goal names no topic either
        ("i'd like to work my way up to hotel manager, what courses would help", "hotel manager"),
        ("id like to get into teaching adults, like at a college. what courses", "teaching"),
    ],
)
def test_courses_asked_for_with_no_topic_are_for_the_skill_said_around_it(
    understander: Understander, text: str, query: str
) -> None:
    understood = understander.understand(text)
    assert (understood.kind, understood.query) == ("search", query)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("teaching english online", "search"),
        ("grant writing for charities", "search"),  # a skill, not a grant for the learner
        ("can i get a grant for this", "faq"),
        ("teaching english as a foreign language tefl", "search"),
        ("I would like to teach English abroad when I retire. Is there anything for that?", "search"),
        ("can i teach english with a microcredential?", "faq"),
        ("is the course taught in english?", "faq"),
        # round 16: learning a language is a subject too (it got the language-of-teaching answer)
        ("what's out there for learning spanish", "search"),
        ("i'd love to pick up some italian before my trip", "search"),
        ("do i need to improve my english first", "faq"),
        ("can i learn a new language with one of these", "faq"),
        # round 15, after its blind set was read (in other words): distress asked as a question,
        # and errands that share the bot's words
        ("is it normal to feel too old to be learning this stuff", "care"),
        ("Is it normal to feel this lost? I ran a shop floor and now I can't attach a file.", "care"),
        ("Lost my job on Friday at 59. Who's going to take me on now", "care"),
        ("no clue if i'll make rent this month and i'm supposed to be revising lol", "care"),
        ("my parents put everything into this, if it doesnt work out i dont know what i will do", "care"),
        ("diesel prices are mad this month, is it ever coming down?", "offtopic"),
        ("should i get a house share or student halls next year", "offtopic"),
        ("idk which to pick, help", "faq"),  # how to choose, asked; not a topic to search for
        ("gn x", "smalltalk"),
        ("g'day", "smalltalk"),  # round 16: greetings of Australia and the Caribbean
        ("wah gwaan", "smalltalk"),
        ("HELLO IS ANYONE THERE", "smalltalk"),  # not a search for "hello is anyone there"
    ],
)
def test_teaching_a_language_is_a_subject_not_the_language_of_teaching(
    understander: Understander, text: str, kind: str
) -> None:
    """Teaching a language is a subject, the language of teaching a question; and distress or an
    errand is read as such."""
    assert understander.understand(text).kind == kind


def test_an_opening_hedge_alone_leaves_the_skill() -> None:
    """ "umm coding?" (found by the blind read of learner_eval_23): the hedge names no topic."""
    assert HEDGE.sub("", "umm coding").strip() == "coding"
    assert HEDGE.sub("", "idk maybe coding").strip() == "coding"


@pytest.mark.parametrize(
    ("text", "kind", "query"),
    [
        ("something with computers, help desk maybe", "search", "help desk"),
        ("help with excel", "search", "excel"),
        ("ok python then", "search", "python"),
        ("ok cool lol", "smalltalk", ""),
        ("help", "smalltalk", ""),
        ("thanks, ill look at the python one", "smalltalk", ""),
    ],
)
def test_a_nod_or_help_inside_a_phrase_naming_a_skill_is_a_search(
    understander: Understander, text: str, kind: str, query: str
) -> None:
    understood = understander.understand(text)
    assert (understood.kind, understood.query) == (kind, query)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("just got made redundant, can these help me get back into work quicker?", "unemployed"),
        ("any financial help going? single mum here, just going back to work part time", "funding"),
        ("im 55 and going back to work, am i too old", "age"),
    ],
)
def test_a_goal_said_with_a_question_is_that_question(
    understander: Understander, text: str, entry: str
) -> None:
    understood = understander.understand(text)
    assert answered(understood) == entry, understood


@pytest.mark.parametrize(
    ("text", "kind", "language"),
    [
        ("estoy agobiada con el curso y el trabajo, no puedo más", "care", "es"),
        ("Ich kann nicht mehr, der Kurs und die Arbeit sind zu viel", "care", "de"),
        ("je suis épuisée, je n'y arrive plus avec ce cours", "care", "fr"),
        ("non ce la faccio più con questo corso", "care", "it"),
        ("não aguento mais, quero desistir do curso", "care", "pt"),
        ("ik kan het niet meer, ik wil opgeven", "care", "nl"),
        ("mam dość, nie daję rady z tym kursem", "care", "pl"),
        ("ya no quiero vivir", "urgent", "es"),
        ("ich will nicht mehr leben", "urgent", "de"),
    ],
)
def test_distress_in_another_language_gets_care_in_that_language(
    understander: Understander, text: str, kind: str, language: str
) -> None:
    understood = understander.understand(text)
    assert (understood.kind, understood.language) == (kind, language)


def test_an_other_language_course_search_or_question_is_not_distress(understander: Understander) -> None:
    assert understander.understand("cursos de análisis de datos").kind == "search"
    assert understander.understand("¿cuánto cuesta un curso?").kind == "language"
    assert understander.understand("Kurse über Stressmanagement?").kind != "care"


def test_every_language_has_care_replies_that_fit_and_bad_ones_stop_start_up(tmp_path: Path) -> None:
    """Each language's care replies are short Telegram HTML with the next steps; a reply with
    broken HTML names its field when the content is loaded."""
    languages = load_languages(ROOT / "content")
    for code, reply in languages.replies.items():
        assert reply.care_words and reply.urgent_words, code
        assert "/pause" in reply.care_reply and len(reply.care_reply) <= 600, code
        assert "findahelpline.com" in reply.urgent_reply and len(reply.urgent_reply) <= 600, code
    (tmp_path / "languages.yaml").write_text(
        'languages:\n  es:\n    name: "Español"\n    reply: "Hola"\n    care_reply: "<b>roto"\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="care_reply"):
        load_languages(tmp_path)


def test_a_request_naming_a_skill_is_a_search_though_it_sounds_worried(understander: Understander) -> None:
    got = understander.understand(
        "something on sustainability reporting, my company is starting an esg team and i want in"
    )
    assert got.kind == "search" and got.query is not None and got.query.startswith("sustainability reporting")


def test_a_plan_command_after_a_card_is_the_command_not_other_courses(understander: Understander) -> None:
    got = understander.understand("yes start me on this one and send me reminders", Context(last_course_id=1))
    assert (got.kind, got.plan_action) == ("plan", "study")


def test_the_price_asked_after_a_card_is_answered_about_that_course(understander: Understander) -> None:
    got = understander.understand("is it free?", Context(last_course_id=1))
    assert got.kind == "faq" and got.about_course


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("any in hindi or all english only", "faq"),
        ("can i follow it in french? english is my third language", "faq"),
        ("do you have courses in spanish or is everything english only", "faq"),
        ("Is there any course in Urdu or only English medium?", "faq"),
        ("courses in italian?", "search"),
        ("python in spanish", "search"),
        ("any free courses in spanish?", "search"),
        ("how do you say good morning in tagalog", "offtopic"),
    ],
)
def test_the_language_of_teaching_asked_about_is_the_faqs_question(
    understander: Understander, text: str, kind: str
) -> None:
    got = understander.understand(text)
    assert got.kind == kind
    if kind == "faq":
        assert got.match is not None and got.match.best is not None
        assert got.match.best.entry.id == "language-english"


def test_a_language_named_for_something_else_is_not_the_teaching_language(understander: Understander) -> None:
    got = understander.understand("I have a BA in English literature. How does a microcredential compare?")
    entry = got.match.best.entry.id if got.match and got.match.best else None
    assert not (got.kind == "faq" and entry == "language-english")


@pytest.mark.parametrize(
    "text", ["my credit card got declined", "book me a table for two", "recommend me a good netflix series"]
)
def test_news_or_an_errand_is_no_course_search(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind not in ("search", "faq")


@pytest.mark.parametrize(
    ("previous", "text", "entry"),
    [
        ("credit-transfer", "which universities accept that", "credit-transfer"),
        ("linkedin", "how do i add it", "linkedin"),
    ],
)
def test_a_short_question_about_it_right_after_an_answer_stays_on_that_topic(
    understander: Understander, previous: str, text: str, entry: str
) -> None:
    got = understander.understand(text, Context(last_faq_id=previous))
    assert answered(got) == entry, got


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("the second one", 2),
        ("number 3", 3),
        ("tell me more about the first", 1),
        ("ok the 4th one please", 4),
        ("start me on the 2nd one", 2),
        ("5", 5),
        # a question about one of them: its card answers it
        ("how much is the first one", 1),
        ("is the second one free?", 2),
    ],
)
def test_a_position_typed_after_results_picks_that_course(
    understander: Understander, text: str, position: int
) -> None:
    got = understander.understand(text, Context(after_results=True))
    assert (got.kind, got.pick) == ("pick", position)
    assert understander.understand(text).kind != "pick"  # with no results shown, no pick


@pytest.mark.parametrize("text", ["too expensive for me", "i cant afford that", "bit pricey tbh"])
def test_too_expensive_with_no_course_shown_gets_ways_to_pay_less(
    understander: Understander, text: str
) -> None:
    """Until round 16 "too expensive for me" was a search for those words."""
    got = understander.understand(text)
    assert got.kind == "faq" and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "funding"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("any free ones?", "free"),
        ("cheaper ones?", "cheap"),
        ("which is the shortest", "shortest"),
        ("only the online ones pls", "online"),
        ("in spanish?", "in spanish"),
        ("they're all too expensive for me", "cheap"),
        # round 17, from trying the bot: asked with "what about", "how about", "i'd prefer"
        ("what about online ones only", "online"),
        ("how about free ones", "free"),
        ("i'd prefer beginner courses", "beginner"),
        ("which one is best for a total beginner", "for beginner"),
    ],
)
def test_filters_typed_after_results_narrow_them(understander: Understander, text: str, query: str) -> None:
    got = understander.understand(text, Context(after_results=True))
    assert (got.kind, got.query, got.like_results) == ("search", query, True)


@pytest.mark.parametrize("text", ["next", "more please", "show me more", "next page", "any more?"])
def test_next_or_more_after_results_asks_for_the_next_page(understander: Understander, text: str) -> None:
    """Until round 17 "next" typed after results was searched for as a skill."""
    assert understander.understand(text, Context(after_results=True)).kind == "next-page"
    assert understander.understand(text).kind != "next-page"


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("compare the first two", (1, 2)),
        ("whats the difference between 1 and 3", (1, 3)),
        ("2 vs 4", (2, 4)),
        ("can you compare the second and the fifth one", (2, 5)),
        ("how do 1 and 2 compare?", (1, 2)),
    ],
)
def test_two_positions_to_compare_after_results_are_read(
    understander: Understander, text: str, positions: tuple[int, int]
) -> None:
    got = understander.understand(text, Context(after_results=True))
    assert (got.kind, got.compare) == ("compare", positions)
    assert understander.understand(text).kind != "compare"  # with no results shown, nothing to compare
    assert understander.understand("compare python and excel", Context(after_results=True)).kind != "compare"


@pytest.mark.parametrize(
    "text",
    [
        "first aid",
        "free python",
        "is it free?",
        "what is a microcredential",
        "tell me about the first aid course",
        "what about python instead",
        "i would like to learn excel",
    ],
)
def test_a_new_topic_or_question_after_results_is_not_about_them(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text, Context(after_results=True))
    assert got.kind != "pick" and not got.like_results


def test_go_as_a_verb_is_not_the_go_language(understander: Understander) -> None:
    assert understander.understand("not sure which one to go for").kind == "faq"
    learn_go = understander.understand("i want to learn go")
    assert (learn_go.kind, learn_go.query) == ("search", "go")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hello! do you have any excel courses", "search"),
        ("hi there! i run a small bakery and want to get more customers online", "search"),
        ("good morning! pause my reminders please", "plan"),
        ("hi, what is a microcredential", "faq"),
        # what follows asks for nothing: the whole message is small talk
        ("Good morning, I hope you are well.", "smalltalk"),
        ("hi there, how are you?", "smalltalk"),
    ],
)
def test_what_follows_a_greeting_is_what_the_learner_wants(
    understander: Understander, text: str, kind: str
) -> None:
    assert understander.understand(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "my son is 15 can he do one",
        "what about people in their 70s, my dad wants to try one",
        "what if im over 60 tho",
    ],
)
def test_an_age_said_with_an_unsure_question_is_the_age_question(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert answered(got) == "age", got


def test_a_score_is_no_age(understander: Understander) -> None:
    got = understander.understand("i got 48% and pass is 50, whats next")
    best = got.match.best if got.match is not None else None
    assert not (got.kind == "faq" and best is not None and best.entry.id == "age")


@pytest.mark.parametrize(
    "text",
    [
        "r any of them free or do u always have to pay",
        "whats that gonna cost me",
        "are they dear? money is tight",
    ],
)
def test_the_price_asked_with_an_unsure_question_is_the_cost_question(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert answered(got) == "cost", got


@pytest.mark.parametrize(
    "text",
    [
        "too pricey. any help paying for it?",
        "need something cheap in accounting",
        "is this bot free?",
        "how much does a boiler service cost these days",
    ],
)
def test_help_paying_a_search_or_the_bot_s_price_is_not_the_cost_question(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    best = got.match.best if got.match is not None else None
    assert not (got.kind == "faq" and best is not None and best.entry.id == "cost")


@pytest.mark.parametrize(
    "text",
    [
        "i make jewellery and want to sell it online but have no clue how online shops work",
        "they keep talking about 'the dashboards' at work and i just nod. i want to be able to make them",
        "everything i do is last minute and i want to actually get on top of my days",
        "i keep getting shouted at by customers at the till and i dont know how to handle it",
        "my landlord texted about the rent again and i realised i have zero idea how to manage my own money",
    ],
)
def test_a_wish_in_the_learners_own_words_after_a_story_is_a_search(
    understander: Understander, text: str
) -> None:
    """Round 12: a wish to learn or do something the catalogue has words for, after a story
    about the learner, goes to the search (which says honestly when nothing fits)."""
    understood = understander.understand(text)
    assert understood.kind == "search" and understood.query == text


def test_wanting_to_know_something_is_a_question_not_a_wish(understander: Understander) -> None:
    understood = understander.understand("I would like to know the typical fees before I commit to anything.")
    assert understood.kind != "search"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # round 12, from care_plan_tuning_3: a time for the reminder, a finished or abandoned
        # course said with "stop sending", progress in everyday words, a plan asked for plainly
        ("my shifts changed, can i get the reminder at 2pm now", "reminders"),
        ("I'd prefer my reminder at lunchtime, around half twelve, if possible.", "reminders"),
        ("I have completed the course, so please stop sending reminders.", "stop"),
        ("stop messaging me about studying, im not doing it anymore", "stop"),
        ("passed!! no more messages needed, im done 🎉", "stop"),
        ("turn it off permanently, thanks for the help", "stop"),
        ("Could you tell me how much of the plan I have completed so far?", "progress"),
        ("where did i get up to, i forget", "progress"),
        ("hows my streak looking 👀", "progress"),
        ("did my study from yesterday get logged?", "progress"),
        ("give me a plan bro, 2 hrs a week, i work a lot", "study"),
        ("can we plan out the excel course? im free tues and thurs evenings", "study"),
        ("im off work tomorrow can you make a plan", "study"),
        ("hello again, i'm feeling a bit better. could you resume my reminders?", "resume"),
        ("stop messaging me about studying", "stop"),
        # found by the blind read of learner_eval_27 (fixed after it)
        ("I'm done with this, no more reminders please", "stop"),
        ("remind me mon and wed at 6am sydney time", "reminders"),
        ("put me on a schedule for this course, mondays and wednesdays", "study"),
        ("resume plz", "resume"),
    ],
)
def test_plan_commands_said_with_a_reason_or_in_everyday_words(text: str, action: str) -> None:
    assert plan_action(" ".join(fold(text).split())) == action


def test_a_question_about_pausing_after_a_greeting_is_still_a_question() -> None:
    assert plan_action("hi again. if i pause my plan do i lose my progress?") is None


@pytest.mark.parametrize(
    "text",
    [
        "heyy",
        "howzit",
        "thankyou lah",
        "appreciate it bro",
        "gtg",
        "morning!",
        "are you a robot or a real person",
        "evening 👋",  # round 18's blind set: a search for "evening"
        "night night, off to bed after my shift",  # round 18's blind set: the care reply
    ],
)
def test_short_greetings_thanks_and_goodbyes_are_small_talk(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "smalltalk"


def test_information_asked_in_another_language_is_not_a_search(understander: Understander) -> None:
    """ "necesito info sobre los cursos" names no topic: the reply in Spanish; with a topic it
    is a search for it."""
    asked = understander.understand("hola, necesito info sobre los cursos online please")
    assert (asked.kind, asked.language) == ("language", "es")
    searched = understander.understand("quiero info sobre cursos de excel")
    assert (searched.kind, searched.query) == ("search", "excel")


def test_a_question_after_a_greeting_and_quick_one_is_the_question(understander: Understander) -> None:
    """ "hiya, quick one, …": never a search for "hiya"; the question the FAQ reads, even unsure."""
    understood = understander.understand("hiya, quick one, do these ever go out of date")
    assert understood.kind in ("faq", "suggest") and understood.match is not None
    assert understood.match.best is not None and understood.match.best.entry.id == "expiry"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # found by the blind read of learner_eval_27 (fixed after it): the language courses are
        # taught in, for a language no course filter knows; a goal, then a question about
        # microcredentials; a question about money that names "free"
        ("Is there courses in other language than english, like arabic?", "language-english"),
        ("any courses taught in afrikaans or zulu? my mom would love one", "language-english"),
        (
            "most of my staff are Urdu speakers. Is English the only option for these courses?",
            "language-english",
        ),
        ("I want to become team lead. Would a microcredential help for promotion?", "promotion"),
        ("is there any free money for this, grants or whatever", "funding"),
    ],
)
def test_questions_the_blind_set_showed_were_read_as_searches(
    understander: Understander, text: str, entry: str
) -> None:
    understood = understander.understand(text)
    assert answered(understood) == entry, understood


def test_a_course_language_the_filters_know_is_still_a_search(understander: Understander) -> None:
    assert understander.understand("any courses in italian?").kind == "search"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("failed my first assignment, now what", "failing-retakes"),
        ("I work 50+ hour weeks, realistically can i fit this in", "study-while-working"),
    ],
)
def test_a_setback_then_a_short_question_gets_the_answer(
    understander: Understander, text: str, entry: str
) -> None:
    """ "now what" and "can i fit this in" ask; the meaning's hint of distress is not a reason to
    leave the question unanswered."""
    got = understander.understand(text)
    assert got.kind in ("faq", "care") and got.match is not None and got.match.best is not None
    assert got.match.kind == "answer" and got.match.best.entry.id == entry


def test_a_message_opening_in_another_language_then_slipping_into_english_is_in_the_first(
    understander: Understander,
) -> None:
    got = understander.understand("hola, ¿mi empresa puede pagar el curso? how does that work con el jefe")
    assert got.kind == "language" and got.language == "es"
    english = understander.understand("I love the phrase buenos dias. what is a microcredential?")
    assert english.kind == "faq"


def test_fixed_after_round_13s_blind_read(understander: Understander) -> None:
    """Messages from learner_eval_29.yaml, read once at the end of round 13, then fixed."""
    assert understander.understand("is the new fifa worth buying or nah").kind != "faq"  # a game
    assert understander.understand("thinking of packing it all in").kind == "care"
    hospital = "grandma is in hospital and im supposed to submit tomorrow, i cant think"
    assert understander.understand(hospital).kind == "care"
    assert understander.understand("you're kinda cool ngl").kind == "smalltalk"
    for text in ("i want to do 20 mins a day can you set that up", "ok set one up for me then"):
        got = understander.understand(text)
        assert got.kind == "plan" and got.plan_action == "study", text
    career = understander.understand(
        "i want to get out of care work my back cannot take it anymore would one of these help me move into "
        "something else"
    )  # a question asked midway, with no punctuation: not a need to search for
    assert career.match is not None and career.match.best is not None
    assert career.kind == "faq" and career.match.best.entry.id == "career-change"
    age = understander.understand("im 72 is it too late for me")
    assert age.match is not None and age.match.best is not None and age.match.best.entry.id == "age"
    assert age.kind == "faq" or (age.kind == "care" and age.match.kind == "answer")


def test_a_crying_face_beside_a_question_is_emphasis_not_distress(understander: Understander) -> None:
    text = "ok dumb question but wtf is a microcredential exactly 😭 my prof keeps mentioning them"
    got = understander.understand(text)
    assert answered(got) == "what-is", got
    asked = understander.understand("jobless after graduation 😭 any options for me")  # ends a clause
    assert answered(asked) == "unemployed", asked
    assert understander.understand("im so overwhelmed rn 😭").kind == "care"  # the face with a feeling
    assert understander.understand("cant sleep bc of the exam tmrw 😭").kind == "care"


@pytest.mark.parametrize(
    "text",
    ["i wanna start this, 30 min a day after class", "i want to do 30 min a day", "leave me be till january"],
)
def test_a_pace_or_a_break_said_plainly_is_a_plan_command(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind == "plan" and got.plan_action == ("pause" if "leave" in text else "study")


def test_a_pace_asked_about_is_no_skill_to_search_for(understander: Understander) -> None:
    got = understander.understand("i want to do an hour a night, how long would it take")
    assert got.kind in ("faq", "suggest") and not got.query


def test_a_longer_greeting_with_good_wishes_is_small_talk(understander: Understander) -> None:
    assert understander.understand("good morning love hope youre keeping well").kind == "smalltalk"
    assert understander.understand("what data do you have about me").kind == "faq"  # asks more


def test_a_skill_said_with_a_shrug_before_a_light_worry_is_a_search(understander: Understander) -> None:
    got = understander.understand("umm excel i guess, my spreadsheets are a mess")
    assert got.kind == "search" and got.query == "excel"
    assert understander.understand("excel, im so stressed i could cry").kind == "care"  # said in earnest


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("i want to study this one, 3 hrs a week", "study"),
        ("can u not message me for a few days, funeral in the family", "pause"),
        ("bump my nudge time an hour later, i get home at 7 now", "reminders"),
        ("reminders 19:30", "reminders"),  # was read as stop: a time wanted
        ("let's go with this, start it", "study"),
        ("status on my plan?", "progress"),
    ],
)
def test_plan_commands_said_around_a_pace_a_break_or_a_later_time(
    understander: Understander, text: str, action: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "plan" and got.plan_action == action


@pytest.mark.parametrize(
    "text",
    [
        "lol ur kinda funny for a bot",  # a compliment to the bot
        "you're pretty clever for a bot",
        "you're more helpful than my last manager",
        "have a good one, thanks",  # a goodbye in other words
        "logging off, have a good one",
        "signing off for today",
        "you're actually pretty helpful ngl",  # round 18's blind set, read
        "lol you're actually quite good at this",
    ],
)
def test_compliments_and_goodbyes_said_in_other_words(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "smalltalk"


def test_a_compliment_before_a_question_leaves_the_question(understander: Understander) -> None:
    got = understander.understand("you're helpful but how much does it cost")
    assert answered(got) == "cost", got


def test_a_greeting_before_a_question_still_asks_it(understander: Understander) -> None:
    got = understander.understand("Hello sir good evening. Please explain me the meaning of micro-credential")
    assert answered(got) == "what-is", got


@pytest.mark.parametrize(
    ("text", "entry"), [("wat about banking", "recognised-sectors"), ("wot does it cost", "cost")]
)
def test_what_spelled_as_said_asks_the_question(understander: Understander, text: str, entry: str) -> None:
    got = understander.understand(text)
    assert answered(got) == entry, got


def test_why_bother_doing_one_is_a_sceptics_question(understander: Understander) -> None:
    got = understander.understand("i got 25 years experience why would i even bother doing one")
    assert answered(got) == "why-do-one", got
    assert understander.understand("why bother, im useless at this").kind == "care"


def test_what_happens_after_a_situation_asks_about_it(understander: Understander) -> None:
    got = understander.understand("deadline passed yesterday, what happens")
    assert got.kind in ("faq", "suggest") and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "deadlines"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        (
            "Dear Sir/Madam, could you please advise on the typical duration of a micro-credential "
            "programme? Best regards, Emre Yilmaz",
            "duration",
        ),
        ("Hello comma this is Margaret full stop what is a micro credential question mark", "what-is"),
        ("Is sixty three too old for this question mark", "age"),
        (
            "Dear Sir/Madam, I should like you to remove my details entirely, please. With thanks, "
            "Margaret Hollis",
            "bot-delete",
        ),
    ],
)
def test_a_letters_framing_and_dictated_punctuation_are_not_the_question(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert answered(got) == entry, got


def test_a_sign_off_alone_is_a_goodbye(understander: Understander) -> None:
    assert understander.understand("kind regards").kind == "smalltalk"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("to support my team i need leadership courses", "to support my team i need leadership courses"),
        ("a question with regards to the price", "a question with regards to the price"),
        ("To whom it may concern, is there funding?", "is there funding?"),
        ("how long is it? thanks in advance", "how long is it?"),
        ("x, regards " + "a." * 240 + "?", "x, regards " + "a." * 240 + "?"),  # (no backtracking)
    ],
)
def test_only_a_letters_own_framing_is_taken_off(text: str, kept: str) -> None:
    from bot.understand.intent import _as_written

    assert _as_written(text) == kept


def test_whether_they_are_worth_anything_asked_in_italian_is_no_search(understander: Understander) -> None:
    got = understander.understand("Scusate ma questi corsi valgono qualcosa in Italia o solo all'estero")
    assert got.kind == "language" and got.language == "it"


def test_a_single_comma_may_be_the_word() -> None:
    from bot.understand.intent import _as_written

    assert _as_written("i want a course on comma splices") == "i want a course on comma splices"
    assert _as_written("Is sixty three too old for this question mark") == "Is sixty three too old for this?"


@pytest.mark.parametrize(
    ("text", "after", "query"),
    [
        ("show me more like that but for excel", "course", "excel"),
        ("nah not for me. got anything on bookkeeping?", "course", "bookkeeping"),
        ("negotiation bc i always cave on price", None, "negotiation"),
        ("are there free ones for digital marketing", None, "free digital marketing"),
        ("any cheap ones on excel", None, "cheap excel"),
    ],
)
def test_requests_read_after_round_15s_blind_set(
    understander: Understander, text: str, after: str | None, query: str
) -> None:
    """More like a card but for another skill, a request after turning a card down, a skill then
    "bc" and why, and "free ones for …" keep the filter: course searches (round 15, after the
    blind set was read; written here in other words)."""
    got = understander.understand(text, Context(last_course_id=1 if after else None))
    assert (got.kind, got.query) == ("search", query)



@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("whats the best course for learning python", "python"),
        ("which course should i take for digital marketing", "digital marketing"),
    ],
)
def test_which_course_is_best_for_a_skill_goes_to_the_search(
    understander: Understander, catalog: CourseSearch, text: str, topic: str
) -> None:
    """Until round 16 these got "Did you mean…?" with two FAQ entries."""
    got = understander.understand(text)
    assert got.kind == "search" and got.query is not None and catalog.search(got.query).understood == topic


@pytest.mark.parametrize("text", ["not sure really", "i dunno tbh", "no idea lol", "anything really"])
def test_no_skill_in_mind_after_which_skill_is_a_request_for_advice(
    understander: Understander, text: str
) -> None:
    """Right after "Which skill would you like to learn?": no skill yet, so no search for the
    words (the handler opens the advise-me questions); "idk maybe excel" names one."""
    got = understander.understand(text, Context(expecting_skill=True))
    assert (got.kind, got.query) == ("search", "")
    named = understander.understand("idk maybe excel", Context(expecting_skill=True))
    assert (named.kind, named.query) == ("search", "excel")


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # round 16, after its blind set was read (in other words): "wots" opens a question, and
        # "please tell me what…" asks one, whatever need follows it
        ("wots this gonna cost me", "cost"),
        ("Please tell me what advantages they have. I want to decide with my wife tonight.", "benefits"),
    ],
)
def test_questions_in_txt_speak_or_asked_politely_are_not_searched(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert got.kind in ("faq", "suggest") and got.match is not None and got.match.best is not None
    assert entry in [s.entry.id for s in got.match.ranked[:3]]


def test_a_question_spelt_by_ear_is_offered_its_answer(understander: Understander) -> None:
    """It had the "outside what I know" fallback (the learned signals read the raw text, so
    it is offered rather than answered)."""
    got = understander.understand("how dose it wurk")
    assert got.kind in ("faq", "suggest") and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == "how-they-work"


@pytest.mark.parametrize(
    ("text", "entry"),
    [("quick question about costs", "cost"), ("hi mate, quick question about refunds", "refunds")],
)
def test_a_question_announced_with_its_topic_is_asked_about_it(
    understander: Understander, text: str, entry: str
) -> None:
    """Until round 16 "quick question about costs" was searched for as words."""
    got = understander.understand(text)
    assert got.kind == "faq" and got.match is not None and got.match.best is not None
    assert got.match.best.entry.id == entry


def test_courses_asked_for_a_child_with_the_skill_said_first_are_searched(understander: Understander) -> None:
    """Round 16's blind set (in other words): the age entry had answered it; with no skill named,
    it still does."""
    got = understander.understand("my daughter loves coding, anything for a 15 year old?")
    assert got.kind == "search" and got.query == "coding"
    assert understander.understand("is there anything for a 17 year old").kind == "faq"


def test_a_known_skill_and_a_course_word_is_a_search_whatever_the_word_resembles(
    understander: Understander,
) -> None:
    """ "project management qualification" got the answer about stacking qualifications."""
    assert understander.understand("project management qualification").kind == "search"
    assert understander.understand("what certificate do i get").kind == "faq"


@pytest.mark.parametrize(
    ("text", "kind", "goal"),
    [
        # answered since round 24 (the entry model is sure of career-change), the goal kept
        ("im a nurse and want to move into management, what would help", "faq", "management"),
        ("is it a lot", "suggest", ""),  # a "Did you mean…?" naming no goal
    ],
)
def test_a_question_carries_the_goal_it_names(
    understander: Understander, text: str, kind: str, goal: str
) -> None:
    """Round 17: the courses for the goal are offered beside the answer or the questions it may be."""
    got = understander.understand(text)
    assert (got.kind, got.query) == (kind, goal)


def test_a_did_you_mean_carries_the_goal_the_question_names(
    understander: Understander, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 17: unsure which question it is (here an entry model 0.85 sure of another entry,
    less than `LEAD_PROBABILITY`), the courses for the goal are offered beside the questions."""
    monkeypatch.setattr(understander, "_entries", SurePick("cost"))
    monkeypatch.setattr(intent, "LEAD_PROBABILITY", 0.9)
    got = understander.understand("im a nurse and want to move into management, what would help")
    assert (got.kind, got.query) == ("suggest", "management")
    assert got.match is not None and "cost" in {s.entry.id for s in got.match.ranked}


@pytest.mark.parametrize(
    ("text", "undecided"),
    [
        ("not sure really", True),
        ("Surprise me!", True),
        ("excel", False),
        ("not sure, how much is it?", False),
    ],
)
def test_no_goal_in_mind_is_told_from_a_goal_and_from_a_question(
    understander: Understander, text: str, undecided: bool
) -> None:
    assert understander.no_skill_in_mind(text) is undecided


def test_a_greeting_clause_with_a_name_does_not_swallow_the_message(understander: Understander) -> None:
    """Round 17, from trying the bot: "hi im maria, …" got only "Hi! 👋" back."""
    got = understander.understand("hi im maria, i clean offices at night and want a better job")
    assert got.kind == "faq"
    for greeting in ("hello there, how are you", "hi there, hope you are well", "hi, im new here"):
        assert understander.understand(greeting).kind == "smalltalk", greeting


@pytest.mark.parametrize(
    "text",
    [
        "im looking for a course",
        "hi there, im looking for a course",
        "can you help me find a course",  # was a search for "help course"
        "i'd like to find a course please",  # was the answer on how to search
    ],
)
def test_im_looking_for_a_course_is_a_request_with_no_skill_yet(
    understander: Understander, text: str
) -> None:
    """Until round 17 "im" stayed in the query ("im course")."""
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", "")



@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("photography for my bakery? 📸", "photography"),  # a question mark asking in no words
        ("i'd love to learn pottery, just for fun", "pottery, just for fun"),  # "love to" is a wish
    ],
)
def test_round_17_blind_set_course_requests_in_other_words_are_searched(
    understander: Understander, text: str, query: str
) -> None:
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", query)


@pytest.mark.parametrize("text", ["the first one", "ok the 2nd one please", "i'll take the third one"])
def test_a_position_with_no_list_shown_is_not_a_topic(understander: Understander, text: str) -> None:
    """Round 17, from trying the bot: "the first one" typed with no list shown was searched for
    ("First Aid", "First-Time Manager"); now the learner is told there is no list."""
    assert understander.understand(text).kind == "no-list"
    assert understander.understand("first aid").kind == "search"


@pytest.mark.parametrize(
    ("text", "query"),
    [("is there one for nurses", "nurses"), ("are there any for bookkeeping", "bookkeeping")],
)
def test_one_of_them_asked_for_a_topic_is_a_search(
    understander: Understander, text: str, query: str
) -> None:
    """Round 17, from trying the bot: "is there one for nurses" right after an example got
    "Did you mean…?"; who or what one is for is what to search. Situations stay questions."""
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", query)
    assert understander.understand("is there one for unemployed people").kind == "faq"


@pytest.mark.parametrize(
    "text, entry, offered",
    [
        ("career change into cyber security", "career-change", "cyber security"),
        ("i just got promoted to team lead what should i learn", "promotion", "team lead"),
        ("what courses are free", "cost", "free"),
        ("any in person ones or only online", "study-modes", "in person"),
        ("are courses only in english", "language-english", ""),  # courses in English: all of them
        ("can microcredentials help me switch careers?", "career-change", ""),
    ],
)
def test_an_answer_offers_the_courses_the_question_names(
    understander: Understander, text: str, entry: str, offered: str
) -> None:
    """Round 19, the search sets sent as messages: a career question naming a field, or a
    question about courses with a filter, is answered, with that field's or filter's courses
    offered as a button (`Understanding.query`)."""
    got = understander.understand(text)
    assert (got.kind, answered(got), got.query) == ("faq", entry, offered)


@pytest.mark.parametrize(
    "text",
    [
        "wat r microcreds",
        "bootcamp or microcredential, they sound like the same thing to me",
        "scholarships for microcredentials?",
        "stackable microcredentials??",
        "so like a nanodegree?",
        "recognised microcredentials",
        "wat langwij ar the corses in",
    ],
)
def test_a_question_about_microcredentials_named_last_is_no_search(
    understander: Understander, text: str
) -> None:
    """Round 19: "any mlops microcreds?" searches; these ask about microcredentials themselves."""
    assert understander.understand(text).kind in ("faq", "suggest")


def test_a_goodnight_with_distress_in_it_still_gets_the_care_reply(understander: Understander) -> None:
    assert understander.understand("goodnight, i feel like giving up on all this").kind == "care"


@pytest.mark.parametrize(
    "text, query",
    [
        ("how to build dashboards in power bi", "build dashboards in power bi"),  # round 19: fallback
        ("i run a flower shop and need help with online marketing", "online marketing"),  # fallback
        # round 19: "Did you want courses, or an answer to a question?"
        ("advanced machine learning with ects credits", "advanced machine learning with ects credits"),
        ("ux design online self paced", "ux design online self paced"),
    ],
)
def test_how_to_do_a_skill_and_a_wish_after_a_situation_are_searched(
    understander: Understander, text: str, query: str
) -> None:
    """Round 19, the search sets sent as messages typed cold."""
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", query)


def test_how_to_use_a_tool_is_searched_not_the_bots_how_to_search_answer(understander: Understander) -> None:
    """Round 19: "how to use chatgpt" got the bot's "how do i search" answer."""
    got = understander.understand("how to use chatgpt")
    assert got.kind == "search" and got.query.endswith("use chatgpt")



@pytest.mark.parametrize(
    "text",
    [
        "how do i use this bot",
        "how do i keep my skills up to date in tech, it moves so fast",
        "how do i manage my time with work and study",
        "im a pharmacist but i want to move into data, can this help me switch",
        "do python courses have ects credits",
    ],
)
def test_how_studying_or_the_bot_works_and_whether_it_helps_stay_questions(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind in ("faq", "suggest", "clarify")  # never a search alone


@pytest.mark.parametrize(
    "text",
    [
        "how much does a new car cost these days anyway, thinkin of gettin an electric one",
        "how much does it cost to insure a car at 17, like roughly",
        "can u help me with a level chem, what even is an ester",
    ],
)
def test_a_car_or_homework_question_gets_no_answer_about_courses(
    understander: Understander, text: str
) -> None:
    """Round 19's blind set, read: each got a confident answer (the cost of courses, EQF levels)."""
    assert understander.understand(text).kind != "faq"


@pytest.mark.parametrize(
    "text, care",
    [
        ("😭😭 too hard", True),  # round 19's blind set, read: searched for
        (
            "my predicted grades came back and they're way lower than i wanted, "
            "i feel like i've ruined everything",
            True,  # round 19's blind set, read: a did-you-mean
        ),
        ("python 😭", False),  # a face alone is emphasis, not distress
        ("lol 😭 excel", False),
        ("is it too hard 😭?", False),
    ],
)
def test_a_crying_face_with_a_feeling_is_distress(understander: Understander, text: str, care: bool) -> None:
    assert (understander.understand(text).kind == "care") is care


@pytest.mark.parametrize(
    "text", ["Please delete any data you hold on me.", "can you erase my details from your system"]
)
def test_deleting_my_data_is_the_privacy_question_not_stopping_the_plan(
    understander: Understander, text: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "faq" and answered(got) == "bot-delete", got
    both = understander.understand("delete all my data and stop messaging me")
    assert both.kind == "plan" and both.plan_action == "stop"


@pytest.mark.parametrize(
    ("text", "action", "language"),
    [
        ("pausa por favor", "pause", "es"),
        ("parar todos los mensajes para siempre", "stop", "es"),
        ("Erinnerungen pausieren bitte", "pause", "de"),
        ("arrête les rappels stp", "stop", "fr"),
        ("riattiva i promemoria", "resume", "it"),
        ("stop de herinneringen", "stop", "nl"),
        ("wstrzymaj przypomnienia", "pause", "pl"),
        ("cuánto me falta?", "progress", "es"),
    ],
)
def test_a_short_plan_command_in_another_language_is_done(
    understander: Understander, text: str, action: str, language: str
) -> None:
    got = understander.understand(text)
    assert (got.kind, got.plan_action, got.language) == ("plan", action, language), got


@pytest.mark.parametrize(
    "text",
    [
        "¿Puedo pausar los recordatorios? Me voy de vacaciones",  # asks how: the reply in Spanish
        "Posso studiare dal telefono durante la pausa pranzo?",
    ],
)
def test_a_question_about_the_plan_in_another_language_gets_the_reply_in_it(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).kind == "language"


def test_every_language_has_plan_commands_and_bad_ones_stop_start_up(tmp_path: Path) -> None:
    languages = load_languages(ROOT / "content")
    for code, reply in languages.replies.items():
        assert set(reply.plan_words) == {"pause", "resume", "stop", "progress"} and reply.plan_note, code
    (tmp_path / "languages.yaml").write_text(
        'languages:\n  es:\n    name: "Español"\n    reply: "Hola"\n    plan_words:\n      snooze: ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="plan_words"):
        load_languages(tmp_path)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("what does the level bit mean", "card-fields"),
        ("wdym 'ECTS 5'", "card-fields"),
        ("what does self paced mean here", "card-fields"),
        ("whats the little clock and the number of hours on here mean", "card-fields"),
        ("what does EQF 5 mean on there", "eqf-levels"),  # a level by its number: the EQF's answer
        ("this one online?", "study-modes"),
        ("that one in person or online? welding's hands on", "study-modes"),
        ("free??", "cost"),
        # round 22's blind set, read once: an apology first, a full stop after "that one", the
        # level asked of it (they were searched for)
        ("sorry, is that one in person or online?", "study-modes"),
        ("that one. free?", "cost"),
        ("Sorry, this one is for beginner? I have no experience.", "prerequisites"),
    ],
)
def test_a_line_or_feature_of_the_card_just_shown_is_asked_about_that_course(
    understander: Understander, text: str, entry: str
) -> None:
    """Round 20: after a card, "what does the level bit mean" got a did-you-mean for the EQF;
    "this one online?" and "free??" searched for online or free courses."""
    got = understander.understand(text, Context(last_course_id=1))
    assert got.kind == "faq" and got.about_course and answered(got) == entry, got


def test_a_filter_for_more_courses_after_a_card_is_still_a_search(understander: Understander) -> None:
    for text in ("any free ones?", "online courses?", "free", "beginner?"):
        got = understander.understand(text, Context(last_course_id=1))
        assert got.kind == "search", (text, got)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("do they do SEO ones or has AI killed that too", "seo"),
        ("need to 10x my team's data skills asap, any sql stuff that doesn't take forever? 🚀", "sql"),
        ("hiya hun 💇 do u do courses on social media marketing? need to get the salon on insta properly",
         "social media marketing"),
    ],
)  # fmt: skip
def test_courses_asked_for_with_a_known_skill_in_the_request_are_searched(
    understander: Understander, text: str, query: str
) -> None:
    """Round 20 (round 19's blind set): these got "Did you mean: what subjects are there?"."""
    got = understander.understand(text)
    assert got.kind == "search" and got.query == query, got


@pytest.mark.parametrize(
    "text",
    ["wait are u an ai or is someone actually typing this lol",
     "Are you a bot or a human? Answer with one word.", "You is a real person or a computer darling?"],
)  # fmt: skip
def test_asking_whether_the_bot_is_a_bot_is_small_talk(understander: Understander, text: str) -> None:
    """Round 20, after reading its blind set (and round 19's): these got did-you-mean or an answer
    about study modes; "is this bot free" is still the question about its cost."""
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None, got
    assert got.match.smalltalk.id == "who-are-you"
    assert answered(understander.understand("is this bot free")) == "bot-cost"


@pytest.mark.parametrize(
    "text",
    ["how much does a decent second hand car cost these days, I'll need one if the new job's out of town",
     "my phone keeps ringing with unknown numbers, how do i block them on android"],
)  # fmt: skip
def test_a_used_car_or_blocking_calls_is_another_subject(understander: Understander, text: str) -> None:
    assert understander.understand(text).kind == "offtopic"


@pytest.mark.parametrize(
    "text",
    ["im on universal credit at the moment, anything for me",
     "on universal credit atm looking for work, what are my options"],
)  # fmt: skip
def test_being_on_universal_credit_asks_about_learning_while_out_of_work(
    understander: Understander, text: str
) -> None:
    """Round 20 (tuning data): "on universal credit…, anything for me" got a did-you-mean; it is
    the question about learning while out of work, with no "courses with ECTS credits" button
    (its "credit" is money); how to claim the benefit is not the bot's question."""
    got = understander.understand(text)
    assert got.kind == "faq" and answered(got) == "unemployed" and not got.query, got
    claim = understander.understand("how do i claim universal credit if i just lost my job yesterday")
    assert answered(claim) != "unemployed"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # round 21: a filter named in the question ("self paced") is what it asks about
        ("is there a time limit to finish a self paced course?", "deadlines"),
        # words the FAQ never uses, but the entry model picks the matcher's answer clearly
        ("is there anything in particular i should look out for before paying?", "check-before"),
    ],
)
def test_a_question_worded_like_a_course_request_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "faq" and answered(got) == entry, got
    for request in ("any self paced courses", "show me some courses i can do", "self paced python course"):
        assert understander.understand(request).kind == "search", request


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        (
            "I have 18 years in helpdesk support (printers, AD, tickets). Now I want to move to cloud "
            "side. Kindly suggest suitable course.",
            "cloud",
        ),
        ("i'm a junior designer in leeds and i want to level up!! motion design??", "design"),
    ],
)
def test_a_calm_wish_to_learn_a_known_skill_is_its_search_though_the_meaning_sounded_low(
    understander: Understander, text: str, skill: str
) -> None:
    """Round 21: the care model read these as distress; they say nothing of it in words."""
    got = understander.understand(text)
    assert got.kind == "search" and skill in got.query, got


@pytest.mark.parametrize("text", ["what's free", "any free programming stuff"])
def test_after_which_skill_an_answer_only_the_entry_model_made_leaves_a_filter_or_skill_searched(
    understander: Understander, text: str
) -> None:
    """Round 21: with the entry model answering more weak matches, "whats free" right after
    "Which skill would you like to learn?" got the price answer instead of the free courses."""
    got = understander.understand(text, Context(expecting_skill=True))
    assert got.kind == "search", got


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("any free courses. dont care what just free", "free"),
        ("have ye any free courses at all, anything like", "free"),
        ("what courses have you got that are short and free like", "free up to 20 hours"),
        ("have you got any online courses", "online"),
        ("whats the cheapest course u have", "up to 100 eur"),
    ],
)
def test_asking_what_courses_the_bot_has_by_filters_alone_is_a_search(
    understander: Understander, text: str, query: str
) -> None:
    """Round 21's blind set, read once: asking what courses the bot has, by filters and no topic,
    lists them (it got the cost answer). A question about microcredentials in general keeps its
    answer, with the filter's courses on a button; a choice asked about is the question."""
    got = understander.understand(text)
    assert (got.kind, got.query) == ("search", query), got
    assert answered(understander.understand("are there any free ones")) == "cost"
    choice = understander.understand("do you have courses in spanish or is everything english only")
    assert answered(choice) == "language-english"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("wy shud i do wun", "why-do-one"),
        ("wen do i get the sertificat", "certificate"),
        ("hw long duz it take", "duration"),
    ],
)
def test_words_spelt_by_ear_are_read_as_meant(understander: Understander, text: str, entry: str) -> None:
    """Round 21's blind set, read once (a dyslexic plasterer's "wot is a micro credenshal", "is it
    on line or do i go sumwere"): question words and a few nouns spelt by ear are read as meant,
    so the question is answered or offered ("wy shud i do wun" was searched for, whole)."""
    got = understander.understand(text)
    assert got.kind in ("faq", "suggest") and got.match is not None and got.match.best is not None, got
    assert got.match.best.entry.id == entry
    assert normalise("is it on line or do i go sumwere") == "is it online or do i go somewhere"
    assert understander.understand("Yuh is a computer or a real person, darling?").kind == "smalltalk"


def test_a_real_company_asked_about_is_no_question_whether_the_bot_is(understander: Understander) -> None:
    """Round 21's blind set, read once: "Is it real company? Many scam on Facebook" got "I'm a
    bot"; a provider asked about is the legitimacy question, "are you real or a bot" still not."""
    assert answered(understander.understand("Is it real company? Many scam on Facebook")) == "legit-provider"
    assert understander.understand("are you real or a bot").kind == "smalltalk"
    assert understander.understand("r u real lol").kind == "smalltalk"


@pytest.mark.parametrize("text", ["ta-ra", "ta-ra now", "cheerio"])
def test_a_northern_goodbye_is_small_talk(understander: Understander, text: str) -> None:
    """Round 22's blind set, read once: "Right I'm off, ta-ra now" was not taken for a goodbye."""
    got = understander.understand(text)
    assert got.kind == "smalltalk" and got.match is not None and got.match.smalltalk is not None
    assert got.match.smalltalk.id == "goodbye"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("wat happens if i fail de exam", "failing-retakes"),
        ("do dey give you a certificate at de end", "certificate"),
    ],
)
def test_th_said_as_d_is_english(understander: Understander, text: str, entry: str) -> None:
    """Round 22's blind set, read once ("wats de story if i fail de test", an Irish roofer, was
    answered in Dutch): "de" twice is as many Dutch small words as the English ones, and most
    words are English, so the message is English; "dere", "dey", "nottin" are read as meant.
    Dutch with a few English-looking words stays Dutch."""
    got = understander.understand(text)
    assert got.language is None and answered(got) == entry, got
    assert normalise("is dere nottin for me") == "is there nothing for me"
    assert understander.understand("Is dat erkend in België of alleen in Engeland?").language == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "I run a small bakery and I want to understand the money side myself. Which course?",
        "my nephew wants to fix computers, what course he must do?",
        "i love old buildings and stonework, is there a course for that?",
    ],
)
def test_which_course_after_a_story_is_a_search(understander: Understander, text: str) -> None:
    """Round 22's blind set, read once ("I have takeaway… I want understand my books myself…
    which course" got "Did you mean: how to enrol?"): a message telling what the learner wants
    and asking which course is a search for it; how to choose a course is still the question."""
    got = understander.understand(text)
    assert got.kind == "search" and got.query, got
    assert answered(understander.understand("how do i know which course is right for me")) == "how-to-choose"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("fire safety level 2 for my cleaners", "fire safety"),
        ("manual handling training for our team", "manual handling"),
    ],
)
def test_training_for_the_learners_staff_is_a_search(
    understander: Understander, text: str, topic: str
) -> None:
    """Round 22's blind set, read once ("food hygiene level 2 for my staff" was turned away): a
    subject, perhaps a level, then the staff it is for, is a search for the subject; the price
    for them is still a question."""
    got = understander.understand(text)
    assert got.kind == "search" and got.query.startswith(topic), got
    assert understander.understand("how much for my staff").kind != "search"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("ok I've finished the first three lessons!!", "progress"),
        ("i have completed units 1 and 2 of 5", "progress"),
        ("stop the reminders fam", "stop"),
    ],
)
def test_reports_after_an_opener_and_stops_said_to_a_mate_are_plan_commands(
    understander: Understander, text: str, action: str
) -> None:
    """Round 23's blind set, read once ("Right, I've done the first two units!! Feeling very
    smug" got the care reply; "stop the reminders bruv" paused): a step reported after an
    opener, or a list of modules done, is progress; a stop said to a mate stops. A step not
    done, said in distress, still gets the care reply."""
    got = understander.understand(text)
    assert (got.kind, got.plan_action) == ("plan", action), got
    panicking = "I haven't finished the first module and I'm panicking, I can't do this"
    assert understander.understand(panicking).kind == "care"


def test_mental_health_as_a_job_or_a_subject_is_no_distress(understander: Understander) -> None:
    """Round 23's blind set, read once ("I am a mental health nurse in Coventry… would one of
    these help me get to band 6?" got the care reply): one's own mental health is a feeling,
    the job or the subject is not; nor are shifts "all over the place"."""
    nurse = understander.understand("I am a mental health nurse, would one of these help me get promoted?")
    assert nurse.kind != "care" and nurse.match is not None and nurse.match.best is not None
    assert nurse.match.best.entry.id == "promotion"
    shifts = understander.understand("my hours are all over the place, earlies and nights, can i do one")
    assert shifts.kind != "care"
    assert understander.understand("my mental health is bad and i cant focus on the course").kind == "care"


def test_how_to_choose_and_a_polite_question_beside_a_wish_are_questions(understander: Understander) -> None:
    """Round 23's blind set, read once ("how do i even choose the right one there's so many and i
    don't wanna waste money" and "Kindly tell what is the duration of the course. I want to
    prepone my completion…" were searched for, whole): the question is answered, or offered."""
    choose = "How do I choose the right one, there are too many and I do not want to waste my money"
    assert answered(understander.understand(choose)) == "how-to-choose"
    polite = "Kindly tell what is the duration. I want to complete it before my appraisal cycle."
    asked = understander.understand(polite)
    assert asked.kind in ("faq", "suggest") and asked.match is not None, asked
    assert asked.match.best is not None and asked.match.best.entry.id == "duration"


def test_welsh_and_scots_thanks_and_goodbyes_are_small_talk(understander: Understander) -> None:
    """Round 23's blind set, read once ("Diolch!! You're a star ⭐", "a'm aff, see ye" were
    searched for); and "show me the … ones" asks what there is, by its filters."""
    assert understander.understand("diolch yn fawr").kind == "smalltalk"
    assert understander.understand("right, am aff").kind == "smalltalk"
    assert understander.understand("show me the cheap ones online").kind == "search"


@pytest.mark.parametrize(
    "text", ["a'm fair scunnered wi it aw, cannae keep up", "e no easy, my head dey spin every night"]
)
def test_fed_up_in_scots_and_a_spinning_head_in_pidgin_get_the_care_reply(
    understander: Understander, text: str
) -> None:
    """Round 23's blind set, read once ("a'm fair scunnered. cannae keep up wi the coursework",
    "my head dey spin i no sure say i fit do this thing" got a did-you-mean)."""
    assert understander.understand(text).kind == "care"
