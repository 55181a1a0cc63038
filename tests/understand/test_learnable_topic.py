"""A subject to learn, asked in words that make no course request: a certificate needed for it,
whether it can be learnt, learning how to do it, or a short phrase with only a question mark.
The catalogue may not know the subject: the search then says honestly that no course fits."""

from __future__ import annotations

import pytest

from bot.understand.intent import Context, Understander


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("need a food hygiene cert for kitchen work", "food hygiene"),
        ("i need a forklift licence", "forklift"),
        ("need a health n safety one for work, IOSH type thing", "health n safety"),
        ("agriculture drones? is that a thing you can learn", "agriculture drones"),
        ("is beekeeping a thing you can learn", "beekeeping"),
        ("can you learn beekeeping", "beekeeping"),
        ("i'd like to learn how to do payroll", "payroll"),
        ("colour correction for hair?? 🎨", "colour correction for hair"),
        ("nail art for beginners??", "nail art for beginners"),
    ],
)
def test_a_subject_to_learn_goes_to_the_search(understander: Understander, text: str, query: str) -> None:
    got = understander.understand(text)
    assert got.kind == "search", got
    assert got.query == query


@pytest.mark.parametrize(
    "text",
    [
        "can i learn at my own pace",
        "is it something i can learn online",
        "need an MOT certificate, where's cheapest in leeds",
        "need an energy performance certificate to sell my flat, who issues those",
        "weather tomorrow?",
    ],
)
def test_studying_itself_or_another_errand_is_no_subject(understander: Understander, text: str) -> None:
    got = understander.understand(text)
    assert got.kind != "search", got


def test_a_follow_up_after_an_answer_stays_a_question(understander: Understander) -> None:
    got = understander.understand("and for over 60s?", Context(last_faq_id="what-is"))
    assert got.kind != "search", got


@pytest.mark.parametrize(
    "text", ["leaving the army what can i retrain as", "just left the forces, what could i train as"]
)
def test_a_goal_and_what_to_retrain_as_goes_to_the_search(understander: Understander, text: str) -> None:
    """Round 17's blind search set: leaving the forces is a career the catalogue maps to skills;
    asked what to retrain as, the learner gets those courses, not a "Did you mean…?"."""
    got = understander.understand(text)
    assert got.kind == "search", got
