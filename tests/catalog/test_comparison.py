"""Two courses of a results page side by side ("compare the first two")."""

from __future__ import annotations

import pytest

from bot.callbacks import CourseCard
from bot.catalog.replies import comparison
from bot.replies import fit_reply, reply_problems
from tests.catalog.test_card_limits import assert_one_message, at_most, course, everything_at


def test_the_facts_that_differ_are_given_per_course_and_the_same_ones_once() -> None:
    cheap = course(id=1, title="Excel Basics", price=0, workload_hours=10, ects_credits=None)
    dear = course(id=2, title="Excel Mastery", price=390, workload_hours=40, ects_credits=5.0)
    reply = comparison((1, cheap), (3, dear), back="7:0:")
    assert "1. <b>Excel Basics</b>" in reply.text and "3. <b>Excel Mastery</b>" in reply.text
    assert "<b>Price:</b> 1. Free · 3. 390 EUR" in reply.text
    assert "<b>Workload:</b> 1. 10 h · 3. 40 h" in reply.text
    assert "<b>Credits:</b> 1. not stated · 3. 5 ECTS" in reply.text  # a missing field is said so
    assert "<b>Format:</b> Online, self-paced (both)" in reply.text
    assert "Sample catalogue" not in reply.text  # neither is a sample course
    cards = [CourseCard.parse(str(row[0].data)) for row in reply.buttons]
    assert cards == [CourseCard(1, "7:0:"), CourseCard(2, "7:0:")]  # each card leads back to the page


@pytest.mark.parametrize("letter", ["W", "🤖"])
def test_two_courses_far_over_the_limits_still_fit_one_message(letter: str) -> None:
    huge = everything_at(lambda limit: at_most(limit * 5, letter))
    reply = comparison((1, huge), (2, everything_at(at_most)), back="123:4:f")
    assert_one_message(reply.text)
    assert reply_problems(reply) == [] and fit_reply(reply) == [reply]
