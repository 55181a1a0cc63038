"""The guard every reply passes before it is sent: Telegram's limits, split by design."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.replies import (
    MAX_BUTTONS,
    MORE_BUTTONS,
    TEXT_LIMIT,
    Button,
    Reply,
    fit_reply,
    reply_problems,
    split_html,
)
from bot.telegram_html import html_problem, visible_length

WORDS = st.sampled_from(
    ["word", "Ärger", "学习", "🤖", "&amp;", "&lt;tag&gt;", "<b>bold</b>", "<i>it</i>", " ", "\n", "\n\n",
     '<a href="https://example.org/?a=1&amp;b=2">link</a>', "<code>x = 1</code>"]
)  # fmt: skip
HTML = st.lists(WORDS, max_size=400).map("".join)


def seen(text: str) -> str:
    """What a user sees of a Telegram-HTML text: tags dropped (links too), entities read."""
    return html.unescape(re.sub(r"<[^<>]*>", "", text))


def assert_valid_parts(text: str, parts: list[str], limit: int) -> None:
    for part in parts:
        assert visible_length(part) <= limit, part
        assert html_problem(part) is None, part
        assert seen(part).strip()
        assert not re.search(r"<([a-z-]+)[^<>]*></\1>", part), part  # no empty tag at a cut
    # Nothing lost: the visible words are the same, only white space at the cuts differs.
    assert "".join(seen("".join(parts)).split()) == "".join(seen(text).split())


def test_visible_length_counts_as_telegram_does() -> None:
    assert visible_length('<b>a</b> <a href="https://very.long.example/path">b</a>') == 3
    assert visible_length("&amp;&lt;") == 2
    assert visible_length("🤖") == 2  # UTF-16: outside the basic plane, two units
    assert visible_length("é" * 10) == 10


@settings(max_examples=300, deadline=None)
@given(text=HTML, limit=st.integers(min_value=8, max_value=400))
def test_any_html_splits_into_valid_parts_within_the_limit(text: str, limit: int) -> None:
    if not seen(text).strip():
        return
    parts = split_html(text, limit)
    assert_valid_parts(text, parts, limit)


@settings(max_examples=40, deadline=None)
@given(length=st.integers(min_value=1, max_value=30_000), wide=st.booleans())
def test_long_text_of_any_length_fits(length: int, wide: bool) -> None:
    text = "<b>" + ("🤖" if wide else "a") * length + "</b>"
    parts = split_html(text)
    assert_valid_parts(text, parts, TEXT_LIMIT)
    assert len(parts) == -(-length * (2 if wide else 1) // TEXT_LIMIT)


def test_cuts_at_paragraphs_then_lines() -> None:
    paragraphs = [f"<b>Plan {i}</b>\nline one\nline two " + "x" * 100 for i in range(80)]
    parts = split_html("\n\n".join(paragraphs))
    assert len(parts) > 1
    for part in parts:
        assert part.startswith("<b>Plan ") and part.endswith("x" * 100)  # whole paragraphs

    lines = "\n".join(f"line {i} " + "y" * 50 for i in range(200))
    for part in split_html(lines):
        assert part.startswith("line ") and part.endswith("y" * 50)


def test_a_tag_open_at_a_cut_is_closed_and_reopened() -> None:
    text = '<blockquote><a href="https://x.org/">' + "word " * 2000 + "</a></blockquote>"
    parts = split_html(text)
    assert len(parts) == 3
    for part in parts:
        assert part.startswith('<blockquote><a href="https://x.org/">')
        assert part.endswith("</a></blockquote>")


def test_a_fitting_reply_is_sent_as_it_is() -> None:
    reply = Reply("<b>Hi</b>", [[Button("A", data="m:find")]], notice="ok")
    assert reply_problems(reply) == []
    assert fit_reply(reply) == [reply]


def test_the_buttons_go_under_the_last_part_and_never_over_100() -> None:
    rows = [[Button(f"Plan {i}", data=f"p:stop:{i}")] for i in range(250)]
    reply = Reply("\n\n".join("para " * 300 for _ in range(10)), rows)
    assert any("buttons" in p for p in reply_problems(reply))
    parts = fit_reply(reply)
    assert all(reply_problems(part) == [] for part in parts)
    with_text = [p for p in parts if p.text != MORE_BUTTONS]
    assert all(not p.buttons for p in with_text[:-1]) and with_text[-1].buttons
    assert [b.label for p in parts for row in p.buttons for b in row] == [f"Plan {i}" for i in range(250)]
    assert max(sum(len(r) for r in p.buttons) for p in parts) == MAX_BUTTONS


def test_a_button_telegram_would_refuse_is_left_out() -> None:
    too_long = Button("Bad", data="s:q:" + "ж" * 40)  # 84 bytes
    reply = Reply("Pick one", [[Button("Good", data="m:find"), too_long]])
    assert any("64" in p for p in reply_problems(reply))
    [fitted] = fit_reply(reply)
    assert [b.label for row in fitted.buttons for b in row] == ["Good"]


def test_a_long_pop_up_is_shortened() -> None:
    reply = Reply("Done", notice="Saved! " * 60)
    assert any("pop-up" in p for p in reply_problems(reply))
    [fitted] = fit_reply(reply)
    assert fitted.notice is not None and len(fitted.notice) <= 200 and fitted.text == "Done"
