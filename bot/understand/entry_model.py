"""A second opinion on which FAQ entry a message asks: learned from the entries' own phrasings.

The FAQ matcher ranks entries by letters and by the closest phrasing's meaning; this model
learns, from all of an entry's phrasings at once, which words and clauses make a question
that entry's (a softmax regression over the same sentence features the care model reads:
the WordLlama embedding of the whole message and the largest and smallest values over its
clauses; and over its spelling: its words, word pairs and the three- and four-letter pieces
of its words, hashed and projected at random to a few hundred numbers, so "recognised",
"recognized" and "reconised" look alike to it), and one more class from the examples file's
messages about something else ("how long is a course of antibiotics"). The two are
different kinds of evidence, so where they agree the answer is sure even when the matcher
alone was not, and where the model is sure of another entry, or that the message is about
something else, the matcher's answer becomes a "Did you mean…?" (`bot/understand/intent.py`).

It trains at start-up in a few seconds on `content/faq.yaml` (the weights are kept in the
temporary folder for the next start with the same phrasings and code), and answers in
microseconds: the features are computed once per message for all the learned signals.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.faq.matcher import Faq
from bot.understand.care_model import spelt_features, spelt_features_of
from bot.understand.spelling import SOURCE_HASH as SPELLING_HASH
from bot.understand.spelling import _projection
from bot.understand.training_lock import training_alone

# When the matcher only suggests (or found nothing sure) but its best entry is also the model's
# choice with at least this probability, the entry answers.
AGREE_PROBABILITY = 0.5
# When the matcher answers with one entry and the model is this sure of another, ask instead.
DISAGREE_PROBABILITY = 0.9
# The class of messages about something else (the examples file's "offtopic" lines)
OFF_TOPIC = "(off-topic)"
# When the matcher answers and the model is this sure the message is about something else,
# ask instead ("Did you mean…?") of answering. 0.6 since round 23, when the model began learning
# from every tuning set ("what language do they speak in belgium" had 0.65): two-fold
# (`--two-fold OFF_TOPIC_PROBABILITY=0.9,0.6,0.5`, 47 sets) gives right first time 92.41 / 92.38 /
# 92.34 % and off-topic answered 46 / 44 / 43 of 2,387. Kept in round 24, when the model began
# reading spelling too: two-fold (`--two-fold OFF_TOPIC_PROBABILITY=0.6,0.7,0.8,0.9`, 48 sets)
# gives right first time 94.06 / 94.07 / 94.07 / 94.07 % and off-topic answered 37 of 2,437 for
# each; in-sample, 0.9 answers 3 more off-topic messages.
OFF_TOPIC_PROBABILITY = 0.6
# When the matcher answers alone (the model prefers another entry) and the model gives the
# matcher's entry less than this, ask instead ("Did you mean…?", both readings). Chosen by
# `python -m tests.understand.care_tuning --two-fold SUPPORT_PROBABILITY=0,0.1,0.2,0.3` (the
# tuning sets in two halves, benchmarks/README.md): against 0, the values 0.1, 0.2 and 0.3 cost
# 0.3, 0.7 and 1.1 points right first time and save 0.7, 0.9 and 0.9 points confident wrong.
SUPPORT_PROBABILITY = 0.2
REGULARISATION = 3e-3
STEPS = 800
BATCH = 2048  # rows per step (mini-batches: the learners' questions made the data four times larger)
LEARNING_RATE = 0.02
CACHE_DIR = Path(tempfile.gettempdir())

log = logging.getLogger(__name__)
_SOURCE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # new code, new weights
_lock = threading.Lock()
_trained: dict[str, EntryModel] = {}
MAX_KEPT = 8


@dataclass(frozen=True)
class EntryModel:
    """Per FAQ entry id, the probability that a message asks it."""

    ids: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: npt.NDArray[np.float64]

    def choice(self, text: str) -> tuple[str, float]:
        """The entry the model thinks `text` asks, and how sure it is (0 to 1)."""
        probabilities = self.probabilities(text)
        best = int(np.argmax(probabilities))
        return self.ids[best], float(probabilities[best])

    def probability(self, text: str, entry_id: str) -> float:
        """How likely the model finds it that `text` asks `entry_id` (0 for an unknown id)."""
        if entry_id not in self.ids:
            return 0.0
        return float(self.probabilities(text)[self.ids.index(entry_id)])

    def probabilities(self, text: str) -> npt.NDArray[np.float64]:
        """Per class (`ids`), the probability that `text` is of it."""
        row = spelt_features_of(text)
        scores = ((row - self.mean) / self.scale) @ self.weights + self.bias
        result: npt.NDArray[np.float64] = _softmax(scores[None, :])[0]
        return result


def entry_model(
    faq: Faq, off_topic: tuple[str, ...] = (), questions: tuple[tuple[str, str], ...] = ()
) -> EntryModel | None:
    """The model for this FAQ's phrasings and the learners' questions labelled with their
    entry (and, as one more class, messages about something else): trained once per process per
    content (and kept on disk for the next start); `None` for an FAQ of fewer than two entries."""
    if len(faq.entries) < 2:
        return None
    _projection()  # built here, at start-up or reload (about 0.1 s), not on a learner's first message
    # each understanding step made over this FAQ (one per reload, and in tests) finds it here
    kept: dict[int, EntryModel] = faq.__dict__.setdefault("_entry_models", {})
    key = hash((off_topic, questions))
    if key in kept:
        return kept[key]
    ids, texts, labels = training_data(faq, off_topic, questions)
    unknown = sorted({entry for entry, _ in questions} - set(faq.by_id))
    if unknown:  # an entry renamed or removed: its learners' questions teach nothing now
        log.warning("examples name FAQ entries that do not exist, skipped: %s", ", ".join(unknown[:10]))
    lines = "\n".join(f"{ids[i]}\t{t}" for t, i in zip(texts, labels, strict=True))
    digest = hashlib.sha256(lines.encode()).hexdigest()
    with _lock:
        if digest not in _trained:
            if len(_trained) >= MAX_KEPT:
                _trained.clear()
            model = _cached(digest, ids)
            if model is None:
                with training_alone(CACHE_DIR, "entry-model"):  # another process may be training it
                    model = _cached(digest, ids) or _saved(digest, train(ids, texts, labels))
            _trained[digest] = model
        kept[key] = _trained[digest]
        return _trained[digest]


def train(ids: tuple[str, ...], texts: list[str], labels: list[int]) -> EntryModel:
    """A softmax regression by Adam on standardised features, L2-regularised, in mini-batches."""
    x = spelt_features(texts)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = ((x - mean) / scale).astype(np.float32)  # single precision: twice as fast, same choices
    n, d = z.shape
    k = len(ids)
    targets = np.eye(k, dtype=np.float32)[np.asarray(labels)]
    weights, bias = np.zeros((d, k), dtype=np.float32), np.zeros(k, dtype=np.float32)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(bias), np.zeros_like(bias)]
    batches = np.random.default_rng(0)  # the same data trains the same weights
    for step in range(1, STEPS + 1):
        rows = batches.choice(n, BATCH, replace=False) if n > BATCH else slice(None)
        error = (_softmax(z[rows] @ weights + bias) - targets[rows]) / min(n, BATCH)
        gradients = (z[rows].T @ error + REGULARISATION * weights, error.sum(axis=0))
        for index, (value, gradient) in enumerate(zip((weights, bias), gradients, strict=True)):
            first, second = moments[2 * index], moments[2 * index + 1]
            first *= 0.9
            first += 0.1 * gradient
            second *= 0.999
            second += 0.001 * gradient**2
            corrected = (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
            value -= LEARNING_RATE * (1 - step / (STEPS + 1)) * corrected  # slower at the end: less noise
    return EntryModel(ids, mean, scale, weights.astype(np.float64), bias.astype(np.float64))


def training_data(
    faq: Faq, off_topic: tuple[str, ...] = (), questions: tuple[tuple[str, str], ...] = ()
) -> tuple[tuple[str, ...], list[str], list[int]]:
    """The classes (entry ids, then the off-topic class if there are off-topic lines), and each
    training text with its class: every entry's question and phrasings, the learners' questions
    labelled with an entry of this FAQ (others are skipped: an entry may have been removed), then
    the off-topic lines."""
    ids = tuple(e.id for e in faq.entries) + ((OFF_TOPIC,) if off_topic else ())
    index = {entry_id: n for n, entry_id in enumerate(ids[: len(faq.entries)])}
    texts, labels = [], []
    for n, entry in enumerate(faq.entries):
        for text in (entry.question, *entry.phrasings):
            texts.append(text)
            labels.append(n)
    for entry_id, text in questions:
        if entry_id in index:
            texts.append(text)
            labels.append(index[entry_id])
    return ids, [*texts, *off_topic], [*labels, *[len(faq.entries)] * len(off_topic)]


def _softmax(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    result: npt.NDArray[np.float64] = shifted / shifted.sum(axis=1, keepdims=True)
    return result


def _cache_file(digest: str) -> Path:
    embedder = importlib.metadata.version("wordllama")
    numbers = np.__version__  # the random projection's stream
    key = f"{digest} {_SOURCE_HASH} {SPELLING_HASH} {embedder} {numbers}"
    version = hashlib.sha256(key.encode()).hexdigest()[:24]
    return CACHE_DIR / f"microcred-entry-model-{version}.npz"


def _cached(digest: str, ids: tuple[str, ...]) -> EntryModel | None:
    try:
        with np.load(_cache_file(digest)) as stored:
            names = ("mean", "scale", "weights", "bias")
            parts = [np.asarray(stored[name], dtype=np.float64) for name in names]
    except (OSError, KeyError, ValueError):
        return None
    if parts[2].shape[1] != len(ids):
        return None
    return EntryModel(ids, *parts)


def _saved(digest: str, model: EntryModel) -> EntryModel:
    """Keep the weights for the next process (written whole, then renamed)."""
    try:
        with tempfile.NamedTemporaryFile(dir=CACHE_DIR, suffix=".npz", delete=False) as handle:
            np.savez(handle, mean=model.mean, scale=model.scale, weights=model.weights, bias=model.bias)
        os.replace(handle.name, _cache_file(digest))
    except OSError:
        pass
    return model
