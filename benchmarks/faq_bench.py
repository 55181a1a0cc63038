"""FAQ matcher latency: how long `Faq.match(text)` takes for what learners actually type.

The texts are every message of the labelled evaluation set `tests/data/faq_eval.yaml`
(questions and off-topic messages alike), so the figures cover typos, long rambling
questions and messages that fall back. Each text is matched once to warm up, then every
text is matched `rounds` times over; every call is one sample. The goal (issue) is
p99 ≤ 2 ms. Loading is timed too: reading the YAML files plus building the index, and the
index build (`Faq(...)`) alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import ROOT, Latency, format_table, ms, time_each, timed
from bot.faq.matcher import Faq, load_faq

EVAL_PATH = ROOT / "tests" / "data" / "faq_eval.yaml"
CONTENT_DIR = ROOT / "content"
P99_GOAL_MS = 2.0


@dataclass(frozen=True)
class FaqFigures:
    texts: int
    rounds: int
    load_s: float  # read content/*.yaml and build the index
    build_s: float  # build the index alone, from entries already read
    latency: Latency


def eval_texts(path: Path = EVAL_PATH) -> list[str]:
    """Every message in the FAQ evaluation set: labelled questions, then off-topic ones."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(item["text"]) for key in ("questions", "offtopic") for item in data.get(key) or []]


def run(rounds: int = 20) -> FaqFigures:
    """Load the FAQ, warm up, and time `match` on every evaluation text `rounds` times."""
    faq, load_s = timed(lambda: load_faq(CONTENT_DIR))
    _, build_s = timed(lambda: Faq(faq.topics, faq.entries, faq.smalltalk))
    texts = eval_texts()
    time_each(faq.match, texts, rounds=1)  # warm-up: imports, regex and rapidfuzz caches
    samples = time_each(faq.match, texts, rounds)
    return FaqFigures(len(texts), rounds, load_s, build_s, Latency.of(samples))


def table(figures: FaqFigures) -> str:
    """The FAQ figures as one table row, with whether the p99 goal is met."""
    lat = figures.latency
    headers = [
        "texts × rounds",
        "load s",
        "index build s",
        "mean ms",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p99 ≤ 2 ms",
    ]
    row = [
        f"{figures.texts} × {figures.rounds}",
        f"{figures.load_s:.3f}",
        f"{figures.build_s:.3f}",
        ms(lat.mean),
        ms(lat.p50),
        ms(lat.p99),
        ms(lat.max),
        "met" if lat.p99 <= P99_GOAL_MS else "MISSED",
    ]
    return format_table(headers, [row])
