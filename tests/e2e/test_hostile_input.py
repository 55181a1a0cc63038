"""Hostile and odd input against the real Application (property-based, bounded examples).

Whatever arrives, the learner gets a clear reply (or deliberate silence in groups), the fake
Bot API accepts everything the bot sends (valid HTML, length, button data), and the error
handler's apology never appears.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Settings, load_settings
from handlers.errors import SORRY
from tests.fakes.background_bot import BackgroundBot
from tests.fakes.bot_api import Call

pytestmark = pytest.mark.slow

LEARNER = 5150
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PREFIXES = (
    "m: f:a: f:t: f:m s: s:q: c: r: p:new: p:done: p:snz: p:skip: p:pause: p:resume: p:stop: p:cu: "
    "p:d: p:t: p:f:days: x:forget: pm: pm:1:yes: pm:1:keep"
).split() + [""]
NASTY = st.sampled_from(
    ["", " ", "\u200b", "\u202e", "\x00", "\x1b[31m", "<b>", "</i>", "&", "&amp;", "<script>", "🤖",
     "مرحبا", "ℌ𝔢𝔩𝔩𝔬", "\n", "%s", "{}", "' OR 1=1 --", "-1", "999999999999", ":", "::"]
)  # fmt: skip
TEXT = st.one_of(st.text(min_size=1, max_size=400), st.lists(NASTY, min_size=1, max_size=8).map("".join))


@pytest.fixture(scope="module")
def bot(seeded_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundBot]:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(seeded_database, folder / "test.db")

    def make(**overrides: Any) -> Settings:
        database_url = f"sqlite+aiosqlite:///{folder / 'test.db'}"
        return load_settings(database_url=database_url, flood_max_updates=10_000, **overrides)

    running = BackgroundBot(make).start()
    yield running
    running.stop()


def assert_clean(bot: BackgroundBot, start: int) -> list[Call]:
    """Everything sent since `start` was accepted, and none of it was the apology."""
    calls = bot.api.calls[start:]
    refused = [c for c in calls if not c.ok and c.method != "getUpdates"]
    assert not refused, [(c.method, c.params) for c in refused]
    assert all(SORRY not in str(c.params.get("text", "")) for c in calls)
    return [c for c in calls if c.method in ("sendMessage", "editMessageText", "answerCallbackQuery")]


@EXAMPLES
@given(text=TEXT)
def test_any_private_text_gets_a_valid_reply(bot: BackgroundBot, text: str) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, text), LEARNER)
    replies = assert_clean(bot, start)
    assert replies or text.startswith("/"), "a private message went unanswered"


@EXAMPLES
@given(command=st.sampled_from(["/start", "/help", "/faq", "/search", "/study", "/progress", "/reminders",
                                "/pause", "/resume", "/stopstudying", "/timezone", "/reload", "/cancel",
                                "/nosuchthing", "/mydata", "/forget", "/stats", "/quiet"]),
       argument=st.one_of(st.just(""), TEXT))  # fmt: skip
def test_commands_with_missing_extra_or_nonsense_arguments(
    bot: BackgroundBot, command: str, argument: str
) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, f"{command} {argument}".strip()), LEARNER)
    replies = assert_clean(bot, start)
    assert replies, f"{command} {argument!r} got no reply"


@EXAMPLES
@given(prefix=st.sampled_from(PREFIXES), tail=st.text(max_size=40))
def test_forged_or_stale_callback_data_is_answered_and_changes_nothing_else(
    bot: BackgroundBot, prefix: str, tail: str
) -> None:
    data = (prefix + tail).encode()[:64].decode(errors="ignore") or "x"
    message = {"message_id": 10**6, "chat": {"id": LEARNER, "type": "private"}, "date": 0, "text": "old"}
    bot.api.messages[(LEARNER, 10**6)] = dict(message)
    start = len(bot.api.calls)
    bot.deliver(bot.api.press(LEARNER, message, data), LEARNER)
    calls = assert_clean(bot, start)
    assert any(c.method == "answerCallbackQuery" for c in calls), f"button {data!r} was never answered"


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("sticker", {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
                     "is_animated": False, "is_video": False}),
        ("location", {"latitude": 48.1, "longitude": 11.5}),
        ("contact", {"phone_number": "+100", "first_name": "X"}),
        ("photo", [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]),
        ("voice", {"file_id": "v", "file_unique_id": "v", "duration": 1}),
    ],
)  # fmt: skip
def test_non_text_messages_get_a_friendly_reply(bot: BackgroundBot, kind: str, payload: Any) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_other(LEARNER, kind, payload), LEARNER)
    replies = assert_clean(bot, start)
    assert any("only read text" in str(c.params.get("text")) for c in replies)


def test_html_in_a_query_comes_back_escaped(bot: BackgroundBot) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, "/search <script>alert('x')</script> & <b>"), LEARNER)
    [reply] = [c for c in assert_clean(bot, start) if c.method == "sendMessage"]
    # What the search understood is echoed back as words, never as markup.
    assert "<script>" not in reply.params["text"] and "alert" in reply.params["text"]


def test_longest_possible_message(bot: BackgroundBot) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, "python " * 585), LEARNER)  # 4,095 characters
    assert assert_clean(bot, start)


def test_group_chatter_is_ignored_but_addressed_commands_answered(bot: BackgroundBot) -> None:
    group = {"id": -100123, "type": "supergroup", "title": "Study group"}
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, "what is a microcredential", chat=group), -100123)
    assert [c for c in assert_clean(bot, start) if c.method == "sendMessage"] == []
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, "/help", chat=group), -100123)  # maybe for another bot
    assert [c for c in assert_clean(bot, start) if c.method == "sendMessage"] == []
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, f"/help@{bot.api.bot_username}", chat=group), -100123)
    [answer] = [c for c in assert_clean(bot, start) if c.method == "sendMessage"]
    bot_message = bot.api.messages[(-100123, max(m for c, m in bot.api.messages if c == -100123))]
    raw = bot.api.send_text(LEARNER, "what is a microcredential", chat=group)
    raw["message"]["reply_to_message"] = bot_message
    start = len(bot.api.calls)
    bot.deliver(raw, -100123)
    replies = [c for c in assert_clean(bot, start) if c.method == "sendMessage"]
    assert replies and "microcredential" in str(replies[0].params["text"]).lower()


def test_edited_messages_and_channel_posts_do_not_break_anything(bot: BackgroundBot) -> None:
    start = len(bot.api.calls)
    edited = {"message_id": 77, "date": 0, "edit_date": 1, "text": "/start",
              "chat": {"id": LEARNER, "type": "private"}, "from": bot.api.user(LEARNER)}  # fmt: skip
    bot.deliver(bot.api.push_update({"edited_message": edited}), LEARNER)
    post = {"message_id": 78, "date": 0, "text": "hello", "chat": {"id": -100999, "type": "channel"}}
    bot.deliver(bot.api.push_update({"channel_post": post}), -100999)
    assert [c for c in assert_clean(bot, start) if c.method == "sendMessage"] == []


def test_html_in_a_query_without_results_comes_back_escaped(bot: BackgroundBot) -> None:
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, "/search <zzqx> & <yyqw>"), LEARNER)
    [reply] = [c for c in assert_clean(bot, start) if c.method == "sendMessage"]
    text = reply.params["text"]
    assert "couldn't find" in text and "zzqx" in text and "<zzqx>" not in text


STEPS = ["days", "time", "session", "target", "timezone", "obstacle", "if-then"]


def walk_to(bot: BackgroundBot, step: str) -> None:
    """Start a study plan and answer sensibly up to `step` (the conversation's state)."""
    course = next(c for c in sorted(bot_courses(bot), key=lambda c: c.id) if c.self_paced)
    message = {"message_id": 10**6 + 1, "chat": {"id": LEARNER, "type": "private"}, "date": 0, "text": "card"}
    bot.api.messages[(LEARNER, 10**6 + 1)] = dict(message)
    bot.deliver(bot.api.press(LEARNER, message, f"p:new:{course.id}"), LEARNER)
    answers = {"days": "Mon/Wed", "time": "19:00", "session": None, "target": "2099-01-01",
               "timezone": "Berlin", "obstacle": "tiredness"}  # fmt: skip
    for name in STEPS[: STEPS.index(step)]:
        last = bot.api.sent("sendMessage", LEARNER)[-1].params["text"]
        if name == "timezone" and "time zone" not in str(last):
            continue  # asked only once per learner
        if name == "session":
            bot.deliver(bot.api.press(LEARNER, message, "p:s:60"), LEARNER)
        elif name == "target":
            bot.deliver(bot.api.press(LEARNER, message, "p:g:none"), LEARNER)
        else:
            bot.deliver(bot.api.send_text(LEARNER, str(answers[name])), LEARNER)


def bot_courses(bot: BackgroundBot) -> list[Any]:
    assert bot.harness is not None and bot.harness.app is not None
    return list(bot.harness.app.bot_data.core.catalog.courses.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step=st.sampled_from(STEPS), text=TEXT)
def test_any_answer_at_any_step_of_the_study_plan_conversation(
    bot: BackgroundBot, step: str, text: str
) -> None:
    walk_to(bot, step)
    start = len(bot.api.calls)
    bot.deliver(bot.api.send_text(LEARNER, text), LEARNER)
    replies = assert_clean(bot, start)
    assert replies or text.startswith("/"), f"no reply at step {step}"
    bot.deliver(bot.api.send_text(LEARNER, "/cancel"), LEARNER)
