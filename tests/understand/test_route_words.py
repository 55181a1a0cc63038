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
