"""The "Did you mean…?" buttons: plain FAQ answers, or, right after a course card, answers
about that course for the questions its fields answer."""

from __future__ import annotations

from bot.callbacks import MAX_BYTES, CourseQuestion, FaqAnswer, SearchFor
from bot.faq.matcher import load_faq
from bot.faq.replies import COURSE_AWARE_ENTRIES, did_you_mean
from tests.conftest import CONTENT


def test_after_a_card_only_questions_its_fields_answer_are_about_it() -> None:
    faq = load_faq(CONTENT)
    match = faq.match("how many hours a week would i need")
    assert match.kind == "suggest" and match.ranked
    shown = {s.entry.id for s in match.ranked[:3]}
    assert shown & COURSE_AWARE_ENTRIES and shown - COURSE_AWARE_ENTRIES  # both kinds are offered
    plain = did_you_mean(match)
    about = did_you_mean(match, course_id=12345)
    for scored, before, after in zip(match.ranked[:3], plain.buttons, about.buttons, strict=False):
        entry = scored.entry.id
        assert FaqAnswer.parse(before[0].data) == FaqAnswer(entry)
        if entry in COURSE_AWARE_ENTRIES:
            assert CourseQuestion.parse(after[0].data) == CourseQuestion(12345, entry)
        else:
            assert FaqAnswer.parse(after[0].data) == FaqAnswer(entry)


def test_a_course_question_fits_telegram_for_every_entry() -> None:
    faq = load_faq(CONTENT)
    for entry in faq.entries:
        packed = CourseQuestion(2**31 - 1, entry.id).pack()
        assert len(packed.encode()) <= MAX_BYTES
        assert CourseQuestion.parse(packed) == CourseQuestion(2**31 - 1, entry.id)


def test_a_goal_the_question_names_is_offered_as_a_search_beside_the_questions() -> None:
    faq = load_faq(CONTENT)
    match = faq.match("how many hours a week would i need")
    plain, with_goal = did_you_mean(match), did_you_mean(match, courses_for="management")
    assert len(with_goal.buttons) == len(plain.buttons) + 1
    added = with_goal.buttons[-2][0]  # before the topic menu
    assert added.label == "🔎 Courses for management" and isinstance(added.data, str)
    assert SearchFor.parse(added.data) == SearchFor.fitting("management")
    others = [row[0].label for row in with_goal.buttons if row[0] != added]
    assert [row[0].label for row in plain.buttons] == others
