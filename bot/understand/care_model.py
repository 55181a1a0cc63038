"""A learned care signal: distress said through the situation, learned from labelled messages.

The words and meanings of `care.yaml` catch distress said in feeling words ("i'm so stressed").
Distress said through the situation ("third night staring at module 2 and nothing goes in",
"everyone in my cohort gets it except me") names no feeling; a logistic regression learns it
from labelled learner messages in `content/care_examples.yaml`: care messages against
everything else the bot gets (FAQ questions, searches, plan commands, small talk, off-topic,
other languages), calm near misses included.

A message is described by its WordLlama embedding, the element-wise largest and smallest
values over the embeddings of its clauses, and three flags (about the writer, opens as a
question, has a question mark). The model is trained once per process per examples file (a
second `load_care` of the same file reuses it), in about a second. It only adds to the rules
(`Care.by_model` says which messages it may judge): a message gets the care reply when the
rules say so or when the model's probability reaches `THRESHOLD`, chosen with
`REGULARISATION` by leave-one-set-out cross-validation to keep false alarms on ordinary
messages rare.

`python -m tests.understand.care_tuning --build-examples` rewrites the examples file from the
labelled tuning sets; `--cross-validate` prints the figures the settings were chosen by.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.content import ContentError, read_yaml, require_list
from bot.faq.semantic import embed
from bot.text import fold, is_english_word
from bot.understand.language import likeliest_language
from bot.understand.spelling import SOURCE_HASH as SPELLING_HASH
from bot.understand.spelling import model_text, spelling, spelling_of
from bot.understand.training_lock import training_alone

EXAMPLES_FILE = "care_examples.yaml"
CARE = "care"
# Every label a line of the examples file may have; all but "care" are "not care".
PLAN_ACTIONS = ("study", "progress", "pause", "resume", "stop", "reminders", "done")
# Every label a line may have; a plan command says which one ("plan-pause"), or just "plan".
LABELS = (
    "care", "faq", "search", "plan", "smalltalk", "offtopic", "language",
    *(f"plan-{action}" for action in PLAN_ACTIONS),
)  # fmt: skip
# Chosen together by leave-one-set-out: the highest pooled recall of care messages whose
# added false alarms stay at most 0.25 % of the other messages (the figures:
# `python -m tests.understand.care_tuning --cross-validate`).
THRESHOLD = 0.8
REGULARISATION = 0.3
# The third: is a message a plan command in free words ("can we put this on ice for a month")?
# Asked only when no plan pattern matched, the message shows no distress and does not ask how
# something works; which command it is comes from the closest labelled commands ("plan-pause").
# Chosen by leave-one-set-out like the others (`--cross-validate-plan`).
PLAN_THRESHOLD = 0.9
PLAN_REGULARISATION = 0.3
PLAN_NEIGHBOURS = 5
# The second model learned from the same file: is a message an FAQ question ("faq") or about
# something else ("offtopic")? It is asked only about messages the FAQ's word rules turn away
# as off-topic (real words the FAQ never uses outnumber the words about learning: "can I log
# it as CPD for my nursing revalidation"), and lets the FAQ answer when this sure. Chosen by
# leave-one-set-out over the tuning sets so that no off-topic message of any left-out set got
# through (`python -m tests.understand.care_tuning --cross-validate-topic`).
FAQ, OFF_TOPIC = "faq", "offtopic"
SEARCH = "search"  # a course request: "anything on food hygiene for the shop"
REQUEST_REGULARISATION = 1.0
# ... and one in another language ("Gibt's was zu Cybersecurity für Anfänger?", "soins
# palliatifs"), against the other messages in those languages (questions, greetings, thanks)
LANGUAGE, ABROAD = "language", "abroad"
PLAN = "plan"
ABROAD_REGULARISATION = 0.1  # chosen on the two halves of the tuning sets (round 26)
FAQ_ENTRY = "faq-"  # "faq-cost": a question the FAQ's "cost" entry answers
_ENTRY_LABEL = re.compile(r"faq-[a-z0-9][a-z0-9-]*")
ON_TOPIC_THRESHOLD = 0.95
ON_TOPIC_REGULARISATION = 1.0
# Whether the on-topic signal reads the spelling features besides the sentence ones (as the entry
# model does), so "how much r they babe" and "wot is it" read as the questions they are
ON_TOPIC_SPELLING = True
# Trained weights are kept here between processes (a start-up, a terminal chat, each test that
# starts the bot), keyed by the examples, the settings and this file: training takes ~0.7 s.
CACHE_DIR = Path(tempfile.gettempdir())

_ABOUT_ME = re.compile(r"(?<![a-z])(?:i|im|i'm|ive|i've|id|i'd|me|my|myself|mine)(?![a-z])")
_QUESTION = re.compile(
    r"^(?:what|whats|what's|how|when|where|who|which|is|are|am|do|does|did|can|could|will|would|should)(?![a-z'])"
)
_CLAUSE_BREAK = re.compile(r"[.!?;,:()\n]+|\s(?:but|and|because|cause|cos|coz|so)\s|\s[-–—]+\s")


@dataclass(frozen=True)
class Example:
    text: str
    label: str

    @property
    def is_care(self) -> bool:
        return self.label == CARE

    @property
    def is_faq(self) -> bool:
        """An FAQ question: "faq", or "faq-<entry id>" when it says which entry answers it."""
        return self.label == FAQ or self.label.startswith(FAQ_ENTRY)

    @property
    def faq_entry(self) -> str | None:
        """The FAQ entry that answers it ("faq-cost" → "cost"), if the label says."""
        return self.label.removeprefix(FAQ_ENTRY) if self.label.startswith(FAQ_ENTRY) else None

    @property
    def is_plan(self) -> bool:
        return self.label == "plan" or self.label.startswith("plan-")

    @property
    def plan_action(self) -> str | None:
        return self.label.removeprefix("plan-") if self.label.startswith("plan-") else None


class LearnedSignal:
    """The probability that a message is of one kind (a wellbeing message; an FAQ question rather
    than something off-topic), from the examples it was trained on."""

    def __init__(
        self, weights: npt.NDArray[np.float64], bias: float, threshold: float = THRESHOLD, spelt: bool = False
    ) -> None:
        self._weights = weights
        self._bias = bias
        self.threshold = threshold
        self.spelt = spelt  # reads the spelling features too (the on-topic signal)

    def probability(self, text: str) -> float:
        """From 0 (not of the kind: an ordinary message) to 1 (clearly of it: a wellbeing message)."""
        row = spelt_features_of(text) if self.spelt else features_of(text)
        return float(_sigmoid(row @ self._weights + self._bias))

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        return _sigmoid(_rows(texts, self.spelt) @ self._weights + self._bias)

    def says_care(self, text: str) -> bool:
        """Whether the model alone is confident enough that the message is of its kind (for the
        care model: about distress)."""
        return self.probability(text) >= self.threshold

    says = says_care


@dataclass(frozen=True)
class _Signal:
    """What one learned signal is trained on: which examples it reads, which of them are of its
    kind, whether it reads the spelling features too, and its settings (read when it is trained,
    so a tuning run can change them)."""

    reads: Callable[[Example], bool]
    positive: Callable[[Example], bool]
    spelt: Callable[[], bool]
    regularisation: Callable[[], float]
    threshold: Callable[[], float]


_SIGNALS: dict[str, _Signal] = {
    # care against everything else
    CARE: _Signal(
        lambda e: True, lambda e: e.is_care, lambda: False, lambda: REGULARISATION, lambda: THRESHOLD
    ),
    # FAQ questions against off-topic messages
    FAQ: _Signal(
        lambda e: e.is_faq or e.label == OFF_TOPIC, lambda e: e.is_faq, lambda: ON_TOPIC_SPELLING,
        lambda: ON_TOPIC_REGULARISATION, lambda: ON_TOPIC_THRESHOLD,
    ),
    # course requests ("anything going for EV charger installs?") against FAQ questions and
    # messages about something else (its bar is the understanding step's REQUEST_PROBABILITY)
    SEARCH: _Signal(
        lambda e: e.label == SEARCH or e.is_faq or e.label == OFF_TOPIC, lambda e: e.label == SEARCH,
        lambda: True, lambda: REQUEST_REGULARISATION, lambda: ON_TOPIC_THRESHOLD,
    ),
    # course requests written in another language (the search lines most of whose words are no
    # English words) against the other messages in those languages ("language" lines): the words
    # are not English, their letters still say "course" and "learn"
    ABROAD: _Signal(
        lambda e: e.label == LANGUAGE or (e.label == SEARCH and written_abroad(e.text)),
        lambda e: e.label == SEARCH, lambda: True, lambda: ABROAD_REGULARISATION,
        lambda: ON_TOPIC_THRESHOLD,
    ),
    # plan commands against everything else
    PLAN: _Signal(
        lambda e: True, lambda e: e.is_plan, lambda: False, lambda: PLAN_REGULARISATION,
        lambda: PLAN_THRESHOLD,
    ),
}  # fmt: skip


def train_signals(
    examples: Sequence[Example], kinds: Sequence[str] = tuple(_SIGNALS), regularisation: float | None = None
) -> dict[str, LearnedSignal]:
    """The learned signals of `kinds`, each a logistic regression of its kind against the rest of
    what it reads, the two classes weighted equally. The examples' features are computed once for
    all of them (most of a cold start's training time), the spelling ones only for the examples
    a spelling-reading signal reads."""
    texts = [e.text for e in examples]
    reads = {kind: np.array([_SIGNALS[kind].reads(e) for e in examples], dtype=bool) for kind in kinds}
    spelt_rows = np.zeros(len(examples), dtype=bool)
    for kind in kinds:
        if _SIGNALS[kind].spelt():
            spelt_rows |= reads[kind]
    sentence = features(texts)
    where = np.cumsum(spelt_rows) - 1  # each spelt row's place among the spelling rows
    letters = spelling([t for t, spelt in zip(texts, spelt_rows, strict=True) if spelt])
    signals = {}
    for kind in kinds:
        signal, chosen = _SIGNALS[kind], reads[kind]
        x = np.hstack([sentence[chosen], letters[where[chosen]]]) if signal.spelt() else sentence[chosen]
        y = np.array([1.0 if signal.positive(e) else 0.0 for e in examples])[chosen]
        weights, bias = _fit(x, y, signal.regularisation() if regularisation is None else regularisation)
        signals[kind] = LearnedSignal(weights, bias, signal.threshold(), spelt=signal.spelt())
    return signals


def train(examples: Sequence[Example], regularisation: float | None = None) -> LearnedSignal:
    """The care signal: care messages against everything else."""
    return train_signals(examples, (CARE,), regularisation)[CARE]


def train_on_topic(examples: Sequence[Example], regularisation: float | None = None) -> LearnedSignal:
    """The on-topic signal: FAQ questions against off-topic messages."""
    return train_signals(examples, (FAQ,), regularisation)[FAQ]


def train_course_request(examples: Sequence[Example], regularisation: float | None = None) -> LearnedSignal:
    """The course-request signal: course requests against questions and other subjects."""
    return train_signals(examples, (SEARCH,), regularisation)[SEARCH]


def train_foreign_request(examples: Sequence[Example], regularisation: float | None = None) -> LearnedSignal:
    """The signal of course requests in another language, against other messages in them."""
    return train_signals(examples, (ABROAD,), regularisation)[ABROAD]


def train_plan(examples: Sequence[Example], regularisation: float | None = None) -> LearnedSignal:
    """The plan-command signal: plan commands against everything else."""
    return train_signals(examples, (PLAN,), regularisation)[PLAN]


def written_abroad(text: str) -> bool:
    """Whether most of a message's words are no English words and the language detector reads
    another language ("cursos de excel"; not "cyber secuirty", misspelt English)."""
    words = re.findall(r"[a-z]+", fold(text))
    foreign = bool(words) and 2 * sum(1 for w in words if not is_english_word(w)) > len(words)
    return foreign and likeliest_language(text) != "en"


def _rows(texts: Sequence[str], spelt: bool) -> npt.NDArray[np.float64]:
    """The features a signal reads: the sentence features, and the spelling ones if `spelt`."""
    return spelt_features(texts) if spelt else features(texts)


def spelt_features(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """One row per text: its sentence features, then its spelling features (the entry model's,
    the on-topic and the course-request signals' input)."""
    return np.hstack([features(texts), spelling(list(texts))])


def spelt_features_of(text: str) -> npt.NDArray[np.float64]:
    """One message's sentence and spelling features (each kept for the next signal asked)."""
    return np.concatenate([features_of(text), spelling_of(text)])


class PlanCommands:
    """Which plan command a message is, if the learned signal says it is one: the action most of
    its closest labelled commands have (by WordLlama cosine, weighted by closeness)."""

    def __init__(self, signal: LearnedSignal, commands: Sequence[Example]) -> None:
        self.signal = signal
        labelled = [e for e in commands if e.plan_action is not None]
        self._actions = [e.plan_action or "" for e in labelled]
        texts = [model_text(e.text) for e in labelled]
        vectors = embed(texts).astype(np.float64) if texts else np.zeros((0, 1))
        self._vectors = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)

    def action(self, text: str) -> str | None:
        """The plan action ("pause", "progress", ...) the message asks for, or `None`."""
        if not self._actions or not self.signal.says(text):
            return None
        vector = embed([model_text(text)]).astype(np.float64)[0]
        closeness = self._vectors @ (vector / (np.linalg.norm(vector) + 1e-9))
        votes: dict[str, float] = {}
        for index in np.argsort(-closeness)[:PLAN_NEIGHBOURS]:
            votes[self._actions[index]] = votes.get(self._actions[index], 0.0) + float(closeness[index])
        return max(votes, key=lambda action: votes[action])


def features(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """One row per text: its embedding, the largest and smallest values over its clauses'
    embeddings (the whole text when it has no clause of two words), and three flags (about the
    writer, opens as a question, has a question mark)."""
    folded = [model_text(t) for t in texts]
    clauses = [_clauses(f) or [f] for f in folded]
    starts = np.cumsum([0] + [len(c) for c in clauses[:-1]])
    vectors = embed(folded + [c for own in clauses for c in own]).astype(np.float64)
    whole, parts = vectors[: len(folded)], vectors[len(folded) :]
    flags = np.array(
        [[bool(_ABOUT_ME.search(f)), bool(_QUESTION.match(f)), "?" in f] for f in folded], dtype=np.float64
    ).reshape(len(folded), 3)
    if not folded:
        return np.zeros((0, 3 * whole.shape[1] + 3))
    largest, smallest = np.maximum.reduceat(parts, starts), np.minimum.reduceat(parts, starts)
    return np.hstack([whole, largest, smallest, flags])


@lru_cache(maxsize=64)
def features_of(text: str) -> npt.NDArray[np.float64]:
    """One message's features, kept for the next signal asked about the same message (the
    care, on-topic and plan models all read the same embedding)."""
    row: npt.NDArray[np.float64] = features([text])[0]
    row.setflags(write=False)
    return row


def _clauses(folded: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_BREAK.split(folded) if len(c.split()) >= 2]


def _sigmoid(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return result


def _fit(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.float64], regularisation: float, max_steps: int = 15
) -> tuple[npt.NDArray[np.float64], float]:
    """L2-regularised, class-balanced logistic regression by Newton's method (it settles in
    about 8 steps); the bias is not regularised."""
    n, d = x.shape
    positives = max(1.0, float(y.sum()))
    sample = np.where(y > 0, n / (2 * positives), n / (2 * max(1.0, n - positives)))
    design = np.hstack([x, np.ones((n, 1))])
    design32 = design.astype(np.float32)
    penalty = np.full(d + 1, regularisation)
    penalty[-1] = 0.0
    theta = np.zeros(d + 1)
    for _ in range(max_steps):
        p = _sigmoid(design @ theta)
        gradient = design.T @ (sample * (p - y)) + penalty * theta
        weighted = design32 * (sample * p * (1 - p)).astype(np.float32)[:, None]
        curvature = (weighted.T @ design32).astype(np.float64) + np.diag(penalty + 1e-6)
        step = np.linalg.solve(curvature, gradient)
        theta -= step
        if np.abs(step).max() < 1e-4:
            break
    return theta[:-1], float(theta[-1])


def load_examples(path: Path) -> list[Example]:
    """The labelled lines of the examples file; a bad line is a `ContentError` naming it."""
    data = read_yaml(path)
    examples = []
    for number, line in enumerate(require_list(path, data, "examples"), start=1):
        where = f"example {number}"
        if not isinstance(line, dict) or len(line) != 1:
            raise ContentError(path, where, None, 'write one label and one message: - care: "…"')
        ((label, text),) = line.items()
        if label not in LABELS and not (isinstance(label, str) and _ENTRY_LABEL.fullmatch(label)):
            known = ", ".join(LABELS)
            raise ContentError(path, where, None, f"unknown label '{label}' (known: {known}, faq-<entry id>)")
        if not isinstance(text, str) or not text.strip():
            raise ContentError(path, where, str(label), "the message is missing or empty")
        examples.append(Example(text.strip(), str(label)))
    if not any(e.is_care for e in examples) or all(e.is_care for e in examples):
        raise ContentError(path, None, "examples", "needs care messages and other messages")
    return examples


_trained: dict[str, LearnedSignal] = {}
_parsed: dict[str, list[Example]] = {}
_commands: dict[int, PlanCommands] = {}
MAX_FILES_KEPT = 8
_SOURCE_HASH = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # new code, new weights
_training = threading.RLock()


def load_care_model(content_dir: Path) -> LearnedSignal:
    """The care model trained on `content_dir`'s examples file: trained once per process per file content."""
    return _load(content_dir, CARE)


def load_on_topic_model(content_dir: Path) -> LearnedSignal:
    """The on-topic model (FAQ question or off-topic) trained on the same examples file."""
    return _load(content_dir, FAQ)


def load_course_request_model(content_dir: Path) -> LearnedSignal:
    """The course-request model (a course asked for, or a question) trained on the same file."""
    return _load(content_dir, SEARCH)


def load_foreign_request_model(content_dir: Path) -> LearnedSignal:
    """The model of course requests in another language, trained on the same file."""
    return _load(content_dir, ABROAD)


def load_plan_commands(content_dir: Path) -> PlanCommands:
    """The plan-command model trained on the same examples file, with its labelled commands
    (embedded once per process per file content)."""
    signal = _load(content_dir, PLAN)
    with _training:
        if id(signal) not in _commands:
            _commands[id(signal)] = PlanCommands(signal, [e for e in examples_of(content_dir) if e.is_plan])
        return _commands[id(signal)]


def examples_of(content_dir: Path) -> list[Example]:
    """The examples file's lines, parsed once per process per file content (the three models
    read the same file)."""
    path = content_dir / EXAMPLES_FILE
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return load_examples(path)  # the loader names the problem
    with _training:
        if digest not in _parsed:
            if len(_parsed) >= MAX_FILES_KEPT:
                _parsed.clear()
            _parsed[digest] = _parsed_before(digest) or _keep_parsed(digest, load_examples(path))
        return _parsed[digest]


def _parsed_file(digest: str) -> Path:
    return CACHE_DIR / f"microcred-care-examples-{digest[:40]}.json"


def _parsed_before(digest: str) -> list[Example] | None:
    """The examples file's lines as an earlier process parsed them (keyed by the file's own
    bytes): reading 17k YAML lines takes about a second at every start, this a few ms."""
    try:
        rows = json.loads(_parsed_file(digest).read_text(encoding="utf-8"))
        examples = [Example(str(text), str(label)) for label, text in rows]
    except (OSError, ValueError, TypeError):
        return None
    return examples or None


def _keep_parsed(digest: str, examples: list[Example]) -> list[Example]:
    """Keep the parsed lines for the next process (written whole, then renamed)."""
    try:
        with tempfile.NamedTemporaryFile(
            "w", dir=CACHE_DIR, suffix=".json", delete=False, encoding="utf-8"
        ) as handle:
            json.dump([[e.label, e.text] for e in examples], handle, ensure_ascii=False)
        os.replace(handle.name, _parsed_file(digest))
    except OSError:
        pass
    return examples


def _load(content_dir: Path, kind: str) -> LearnedSignal:
    """The signal of `kind` trained on the examples file: kept in this process, else as an
    earlier process kept it, else trained, together with every other signal not yet kept (a
    cold start trains all five from one computation of the examples' features)."""
    examples = examples_of(content_dir)
    lines = "\n".join(f"{e.label}\t{e.text}" for e in examples)
    keys = {
        each: hashlib.sha256(lines.encode() if each == CARE else f"{each}\n{lines}".encode()).hexdigest()
        for each in _SIGNALS
    }
    with _training:
        if keys[kind] not in _trained:
            _read_kept(keys)
            if any(key not in _trained for key in keys.values()):
                with training_alone(CACHE_DIR, "care-models"):  # another process may be training them
                    _read_kept(keys)
                    missing = [each for each, key in keys.items() if key not in _trained]
                    if missing:
                        for each, signal in train_signals(examples, missing).items():
                            _trained[keys[each]] = _saved(keys[each], signal)
        return _trained[keys[kind]]


def _read_kept(keys: dict[str, str]) -> None:
    """Each signal not yet in this process, as an earlier process kept it (if it did)."""
    for each, key in keys.items():
        if key not in _trained and (kept := _cached(key, _SIGNALS[each].threshold())) is not None:
            _trained[key] = kept


def _cache_file(key: str) -> Path:
    embedder = importlib.metadata.version("wordllama")  # another model version, other embeddings
    settings = f"{REGULARISATION} {ON_TOPIC_REGULARISATION} {PLAN_REGULARISATION} {ON_TOPIC_SPELLING}"
    settings += f" {REQUEST_REGULARISATION} {ABROAD_REGULARISATION}"
    code = f"{_SOURCE_HASH} {SPELLING_HASH} {np.__version__}"
    version = hashlib.sha256(f"{key} {settings} {code} {embedder}".encode()).hexdigest()[:24]
    return CACHE_DIR / f"microcred-care-model-{version}.npz"


def _cached(key: str, threshold: float = THRESHOLD) -> LearnedSignal | None:
    """The weights trained earlier on the same examples and code, if a readable copy exists."""
    try:
        with np.load(_cache_file(key)) as stored:
            weights = np.asarray(stored["weights"], dtype=np.float64)
            spelt = bool(stored["spelt"])
            return LearnedSignal(weights, float(stored["bias"]), threshold, spelt=spelt)
    except (OSError, KeyError, ValueError):
        return None


def _saved(key: str, model: LearnedSignal) -> LearnedSignal:
    """Keep the weights for the next process (written whole, then renamed; a failure only
    means the next start trains again)."""
    target = _cache_file(key)
    try:
        with tempfile.NamedTemporaryFile(dir=CACHE_DIR, suffix=".npz", delete=False) as handle:
            bias, spelt = np.float64(model._bias), np.bool_(model.spelt)
            np.savez(handle, weights=model._weights, bias=bias, spelt=spelt)
        os.replace(handle.name, target)
    except OSError:
        pass
    return model
