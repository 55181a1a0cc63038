"""The FAQ index and the learned signals are built once per process per content: a second
load of the same files is instant, and an edited file is read again."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.faq.matcher import load_faq
from bot.understand.care_model import load_plan_commands

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_same_files_give_the_same_index_and_an_edit_a_new_one(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    first = load_faq(copy)
    assert load_faq(copy) is first
    faq_file = copy / "faq.yaml"
    text = faq_file.read_text(encoding="utf-8")
    edited_text = text.replace("What is a microcredential?", "What is a micro-credential?", 1)
    faq_file.write_text(edited_text, encoding="utf-8")
    edited = load_faq(copy)
    assert edited is not first
    assert edited.by_id["what-is"].question == "What is a micro-credential?"


def test_the_plan_commands_are_embedded_once() -> None:
    assert load_plan_commands(CONTENT) is load_plan_commands(CONTENT)


def test_a_second_look_answers_and_each_caller_gets_its_own_ranking() -> None:
    faq = load_faq(CONTENT)
    text = "does it count as continuing professional development for a paramedic"
    first = faq.match(text)
    again = faq.match(text, known_on_topic=True)
    assert again.kind == "answer" and first.kind == "fallback"
    assert faq.rank("cost") is not faq.rank("cost")  # callers get their own list


def test_a_follow_up_rule_naming_no_entry_or_list_stops_start_up(tmp_path: Path) -> None:
    """A rule in faq.yaml's follow_ups that names an entry or a word list that does not exist
    is refused when the content loads, naming the rule and the field."""
    import pytest

    from bot.content import ContentError

    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    faq_file = copy / "faq.yaml"
    text = faq_file.read_text(encoding="utf-8")
    for broken, field in (
        ("    answer: recognised-sectors\n", "    answer: sectors-that-care\n"),
        ("    names: [sectors]\n", "    names: [hobbies]\n"),
    ):
        assert text.count(broken) == 1
        faq_file.write_text(text.replace(broken, field), encoding="utf-8")
        with pytest.raises(ContentError, match="follow-up #2"):
            load_faq(copy)
