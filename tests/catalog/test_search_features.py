"""The search's parts on the shipped catalogue: filters in plain words, careers, concepts,
short skills, suggestions as the catalogue writes them, kept rankings, and "Advise me"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.callbacks import CourseCard, ResultsPage
from bot.catalog.advise import Answers, shortlist
from bot.catalog.careers import goal_pattern, load_careers
from bot.catalog.filters import Facets, parse_filters, price_in_eur
from bot.catalog.replies import no_match, results_page
from bot.catalog.search import LOOSE, PAGE_SIZE, CourseSearch, _audience, _wanted, _written_in, stem
from bot.catalog.store import read_aliases, read_request_words
from bot.content import ContentError
from bot.text import normalise
from bot.text import stem as plain_stem
from tests.conftest import search_over

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def search(seeded_database: Path) -> CourseSearch:
    return search_over(seeded_database)


@pytest.mark.parametrize(
    ("text", "facets", "rest"),
    [
        ("free python courses", Facets(free=True), "python courses"),
        ("python under 50 euros", Facets(max_eur=50), "python"),
        ("courses under 200€", Facets(max_eur=200), "courses"),
        ("show me courses under 10 hours", Facets(max_hours=10), "show me courses"),
        ("cheap marketing course", Facets(max_eur=100), "marketing course"),
        ("short courses", Facets(max_hours=20), "courses"),
        ("quick course i can finish in a weekend", Facets(max_hours=16), "course i can"),
        ("python over a weekend", Facets(max_hours=16), "python"),
        ("solar panels weekend course", Facets(max_hours=16), "solar panels"),
        ("photography for beginners weekend", Facets(max_hours=16, level="beginner"), "photography for"),
        ("python on the weekend", Facets(), "python on the weekend"),
        ("code but dont know where to start", Facets(level="beginner"), "code but"),
        ("where do i start with excel", Facets(level="beginner"), "with excel"),
        ("excel in two evenings", Facets(max_hours=20), "excel in"),
        ("courses in spanish", Facets(language="es"), "courses"),
        ("spanish for beginners", Facets(level="beginner"), "spanish for"),
        ("in person courses in german", Facets(mode="in-person", language="de"), "courses"),
        ("blended project management", Facets(mode="hybrid"), "project management"),
        ("self-paced data science with ects", Facets(self_paced=True, ects=True), "data science with"),
        ("online teaching", Facets(), "online teaching"),
        ("teaching online", Facets(), "teaching online"),  # a skill, not where the course is
        ("tutoring online for beginners", Facets(level="beginner"), "tutoring online for"),
        ("with a certificate", Facets(certificate=True), ""),
        ("kostenlose Kurse", Facets(free=True), "kurse"),
        ("budget planning", Facets(), "budget planning"),  # a topic, not a price
        ("python on a budget", Facets(max_eur=100), "python"),
        ("classroom management", Facets(), "classroom management"),  # a topic, not a place
        ("classroom course", Facets(mode="in-person"), "course"),
        ("beginner friendly photography", Facets(level="beginner"), "photography"),
        ("python 101", Facets(level="beginner"), "python"),
        ("learn to code from zero", Facets(level="beginner"), "learn to code"),
        ("cours de comptabilite en ligne", Facets(online=True), "cours de comptabilite"),
        ("corso di excel in linea", Facets(online=True), "corso di excel"),
        ("sql for beginers", Facets(level="beginner"), "sql for"),
        ("aprender excel desde cero", Facets(level="beginner"), "aprender excel"),
        ("python von null", Facets(level="beginner"), "python"),
        ("ux course, not too expensive", Facets(max_eur=100), "ux course,"),
        ("expensive courses", Facets(), "expensive courses"),
        ("kurs excela dla początkujących", Facets(level="beginner"), "kurs excela"),
        ("kurs online darmowy", Facets(free=True, online=True), "kurs"),
        ("curso de liderança com certificado", Facets(certificate=True), "curso de lideranca"),
        ("python with zero coding experience", Facets(level="beginner"), "python"),
        # amounts in words and budgets said as what the learner has
        ("data science course under a hundred euros", Facets(max_eur=100), "data science course"),
        ("i have about twenty euros for cybersecurity", Facets(max_eur=20), "for cybersecurity"),
        ("budget of £50 for excel", Facets(max_eur=58), "for excel"),  # pounds in euros
        ("i have 3 kids and want to learn excel", Facets(), "i have 3 kids and want to learn excel"),
        ("something i can do in two evenings", Facets(max_hours=20), "something i can do in"),
        ("website basics, i know nothing about it", Facets(level="beginner"), "website , i it"),
        # the time a learner has in all is a limit; the time a week is not, nor a topic word
        ("i have 200 euros and about 20 hours", Facets(max_eur=200, max_hours=20), ""),
        ("i have 5 hours a week for python", Facets(), "for python"),
        ("got 10 hrs per day", Facets(), "got"),
        ("data skills, max 3 hours per week", Facets(), "data skills,"),  # not max_hours=3
        ("excel 2h/day", Facets(), "excel"),
        ("easiest way to start coding", Facets(level="beginner"), "way to start coding"),
        ("easy to follow python", Facets(), "easy to follow python"),
        # the EQF level, said with the framework's name; a bare level is a national one
        ("eqf level 6 courses", Facets(eqf=6), "courses"),
        ("data analysis eqf 5", Facets(eqf=5), "data analysis"),
        ("leadership at level 7 on the eqf", Facets(eqf=7), "leadership at"),
        ("childcare level 3", Facets(), "childcare level 3"),
        # round 21: somewhere to go, a certificate at the end, hours that bend
        ("forklift licence near me", Facets(mode="in-person"), "forklift licence"),
        ("energy manager certificate online", Facets(online=True, certificate=True), "energy manager"),
        ("aws certification cheap", Facets(max_eur=100), "aws certification"),
        ("bookkeeping course flexible hours", Facets(self_paced=True), "bookkeeping course"),
        # round 23: a course that certifies, said in French or German
        ("formation certifiante en marketing", Facets(certificate=True), "formation en marketing"),
        ("zertifizierte kurse excel", Facets(certificate=True), "kurse excel"),
        # round 23, after its blind set's read: the level said in Italian, Portuguese, Dutch, Polish
        ("corso excel avanzato", Facets(level="advanced"), "corso excel"),
        ("kurs excel zaawansowany", Facets(level="advanced"), "kurs excel"),
        ("kurs srednio zaawansowany excel", Facets(level="intermediate"), "kurs excel"),
    ],
)
def test_filters_are_read_from_plain_words(text: str, facets: Facets, rest: str) -> None:
    assert parse_filters(text) == (facets, rest)


@pytest.mark.parametrize(
    "facets",
    [
        Facets(max_eur=100, language="es", mode="in-person", ects=True, certificate=True),
        Facets(free=True, online=True, self_paced=True, max_hours=5, level="intermediate"),
        Facets(mode="hybrid", max_eur=50_000),
        Facets(free=True, max_eur=None, level="advanced", eqf=8, language="de", max_hours=400),
    ],
)
def test_every_facet_survives_button_data(facets: Facets) -> None:
    assert Facets.decode(facets.encode()) == facets
    assert len(f"s:9999999:99:{facets.encode()}".encode()) <= 64


@pytest.mark.parametrize(
    "facets",
    [
        Facets(max_eur=100, language="es", mode="in-person", ects=True, certificate=True),
        Facets(free=True, online=True, self_paced=True, max_hours=5, level="intermediate"),
        Facets(mode="hybrid", max_eur=50, eqf=6),
        Facets(level="advanced", language="de", max_hours=16),
        Facets(language="pl"),
    ],
)
def test_filters_said_in_words_read_back_the_same(facets: Facets) -> None:
    """What the understanding adds to a query that lost a filter ("cursos en español" →
    "taught in spanish") is read back by the search as the same filters, and nothing else."""
    assert parse_filters(facets.said()) == (facets, "")
    assert parse_filters(f"python {facets.said()}") == (facets, "python")


def test_each_active_filter_can_be_removed_alone() -> None:
    facets = Facets(free=True, language="es", max_hours=10)
    labelled = dict(facets.labelled())
    assert labelled == {
        "free": Facets(language="es", max_hours=10),
        "≤ 10 h": Facets(free=True, language="es"),
        "in Spanish": Facets(free=True, max_hours=10),
    }


def test_prices_compare_in_euros() -> None:
    assert price_in_eur(100, "GBP") == pytest.approx(117)
    assert Facets(max_eur=100).allows is not None


def test_a_qualifier_is_never_dropped(search: CourseSearch) -> None:
    web = search.search("web development")
    assert web.ranked and all("web" in search.courses[i].title.lower() for i in web.ranked[:3])
    assert not search.search("healthcare management").ranked  # 'healthcare' counts: nothing fits
    beginners = search.search("python for beginners")
    page = beginners.filtered(beginners.facets)
    assert page and all(m.course.level == "beginner" for m in page)


def test_when_no_course_covers_it_all_the_courses_for_its_skills_say_what_is_left_out(
    search: CourseSearch,
) -> None:
    result = search.search("project management office")
    assert (result.covered, result.left_out) == (("project management",), ("office",))
    assert result.ranked and all("project management" in search.courses[i].skills for i in result.ranked)
    text = results_page(result, 1, 0, result.facets).text
    assert "No course covers “office” as well; closest for <b>Project management</b>:" in text
    macros = search.search("excel vba macros")
    assert macros.left_out == ("macros",)  # a course shown has VBA: only "macros" is left out
    first = search.courses[macros.ranked[0]]
    assert "excel" in first.skills and "VBA" in " ".join(first.learning_outcomes)  # it first
    assert "Not in the catalogue" not in results_page(macros, 1, 0, macros.facets).text  # said once
    whole = search.search("project management")
    assert whole.ranked and (whole.covered, whole.left_out) == ((), ())


def test_words_only_course_texts_use_also_find_the_courses_on_the_skills_those_share(
    search: CourseSearch,
) -> None:
    page = [search.courses[i] for i in search.search("public health").ranked[:5]]
    writing = [c for c in page if "public health" in c.summary.lower()]
    assert writing and page[: len(writing)] == writing  # the courses using the words first
    shared = set.intersection(*(set(c.skills) for c in writing))
    assert len(page) > len(writing) and all(shared & set(c.skills) for c in page)
    assert not any("public speaking" in c.skills for c in page)


@pytest.mark.parametrize(
    ("query", "skill"),
    [
        ("java script", "javascript"),
        ("um maybe excel?", "excel"),
        ("excel i guess", "excel"),
        ("cyber sec", "cybersecurity"),
        ("Ich suche einen Excel-Kurs", "excel"),
        ("kurs programowania w pythonie", "python"),
    ],
)
def test_a_skill_written_apart_hedged_or_asked_for_in_other_words_finds_its_courses(
    search: CourseSearch, query: str, skill: str
) -> None:
    page = _page(search, query)
    assert page and all(skill in search.courses[i].skills for i in search.search(query).ranked[:3])


def test_a_common_skill_is_shown_when_the_rest_is_only_context_no_course_names(search: CourseSearch) -> None:
    crew = search.search("how to lead a team of cabin crew")
    assert crew.left_out == ("cabin", "crew")
    assert crew.ranked and all("leadership" in search.courses[i].skills for i in crew.ranked)
    assert not search.search("data governance").ranked  # right beside the skill: a kind of it


def test_an_unknown_word_describing_a_text_word_does_not_hide_the_skill(search: CourseSearch) -> None:
    """ "boring" is the learner's view of "tasks", not a kind of Python: Python courses are shown,
    saying what none covers; "healthcare" right before a skill still changes its meaning."""
    python = search.search("automate boring tasks with python")
    assert python.ranked and all("python" in search.courses[i].skills for i in python.ranked)
    assert "boring" in python.left_out
    assert not search.search("healthcare management").ranked


def test_selling_online_is_the_skill_not_the_online_filter(search: CourseSearch) -> None:
    """ "sell my handmade jewellery online": digital marketing courses, whatever their mode."""
    for query in ("i run a flower shop and want to sell online", "sell my handmade jewellery online"):
        result = search.search(query)
        assert not result.facets.online, query
        assert result.ranked and "digital marketing" in search.courses[result.ranked[0]].skills, query
    assert search.search("free courses online").facets.online  # the filter, where it is one


def test_a_long_description_after_for_is_who_asks_not_whom_a_course_is_made_for(search: CourseSearch) -> None:
    coaching = search.search("coaching skills for a call centre team leader")
    assert coaching.ranked and all("coaching" in search.courses[i].skills for i in coaching.ranked)
    assert not search.search("coding for kids").ranked  # one word after "for": made for kids


def test_where_a_skill_is_used_is_said_to_be_left_out_not_a_reason_to_show_nothing(
    search: CourseSearch,
) -> None:
    """ "data analysis for healthcare": no course covers both, so the data analysis courses are
    shown under "No course covers “healthcare” as well"; children need a course made for them."""
    for query, skill, left in (
        ("data analysis for healthcare", "data analysis", "healthcare"),
        ("content creation for youtube", "content marketing", "youtube"),
        ("python for finance", "python", "finance"),  # both known, no course on both
    ):
        result = search.search(query)
        assert result.ranked and result.left_out == (left,), query
        assert skill in search.courses[result.ranked[0]].skills, query
        assert f"No course covers “{left}” as well" in results_page(result, 1, 0, result.facets).text
    for query in ("coding for kids", "python for kids", "excel for teenagers"):
        assert not search.search(query).ranked, query


def test_a_workplace_before_a_specific_skill_is_where_it_is_used(search: CourseSearch) -> None:
    """ "construction project management": the project management courses, saying none covers
    construction too; a kind of a skill ("yoga teaching") or a general one still shows nothing."""
    result = search.search("construction project management")
    assert result.left_out == ("construction",)
    assert result.ranked and all("project management" in search.courses[i].skills for i in result.ranked[:3])
    for query in ("yoga teaching", "healthcare management", "massage therapy"):
        assert not search.search(query).ranked, query


def test_the_shortest_asked_for_lists_the_matches_shortest_first(search: CourseSearch) -> None:
    plain = search.search("marketing course")
    shortest = search.search("shortest marketing course")
    assert "shortest" not in shortest.not_found and shortest.understood.endswith("shortest first")
    assert set(shortest.ranked) == set(plain.ranked) and shortest.ranked != plain.ranked
    hours = [search.courses[i].workload_hours for i in shortest.ranked]
    assert hours == sorted(hours)
    everything = search.search("shortest course you have")  # no topic: every course, shortest first
    hours = [search.courses[i].workload_hours for i in everything.ranked]
    assert len(hours) == len(search.courses) and hours == sorted(hours)
    vanilla = search.search("vanilla js")  # plain JavaScript, not a flavour
    assert vanilla.ranked and "javascript" in search.courses[vanilla.ranked[0]].skills


def test_help_with_names_the_topic_and_time_of_day_is_not_one(search: CourseSearch) -> None:
    shop = search.search("i run a flower shop and need help with online marketing")
    assert shop.understood == "digital marketing" and shop.ranked  # "online marketing" is the skill
    evenings = search.search("self paced courses i can do in the evenings")
    assert evenings.understood == "" and evenings.facets.self_paced and evenings.ranked


def test_it_the_pronoun_is_no_topic_but_it_the_field_is(search: CourseSearch) -> None:
    pronoun = search.search("i work with young people and want to get better at it")
    assert "it" not in pronoun.understood.split(", ")
    assert search.search("IT").career == "it professional"
    support = search.search("it support")
    assert support.ranked and "networking" in " ".join(search.courses[support.ranked[0]].skills)


def test_job_titles_opening_a_query_say_who_asks(search: CourseSearch) -> None:
    result = search.search("nurse manager leadership skills")
    assert result.understood.startswith("leadership") and result.ranked
    assert search.search("manager training").understood == "management"  # the title is the topic


def test_credit_bearing_and_preparation_words_are_not_topics(search: CourseSearch) -> None:
    bearing = search.search("university credit bearing courses")
    assert bearing.facets.ects and "bearing" not in bearing.understood
    assert search.search("pmp exam prep").understood == "project management, exam"
    assert search.search("help desk technician").career == "it support technician"


@pytest.mark.parametrize(
    ("query", "skill"),
    [
        ("help with my online store", "digital marketing"),
        ("keeping on top of invoices", "bookkeeping"),
        ("data engineering", "databases"),
        ("human resource management", "people management"),
        ("i'm a chef and want to open a restaurant", "business management"),
        ("circular economy", "sustainability"),
        ("grow my business", "business management"),
        ("want to start my own business", "business management"),
        ("gestao de equipas e lideranca", "people management"),
        ("want to build my own website", "javascript"),
        ("app development", "computer programming"),
        ("learn to analyze sales data", "data analysis"),
        ("how do i build a dashboard", "data visualisation"),
    ],
)
def test_everyday_names_for_catalogue_skills(search: CourseSearch, query: str, skill: str) -> None:
    result = search.search(query)
    assert skill in result.understood and result.ranked


def test_pronouns_workshops_and_thinking_about_are_not_topics(search: CourseSearch) -> None:
    assert search.search("in person leadership workshop").understood == "leadership"
    assert (
        search.search("photographer who wants to market her business online").understood
        == "digital marketing"
    )
    career = search.search("bus driver thinking about a career change into IT")
    assert career.career == "it professional" and career.ranked


@pytest.mark.parametrize("query", ["career change into tech at 40", "switching to tech in my 50s"])
def test_a_career_change_at_any_age_is_the_career(search: CourseSearch, query: str) -> None:
    result = search.search(query)
    assert result.career == "it professional" and result.ranked


@pytest.mark.parametrize("query", ["yoga teacher training", "coding for kids", "healthcare management"])
def test_an_unknown_word_that_changes_the_meaning_is_never_left_out(search: CourseSearch, query: str) -> None:
    result = search.search(query)
    assert not result.ranked and result.left_out == () and result.suggestions


@pytest.mark.parametrize(("typed", "word"), [("R", "R"), ("Go", "Go"), ("C#", "C#")])
def test_short_skills_work_as_skills(search: CourseSearch, typed: str, word: str) -> None:
    result = search.search(typed)
    assert result.ranked
    assert word in search.courses[result.ranked[0]].title


def test_careers_map_to_their_skills(search: CourseSearch) -> None:
    career = search.find_career("i want to become a data analyst")
    assert career is not None and career.name == "data analyst"
    assert "sql" in career.skills
    assert search.find_career("nursing") is None  # a field, not a job title, on its own
    result = search.search("how do i become a data analyst")
    assert result.career == "data analyst" and "sql" in result.career_skills
    assert result.ranked
    assert (
        search.find_career("python for data analysts") is None
        or search.search("python for data analysts").career is None
    )
    office = search.search("bus driver looking for skills to get an office job")  # who they are, then the job
    assert office.career == "office administrator" and office.ranked


@pytest.mark.parametrize(
    ("query", "career"),
    [
        ("which course helps me become a software developer", "software developer"),
        ("need smth to get hired as junior developer", "software developer"),
        ("i work in retail and want to move into an office job, what helps?", "office administrator"),
        ("help me get a desk job, i only have barista experience", "office administrator"),
        ("i want to switch from hospitality to tech, what should i learn first?", "it professional"),
        ("im 52 and want to switch into IT where do i start", "it professional"),
        ("python for data analysts", None),  # a skill beside the job: a topic, not a career change
        ("marketing for software developers", None),
        ("i work with young people and want to get better at it", None),  # "it", the pronoun
        ("back to work after two years off, need to brush up office skills", "office administrator"),
        # what the learner wants to do, said instead of a job title (a career's goals)
        ("how can i start my own cafe", "entrepreneur"),
        ("starting a small bakery business", "entrepreneur"),
        ("need something to help me run my own building business", "entrepreneur"),
        ("going back to work after years at home with the kids", "job seeker"),
        ("something to make me more employable", "job seeker"),
        ("start my own youtube channel", "social media manager"),  # a channel, no business
        ("digital skills for seniors", "digital beginner"),
        ("i'm a stay at home mum going back to work, need to refresh my computer skills", "digital beginner"),
        # round 11, from fresh_search_eval_20
        ("i'm 50 and want to learn computers for work", "digital beginner"),
        ("i like drawing, can i do smth digital with it", "graphic designer"),
        ("want to start a youtube channel what should i learn", "social media manager"),
        ("i run a small bakery and want to get more customers online", "digital marketer"),
        ("i want to promote my small cleaning business", "digital marketer"),
        # round 15: a new role said as a promotion, with a skill that role needs beside it
        ("leadership course for someone just promoted to shift lead", "team leader"),
        ("just got made team lead of 5 devs and have no idea how to manage people", "team leader"),
        ("appointed warehouse supervisor, what should i learn", "team leader"),
    ],
)
def test_a_career_is_read_whatever_else_the_learner_says_unless_it_names_a_skill(
    search: CourseSearch, query: str, career: str | None
) -> None:
    assert search.search(query).career == career


@pytest.mark.parametrize(
    ("query", "skill"),
    [
        ("grant writing for nonprofits", "business writing"),
        ("im a nurse and want to move into health data", "data analysis"),
        ("learn to analyse surveys", "data analysis"),
        ("teamwork", "people management"),
        ("selling on amazon and shopify", "digital marketing"),
        ("i own a little bakery and nobody finds us on google", "seo"),
        ("i am teacher, want to use technology in my classes", "digital learning"),
        # found by the blind read of fresh_search_eval_20 (fixed after it)
        ("machine leaning", "machine learning"),  # one slip, though "leaning" is a word
        ("data vis", "data visualisation"),
        ("app dev", "computer programming"),
        ("stakeholder engagement", "change management"),
        ("adobe illustrator", "graphic design"),
        # round 12's blind set (tuned on in round 13)
        ("blog writing", "copywriting"),
        ("how to protect myself from scams online", "cybersecurity"),
        # round 13's blind set (fixed after its read)
        ("pitch deck", "presentation skills"),
        ("autism awareness", "special educational needs"),
    ],
)
def test_everyday_names_of_a_skill_find_its_courses(search: CourseSearch, query: str, skill: str) -> None:
    result = search.search(query)
    assert result.ranked and skill in search.courses[result.ranked[0]].skills, (query, result.understood)


def test_a_goal_pattern_stands_for_up_to_three_words() -> None:
    goal = goal_pattern("my own * business")
    for text in ("my own business", "my own delivery business", "my own little dog grooming business"):
        assert goal.search(f" {text} "), text
    assert not goal.search(" my own one day i hope to run a business ")


def test_a_career_found_by_its_goal_is_named_with_its_article(search: CourseSearch) -> None:
    cafe = search.search("how can i start my own cafe")
    assert cafe.ranked and "business management" in search.courses[cafe.ranked[0]].skills
    assert "Courses for the skills an <b>entrepreneur</b> needs" in results_page(cafe, 1, 0, cafe.facets).text
    analyst = search.search("i want to become a data analyst")
    assert "the skills a <b>data analyst</b> needs" in results_page(analyst, 1, 0, analyst.facets).text


def test_when_the_filters_leave_no_match_the_skills_other_courses_come_first(search: CourseSearch) -> None:
    """ "web development" matches the one course using those words; asked for beginner and
    online, the JavaScript courses the cut left out are the related courses shown first."""
    result = search.search("beginner web development online")
    assert not result.filtered(result.facets)
    page = result.page_one(result.facets)
    assert page and all("javascript" in m.course.skills for m in page[:2])
    assert all(m.course.level == "beginner" for m in page)


@pytest.mark.parametrize("query", ["courses in french about management", "management in french"])
def test_a_course_titled_with_the_topic_is_shown_when_the_filters_leave_no_better_one(
    search: CourseSearch, query: str
) -> None:
    """ "management in french": the French course titled "Leadership et management d'équipe"
    ranks below the cut among all management courses, but it is the one in French."""
    result = search.search(query)
    assert result.facets.language == "fr" and not result.filtered(result.facets)
    page = result.page_one(result.facets)
    assert page and page[0].course.language == "French" and "management" in page[0].course.title


def test_courses_for_newcomers_come_first_for_new_managers(search: CourseSearch) -> None:
    """ "leadership for new managers": a course for the newly promoted ("First-Time Manager")
    first; for managers in general, no such preference."""
    new = search.search("leadership for new managers")
    assert "First-Time" in search.courses[new.ranked[0]].title
    assert "First-Time" not in search.courses[search.search("leadership for managers").ranked[0]].title


def test_a_course_using_the_typed_words_together_ranks_with_the_best(search: CourseSearch) -> None:
    """ "marketing analytics" reads as marketing + data analysis; the marketing course with a
    module "Marketing analytics and attribution" is on page 1, above the SQL analytics course."""
    result = search.search("marketing analytics")
    keys = [search.courses[i].key for i in result.ranked[:PAGE_SIZE]]
    marketing, sql = "ashcombe-digital-marketing-strategy", "silverbirch-advanced-sql-analytics"
    assert marketing in keys
    assert sql not in keys or keys.index(marketing) < keys.index(sql)


def test_every_career_skill_is_in_the_catalogue(search: CourseSearch) -> None:
    known = set(search.skill_names) | set(search.aliases)
    missing = {(c.name, s) for c in load_careers().all for s in c.skills if normalise(s) not in known}
    assert not missing


def test_suggestions_are_close_and_written_as_the_catalogue_writes_them(search: CourseSearch) -> None:
    assert search.display("gis") == "GIS" and search.display("seo") == "SEO"
    assert search.display("esg") == "ESG"
    assert search.display("project management") in ("Project Management", "Project management")
    result = search.search("nursing")
    assert not result.ranked and result.suggestions[:2] == ["First Aid", "Mental Health"]


def test_known_skills_are_recognised(search: CourseSearch) -> None:
    for text in ("pyhton", "ML", "proj mgmt", "data viz", "excel", "free python courses", "web developer"):
        assert search.is_known_skill(text), text
    for text in ("what is a microcredential", "hello", "tell me a joke", "asdfgh"):
        assert not search.is_known_skill(text), text


def test_a_ranking_is_kept_for_its_buttons(search: CourseSearch) -> None:
    result = search.search("leadership")
    search.remember(7, result)
    assert search.recall(7) is result
    assert search.recall(8) is None


def test_advice_is_a_shortlist_of_three_that_fits(search: CourseSearch) -> None:
    advice = shortlist(search, Answers(goal="data analyst", level="beginner", hours_per_week=5))
    assert advice.career == "data analyst" and len(advice.picks) == 3
    assert all("week" in pick.why for pick in advice.picks)
    free = shortlist(search, Answers(goal="python", max_eur=0))
    assert free.picks and (all(p.course.price == 0 for p in free.picks) or "budget" in free.relaxed)
    nothing = shortlist(search, Answers(goal="plumbing"))
    assert nothing.picks == ()


def test_a_small_budget_is_relaxed_a_little_at_a_time_and_only_said_when_it_shows(
    search: CourseSearch,
) -> None:
    advice = shortlist(search, Answers(goal="marketing", level="beginner", max_eur=50, hours_per_week=3))
    prices = [price_in_eur(p.course.price, p.course.currency) for p in advice.picks]
    assert len(advice.picks) == 3 and max(prices) <= 500  # not the 1,400 EUR course
    assert prices[0] <= 50  # the one within the budget first
    assert advice.relaxed == ("budget",)  # every pick is for beginners: the level is not said to give way
    assert all(p.course.level == "beginner" for p in advice.picks)
    assert all("at 3 h a week" in p.why and p.why.startswith("Covers ") for p in advice.picks)


def _page(search: CourseSearch, query: str) -> list[str]:
    result = search.search(query)
    return [m.course.key for m in result.filtered(result.facets)[:5]]


@pytest.mark.parametrize(
    "words",
    [
        ("manage", "manager", "managing", "management"),
        ("visualise", "visualising", "visualisation"),
        ("communicate", "communicating", "communication"),
    ],
)
def test_word_endings_meet(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("classes", "class"),
        ("coaches", "coach"),
        ("taxes", "tax"),
        ("businesses", "business"),
        ("courses", "course"),
    ],
)
def test_plurals_in_es_meet_their_singular(plural: str, singular: str) -> None:
    assert plain_stem(plural) == plain_stem(singular)


def test_a_word_courses_use_only_in_passing_counts_as_written(search: CourseSearch) -> None:
    assert not search.search("investing").ranked  # not the "investment decisions" of a finance course
    assert "fernhollow-web-development-javascript" in _page(search, "css")


def test_what_a_skill_is_for_does_not_replace_the_skill(search: CourseSearch) -> None:
    """ "photography for social media": until round 16 the social media courses that mention
    photography in passing were the matches, and no photography course was shown."""
    result = search.search("photography for social media")
    page = [search.courses[i] for i in result.ranked[:5]]
    assert page and all("photography" in c.skills for c in page), [c.title for c in page]
    assert result.left_out == ("social media marketing",)


def test_typos_are_fixed_but_real_words_are_not(search: CourseSearch) -> None:
    assert search.understand("projet management") == "project management"  # "projet" is French text
    assert "emotional" in search.understand("emotional intelligence")  # not the Spanish "emocional"


@pytest.mark.parametrize(
    ("typed", "written"), [("procurment", "procurement"), ("developement", "development")]
)
def test_a_slip_sharing_only_the_stem_reads_as_the_courses_write_it(
    search: CourseSearch, typed: str, written: str
) -> None:
    """Until round 16 "procurment" (stem "procur", like "procurement") was kept as typed, and a
    word the courses use only in their text counts only as written: nothing was found."""
    assert search.understand(typed) == written
    assert search.search(typed).ranked == search.search(written).ranked != ()
    assert not search.search("investing").ranked  # a real word is no slip


def test_skills_asked_for_together_show_courses_on_each(search: CourseSearch) -> None:
    page = [search.courses[i] for i in search.search("python and sql").ranked[:8]]
    assert any("python" in c.skills for c in page) and any("sql" in c.skills for c in page)


def test_a_field_and_a_skill_asked_for_together_both_reach_page_one(search: CourseSearch) -> None:
    """ "marketing and sales": marketing (a field several marketing skills share) and sales
    (negotiation) each have courses among the first five, not only the better-scored skill."""
    page = [search.courses[i] for i in search.search("marketing and sales").ranked[:5]]
    assert any("negotiation" in c.skills for c in page)
    assert any(any("marketing" in s for s in c.skills) for c in page)


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("data analysis but i only have like 3 hrs a week", "data analysis"),
        ("python because my boss wants it", "python"),
        ("i want something self paced because i work night shifts, on communication skills", "communication"),
    ],
)
def test_a_clause_about_the_learner_and_their_weekly_hours_are_no_topic(
    search: CourseSearch, query: str, understood: str
) -> None:
    result = search.search(query)
    assert result.understood == understood and not result.left_out and result.ranked


def test_owners_are_whom_a_course_is_for(search: CourseSearch) -> None:
    """ "cybersecurity for small business owners": the course for small businesses first, and
    the other cybersecurity courses after it ("owners" is who, not a second topic)."""
    result = search.search("cybersecurity for small business owners")
    first = search.courses[result.ranked[0]]
    assert first.key == "tidewater-cyber-security-for-small-businesses"
    assert len(result.ranked) > 1 and not result.left_out


def test_an_aside_is_kept_when_the_topic_is_in_it(search: CourseSearch) -> None:
    """ "my english is ok but i need it for business emails": the clause after "but" is the
    topic, nothing before it is one."""
    assert "english" in search.search("my english is ok but i need it for business emails").understood


def test_an_excel_function_finds_the_course_teaching_it(search: CourseSearch) -> None:
    assert _page(search, "xlookup")[:1] == ["quayline-excel-pivot-tables-and-lookups"]


def test_r_at_the_end_of_a_query_is_the_language(search: CourseSearch) -> None:
    assert _page(search, "statistics with r")[:1] == ["alborada-analisis-de-datos-con-r"]
    # round 16, after its blind set was read: a bare "r" is the language too (it found nothing)
    assert _page(search, "r")[:1] == ["alborada-analisis-de-datos-con-r"]
    assert search.understand("r u there") != "R"


def test_an_alias_heading_a_compound_of_another_kind_is_not_the_skill(search: CourseSearch) -> None:
    """ "security guard", "sia security licence": "security" alone is an alias of cybersecurity,
    but a guard is no kind of it (until round 16 the cybersecurity courses were listed).
    "selling vegetables online" and "invoices properly" keep their aliases."""
    for query in ("security guard", "sia security licence"):
        assert not search.search(query).ranked, query
    assert search.search("security").ranked
    assert "bookkeeping" in search.understand("sort my invoices properly")


def test_what_a_skill_is_used_for_left_out_still_shows_the_skill(search: CourseSearch) -> None:
    """ "python for lab data": no course on lab data, so the Python courses, with "lab" said to
    be left out (until round 16 a word no course uses after "for" showed nothing, as "coding
    for kids" still does: a course made for children is another course)."""
    result = search.search("python for lab data")
    assert result.ranked and all("python" in search.courses[i].skills for i in result.ranked[:3])
    assert "lab" in result.left_out
    assert not search.search("coding for kids").ranked


def test_a_course_about_the_subject_ranks_above_one_listing_the_skill(search: CourseSearch) -> None:
    page = _page(search, "communication")
    assert "brightpath-design-thinking-problem-solving" not in page  # communication is one of its skills
    top = search.search("communication").ranked[:3]
    assert all(search.courses[i].subject_area == "communication" for i in top)


def test_a_skill_asked_for_by_another_name_ranks_courses_using_that_name_first(search: CourseSearch) -> None:
    first = search.courses[search.search("sales").ranked[0]]  # an alias of negotiation
    assert "negotiation" in first.skills and "sales" in first.summary.lower()


def test_an_alias_only_partly_used_by_the_courses_still_orders_them(search: CourseSearch) -> None:
    """ "lean six sigma" (an alias of agile): no course says "six sigma", but the one on lean
    flow comes first (until round 16 the learner's words counted only when every one was used)."""
    assert "Lean" in search.courses[search.search("lean six sigma").ranked[0]].title


@pytest.mark.parametrize(
    ("typed", "words"),
    # "excel pivot tables": the skill named twice, once by its alias (until round 16 the alias's
    # courses lost their place: Excel for Beginners first)
    [("pivot tables", "pivot table"), ("kubernetes", "kubernetes"), ("excel pivot tables", "pivot table")],
)
def test_page_one_of_a_skill_asked_for_by_another_name_is_the_courses_using_that_name(
    search: CourseSearch, typed: str, words: str
) -> None:
    page = [search.courses[i] for i in search.search(typed).ranked[:5]]
    texts = [" ".join([c.title, c.summary, *c.learning_outcomes, *(m for m, _ in c.modules)]) for c in page]
    assert page and all(words in text.lower() for text in texts)


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("lab technician wanting to learn data analysis", "data analysis"),
        ("im a nurse and want to learn excel", "excel"),
        ("how to teach adults", "teaching, adults"),
        ("sequel database queries", "sql"),
        ("my manager wants me to learn sql", "sql"),  # who asks is not the topic either
        ("i run a small warehouse and want better planning skills", "project management"),
    ],
)
def test_who_the_learner_is_is_not_the_topic_and_plain_words_name_skills(
    search: CourseSearch, query: str, topic: str
) -> None:
    result = search.search(query)
    assert result.understood == topic and result.ranked
    assert search.understand("teach me python") == "python"  # "teach me" asks for a course
    assert _wanted("financial planning for retirement") == "financial planning for retirement"  # a topic
    assert _wanted("i want to learn python") == "i want to learn python"  # nothing before: kept whole


def test_when_part_of_the_query_is_left_out_courses_matching_more_of_it_are_shown_alone(
    search: CourseSearch,
) -> None:
    macros = search.search("excel vba macros")
    page = [search.courses[i] for i in macros.ranked[:5]]
    assert page and all("VBA" in " ".join([c.summary, *c.learning_outcomes]) for c in page)


def test_a_course_only_mentioning_the_topic_is_not_shown_for_an_audience_it_does_not_name(
    search: CourseSearch,
) -> None:
    assert not search.search("law for managers").ranked  # one module on equality law, not for managers
    assert search.search("excel for accountants").ranked  # about the topic: shown


def test_an_audience_after_for_prefers_courses_naming_it_without_requiring_it(search: CourseSearch) -> None:
    assert _audience("leadership for managers") == (_audience("leadership for managers")[0], ["managers"])
    assert normalise(_audience("digital skills for seniors and carers")[0]) == "digital skills"
    assert _audience("courses for nurses")[1] == []  # only an audience: it stays the topic
    assert _audience("coding for kids")[1] == []  # children need a course made for them
    assert _audience("python for data analysis")[1] == []  # a topic, not an audience
    result = search.search("leadership for managers")
    assert result.understood == "leadership (for managers)"
    page = [search.courses[i] for i in result.ranked[:5]]
    assert all("leadership" in c.skills for c in page)
    assert "manag" in page[0].title.lower() + " ".join(page[0].skills)  # names them first
    shown = [search.courses[i] for i in result.ranked]
    assert any("manag" not in c.title.lower() + " ".join(c.skills) for c in shown)  # preferred, not required


def test_a_phrase_is_not_matched_by_another_phrase_sharing_its_stems(search: CourseSearch) -> None:
    page = _page(search, "time management")
    assert "meridale-first-time-manager" not in page  # "First-Time Manager": no time management in it
    assert "kestrel-first-time-manager" in page  # "Manage your own time and priorities"
    tokens = "first-time manager : leading people".split()
    assert _written_in(["time", "management"], tokens) == 0
    assert _written_in(["time", "management"], "manage your own time".split()) == LOOSE
    assert _written_in(["time", "management"], "good time managements".split()) == 1


def test_filters_leaving_nothing_show_the_best_matches_without_them(search: CourseSearch) -> None:
    """ "affordable tableau course": nothing fits the budget, nor does any course related to
    Tableau's, so the best matches without the filter are shown, the filter still removable."""
    result = search.search("affordable tableau course")
    assert result.facets.max_eur == 100 and not result.filtered(result.facets) and result.matches
    assert not result.nearby(result.facets)
    reply = results_page(result, 3, 0, result.facets)
    assert "No course matches ≤ 100 EUR" in reply.text and "without filters" in reply.text
    assert result.matches[0].course.title in reply.text  # the unfiltered best, with its card button
    buttons = [b for row in reply.buttons for b in row]
    card = CourseCard(result.matches[0].course.id, f"3:0:{result.facets.encode()}").pack()
    assert any(b.data == card for b in buttons)
    unfiltered = ResultsPage(3, 0, Facets().encode()).pack()
    assert any(b.label.startswith("✖") and b.data == unfiltered for b in buttons)


def test_filters_leaving_no_match_show_related_courses_that_fit_them(search: CourseSearch) -> None:
    """ "affordable ux design course": no UX design course costs 100 EUR or less; Figma for
    Beginners (UI design, a skill UX courses share) does, and is listed as related."""
    result = search.search("affordable ux design course")
    assert result.facets.max_eur == 100 and not result.filtered(result.facets) and result.matches
    related = result.page_one(result.facets)
    assert related and all(m.course.price <= 100 and "ux design" not in m.course.skills for m in related)
    assert "ui design" in related[0].course.skills
    reply = results_page(result, 3, 0, result.facets)
    assert "Related courses that do:" in reply.text and related[0].course.title in reply.text
    assert "without filters" not in reply.text
    plain = search.search("ux design course")
    assert plain.filtered(plain.facets) and not plain.related  # only looked for when needed


def test_a_course_sharing_one_skill_with_the_matches_is_not_related_enough(search: CourseSearch) -> None:
    """Round 20: "free first aid course" (no first aid course is free) listed Responsible Tour
    Operator and Peer Mentoring as related, each sharing one skill with the first aid courses;
    a related course now shares two."""
    result = search.search("free first aid course")
    assert result.facets.free and not result.filtered(result.facets)
    shown = {m.course.key for m in result.page_one(result.facets)}
    assert not shown & {"kestrel-responsible-tour-operator", "prairieview-peer-mentoring"}, shown
    matched_skills = {s.casefold() for m in result.matches[:10] for s in m.course.skills}
    for m in result.page_one(result.facets):
        assert len({s.casefold() for s in m.course.skills} & matched_skills) >= 2, m.course.key


def test_when_two_filters_leave_nothing_one_is_dropped_and_named(search: CourseSearch) -> None:
    result = search.search("free courses in spanish")
    assert result.facets.free and result.facets.language == "es" and not result.filtered(result.facets)
    reply = results_page(result, 4, 0, result.facets)
    assert "No course matches free + in Spanish" in reply.text and "without “free”" in reply.text
    data = [str(b.data) for row in reply.buttons for b in row]
    cards = [search.courses[int(d.split(":")[1])] for d in data if d.startswith("c:")]
    assert cards and all(c.language.lower().startswith(("spanish", "es")) for c in cards)  # the language kept
    buttons = [b for row in reply.buttons for b in row]
    assert {b.label for b in buttons} >= {"✖ free", "✖ in Spanish"}  # both still removable


@pytest.mark.parametrize(
    ("query", "career"),
    [
        ("what should i learn to go from stacking shelves to an office job", "office administrator"),
        ("courses to switch from bar work to being a supervisor", "team leader"),
        ("help me get from call centre agent into a supervisor role", "team leader"),
        ("i'm a bin man and i want a desk job", "office administrator"),
    ],
)
def test_the_job_left_behind_is_no_topic_of_the_search(search: CourseSearch, query: str, career: str) -> None:
    result = search.search(query)
    assert result.career == career and result.ranked


@pytest.mark.parametrize(
    "query",
    ["how do i break into data analysis with zero experience", "sql for someone without any experience"],
)
def test_no_experience_is_the_beginner_filter(search: CourseSearch, query: str) -> None:
    assert search.search(query).facets.level == "beginner"


def test_where_and_how_exclusively_are_no_topic(search: CourseSearch) -> None:
    result = search.search("in person courses near me")
    assert result.facets.mode == "in-person" and result.not_found == () and result.ranked
    assert search.search("advanced courses only").ranked


def test_courses_that_cost_nothing_are_the_free_filter(search: CourseSearch) -> None:
    assert search.search("excel courses that dont cost anything").facets.free


def test_the_topic_of_a_course_is_its_subject_when_that_is_a_skill(search: CourseSearch) -> None:
    photography = next(c for c in search.courses.values() if c.key == "kestrel-digital-photography-beginners")
    assert search.topic_of(photography.id) == "photography"
    assert search.topic_of(-1) == ""


def test_the_words_of_a_request_in_each_language_come_from_the_content_file(tmp_path: Path) -> None:
    """`request_words` in `content/skill_aliases.yaml` (in the code until round 16), read as
    queries are ("für" is "fur"); a language given a list instead of words is refused."""
    shipped = read_request_words(ROOT / "content")
    assert {"curso", "gratis"} <= shipped["es"] and "fur" in shipped["de"] and set(shipped) >= {"fr", "pl"}
    (tmp_path / "skill_aliases.yaml").write_text("aliases: {}\nrequest_words:\n  es: [curso]\n", "utf-8")
    with pytest.raises(ContentError, match="request_words"):
        read_request_words(tmp_path)


def test_an_alias_listed_under_two_skills_is_refused_with_both_named(tmp_path: Path) -> None:
    """The search can use only one of them: the file's editor is told which two."""
    (tmp_path / "skill_aliases.yaml").write_text(
        "aliases:\n  teaching: [pedagogy, online teaching]\n"
        "  digital learning: [e-learning, Online Teaching]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="(?i)online teaching.*'teaching' and 'digital learning'"):
        read_aliases(tmp_path)
    shipped = read_aliases(ROOT / "content")
    assert "online teaching" in shipped["digital learning"] and "online teaching" not in shipped["teaching"]


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("coding for total beginners", "computer programming"),
        ("i want to learn to code but dont know where to start", "computer programming"),
    ],
)
def test_hedges_and_how_new_one_is_are_not_topics(search: CourseSearch, query: str, understood: str) -> None:
    """ "but", "dont know where to start" and "total" (of "total beginners") name nothing to
    search for: before, each one left the page empty."""
    result = search.search(query)
    assert result.understood == understood
    assert result.page_one(result.facets)


def test_first_time_managers_get_the_first_time_manager_course_first(search: CourseSearch) -> None:
    first = search.courses[search.search("leadership for first time managers").ranked[0]]
    assert "First-Time Manager" in first.title


@pytest.mark.parametrize(
    ("query", "skill"),
    [("socialmedia", "social media marketing"), ("webdev", "javascript"), ("uxui", "ux design")],
)
def test_a_skill_written_as_one_word_is_split(search: CourseSearch, query: str, skill: str) -> None:
    result = search.search(query)
    assert result.understood == skill and result.ranked


def test_a_word_that_only_looks_like_two_skills_stays_whole(search: CourseSearch) -> None:
    assert search.search("fintech").understood == "fintech"


def test_a_course_made_for_another_sector_is_not_shown_to_an_audience(search: CourseSearch) -> None:
    """ "leadership for nurses" does not list school leadership; teachers still get it first."""
    nurses = [search.courses[i].title for i in search.search("leadership for nurses").ranked[:5]]
    assert nurses and not any("School" in t or "Education" in t for t in nurses), nurses
    teachers = [search.courses[i].title for i in search.search("leadership for teachers").ranked[:3]]
    assert any("School" in t for t in teachers), teachers


@pytest.mark.parametrize("query", ["electrician", "i want to become an electrician", "plumber"])
def test_a_trade_no_course_teaches_shows_no_business_courses(search: CourseSearch, query: str) -> None:
    result = search.search(query)
    assert result.career is None and not result.ranked and result.not_found


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("marketing for artists", "marketing"),
        ("leadership for head chefs", "leadership"),
        ("excel for farmers", "excel"),
        # the places a skill is used qualify it the same way (until round 16 "excel for hotels"
        # listed only a hospitality course, no Excel; "marketing for libraries" listed nothing)
        ("excel for hotels", "excel"),
        ("marketing for libraries", "marketing"),
        ("first aid for schools", "first aid"),
    ],
)
def test_the_people_a_skill_is_for_qualify_it(search: CourseSearch, query: str, topic: str) -> None:
    """Who a course is for ranks the courses naming them first and hides none of the topic's;
    for chefs, school leadership is not shown."""
    result = search.search(query)
    assert result.understood.startswith(topic) and "(for " in result.understood and result.ranked
    titles = [search.courses[i].title for i in result.ranked[:5]]
    assert not any("School" in t for t in titles), titles


@pytest.mark.parametrize(
    ("query", "max_eur"),
    [
        ("bookkeeping course under £30", 35),
        ("python under 50 pounds", 58),
        ("cheap aws course under $100", 92),
        ("data science course under 5000 rupees", 55),
        ("excel under 15 quid", 18),
        ("under 100 euros", 100),
    ],
)
def test_a_price_said_in_another_currency_is_converted_to_euros(query: str, max_eur: int) -> None:
    """Found by the blind read of fresh_search_eval_22: "under £30" had been read as 30 euros."""
    assert parse_filters(query)[0].max_eur == max_eur


@pytest.mark.parametrize(
    ("query", "max_hours", "language"),
    [
        # round 16, after its blind set was read (in other words)
        ("anything free that takes less than a day", 8, None),
        ("a course i can do in an afternoon", 4, None),
        ("curso de marketing em português", None, "pt"),
        ("data analyse in het nederlands", None, "nl"),
    ],
)
def test_a_length_said_as_a_stretch_of_time_and_in_a_language_said_in_it(
    query: str, max_hours: int | None, language: str | None
) -> None:
    facets = parse_filters(query)[0]
    assert (facets.max_hours, facets.language) == (max_hours, language)


def test_not_a_beginner_is_past_the_basics() -> None:
    facets, rest = parse_filters("intermediate sql, not a total beginner")
    assert facets.level == "intermediate" and "sql" in rest
    assert parse_filters("python for beginners")[0].level == "beginner"


def test_a_skill_asked_for_by_a_name_no_course_uses_whole_shows_courses_titled_with_its_own_word(
    search: CourseSearch,
) -> None:
    """ "classroom management" is teaching; of the teaching courses, the one titled
    *Inclusive Classrooms* comes first."""
    assert _page(search, "classroom management")[0] == "deccan-inclusive-classrooms"


def test_where_the_learner_works_now_is_not_the_topic(search: CourseSearch) -> None:
    """ "i want to get into tech, i work in hospitality now": the IT career, no hospitality course."""
    result = search.search("i want to get into tech, i work in hospitality now")
    assert result.career == "it professional"
    assert not any("hospitality" in key for key in _page(search, result.query))


@pytest.mark.parametrize(
    ("query", "skill_course"),
    [("pl-300", "quayline-power-bi-essentials"), ("az-104", "azure"), ("comptia security+", "cyber")],
)
def test_certification_codes_find_the_skill_they_certify(
    search: CourseSearch, query: str, skill_course: str
) -> None:
    assert any(skill_course in key for key in _page(search, query))


def test_two_swapped_letters_that_spell_a_rare_word_are_still_a_slip(search: CourseSearch) -> None:
    """ "chian" is a word, but "supply chian" is the catalogue's "supply chain" typed on a phone;
    a swap that only makes a filler word ("data form" → "data from") or a word's stem ("farm" →
    "fram", as in "frame") is left alone."""
    assert search.search("supply chian").understood == "supply chain"
    assert search.search("supply chian").ranked == search.search("supply chain").ranked
    assert "form" in search.search("data form").understood
    assert search.search("farm business management").understood.startswith("farm,")


def test_an_eqf_level_asked_for_shows_only_courses_at_that_level(search: CourseSearch) -> None:
    """ "eqf level 6 courses" is a filter only: courses at level 6, removable with one tap."""
    result = search.search("eqf level 6 courses")
    shown = result.page_one(result.facets)
    assert result.facets == Facets(eqf=6) and shown
    assert all(item.course.eqf_level == 6 for item in shown)
    assert dict(result.facets.labelled()) == {"EQF level 6": Facets()}


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("marketing for my little bakery", "marketing"),
        ("python for my son", "python"),
        ("beginner friendly coding course for my 17 y/o, free if possible", "free beginner coding"),
    ],
)
def test_whose_the_course_is_for_in_words_no_course_uses_is_not_the_topic(
    search: CourseSearch, query: str, same_as: str
) -> None:
    """ "bakery", "son", "17 y/o": who it is for; the learner still gets the topic's courses."""
    result = search.search(query)
    assert result.ranked and result.ranked == search.search(same_as).ranked, result.understood


def test_whose_the_course_is_for_in_the_catalogues_words_is_kept(search: CourseSearch) -> None:
    assert "small business" in search.search("marketing for my small business").understood


def test_how_many_weeks_the_learner_has_is_not_a_topic(search: CourseSearch) -> None:
    """No course field holds weeks (the length filter is in hours): "in 2 weeks" is dropped, not
    searched for."""
    assert search.search("python in 2 weeks").ranked == search.search("python").ranked
    assert search.search("excel within a month").understood == "excel"


def test_leadership_for_engineers_leaves_out_school_leadership(search: CourseSearch) -> None:
    result = search.search("leadership for engineers, under 6 weeks")
    shown = [search.courses[i].title for i in result.ranked[:5]]
    assert shown and not any("School" in title or "Education" in title for title in shown), shown


def test_a_long_run_after_for_my_is_read_in_one_pass(search: CourseSearch) -> None:
    """Whom the course is for is read by a pattern with one way to split any text: the first
    version split a long word every possible way (a 400-letter word took a minute)."""
    result = search.search("python for my " + "a" * 400 + " x y z w v q")
    assert result.understood.startswith("python")


def _first_language(search: CourseSearch, query: str) -> str:
    result = search.search(query)
    return result.page_one(result.facets)[0].course.language


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("marketing numérique", "French"),
        ("programmieren lernen", "German"),
        ("cursus leidinggeven", "Dutch"),
        ("führung für teamleiter", "German"),  # "für" read as typed, umlaut and all
    ],
)
def test_a_query_in_another_language_lists_its_courses_in_that_language_first(
    search: CourseSearch, query: str, language: str
) -> None:
    """A learner writing French sees the French course first, the English ones after it."""
    result = search.search(query)
    page = [s.course.language for s in result.page_one(result.facets)]
    assert page[0] == language and "English" in page


@pytest.mark.parametrize(
    "query",
    [
        "excel",
        "kurs programowania dla początkujących",  # Polish ("kurs" is German too): no German first
        "digital marketing",
    ],
)
def test_english_or_unclear_queries_keep_the_best_match_first(search: CourseSearch, query: str) -> None:
    assert _first_language(search, query) == "English"


def test_a_return_to_work_said_as_the_situation_finds_the_returners_skills(search: CourseSearch) -> None:
    """The goal said first, the rest naming no skill: the job seeker's skills."""
    result = search.search("going back to work after having kids, need to update my skills")
    assert result.career == "job seeker" and result.ranked
    assert search.search("going back to work after kids, want to learn python").understood == "python"


def test_among_equal_matches_an_english_query_lists_english_courses_first(search: CourseSearch) -> None:
    result = search.search("going back to work after a career break")
    languages = [search.courses[i].language for i in result.ranked]
    scores = list(result.scores)
    for n in range(1, len(languages)):  # never a foreign course before an English one of the same score
        if scores[n] == scores[n - 1]:
            assert not (languages[n - 1] != "English" and languages[n] == "English")
    assert "English" in languages and any(lang != "English" for lang in languages)


@pytest.mark.parametrize("query", ["data protection", "datenschutz", "data privacy"])
def test_data_protection_finds_the_course_teaching_gdpr(search: CourseSearch, query: str) -> None:
    """No course has GDPR as a skill; the one whose outcomes and modules teach it is found."""
    result = search.search(query)
    assert result.understood == "gdpr"
    assert [search.courses[i].key for i in result.ranked] == ["tidewater-certificate-in-data-analysis-skills"]


def test_a_job_named_as_a_course_title_lists_those_courses_first(search: CourseSearch) -> None:
    """ "first time manager" is a career (team leader, by its skills); the courses titled so come first."""
    result = search.search("first time manager")
    assert result.career == "team leader"
    first = {search.courses[i].key for i in result.ranked[:2]}
    assert first == {"meridale-first-time-manager", "kestrel-first-time-manager"}


@pytest.mark.parametrize(
    ("query", "understood"),
    [("gestion des données", "databases"), ("communication interpersonnelle", "communication")],
)
def test_skills_named_in_french_find_their_courses(search: CourseSearch, query: str, understood: str) -> None:
    result = search.search(query)
    assert result.understood == understood and result.ranked


@pytest.mark.parametrize(
    "query", ["gestion des ressources humaines", "recursos humanos", "zarządzanie zasobami ludzkimi"]
)
def test_human_resources_in_other_languages_is_people_management(search: CourseSearch, query: str) -> None:
    assert search.search(query).understood == "people management"


def test_what_is_available_under_an_amount_lists_the_courses_under_it(search: CourseSearch) -> None:
    """ "whats available under £30": a filter only ("available" is no topic), as "any free courses?"."""
    result = search.search("whats available under £30")
    shown = result.page_one(result.facets)
    assert result.facets.max_eur == 35 and shown
    assert all(price_in_eur(s.course.price, s.course.currency) <= 35 for s in shown)


def test_a_story_after_the_topic_does_not_empty_the_page(search: CourseSearch) -> None:
    """Round 17: the words after the comma found no course together with the topic, so the
    page was empty; the first clause alone names what is asked for."""
    story = search.search("just got promoted to team lead, never managed anyone before")
    alone = search.search("just got promoted to team lead")
    assert story.ranked and story.ranked[:5] == alone.ranked[:5]
    assert story.query == "just got promoted to team lead, never managed anyone before"
    assert not search.search("zorblax, never managed anyone before").ranked  # nothing to fall back on


@pytest.mark.parametrize(
    "text",
    ["leadership for police sergeants", "leadership for police officers", "leadership for firefighters"],
)
def test_leadership_for_emergency_services_finds_leadership_not_school_leadership(
    search: CourseSearch, text: str
) -> None:
    result = search.search(text)
    page = [s.course.title.casefold() for s in result.page_one(result.facets)[:PAGE_SIZE]]
    assert page, text  # "sergeants" is who it is for, not a word every course must have
    assert any("leader" in title for title in page), page
    assert not any("school" in title or "education" in title for title in page), page


@pytest.mark.parametrize(
    "text", ["leaving the army what can i retrain as", "resettlement courses for veterans", "ex military"]
)
def test_leaving_the_forces_is_a_career_with_skills(search: CourseSearch, text: str) -> None:
    result = search.search(text)
    assert result.career == "armed forces leaver", text
    assert "project management" in result.career_skills and result.ranked


@pytest.mark.parametrize(
    ("text", "word"),
    [("cissp", "secur"), ("acca", "account"), ("cyber crime", "secur"), ("policy writing", "writing")],
)
def test_certification_and_field_names_find_their_subject(search: CourseSearch, text: str, word: str) -> None:
    result = search.search(text)
    titles = [s.course.title.casefold() for s in result.page_one(result.facets)[:PAGE_SIZE]]
    assert titles and word in titles[0], (text, titles)


def test_two_plain_words_joined_by_and_are_one_subject(search: CourseSearch) -> None:
    """Round 18: "health and safety" listed Wellbeing at Work (it mentions mental health and
    psychological safety); no course teaches health and safety, and the search says so."""
    result = search.search("health and safety at work")
    assert not result.page_one(result.facets)
    assert "health and safety" in result.not_found
    both = search.search("python and sql")
    titles = " ".join(s.course.title.casefold() for s in both.page_one(both.facets))
    assert "python" in titles and "sql" in titles  # two skills: either one
    about = search.search("i want to get better at writing emails and reports")
    assert any("writing" in s.course.title.casefold() for s in about.page_one(about.facets)[:PAGE_SIZE])


def test_a_language_named_as_the_topic_is_learning_it_which_no_course_teaches(search: CourseSearch) -> None:
    """Round 18: "business english" listed Business Writing Essentials; most learners asking it
    want to learn English, which the catalogue does not teach (a longer message keeps its topic)."""
    result = search.search("business english")
    assert not result.page_one(result.facets) and "english" in result.not_found
    spanish = search.search("python courses in spanish")
    assert spanish.facets.language == "es" and spanish.ranked


@pytest.mark.parametrize(
    ("text", "career"),
    [("competências digitais", "digital beginner"), ("competenze digitali", "digital beginner")],
)
def test_careers_and_goals_named_in_other_languages(search: CourseSearch, text: str, career: str) -> None:
    result = search.search(text)
    assert result.career == career and result.ranked, text


@pytest.mark.parametrize(
    ("text", "named"), [("food hygiene", "food hygiene"), ("free beekeeping courses", "beekeeping")]
)
def test_nothing_found_names_the_short_topic_whole(search: CourseSearch, text: str, named: str) -> None:
    """Round 18: "food hygiene" was answered "I couldn't find courses for hygiene"."""
    result = search.search(text)
    assert not result.ranked
    assert f"couldn't find courses for <b>{named}</b>" in no_match(result).text



@pytest.mark.parametrize("said", ["universal credit", "tax credits", "a credit card", "my credit score"])
def test_credit_as_money_is_no_ects_filter(said: str) -> None:
    from bot.catalog.filters import parse_filters

    assert not parse_filters(f"courses for people on {said}")[0].ects
    assert parse_filters("courses that give credits")[0].ects and parse_filters("python with ects")[0].ects


@pytest.mark.parametrize(
    ("query", "skill"),
    [("ms office", "excel"), ("freelancing", "business management"), ("vat returns", "bookkeeping")],
)
def test_office_freelancing_and_vat_returns_find_their_courses(
    search: CourseSearch, query: str, skill: str
) -> None:
    """Round 23's blind set, read once: "microsoft office", "freelancing" and "vat returns" found
    nothing; they are the Excel, business management and bookkeeping courses."""
    result = search.search(query)
    assert result.understood == skill and result.page_one(result.facets), result


@pytest.mark.parametrize(
    ("query", "course"),
    [
        ("minute taking", "quillmark-business-writing-essentials"),
        ("data entry", "fernhollow-spreadsheets-for-work"),
    ],
)
def test_office_tasks_named_by_learners_find_the_courses_teaching_them(
    search: CourseSearch, query: str, course: str
) -> None:
    """Round 27 (a tuning set's queries): "minute taking" is business writing (nothing was
    found), "data entry" is spreadsheets (only a data analysis certificate was)."""
    result = search.search(query)
    assert course in {m.course.key for m in result.page_one(result.facets)}


@pytest.mark.parametrize("query", ["coding for school leavers", "intro to coding for a school leaver"])
def test_school_leavers_are_whom_a_course_is_for_not_a_topic(search: CourseSearch, query: str) -> None:
    """Round 27 (a tuning set's query): "leavers" after "for" was a word no course uses, and the
    page was empty; it says whom the course is for, as "retirees" or "graduates" do."""
    result = search.search(query)
    assert not result.not_found, result.not_found
    assert "harbourside-intro-to-programming" in {m.course.key for m in result.page_one(result.facets)}


@pytest.mark.parametrize(
    ("query", "slip"), [("zookeeping", False), ("bookeeping", True), ("bokkeeping", True)]
)
def test_a_slip_keeps_its_first_letter_or_is_one_change(search: CourseSearch, query: str, slip: bool) -> None:
    """Round 28 (a tuning set's query): "zookeeping" showed the bookkeeping courses, two changes
    away, one of them its first letter; a slip keeps the first letter, or is one change."""
    result = search.search(query)
    shown = {m.course.key for m in result.page_one(result.facets)}
    assert ("auricle-bookkeeping-essentials" in shown) is slip, shown


def test_a_shop_is_where_a_skill_is_used(search: CourseSearch) -> None:
    """Round 28 (a tuning set's query): "shop" is a workplace, as "retail" is: managing a team
    as a new shop manager shows the team-leading courses (nothing was shown)."""
    result = search.search("how to manage a team as a new shop manager")
    shown = {m.course.key for m in result.page_one(result.facets)}
    assert shown & {"tidewater-team-leader-certificate", "meridale-first-time-manager"}, shown


@pytest.mark.parametrize(
    ("query", "course"),
    [
        ("google analytics", "cobaltwave-digital-marketing-fundamentals"),
        ("support new mums with breastfeeding", "liffeyside-infant-feeding-nutrition"),
        ("reporting our carbon emissions", "greenhaven-carbon-accounting-practitioner"),
        ("plain english writing", "quillmark-business-writing-essentials"),
        ("midwifery refresher online", "lagoon-city-maternal-newborn-health"),  # (after round 28's read)
    ],
)
def test_everyday_words_for_a_skill_find_its_courses(search: CourseSearch, query: str, course: str) -> None:
    """Round 28: words learners use for what a course teaches (aliases proposed from the
    catalogue alone, kept where the tuning sets gained and lost nothing) find it."""
    result = search.search(query)
    assert course in {m.course.key for m in result.page_one(result.facets)}, result.understood
