"""End to end through the fake Bot API server: FAQ answers and course search."""

from __future__ import annotations

import yaml

from bot.telegram_html import html_to_text
from tests.catalog.test_io import NEW_COURSE, PROVIDER
from tests.conftest import ADMIN, OTHER_USER, TOKEN, USER, BotHarness, buttons, text_of
from tests.fakes.bot_api import Call


def press_data(call: Call, startswith: str) -> str:
    return next(data for _, data in buttons(call) if data.startswith(startswith))


async def test_five_faq_questions_get_their_answers(harness: BotHarness) -> None:
    questions = {
        "whats a nanodegree": "same",
        "can it replace my degree": "degree",
        "how much do they usually cost?": "price",
        "will employers recognise it?": "employers",
        "what do u get at the end": "certificate",
    }
    for question, word in questions.items():
        replies = await harness.say(question)
        assert len(replies) == 1, question
        assert word in text_of(replies).lower(), (question, text_of(replies))
        related = [d for _, d in buttons(replies[0]) if d.startswith("f:a:")]
        assert 2 <= len(related) <= 3


async def test_unsure_question_offers_did_you_mean_and_the_button_answers(
    harness: BotHarness,
) -> None:
    replies = await harness.say("tell me more about the certificate and the credits")  # two topics at once
    assert "Did you mean" in text_of(replies)
    choice = press_data(replies[0], "f:a:")
    answer = await harness.press(harness.message_of(replies[0]), choice)
    entry_id = choice.removeprefix("f:a:")
    content = yaml.safe_load((harness.settings.content_dir / "faq.yaml").read_text())
    expected = next(e["answer"] for e in content["entries"] if e["id"] == entry_id).strip()
    assert text_of(answer) == expected


async def test_off_topic_gets_an_honest_reply_with_the_menu(harness: BotHarness) -> None:
    replies = await harness.say("tell me a joke")
    text = text_of(replies)
    assert "I can help with microcredentials" in text
    assert ("📚 Browse all topics", "f:m") in buttons(replies[0])


async def test_faq_menu_is_browsable_with_back_buttons(harness: BotHarness) -> None:
    menu = (await harness.say("/faq"))[0]
    topic = press_data(menu, "f:t:")
    questions = (await harness.press(harness.message_of(menu), topic))[0]
    assert questions.method == "editMessageText"
    assert ("⬅️ All topics", "f:m") in buttons(questions)
    back = (await harness.press(harness.message_of(questions), "f:m"))[0]
    assert "Pick a topic" in text_of([back])
    stale = await harness.press(harness.message_of(menu), "f:a:no-such-entry")
    assert "Pick a topic" in text_of(stale)


async def test_greeting_gets_a_human_reply(harness: BotHarness) -> None:
    replies = await harness.say("hello there")
    assert "Did you mean" not in text_of(replies)
    assert "sorry" not in text_of(replies).lower()


async def test_typo_search_paging_facet_and_card(harness: BotHarness) -> None:
    results = (await harness.say("pyhton"))[0]
    assert "searching for: python" in text_of([results])
    assert "page 1 of" in text_of([results])
    message = harness.message_of(results)
    page_two = (await harness.press(message, _next(results)))[0]
    assert page_two.method == "editMessageText" and "page 2 of" in text_of([page_two])
    free = next(d for label, d in buttons(page_two) if label.endswith("Free"))
    filtered = (await harness.press(message, free))[0]
    assert "Filters: free" in text_of([filtered]) and "page 1 of" in text_of([filtered])
    assert "Free" in text_of([filtered]) and " EUR ·" not in text_of([filtered])
    card = (await harness.press(message, press_data(filtered, "c:")))[0]
    card_text = text_of([card])
    for fact in ("Workload:", "Level:", "Format:", "Price:", "Certificate:", "Quality assurance:"):
        assert fact in card_text
    back = press_data(card, "s:")
    again = (await harness.press(message, back))[0]
    assert "Filters: free" in text_of([again])


def _next(call: Call) -> str:
    return next(d for label, d in buttons(call) if label.startswith("Next"))


async def test_other_learner_cannot_page_my_search(harness: BotHarness) -> None:
    results = (await harness.say("python"))[0]
    message = harness.message_of(results)
    before = len(harness.api.sent("editMessageText"))
    await harness.press(message, _next(results), user_id=OTHER_USER)
    assert len(harness.api.sent("editMessageText")) == before


async def test_course_card_recognition_question_uses_the_course(harness: BotHarness) -> None:
    results = (await harness.say("/search photography"))[0]
    card = (await harness.press(harness.message_of(results), press_data(results, "c:")))[0]
    title = html_to_text(text_of([card]).splitlines()[0])
    answer = await harness.say("will employers recognise this?")
    text = text_of(answer)
    assert title in text and "In general:" in text
    button = await harness.press(harness.message_of(card), press_data(card, "r:"))
    assert title in text_of(button)


async def test_no_match_suggests_skills(harness: BotHarness) -> None:
    replies = await harness.say("/search qwzxv plorb")
    assert "couldn't find" in text_of(replies)
    suggestions = [d for _, d in buttons(replies[0]) if d.startswith("s:q:")]
    assert len(suggestions) == 3
    follow = await harness.press(harness.message_of(replies[0]), suggestions[0])
    assert "page 1 of" in text_of(follow)


async def test_deep_link_opens_a_card(harness: BotHarness) -> None:
    course = next(iter(harness_courses(harness)))
    replies = await harness.say(f"/start course_{course.id}")
    assert course.title in text_of(replies)
    broken = await harness.say("/start course_999999")
    assert "What would you like to do?" in text_of(broken)


def harness_courses(harness: BotHarness) -> list:  # type: ignore[type-arg]
    assert harness.app is not None
    return list(harness.app.bot_data.core.catalog.courses.values())


async def test_inline_query_lists_courses_with_deep_links(harness: BotHarness) -> None:
    raw = harness.api.inline_query(USER, "machne learning")
    await harness.deliver(raw, USER)
    answers = harness.api.sent("answerInlineQuery")
    assert answers
    results = answers[-1].params["results"]
    assert 1 <= len(results) <= 10
    first = results[0]
    assert "machine learning" in first["title"].lower() or "ml" in first["title"].lower()
    assert f"t.me/{harness.api.bot_username}?start=course_" in first["input_message_content"]["message_text"]


async def test_admin_import_with_errors_writes_nothing_then_valid_import(harness: BotHarness) -> None:
    bad = {"providers": [PROVIDER], "courses": [dict(NEW_COURSE, workload_hours=1)]}
    raw = harness.api.send_document(ADMIN, "new.yaml", yaml.safe_dump(bad).encode())
    replies = await harness.deliver(raw, ADMIN)
    assert "Nothing was imported" in text_of(replies) and "workload_hours" in text_of(replies)
    assert "no courses" not in text_of(await harness.say("/search knitting")).lower()
    assert "couldn't find" in text_of(await harness.say("/search knitting"))
    good = {"providers": [PROVIDER], "courses": [NEW_COURSE]}
    raw = harness.api.send_document(ADMIN, "new.yaml", yaml.safe_dump(good).encode())
    replies = await harness.deliver(raw, ADMIN)
    assert "1 created" in text_of(replies)
    assert "Knitting" in text_of(await harness.say("/search knitting"))


async def test_non_admin_file_and_admin_commands_are_ignored(harness: BotHarness) -> None:
    good = {"providers": [PROVIDER], "courses": [NEW_COURSE]}
    raw = harness.api.send_document(USER, "new.yaml", yaml.safe_dump(good).encode())
    replies = await harness.deliver(raw, USER)
    assert "only read text" in text_of(replies)
    unknown = text_of(await harness.say("/nosuchcommand"))
    assert text_of(await harness.say("/reload")) == unknown
    assert "Reloaded" in text_of(await harness.deliver(harness.api.send_text(ADMIN, "/reload"), ADMIN))


async def test_stats_for_admins_only_and_without_secrets(harness: BotHarness) -> None:
    await harness.say("/search qwzxv plorb")
    unknown = text_of(await harness.say("/nosuchcommand"))
    assert text_of(await harness.say("/stats")) == unknown
    replies = await harness.deliver(harness.api.send_text(ADMIN, "/stats"), ADMIN)
    text = text_of(replies)
    assert "Learners:" in text and "qwzxv plorb (1)" in text
    assert TOKEN.split(":")[1] not in text and str(USER) not in text


async def test_after_a_card_cheaper_ones_search_its_skill_with_the_price_filter(harness: BotHarness) -> None:
    results = (await harness.say("/search photography"))[0]
    await harness.press(harness.message_of(results), press_data(results, "c:"))
    cheaper = text_of(await harness.say("any cheaper ones?"))
    assert "photography" in cheaper.lower() and "≤ 100 EUR" in cheaper  # the card's subject, the price filter

    other = text_of(await harness.say("not this, i meant excel"))
    assert "excel" in other.lower() and "page 1 of" in other


async def test_after_a_card_too_expensive_searches_its_skill_cheaper(harness: BotHarness) -> None:
    """Until round 16 "too expensive for me" was a search for those words."""
    results = (await harness.say("/search photography"))[0]
    await harness.press(harness.message_of(results), press_data(results, "c:"))
    too_dear = text_of(await harness.say("too expensive for me"))
    assert "photography" in too_dear.lower() and "≤ 100 EUR" in too_dear


async def test_after_a_card_other_courses_asked_in_any_words_are_searched(harness: BotHarness) -> None:
    """ "too advanced for me, anything easier?" is the card's subject for beginners; "what else
    is there for excel" is a new search; "is this one free?" is still about the card."""
    results = (await harness.say("/search photography"))[0]
    await harness.press(harness.message_of(results), press_data(results, "c:"))
    easier = text_of(await harness.say("hmm too advanced for me, anything easier?"))
    assert "photography" in easier.lower() and "Beginner" in easier, easier
    results = (await harness.say("/search photography"))[0]
    await harness.press(harness.message_of(results), press_data(results, "c:"))
    about = text_of(await harness.say("is this one free?"))
    assert "About " in about and "page 1 of" not in about, about
    other = text_of(await harness.say("what else is there for excel"))
    assert "excel" in other.lower() and "page 1 of" in other, other
