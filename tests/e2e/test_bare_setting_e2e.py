"""A bare time or number typed outside any question ("8am", "2", "10:00") gets a short hint
about where times are set, not a course search; inside the plan questions it is an answer."""

from __future__ import annotations

import pytest

from bot.callbacks import MenuChoice
from tests.conftest import BotHarness, buttons, text_of
from tests.e2e.test_study_words_e2e import start


@pytest.mark.parametrize("typed", ["8am", "2", "10:00"])
async def test_a_bare_time_or_number_outside_any_question_gets_the_hint(
    harness: BotHarness, typed: str
) -> None:
    replies = await harness.say(typed)
    text = text_of(replies)
    assert "/plan" in text and "/study" in text, text
    assert "page 1 of" not in text and "outside what I know" not in text
    assert ("📅 My study plan", MenuChoice("plan").pack()) in buttons(replies[-1])


async def test_inside_the_plan_questions_a_time_is_an_answer(harness: BotHarness) -> None:
    await start(harness)
    await harness.say("Tue and Thu")
    replies = await harness.say("8am")
    assert "How long" in text_of(replies)
    assert "/plan to change them" not in text_of(replies)
