"""The learned care signal: distress said only through the situation, learned from the
labelled lines of `content/care_examples.yaml`, added to the words and meanings of care.yaml."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.content import ContentError
from bot.faq.matcher import load_faq
from bot.text import fold
from bot.understand.care import Care, load_care
from bot.understand.care_model import (
    EXAMPLES_FILE,
    LABELS,
    THRESHOLD,
    Example,
    LearnedSignal,
    features,
    load_care_model,
    load_examples,
    train,
)
from bot.understand.spelling import GRAM_DIMENSIONS
from bot.understand.training_lock import training_alone
from tests.understand.care_tuning import build_examples, read_set

CONTENT = Path(__file__).resolve().parents[2] / "content"

# Written for this test, in none of the labelled sets: the feeling shows only through the situation.
INDIRECT = (
    "it's 2am and i've read the same page of unit 3 six times, none of it stays",
    "haven't slept properly since the course started, just lying there thinking about the deadline",
    "i keep opening the module and closing it again without reading a word",
)
ORDINARY = (
    "how long does the data analytics course take?",
    "can i pay for the course in instalments",
    "what happens if i miss a deadline?",
    "is the final assessment timed?",
    "do employers recognise these certificates",
    "python course for beginners",
    "pause my reminders for a week",
    # Calm near misses: a feeling named only to say it is absent.
    "not stressed at all, just curious how long it takes",
    "zero panic here, just checking whether i need prior experience",
)


@pytest.fixture(scope="module")
def care() -> Care:
    return load_care(CONTENT)


def test_the_examples_file_loads_and_every_label_is_known() -> None:
    examples = load_examples(CONTENT / EXAMPLES_FILE)
    labels = {e.label for e in examples}
    entries = {e.faq_entry for e in examples if e.faq_entry is not None}
    assert labels - {f"faq-{entry}" for entry in entries} <= set(LABELS)
    assert entries == {e.id for e in load_faq(CONTENT).entries}  # every entry has learners' questions
    assert {"care", "offtopic", "search", "smalltalk", "language"} <= labels
    # every plan command the learned signal names has labelled examples ("done" is typed plainly)
    assert {f"plan-{a}" for a in ("study", "progress", "pause", "resume", "stop", "reminders")} <= labels
    assert sum(e.is_care for e in examples) >= 300
    assert len({e.text.lower() for e in examples}) == len(examples)


@pytest.mark.parametrize("text", INDIRECT)
def test_distress_said_through_the_situation_gets_the_care_reply(care: Care, text: str) -> None:
    assert replace(care, model=None).level(text) is None  # the words and meanings alone miss it
    assert care.level(text) == "care"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_messages_are_not_taken_for_distress(care: Care, text: str) -> None:
    assert care.level(text) is None


def test_the_model_only_adds_to_the_rules(care: Care) -> None:
    rules_only = Care(("stressed",), (), "reply", "urgent", model=care.model)
    assert rules_only.level("so stressed about the exam") == "care"
    assert rules_only.level("i am not stressed at all, just curious how long it takes") is None
    assert Care((), (), "reply", "urgent").level(INDIRECT[0]) is None  # no model, no learned signal


def test_the_model_is_trained_once_per_process_per_examples_file(care: Care) -> None:
    assert load_care(CONTENT).model is care.model
    assert load_care_model(CONTENT) is care.model
    assert care.model is not None and care.model.threshold == THRESHOLD


def test_a_model_learns_from_the_examples_it_is_given() -> None:
    examples = [Example("i can't cope with this course anymore, i cry every night", "care")] * 3 + [
        Example("how much does the course cost", "faq"),
        Example("python for beginners", "search"),
        Example("hello there", "smalltalk"),
    ]
    model = train(examples)
    assert model.probability("i cry every night, i can't cope") > model.probability("how much does it cost")
    assert features(["one", "two words, and three"]).shape == (2, 3 * 256 + 3)


def test_a_question_may_name_the_entry_that_answers_it(tmp_path: Path) -> None:
    path = tmp_path / EXAMPLES_FILE
    path.write_text('examples:\n  - care: "i am so tired"\n  - faq-cost: "what do they set you back"\n')
    examples = load_examples(path)
    assert [(e.is_faq, e.faq_entry) for e in examples] == [(False, None), (True, "cost")]
    assert Example("how much", "faq").is_faq and Example("how much", "faq").faq_entry is None


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ('  - care: "i am so tired"\n  - worried: "x"\n', "example 2: unknown label 'worried'"),
        ('  - care: "i am so tired"\n  - faq-: "x"\n', "example 2: unknown label 'faq-'"),
        ('  - care: "i am so tired"\n  - faq-Cost Now: "x"\n', "example 2: unknown label 'faq-Cost Now'"),
        ('  - care: "i am so tired"\n  - faq: ""\n', "example 2: field 'faq': the message is missing"),
        ('  - care: "i am so tired"\n  - "no label"\n', "example 2: write one label and one message"),
        ('  - care: "i am so tired"\n  - care: "fed up"\n', "needs care messages and other messages"),
    ],
)
def test_a_bad_line_is_one_clear_error_naming_file_and_line(tmp_path: Path, lines: str, problem: str) -> None:
    path = tmp_path / EXAMPLES_FILE
    path.write_text("examples:\n" + lines, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_examples(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


@pytest.mark.parametrize(
    "text",
    [
        "i keep opening the module and closing it again, when is the deadline?",
        "i quit my job to study full time, is there funding",
        "my dog seems really exhausted after the move",
    ],
)
def test_questions_and_other_beings_feelings_are_left_to_the_words(care: Care, text: str) -> None:
    assert care.model is not None
    assert not care.by_model(text)


def test_building_the_examples_keeps_the_lines_written_by_hand(tmp_path: Path) -> None:
    target = tmp_path / EXAMPLES_FILE
    mine = [
        Example("nothing i read stays in my head, week after week", "care"),
        Example("my tea went cold", "offtopic"),
    ]
    target.write_text("examples:\n" + "".join(f'  - {e.label}: "{e.text}"\n' for e in mine), encoding="utf-8")
    written = build_examples(target)
    examples = load_examples(target)
    assert len(examples) == written
    assert examples[-2:] == mine
    assert {fold(e.text) for e in examples} >= {fold(e.text) for e in read_set("care_tuning.yaml")}


def test_the_shipped_examples_hold_every_tuning_set() -> None:
    """The learned signals learn from every set tuned on (until round 23 the file still held only
    round 12's sets: rebuilt from all of them, the six newest blind sets judged leaving each out
    gained up to 3 points right first time): run `python -m tests.understand.care_tuning
    --build-examples` whenever a set joins `TUNED_ON`."""
    from tests.understand.care_tuning import SOURCES

    path = Path(__file__).resolve().parents[2] / "content" / EXAMPLES_FILE
    shipped = {" ".join(fold(e.text).split()) for e in load_examples(path)}  # (a repeat kept once)
    for name in SOURCES:
        missing = [e for e in read_set(name) if " ".join(fold(e.text).split()) not in shipped]
        assert not missing, f"{name}: {len(missing)} labelled lines not in content/{EXAMPLES_FILE}"


def test_trained_weights_are_kept_for_the_next_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each start (the bot, a terminal chat, a test process) would train again (~40 s on the
    shipped examples): the weights of all five signals are kept in cache files keyed by the
    examples, the settings and the code."""
    import bot.understand.care_model as care_model

    monkeypatch.setattr(care_model, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(care_model, "_trained", {})
    content = _sampled_content(tmp_path / "content")
    first = load_care_model(content)
    kept = list(tmp_path.glob("microcred-care-model-*.npz"))
    assert len(kept) == 5  # care, on-topic, course request, in another language, plan
    monkeypatch.setattr(care_model, "_trained", {})  # as in a new process

    def no_training(*_: object) -> dict[str, LearnedSignal]:
        raise AssertionError("trained again although the weights were kept")

    real_training = care_model.train_signals
    monkeypatch.setattr(care_model, "train_signals", no_training)
    again = load_care_model(content)
    message = "third night staring at module 2 and nothing goes in"
    assert again is not first and again.probability(message) == pytest.approx(first.probability(message))
    for each in kept:
        each.write_bytes(b"not a numpy file")  # damaged copies: trained again, never a crash
    monkeypatch.setattr(care_model, "_trained", {})
    monkeypatch.setattr(care_model, "train_signals", real_training)
    assert load_care_model(content).probability(message) == pytest.approx(first.probability(message))


def test_a_cold_start_reads_the_examples_features_once_for_all_five_signals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Training computes the examples' features once and fits every signal on its rows of them
    (computing them once per signal took a cold start from ~40 s to ~75 s), and each signal
    trained together is the one trained alone."""
    import bot.understand.care_model as care_model

    examples = [
        Example("cant sleep, this course is crushing me", "care"),
        Example("is the certificate recognised", "faq-recognition"),
        Example("whats the weather tomorrow", "offtopic"),
        Example("anything on forklift safety?", "search"),
        Example("cursos de excel gratis", "search"),
        Example("hola, cuánto cuesta", "language"),
        Example("pause my reminders for a week", "plan-pause"),
        Example("thanks!", "smalltalk"),
    ]
    calls: list[int] = []
    real = care_model.features

    def counted(texts: Sequence[str]) -> np.ndarray:  # type: ignore[type-arg]
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(care_model, "features", counted)
    together = care_model.train_signals(examples)
    assert calls == [len(examples)]
    assert set(together) == {"care", "faq", "search", "abroad", "plan"}
    alone = care_model.train_course_request(examples)
    assert np.array_equal(alone._weights, together["search"]._weights)
    assert together["search"].spelt and not together["care"].spelt


def _sampled_content(folder: Path) -> Path:
    """A content folder whose examples file holds every tenth shipped line (trained in seconds,
    where the whole file takes ~40 s)."""
    folder.mkdir()
    examples = load_examples(CONTENT / EXAMPLES_FILE)[::10]
    lines = [f"  - {e.label}: {json.dumps(e.text, ensure_ascii=False)}" for e in examples]
    (folder / EXAMPLES_FILE).write_text("examples:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_parsed_examples_are_kept_for_the_next_process_and_an_edit_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing the examples file takes about a second at each start; a later process reads the
    lines an earlier one parsed, keyed by the file's bytes, so an edited file is parsed anew."""
    import bot.understand.care_model as care_model

    monkeypatch.setattr(care_model, "CACHE_DIR", tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    target = content / EXAMPLES_FILE
    target.write_text('examples:\n  - care: "i am so tired of this"\n  - faq: "how long is it"\n')
    monkeypatch.setattr(care_model, "_parsed", {})
    first = care_model.examples_of(content)
    expected = [("care", "i am so tired of this"), ("faq", "how long is it")]
    assert [(e.label, e.text) for e in first] == expected
    assert len(list(tmp_path.glob("microcred-care-examples-*.json"))) == 1

    monkeypatch.setattr(care_model, "_parsed", {})  # a new process
    monkeypatch.setattr(care_model, "load_examples", lambda path: pytest.fail("parsed again"))
    assert care_model.examples_of(content) == first

    target.write_text('examples:\n  - care: "cant sleep before the exam"\n  - faq: "is it free"\n')
    monkeypatch.undo()
    monkeypatch.setattr(care_model, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(care_model, "_parsed", {})
    edited = care_model.examples_of(content)
    assert [e.text for e in edited] == ["cant sleep before the exam", "is it free"]


def test_the_on_topic_signal_reads_spelling_and_a_kept_copy_does_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The on-topic signal reads the spelling features beside the sentence ones ("how much r
    they babe" is a price question); the weights kept for the next process keep reading them."""
    import bot.understand.care_model as care_model

    monkeypatch.setattr(care_model, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(care_model, "_trained", {})
    content = _sampled_content(tmp_path / "content")
    first = care_model.load_on_topic_model(content)
    assert first.spelt
    monkeypatch.setattr(care_model, "_trained", {})  # as in a new process
    monkeypatch.setattr(care_model, "train_signals", lambda *_: pytest.fail("trained again"))
    again = care_model.load_on_topic_model(content)
    message = "how much r they babe, skint till payday"
    assert again is not first and again.spelt
    assert again.probability(message) == pytest.approx(first.probability(message))
    blind = LearnedSignal(first._weights[: -GRAM_DIMENSIONS], first._bias)
    assert blind.probability(message) != pytest.approx(first.probability(message))


def test_a_process_starting_while_another_trains_waits_and_reads_what_it_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instances, a terminal chat or test workers starting together train once: the first holds
    the training lock, the others wait for it, then read the weights it kept (training them too
    would take as long again on the same cores)."""
    import bot.understand.care_model as care_model

    content = _sampled_content(tmp_path / "content")
    elsewhere, cache = tmp_path / "elsewhere", tmp_path / "cache"
    elsewhere.mkdir()
    cache.mkdir()
    monkeypatch.setattr(care_model, "CACHE_DIR", elsewhere)
    monkeypatch.setattr(care_model, "_trained", {})
    first = care_model.load_care_model(content)  # what the other process will keep
    monkeypatch.setattr(care_model, "CACHE_DIR", cache)
    monkeypatch.setattr(care_model, "_trained", {})
    monkeypatch.setattr(care_model, "train_signals", lambda *_: pytest.fail("trained at the same time"))
    got: list[LearnedSignal] = []
    with training_alone(cache, "care-models"):  # the other process, training
        waiting = threading.Thread(target=lambda: got.append(care_model.load_care_model(content)))
        waiting.start()
        waiting.join(1.0)
        assert waiting.is_alive() and not got  # it waits, and has not trained
        for kept in elsewhere.glob("microcred-care-model-*.npz"):
            shutil.copy(kept, cache)
    waiting.join(30)
    message = "third night staring at module 2 and nothing goes in"
    assert got and got[0].probability(message) == pytest.approx(first.probability(message))
