"""Advise me: typed goals lose the wish around them, typed answers to the button questions
are read as the option they mean."""

from __future__ import annotations

import pytest

from bot.catalog.advise import goal_of, typed_choice


@pytest.mark.parametrize(
    ("typed", "goal"),
    [
        ("I want to become a nurse", "nurse"),
        ("i'd like to be a data analyst!", "data analyst"),
        ("I want to learn python", "python"),
        ("I want a better job", "better job"),
        ("python", "python"),
        ("idk something with computers", "computers"),  # the shrug goes (round 17: as in understanding)
        ("ok marketing", "marketing"),  # the shrug around a goal goes too (round 17)
        ("hmm maybe excel", "excel"),
        ("web design i guess lol", "web design"),
        ("maybe", "maybe"),  # nothing but a shrug stays as typed
    ],
)
def test_the_goal_is_what_the_wish_is_about(typed: str, goal: str) -> None:
    assert goal_of(typed) == goal


@pytest.mark.parametrize(
    ("step", "typed", "option"),
    [
        ("l", "Beginner", "beginner"),
        ("l", "total newbie 😅", "beginner"),
        ("l", "some experience", "intermediate"),
        ("l", "pro", "advanced"),
        ("l", "not sure", "any"),
        ("b", "free pls", "0"),
        ("b", "50 euros", "50"),
        ("b", "£200", "200"),
        ("b", "1000", "1000"),
        ("b", "a million", None),
        ("b", "9999999", "any"),
        ("b", "no limit", "any"),
        ("h", "5 hours", "5"),
        ("h", "like 2", "2"),
        ("h", "20h", "20"),
        ("h", "3 hours a week", "3"),
        ("h", "100", "60"),
        ("h", "dunno", "any"),
        ("o", "online only", "online"),
        ("o", "in person is fine", "any"),
        ("o", "either", "any"),
    ],
)
def test_typed_answers_mean_an_option(step: str, typed: str, option: str | None) -> None:
    assert typed_choice(step, typed) == option


@pytest.mark.parametrize(("step", "typed"), [("l", "🤷"), ("b", "hmm"), ("h", "evenings"), ("o", "?")])
def test_unreadable_answers_are_none(step: str, typed: str) -> None:
    assert typed_choice(step, typed) is None
