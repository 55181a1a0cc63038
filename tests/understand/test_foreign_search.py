"""A course search written in another language is a search, whatever the phrasing: a wish to
learn ("quiero aprender…"), "I'm looking for…" ("szukam kursu z…") or a question whether such
courses exist ("Gibt es Kurse für…?"); any other question gets the reply in that language."""

from __future__ import annotations

import pytest

from bot.catalog.search import CourseSearch
from bot.understand.intent import Understander
from tests.understand.evaluation import answered


@pytest.mark.parametrize(
    ("text", "language", "skill"),
    [
        ("quisiera aprender estadística", "es", "statistics"),
        ("Ich möchte gerne Buchhaltung lernen", "de", "accounting"),
        ("je voudrais apprendre la programmation", "fr", "computer programming"),
        ("vorrei imparare la negoziazione", "it", "negotiation"),
        ("quero aprender liderança", "pt", "leadership"),
        ("ik wil graag leren programmeren", "nl", "computer programming"),
        ("szukam kursu z rachunkowości", "pl", "accounting"),
        ("Gibt es Kurse für Datenanalyse?", "de", "data analysis"),
        ("¿Hay algún curso de ciberseguridad?", "es", "cybersecurity"),
        ("zijn er cursussen over leiderschap?", "nl", "leadership"),
        ("czy macie kursy z programowania?", "pl", "computer programming"),
        ("corsi di programmazione online?", "it", "computer programming"),  # a course word first
        ("vorrei imparare lo sviluppo web", "it", "javascript"),  # web development
        ("je voudrais apprendre le développement web", "fr", "javascript"),
        ("tem cursos de excel gratuitos?", "pt", "excel"),  # the detector alone is unsure
        ("Python lernen, am liebsten abends", "de", "python"),  # a learning verb, no wish said
    ],
)
def test_a_course_search_in_another_language_finds_the_skill(
    understander: Understander, catalog: CourseSearch, text: str, language: str, skill: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.language == language, got
    result = catalog.search(got.query)
    assert skill in result.understood
    assert result.ranked, f"{text!r} found no course"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Cuánto cuesta un curso normalmente?", "es"),
        ("Wie lange dauert so ein Kurs?", "de"),
        ("Est-ce que les cours sont reconnus par les employeurs ?", "fr"),
        ("Czy te kursy są uznawane przez pracodawców?", "pl"),
        ("Kurse sind teuer, oder?", "de"),  # a course word first, but no topic after it
        ("mi jefe dice que estos cursos de marketing valen la pena, tú qué crees", "es"),  # worth it
        ("vale a pena fazer estes cursos online", "pt"),
        # round 15: a question about courses said as a sentence, with no question mark
        ("Guten Abend, ich würde gerne wissen, ob man am Ende vom Kurs ein Zertifikat bekommt.", "de"),
        ("Salve, vorrei sapere quanto dura il corso di solito. Grazie", "it"),
        ("Buenas tardes, mi hija dice que el curso es bueno pero tengo muchas dudas sobre el precio.", "es"),
    ],
)
def test_other_questions_about_courses_get_the_reply_in_their_language(
    understander: Understander, text: str, language: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "language" and got.language == language, got


@pytest.mark.parametrize(
    ("text", "language"),
    [("Busco un curso de Excel para principiantes", "es"), ("ik zoek een cursus python", "nl")],
)
def test_looking_for_a_course_in_another_language_is_a_search(
    understander: Understander, text: str, language: str
) -> None:
    got = understander.understand(text)
    assert got.kind == "search" and got.language == language


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Gibt es eine Prüfung am Ende? Sorry, I mean: is there an exam at the end?", "assessment"),
        ("¿Cuánto cuesta? In English: how much does a course cost?", "cost"),
    ],
)
def test_a_question_the_learner_puts_in_english_themselves_is_answered(
    understander: Understander, text: str, entry: str
) -> None:
    """Said in another language, then again in English ("Sorry, I mean: …"): the English
    question is answered, not the other language's reply."""
    got = understander.understand(text)
    assert answered(got) == entry, got



@pytest.mark.parametrize(
    ("text", "language", "query"),
    [
        ("cursos de BIM y Revit para arquitectos", "es", "bim y revit para arquitectos"),
        ("corsi di fotografia per principianti a Milano", "it", "fotografia per principianti milano"),
        ("cours de gestion de projet en ligne", "fr", "gestion de projet en ligne"),
    ],
)
def test_a_long_request_opening_with_courses_of_something_is_searched_in_its_language(
    understander: Understander, text: str, language: str, query: str
) -> None:
    """Round 20 (its blind set, after the read): "cursos de BIM y Revit para arquitectos" was
    "outside what I know": the detector was unsure of the language, and the phrase too long for
    a bare topic."""
    got = understander.understand(text)
    assert (got.kind, got.language, got.query) == ("search", language, query), got
