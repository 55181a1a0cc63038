"""Understanding free text: latency of the whole step, what loading costs, and the comparison.

`Understander.understand(text)` — care, plan actions, language detection, course intents,
the known-skill check and the FAQ matcher with its semantic stage — for every message of the
held-out set `tests/data/learner_eval.yaml` (questions, skills, care, other languages,
off-topic alike). One warm-up pass, then every text `rounds` times; each call is a sample.
Goal (issue): p99 ≤ 5 ms, semantic stage included.

Also measured: the load time and resident memory of each model (the FAQ index with the
WordLlama embeddings, the language detector, the English word list), and the comparison the
semantic signal was chosen by — FAQ top-1 accuracy and right-first-time on every labelled set,
lexical signals alone against lexical plus WordLlama.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks import ROOT, Latency, format_table, ms, release_free_memory, rss_bytes, time_each, timed
from benchmarks.search_bench import shipped_search
from bot.faq import matcher
from bot.faq.matcher import load_faq
from bot.text import is_english_word
from bot.understand.care import load_care
from bot.understand.care_model import examples_of, train_signals
from bot.understand.entry_model import train, training_data
from bot.understand.intent import Context, Understander
from bot.understand.language import load_languages

DATA = ROOT / "tests" / "data"
CONTENT_DIR = ROOT / "content"
P99_GOAL_MS = 5.0
SETS = ("learner_eval.yaml", "tuning_eval.yaml", "understand_eval.yaml", "tuning_eval_2.yaml")


@dataclass(frozen=True)
class Load:
    what: str
    seconds: float
    rss_mib: float


@dataclass(frozen=True)
class Accuracy:
    name: str
    questions: int
    top1_lexical: float
    top1_semantic: float
    right_lexical: float
    right_semantic: float


@dataclass(frozen=True)
class FaqFigures:
    texts: int
    rounds: int
    loads: list[Load]
    latency: Latency
    accuracy: list[Accuracy]


def messages(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["messages"]
    return data


def _load(what: str, build: Callable[[], object]) -> tuple[Any, Load]:
    release_free_memory()
    before = rss_bytes()
    value, seconds = timed(build)
    release_free_memory()
    return value, Load(what, seconds, (rss_bytes() - before) / 2**20)


def _accuracy(name: str) -> Accuracy:
    questions = [m for m in messages(name) if m["kind"] == "faq"]
    figures = {}
    for semantic in (False, True):
        faq = load_faq(CONTENT_DIR, semantic=semantic)
        top1 = right = 0
        for m in questions:
            match = faq.match(m["text"])
            best = match.best.entry.id if match.best else None
            top1 += best == m["expect"]
            right += best == m["expect"] and match.kind == "answer"
        figures[semantic] = (top1 / len(questions), right / len(questions))
    (top1_lexical, right_lexical), (top1_semantic, right_semantic) = figures[False], figures[True]
    return Accuracy(name, len(questions), top1_lexical, top1_semantic, right_lexical, right_semantic)


def run(rounds: int = 20) -> FaqFigures:
    catalog = asyncio.run(shipped_search())
    english, english_load = _load("English word list (pyspellchecker)", lambda: is_english_word("warm"))
    del english
    faq, faq_load = _load("FAQ index + WordLlama embeddings", lambda: load_faq(CONTENT_DIR))
    languages = load_languages(CONTENT_DIR)
    _, language_load = _load("language detector (py3langid)", languages.warm_up)
    care = load_care(CONTENT_DIR)
    data = training_data(faq, care.off_topic_examples)
    _, entry_load = _load("FAQ entry model (trained afresh)", lambda: train(*data))
    examples = examples_of(CONTENT_DIR)
    # the five signals of care_examples.yaml, as a cold start trains them (one pass of features)
    _, signals_load = _load("care-file signals, all five (trained afresh)", lambda: train_signals(examples))
    # Uncached: the warm-up pass must not make every later "is it a skill?" free.
    understander = Understander(
        faq, catalog.known_skill_uncached, care, languages, says_a_need=catalog.says_a_need
    )
    texts = [str(m["text"]) for m in messages(SETS[0])]

    def understand(text: str) -> object:
        return understander.understand(text, Context())

    time_each(understand, texts, rounds=1)
    samples = time_each(understand, texts, rounds)
    return FaqFigures(
        len(texts),
        rounds,
        [english_load, faq_load, language_load, entry_load, signals_load],
        Latency.of(samples),
        [_accuracy(name) for name in SETS],
    )


def table(figures: FaqFigures) -> str:
    lat = figures.latency
    latency = format_table(
        ["texts × rounds", "mean ms", "p50 ms", "p99 ms", "max ms", f"p99 ≤ {P99_GOAL_MS:g} ms"],
        [[
            f"{figures.texts} × {figures.rounds}", ms(lat.mean), ms(lat.p50), ms(lat.p99), ms(lat.max),
            "met" if lat.p99 <= P99_GOAL_MS else "MISSED",
        ]],
    )  # fmt: skip
    loads = format_table(
        ["model", "load s", "RSS MiB"],
        [[load.what, f"{load.seconds:.2f}", f"{load.rss_mib:.0f}"] for load in figures.loads],
    )
    accuracy = format_table(
        ["set", "questions", "top-1 lexical", "top-1 + semantic", "answered right, lexical", "+ semantic"],
        [[
            a.name, str(a.questions), f"{a.top1_lexical:.1%}", f"{a.top1_semantic:.1%}",
            f"{a.right_lexical:.1%}", f"{a.right_semantic:.1%}",
        ] for a in figures.accuracy],
    )  # fmt: skip
    note = f"(semantic weight {matcher.SEMANTIC_WEIGHT:g}; thresholds unchanged between the two columns)"
    return "\n\n".join([latency, loads, accuracy + "\n" + note])


__all__ = ["FaqFigures", "Path", "run", "table"]
