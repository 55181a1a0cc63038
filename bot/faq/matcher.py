"""FAQ: load the entries from `content/`, and match what a learner types to one of them.

Scoring, per entry, over its canonical question and every phrasing:

* **coverage** – how much of the question's meaning the entry explains: the IDF-weighted
  share of the query's words that occur in the entry's vocabulary. Words the FAQ never
  uses ("pizza", "Nile") weigh the most, so an off-topic question scores low even when it
  shares "how much does … cost" with an entry.
  The entry's vocabulary is its phrasings plus its answer; unknown words are first mapped
  to a close known word ("employeers" → "employer", "stack" → "stackable").
* **similarity** – rapidfuzz `token_set_ratio` and `token_sort_ratio` against the closest
  phrasing, for word order and small typos that survive normalisation.
* **cosine** – TF-IDF cosine over character 4-grams, for morphology ("recognition" and
  "recognised" share grams).

confidence is their weighted sum, and the thresholds below pick answer / did-you-mean /
fallback, with a margin so a near tie between two entries is asked about, not guessed.
They are calibrated on the labelled evaluation set in `tests/data/faq_eval.yaml`
(see `tests/test_faq_eval.py`).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.content import ContentError, read_yaml, require_list, require_str
from bot.faq.follow_ups import FollowUp, follow_up_answer, load_follow_ups
from bot.faq.semantic import SemanticIndex
from bot.telegram_html import html_problem, html_to_text
from bot.text import fold, is_english_word, normalise, stem

# --- thresholds: kept in one place, justified by tests/test_faq_eval.py ----------------------
ANSWER_THRESHOLD = 0.3  # at or above: answer directly
SUGGEST_THRESHOLD = 0.2  # at or above (and below ANSWER): "Did you mean…?"
MIN_MARGIN = 0.04  # a near tie between two entries is not confident: ask instead
COVERAGE_WEIGHT = 0.43
SIMILARITY_WEIGHT = 0.29  # the rest of the weight goes to the character-gram cosine
UNKNOWN_WORD_FACTOR = 2.0  # weight of a word no entry uses, relative to the rarest known word
SMALLTALK_RATIO = 88  # whole-message similarity needed to treat text as small talk
# Longer messages are small talk only if they match as a whole (or `_smalltalk_words`)
SMALLTALK_MAX_WORDS = 6
SMALLTALK_SHORT_WORDS = 3  # "hey bot": this short, small talk wins over an FAQ match
TYPO_SIMILARITY = 0.8  # normalised Levenshtein similarity to correct an unknown word
# Of each shortlisted entry, this many phrasings closest by letters and as many by meaning get
# the costlier token_set comparison (`_fuzzy_similarity`)
FUZZY_PHRASINGS = 16
FUZZY_SHORTLIST = 3  # entries whose phrasings get the (costlier) fuzzy comparison (3 to 8 rank alike)
SEMANTIC_COMMON_SHARE = 0.5  # words in more entries than this share are left out of the meaning
SEMANTIC_WEIGHT = 0.3  # share of the confidence that comes from meaning (WordLlama cosine)
# A message with no word about learning, courses or this bot ("whats the best laptop under
# 500", "can you book me a table") is answered only when it is this sure; below, it is asked.
UNANCHORED_ANSWER = 0.55
# ... and this sure when it also names something no FAQ phrasing mentions ("is netflix worth
# the money", "how do i register to vote").
UNANCHORED_FOREIGN_ANSWER = 0.62
# Meaning this close to an entry's phrasings (WordLlama cosine, its own signal, not the blend)
# says the message asks that entry's question in other words, whatever else it names: "will it
# work on an ipad? my eyes manage better with the bigger screen". Off-topic messages that share
# the bot's words stay below it ("how do i pause my netflix subscription" 0.48).
ON_TOPIC_MEANING = 0.8
# A message that refers to the thing being discussed ("can i finish one in a weekend", "i work
# nights, can i still fit this in") and is this close in meaning is about it, like one saying
# "they": what else it names is the asker's context.
REFERRING_MEANING = 0.6
# Words that add nothing to a question although no phrasing happens to use them.
FILLERS = frozenset("possible though tho least specifically here there tbh please".split())

MAX_ANSWER_CHARS = 900
MAX_CORRECTIONS_KEPT = 20_000  # typo corrections remembered (a few MB at most)
RECENT_RANKINGS_KEPT = 32  # rankings of the last messages, for a second look at the same one
MIN_PHRASINGS_USING = 4  # a word in fewer phrasings (and in no question or answer) is the asker's own
SHORT_PHRASING_WORDS = 8  # ... unless that phrasing is this short: then its words are the question's
MIN_PHRASINGS = 6

# Words that carry no topic on their own; they still count a little.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "i",
        "me",
        "my",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "and",
        "or",
        "but",
        "if",
        "so",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "there",
        "here",
        "about",
        "any",
        "some",
        "just",
        "really",
        "actually",
        "please",
        "hi",
        "hey",
        "hello",
        "ok",
        "okay",
        "like",
        "get",
        "got",
        "one",
        "we",
        "our",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "us",
        "also",
        "than",
        "then",
        "very",
        "much",
        "more",
        # fillers people add that say nothing about the question
        "nah",
        "yeah",
        "yes",
        "no",
        "lol",
        "tbh",
        "honestly",
        "hmm",
        "ever",
        "even",
        "still",
        "thing",
        "things",
        "stuff",
        "kind",
        "sort",
        "lot",
        "lots",
        "bit",
        "guys",
        "mate",
        "exactly",
        "basically",
        "literally",
        "anyway",
    ]
)
STOPWORD_WEIGHT = 0.15
# Words that make a message about learning, courses or this bot, whatever else it says.
DOMAIN_WORDS = frozenset(
    stem(w)
    for w in """microcredential microdegree nanodegree credential credentials course courses class module
    modules certificate certificates certification qualification qualifications degree diploma
    master masters bachelor university uni college school study studying studies learn learning learner
    student exam exams assessment quiz ects eqf cpd badge badges linkedin cv employer employers job jobs
    career careers skill skills training bootcamp mooc provider providers enrol enroll enrolment tuition
    funding scholarship bursary bot reminder reminders pause search refund mobile phone app online
    unis signup sign register enrolment hiring recruiter recruiters cert certs deadline deadlines
    unemployed jobseeker retired retrain lesson lessons coursework assignment assignments tutor
    lecture lectures teacher beginner beginners revalidation nvq nvqs btec hnd apprenticeship apprenticeships
    upskill upskilling reskill reskilling""".split()
)
# Domain words that also have everyday meanings (an angle's degrees, an SSL certificate).
AMBIGUOUS_DOMAIN_WORDS = frozenset(
    stem(w) for w in "degree degrees certificate certificates class test".split()
)
# Domain words that alone do not make a message about learning ("top up my phone").
EVERYDAY_DOMAIN_WORDS = frozenset(stem(w) for w in "phone mobile app online search sign register".split())
# Domain words just as common outside learning ("a course of antibiotics", "my kid's school",
# "pause my spotify", "a refund from my bank"): they make a message about learning only when
# it names nothing the FAQ never mentions; two of them together do ("pause my plan").
EVERYDAY_SENSE_WORDS = frozenset(
    stem(w)
    for w in """course courses class classes school schools lesson lessons reminder reminders pause refund
    plan plans stop exam exams funding deadline deadlines linkedin badge badges""".split()
)
OTHER_SUBJECT_MAX_WORDS = 25
_DOING_ONE = re.compile(
    r"\b(?:do|doing|take|taking|start|starting|finish|finishing|afford|study|enrol\w*|sign up for|"
    r"apply for)\s+"
    r"(?:one|these|them|those|it)\b"
)
# Words that only learning means: a message naming one is about learning whatever else it names.
LEARNING_WORDS = frozenset(
    stem(w)
    for w in """microcredential microcredentials microdegree nanodegree credential credentials course courses
    module modules ects eqf cpd mooc bootcamp study studying studies learn learning learner upskill retrain
    qualification qualifications diploma enrol enroll enrolment tuition coursework tutor lecture lectures
    bot""".split()
)
# Courses that are not for learning: a golf course, the main course of a meal.
_OTHER_COURSES = re.compile(r"\b(golf|race|obstacle|assault|main|dessert|starter|water)\s+courses?\b")
LONG_MESSAGE_WORDS = 12
_ARITHMETIC = re.compile(r"\d+\s*(?:times|plus|minus|divided by|multiplied by|x|\*|\+|-|/)\s*\d+")
# "i'm a bus driver", "i work night shifts in manila", "i am from poland": who is asking, up to
# where the question starts.
_SELF_DESCRIPTION = re.compile(
    r"\bi (?:am|m|work|live|come)\b.*?(?=\b(?:and|but|so|can|could|do|does|is|are|will|would|how|what)\b|$)"
)
# "do professional bodies offer them? like the nursing council": examples of what is asked about.
_EXAMPLES = re.compile(r"\b(?:like the|such as|for example|for instance|eg)\b.*$")
# "do they ever expire", "worth it or nah": a question about the thing being discussed.
REFERENCES = frozenset("they them these those ones".split())
# ... but "they" and "them" may be people or a thing just named ("my bank … a refund from
# them", "what language do they speak in belgium"): weak, like the everyday-sense words.
PERSONAL_REFERENCES = frozenset("they them".split())
# "finish one", "can i fit this in", "do i need to renew this": "one" or "this" standing
# for the thing being discussed, not before a noun ("this week", "one phone payment") nor after
# a word that makes it an earlier noun's stand-in ("get a new one").
THING_PRONOUNS = frozenset("one this".split())
_NOT_A_PRONOUN_AFTER = frozenset("a an the new old that which each every no any last next other".split())


@dataclass(frozen=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    question: str
    phrasings: tuple[str, ...]
    answer: str
    related: tuple[str, ...]
    search: str | None


@dataclass(frozen=True)
class SmalltalkIntent:
    id: str
    phrasings: tuple[str, ...]
    replies: tuple[str, ...]
    # the words or short phrases, in any language or dialect, that alone say it ("asante sana")
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scored:
    entry: FaqEntry
    confidence: float


@dataclass(frozen=True)
class Match:
    """What the matcher decided for one message."""

    kind: Literal["answer", "suggest", "fallback", "smalltalk"]
    ranked: tuple[Scored, ...] = ()
    smalltalk: SmalltalkIntent | None = None
    # A fallback because the message is about something else ("my tax return"), not for want of
    # a close entry: no second opinion makes it an answer.
    turned_away: bool = False
    # An answer only because a second opinion agreed with the matcher's best suggestion
    seconded: bool = False

    @property
    def best(self) -> Scored | None:
        return self.ranked[0] if self.ranked else None


@dataclass
class Faq:
    """The loaded FAQ with its prepared matching index."""

    topics: list[Topic]
    entries: list[FaqEntry]
    smalltalk: list[SmalltalkIntent] = field(default_factory=list)
    semantic: bool = True  # add the meaning-based signal (off only to measure without it)
    # Words and phrases that mark a question about something else ("tax return", "visa")
    other_subjects: tuple[str, ...] = ()
    # Where a learner lives and what they are paid in ("is this recognised in Brazil?", "how much
    # in cedis"): never a sign that a question is about something other than microcredentials
    places_and_money: tuple[str, ...] = ()
    # A short question after an answer, read as the question it continues ("what about in
    # nursing?" after the employers' answer asks which sectors value them): bot/faq/follow_ups.py
    follow_ups: tuple[FollowUp, ...] = ()

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entries}
        subjects = sorted({" ".join(fold(s).split()) for s in self.other_subjects if s.strip()}, key=len)
        alternatives = "|".join(re.escape(s) for s in reversed(subjects))
        self._other_subject = re.compile(rf"\b(?:{alternatives})\b") if subjects else None
        self._docs: list[tuple[int, str]] = []  # (entry index, normalised phrasing)
        vocab_per_entry: list[set[str]] = []
        self._phrasing_words: list[set[str]] = []
        for index, entry in enumerate(self.entries):
            words: set[str] = set()
            self._phrasing_words.append(
                {w for phrasing in (entry.question, *entry.phrasings) for w in normalise(phrasing).split()}
            )
            for phrasing in (entry.question, *entry.phrasings):
                normal = normalise(phrasing)
                self._docs.append((index, normal))
                words.update(stem(w) for w in normal.split())
            # The answer's own words count too: "fee" may only appear there.
            words.update(stem(w) for w in normalise(html_to_text(entry.answer)).split())
            vocab_per_entry.append(words)
        # Which entry uses which word, as a matrix: a message's coverage is one product.
        words_used = sorted({w for vocab in vocab_per_entry for w in vocab})
        self._vocab_column = {w: i for i, w in enumerate(words_used)}
        self._uses = np.zeros((len(vocab_per_entry), len(words_used)), dtype=np.float64)
        for row, vocab in enumerate(vocab_per_entry):
            self._uses[row, [self._vocab_column[w] for w in vocab]] = 1.0
        # What the off-topic gate counts as "a word the FAQ uses": its questions, its answers and
        # the words of at least two phrasings. A word one learner's phrasing happened to use
        # ("iphone", "outside") does not make a message about it a question for the FAQ.
        used = Counter(
            stem(w) for entry in self.entries for p in entry.phrasings for w in set(normalise(p).split())
        )
        short = {
            stem(w)
            for entry in self.entries
            for p in entry.phrasings
            if len(normalise(p).split()) <= SHORT_PHRASING_WORDS
            for w in normalise(p).split()
        }
        asked = short | {stem(w) for entry in self.entries for w in normalise(entry.question).split()}
        answered = {stem(w) for entry in self.entries for w in normalise(html_to_text(entry.answer)).split()}
        self._asked_stems = asked
        self._phrasing_stems = asked | {w for w, c in used.items() if c >= MIN_PHRASINGS_USING}
        self._phrasing_prefixes = frozenset(w[:5] for w in self._phrasing_stems if len(w) >= 5)
        self._gate_known = self._phrasing_stems | answered | {stem(fold(w)) for w in self.places_and_money}
        self._gate_prefixes = frozenset(w[:5] for w in self._gate_known if len(w) >= 5)
        df = Counter(w for words in vocab_per_entry for w in words)
        n = len(self.entries)
        self._idf = {w: math.log(1 + n / c) for w, c in df.items()}
        # A word the FAQ never uses says the question is about something else.
        self._unknown_weight = UNKNOWN_WORD_FACTOR * math.log(1 + n)
        self._vocabulary = sorted(df)
        self._prefixes = frozenset(w[:5] for w in df if len(w) >= 5)
        self._doc_texts = [doc for _, doc in self._docs]
        # token_sort_ratio is plain ratio on the words sorted: sorted once here, not per message
        self._doc_sorted = [" ".join(sorted(doc.split())) for doc in self._doc_texts]
        self._corrections: dict[str, str] = {}
        self._recent: dict[str, tuple[list[Scored], float]] = {}
        self._build_gram_vectors()
        self._docs_of: list[list[int]] = [[] for _ in self.entries]
        for position, (index, _doc) in enumerate(self._docs):
            self._docs_of[index].append(position)
        # per entry, its phrasings as compared by the fuzzy similarity (gathered once, not per message)
        self._texts_of = [[self._doc_texts[d] for d in docs] for docs in self._docs_of]
        self._sorted_of = [[self._doc_sorted[d] for d in docs] for docs in self._docs_of]
        self._smalltalk_docs = [(intent, normalise(p)) for intent in self.smalltalk for p in intent.phrasings]
        self._smalltalk_phrasings = [phrasing for _, phrasing in self._smalltalk_docs]
        self._smalltalk_sizes = np.array([len(p.split()) for p in self._smalltalk_phrasings], dtype=np.int64)
        # Meaning is compared on the words that tell entries apart: stopwords and words used
        # by over half the entries ("microcredential") would make every question look alike.
        common = {w for w, c in Counter(w for words in self._phrasing_words for w in words).items()
                  if c > SEMANTIC_COMMON_SHARE * n}  # fmt: skip
        self._semantic_skip = STOPWORDS | common
        self._semantic = (
            SemanticIndex([[self._meaningful(p) for p in (e.question, *e.phrasings)] for e in self.entries])
            if self.semantic
            else None
        )

    # --- matching ----------------------------------------------------------------------------

    def follow_up(self, after: str | None, text: str) -> FaqEntry | None:
        """The entry a short follow-up to the answer `after` asks for ("and in Germany?" after
        the employers' answer: recognition abroad), by the rules of `follow_ups:`; else None."""
        found = follow_up_answer(self.follow_ups, after, text)
        if found is None or self.names_other_subject(text, normalise(text)):
            return None  # "ok but whats the visa situation for canada these days": a visa
        return self.by_id.get(found)

    def match(self, text: str, *, known_on_topic: bool = False) -> Match:
        """Answer, did-you-mean, fallback or small talk for what the learner typed.

        A message that names something the FAQ never mentions and nothing about learning gets
        no confident answer, unless its meaning is very close to an entry's phrasings, or the
        caller knows it is a question for the FAQ (`known_on_topic`: the learned on-topic
        signal says so).
        """
        normal = normalise(text)
        if not normal:
            return Match("fallback")
        ranked, meaning = self._ranked(normal)
        asked = "?" in text or bool(_QUESTION_WORDS.intersection(normal.split()))
        on_topic = known_on_topic or meaning >= ON_TOPIC_MEANING
        elsewhere = self.names_other_subject(text, normal)
        if elsewhere:
            on_topic = False  # "how does a balance transfer on a credit card work": about the card
        if not on_topic and (elsewhere or self.off_domain(normal)):
            # "how much does a pizza cost": a real word the FAQ never uses, and nothing about
            # learning: not a question for this bot, however well "how much … cost" matches.
            intent = self._smalltalk(normal, whole_message_only=False, asked=asked)
            if intent:
                return Match("smalltalk", smalltalk=intent)
            return Match("fallback", tuple(ranked[:3]), turned_away=True)
        best = ranked[0]
        runner_up = ranked[1].confidence if len(ranked) > 1 else 0.0
        confident = best.confidence >= ANSWER_THRESHOLD and best.confidence - runner_up >= MIN_MARGIN
        anchored = on_topic or self._anchored(normal, referring=meaning >= REFERRING_MEANING)
        if best.confidence < UNANCHORED_FOREIGN_ANSWER and not anchored:
            needed = UNANCHORED_FOREIGN_ANSWER if self._names_something_else(normal) else UNANCHORED_ANSWER
            confident = confident and best.confidence >= needed
        if len(normal.split()) <= SMALLTALK_SHORT_WORDS:
            confident = confident and self._smalltalk(normal, whole_message_only=False, asked=asked) is None
        # "hi, what is a microcredential?" is a question; "hey bot" or "thanks a lot" is not.
        intent = self._smalltalk(normal, whole_message_only=confident, asked=asked)
        if intent is not None:
            return Match("smalltalk", smalltalk=intent)
        if confident:
            return Match("answer", tuple(ranked[:3]))
        if best.confidence >= SUGGEST_THRESHOLD:
            return Match("suggest", tuple(ranked[:3]))
        return Match("fallback", tuple(ranked[:3]))

    def names_other_subject(self, text: str, normal: str) -> bool:
        """Whether the message names one of `other_subjects` ("my tax return", "a visa") and
        nothing that only learning means: a course, studying, a module, microcredentials."""
        if self._other_subject is None:
            return False
        folded = " ".join(fold(text).replace("'", " ").split())
        if not self._other_subject.search(folded):
            return False
        words = normal.split()
        if len(words) > OTHER_SUBJECT_MAX_WORDS:
            return False  # a long story names all sorts of things on its way to the question
        if _DOING_ONE.search(folded):
            return False  # "on jobseekers allowance, can i still do one": asked about the thing
        learning = {stem(w) for w in words} & LEARNING_WORDS
        golf_course = bool(_OTHER_COURSES.search(folded)) and learning <= {stem("course"), stem("courses")}
        return not learning or golf_course

    def asks_in_its_words(self, text: str) -> bool:
        """Whether `text` is two or more words, and every one that is not a stopword is one the
        FAQ's questions use ("courses for unemployed people", "time limit to finish a self paced
        course"), as opposed to a subject of its own ("blockchain", "teaching english online")."""
        words = [w for w in normalise(text).split() if w not in STOPWORDS]
        return len(words) >= 2 and all(stem(w) in self._asked_stems for w in words)

    def off_domain(self, normal: str) -> bool:
        """More real words the FAQ never uses than words about learning or this bot.

        "how much does a pizza cost", "how many degrees is a right angle": not questions for
        this bot, however well "how much … cost" or "degree" match. A pronoun for the thing
        being discussed ("do they expire?", "how long to finish one") counts as being about it.
        """
        words = normal.split()
        if _ARITHMETIC.search(normal):
            return True
        about = sum(
            1
            for w in words
            if (stem(w) in DOMAIN_WORDS or w in DOMAIN_WORDS or w in REFERENCES)
            and stem(w) not in AMBIGUOUS_DOMAIN_WORDS
        ) + _thing_pronouns(words)
        unknown = sum(
            1
            for w in words
            if len(w) >= 3
            and w not in STOPWORDS
            and stem(w) not in self._gate_known
            and (len(w) <= 5 or w[:5] not in self._gate_prefixes)  # "searching" is a form of "search"
            and (is_english_word(w) or (len(w) >= 3 and w.isalpha() and self._correct(w) == stem(w)))
        )
        # A long message tells its story in words the FAQ never needs; only nothing about
        # learning at all makes it off-topic.
        return unknown > about and (len(words) <= LONG_MESSAGE_WORDS or about == 0)

    def _anchored(self, normal: str, *, referring: bool = False) -> bool:
        """Whether the message names learning, a course, a credential or this bot, or refers
        back to the thing being discussed ("do they expire?").

        A word with an everyday sense too ("course", "school", "pause"), "they"/"them", or
        "one"/"this" standing for the thing (when the meaning is close enough: `referring`)
        anchors only a message that names nothing the FAQ never mentions: "how long is a
        course of antibiotics" is about antibiotics. What learners say about themselves ("i'm a bus
        driver", "i work in manila") is who is asking, and examples ("like the nursing
        council") illustrate it: neither is what the question is about.
        """
        weak: set[str] = set()
        normal = _OTHER_COURSES.sub(r"\1", normal)  # "my golf course membership": golf, not a course
        pronoun = referring and _thing_pronouns(normal.split()) > 0
        for word in normal.split():
            known = stem(word) if stem(word) in DOMAIN_WORDS else self._correct(word)  # "credentails"
            if word in REFERENCES - PERSONAL_REFERENCES or (
                known in DOMAIN_WORDS and known not in EVERYDAY_DOMAIN_WORDS | EVERYDAY_SENSE_WORDS
            ):
                return True
            if known in EVERYDAY_SENSE_WORDS:
                weak.add(known)
            elif word in PERSONAL_REFERENCES:
                pronoun = True
        if len(weak) > 1:
            return True  # "if i pause my plan do i lose my progress": two of them say it
        asked_about = _EXAMPLES.sub(" ", _SELF_DESCRIPTION.sub(" ", normal))
        return (bool(weak) or pronoun) and not self._about_something_else(asked_about)

    def _about_something_else(self, normal: str) -> bool:
        """Whether the message uses a real word that the FAQ (questions, phrasings, answers)
        never uses: "antibiotics", "birthday", "trip", "golf"."""
        return any(
            len(w) >= 3
            and w not in STOPWORDS
            and w not in FILLERS
            and stem(w) not in self._gate_known
            and w[:5] not in self._gate_prefixes
            and is_english_word(w)
            for w in normal.split()
        )

    def _names_something_else(self, normal: str) -> bool:
        """Whether the message uses a real word that no question or phrasing of the FAQ uses."""
        return any(
            len(w) >= 4
            and w not in STOPWORDS
            and w not in FILLERS
            and stem(w) not in self._phrasing_stems
            and w[:5] not in self._phrasing_prefixes  # "searching", "deleted"
            and is_english_word(w)
            for w in normal.split()
        )

    def rank(self, normal: str) -> list[Scored]:
        """Every entry with its confidence for an already normalised query, best first."""
        return list(self._ranked(normal)[0])

    def _ranked(self, normal: str) -> tuple[list[Scored], float]:
        """`_ranking`, kept for the message's second look (the on-topic signal's, or a small
        talk check) so it is computed once."""
        found = self._recent.get(normal)
        if found is None:
            found = self._ranking(normal)
            if len(self._recent) >= RECENT_RANKINGS_KEPT:
                self._recent.clear()
            self._recent[normal] = found
        return found

    def _ranking(self, normal: str) -> tuple[list[Scored], float]:
        """Every entry with its confidence, best first, and how close in meaning the best is.

        The cheap signals (coverage, character grams, meaning) are computed for every entry;
        the costlier fuzzy similarity only for the phrasings of the FUZZY_SHORTLIST entries
        they rank highest (the others score 0 on it, which cannot lift them past those).
        """
        words = [self._correct(w) for w in normal.split()]
        query = " ".join(words)
        weights = {w: self._weight(w) for w in set(words)}
        total = sum(weights.values()) or 1.0
        known = [(self._vocab_column[w], weight) for w, weight in weights.items() if w in self._vocab_column]
        coverage = np.zeros(len(self.entries))
        if known:
            columns, values = zip(*known, strict=True)
            coverage = self._uses[:, list(columns)] @ np.array(values)
        coverage = coverage / total
        cosine = self._gram_cosine(query)
        cheap = COVERAGE_WEIGHT * coverage + (1 - COVERAGE_WEIGHT - SIMILARITY_WEIGHT) * cosine
        meaning = np.zeros(len(self.entries))
        cosines = None
        if self._semantic is not None:
            by_entry, cosines = self._semantic.scores_and_cosines(self._meaningful(normal))
            meaning = np.maximum(by_entry, 0.0)
            cheap = cheap * (1 - SEMANTIC_WEIGHT) + SEMANTIC_WEIGHT * meaning
        similarity = np.zeros(len(self.entries))
        shortlist = np.argsort(-cheap)[:FUZZY_SHORTLIST]
        sorted_query = " ".join(sorted(query.split()))
        for index in shortlist.tolist():
            similarity[index] = self._fuzzy_similarity(index, query, sorted_query, cosines)
        fuzzy_share = SIMILARITY_WEIGHT * (1 - SEMANTIC_WEIGHT if self._semantic is not None else 1.0)
        confidence = cheap + fuzzy_share * similarity
        order = np.argsort(-confidence, kind="stable")
        ranked = [Scored(self.entries[i], round(float(confidence[i]), 4)) for i in order]
        return ranked, float(meaning[order[0]])

    def _fuzzy_similarity(
        self, index: int, query: str, sorted_query: str, cosines: npt.NDArray[np.float32] | None
    ) -> float:
        """How close the query comes, letter by letter, to the entry's closest phrasing: the mean
        of token_set (forgives extra words) and ratio on the sorted words (rewards saying the
        same thing). The cheap ratio is taken on every phrasing; the costlier token_set on the
        `FUZZY_PHRASINGS` closest by that ratio and the as many closest in meaning (where the
        best of the two lies; all of them cost a millisecond for a long message)."""
        docs = self._docs_of[index]
        if not docs:
            return 0.0
        ratio = process.cdist([sorted_query], self._sorted_of[index], scorer=fuzz.ratio)[0]
        if len(docs) > 2 * FUZZY_PHRASINGS:
            chosen = np.argpartition(-ratio, FUZZY_PHRASINGS - 1)[:FUZZY_PHRASINGS]
            if cosines is not None:
                near = cosines[np.asarray(docs)]
                chosen = np.union1d(chosen, np.argpartition(-near, FUZZY_PHRASINGS - 1)[:FUZZY_PHRASINGS])
        else:
            chosen = np.arange(len(docs))
        texts = self._texts_of[index]
        compared = [texts[i] for i in chosen.tolist()]
        token_set = process.cdist([query], compared, scorer=fuzz.token_set_ratio)[0]
        return float((token_set + ratio[chosen]).max() / 200)

    def _build_gram_vectors(self) -> None:
        """Per entry, a unit TF-IDF vector of word 4-grams over all its phrasings (a matrix)."""
        counts: list[Counter[str]] = [Counter() for _ in self.entries]
        for index, doc in self._docs:
            counts[index].update(_grams(doc))
        df = Counter(g for c in counts for g in c)
        n = len(self.entries)
        self._gram_index = {g: i for i, g in enumerate(sorted(df))}
        self._gram_idf = np.array([math.log(1 + n / df[g]) for g in sorted(df)])
        matrix = np.zeros((n, len(self._gram_index)), dtype=np.float64)
        for row, c in enumerate(counts):
            for g, k in c.items():
                column = self._gram_index[g]
                matrix[row, column] = (1 + math.log(k)) * self._gram_idf[column]
            matrix[row] /= np.linalg.norm(matrix[row]) or 1.0
        self._gram_matrix = matrix

    def _gram_cosine(self, query: str) -> npt.NDArray[np.float64]:
        grams = Counter(g for g in _grams(query) if g in self._gram_index)
        if not grams:
            return np.zeros(len(self.entries))
        columns = np.array([self._gram_index[g] for g in grams])
        weights = np.array([1 + math.log(k) for k in grams.values()]) * self._gram_idf[columns]
        norm = float(np.linalg.norm(weights)) or 1.0  # grams the FAQ never uses weigh 0, as before
        result: npt.NDArray[np.float64] = self._gram_matrix[:, columns] @ weights / norm
        return result

    def _meaningful(self, text: str) -> str:
        """The words of `text` that carry its meaning for the semantic signal."""
        normal = normalise(text)
        kept = [w for w in normal.split() if w not in self._semantic_skip]
        return " ".join(kept) or normal

    def _weight(self, word: str) -> float:
        if word in STOPWORDS:
            return STOPWORD_WEIGHT
        return self._idf.get(word, self._unknown_weight)

    def _correct(self, word: str) -> str:
        """Stem, then map an unknown word to a close known one ("employeers" → "employer").
        Learners repeat their words: the answers are kept (a bounded cache)."""
        known = self._corrections.get(word)
        if known is None:
            known = self._corrected(word)
            if len(self._corrections) >= MAX_CORRECTIONS_KEPT:
                self._corrections.clear()
            self._corrections[word] = known
        return known

    def _corrected(self, word: str) -> str:
        stemmed = stem(word)
        if stemmed in self._idf or stemmed in STOPWORDS or len(stemmed) < 4:
            return stemmed
        if is_english_word(word):
            # "exam" is not a typo of "example", nor "countries" of "count": a real word the
            # FAQ does not use stays itself (and weighs as a word the FAQ never uses).
            return stemmed
        found = process.extractOne(
            stemmed,
            self._vocabulary,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=TYPO_SIMILARITY,
        )
        if found:
            return str(found[0])
        # "stack" → "stackable", "recognising" → "recognis…": share a long enough stem.
        related = [
            v for v in self._vocabulary if len(v) >= 4 and (v.startswith(stemmed) or stemmed.startswith(v))
        ]
        return min(related, key=len) if related else stemmed

    def _smalltalk(
        self, normal: str, *, whole_message_only: bool, asked: bool = False
    ) -> SmalltalkIntent | None:
        """The small-talk intent the message is, if any.

        The whole message must be close to a phrasing, or (when it is not an FAQ question)
        contain one ("goodbye, have a nice day" contains "goodbye").
        """
        normal = _STRETCHED.sub(r"\1", normal)  # "hiii", "thanksss", "byeee"
        if not self._smalltalk_docs:
            return None
        phrasings = self._smalltalk_phrasings
        scores = process.cdist([normal], phrasings, scorer=fuzz.ratio)[0].astype(np.float64)
        if not whole_message_only:
            # The message may contain a phrasing, never be a fragment of one ("exam" is not
            # "i passed my exam").
            words = normal.split()
            sizes = self._smalltalk_sizes
            fits = np.flatnonzero(sizes <= len(words)).tolist()
            if len(words) > SMALLTALK_MAX_WORDS:
                fits = [n for n in fits if len(words) <= self._smalltalk_words(words, n)]
            held = [
                n for n in fits if not (asked and sizes[n] == 1 and self._asks_more(normal, phrasings[n]))
            ]
            if held:
                held_phrasings = [phrasings[n] for n in held]
                contained = process.cdist([normal], held_phrasings, scorer=fuzz.token_set_ratio)[0]
                scores[held] = np.maximum(scores[held], contained - 1)
        best = int(np.argmax(scores))  # the first of equals, as before
        return self._smalltalk_docs[best][0] if scores[best] >= SMALLTALK_RATIO else None

    def _smalltalk_words(self, words: list[str], n: int) -> int:
        """The most words a message holding small-talk phrasing `n` may have to be that small
        talk: a phrasing of four words or more may come with three more that ask nothing ("good
        morning love hope youre keeping well"), not "what data do you have about me"."""
        size = int(self._smalltalk_sizes[n])
        if len(words) <= SMALLTALK_MAX_WORDS or size < SMALLTALK_MAX_WORDS - 2 or size + 3 < len(words):
            return SMALLTALK_MAX_WORDS
        phrasing = self._smalltalk_docs[n][1].split()
        if phrasing[0] in _QUESTION_WORDS or (set(words) - set(phrasing)) & _QUESTION_WORDS:
            return SMALLTALK_MAX_WORDS
        return size + 3

    def _asks_more(self, normal: str, phrasing: str) -> bool:
        """Whether the rest of a message around a one-word small-talk phrasing asks something
        the FAQ knows about ("cool, and how about linkedin", "phone only ok?", "do these help
        get a job"): then the phrasing is a word in a question, not the message."""
        if len(phrasing.split()) > 1:
            return False
        rest = [w for w in normal.split() if w != phrasing and w not in STOPWORDS]
        return any(stem(w) in self._phrasing_stems for w in rest)

    # --- browsing ----------------------------------------------------------------------------

    def in_topic(self, topic_id: str) -> list[FaqEntry]:
        return [e for e in self.entries if e.topic == topic_id]

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


_QUESTION_WORDS = frozenset("how what which when where why who do does can could will would is are".split())
_STRETCHED = re.compile(r"([a-z])\1{2,}")


def _thing_pronouns(words: list[str]) -> int:
    """How many times "one" or "this" stands for the thing being discussed ("can i finish one
    in a weekend", "can i fit this in"), not before a noun ("this week")."""
    return sum(
        1
        for i, word in enumerate(words)
        if word in THING_PRONOUNS
        and (i == 0 or words[i - 1] not in _NOT_A_PRONOUN_AFTER)
        and (i + 1 == len(words) or words[i + 1] in STOPWORDS or words[i + 1] in FILLERS)
    )


def _grams(text: str) -> list[str]:
    """Character 4-grams within each word (with word boundaries), for morphology and typos."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        grams.extend(padded[i : i + 4] for i in range(max(1, len(padded) - 3)))
    return grams


def pick_reply(intent: SmalltalkIntent, seed: int | None = None) -> str:
    return random.Random(seed).choice(intent.replies)


# --- loading -----------------------------------------------------------------------------------


_loaded: dict[tuple[str, bool], Faq] = {}
MAX_FAQS_KEPT = 4


def load_faq(content_dir: Path, *, semantic: bool = True) -> Faq:
    """Read `faq.yaml` and `smalltalk.yaml`; raise `ContentError` naming file, entry, field.
    The same files load once per process (building the index embeds every phrasing: ~0.6 s)."""
    try:
        files = [content_dir / "faq.yaml", content_dir / "smalltalk.yaml"]
        digest = hashlib.sha256(b"\0".join(f.read_bytes() if f.exists() else b"" for f in files)).hexdigest()
    except OSError:
        return _read_faq(content_dir, semantic=semantic)  # the reader names the problem
    key = (digest, semantic)
    if key not in _loaded:
        if len(_loaded) >= MAX_FAQS_KEPT:
            _loaded.clear()
        _loaded[key] = _read_faq(content_dir, semantic=semantic)
    return _loaded[key]


def _read_faq(content_dir: Path, *, semantic: bool) -> Faq:
    faq_path = content_dir / "faq.yaml"
    data = read_yaml(faq_path)
    topics = [_topic(faq_path, i, raw) for i, raw in enumerate(require_list(faq_path, data, "topics"))]
    topic_ids = {t.id for t in topics}
    entries: list[FaqEntry] = []
    for index, raw in enumerate(require_list(faq_path, data, "entries")):
        entries.append(_entry(faq_path, index, raw, topic_ids))
    _check_ids(faq_path, entries)
    smalltalk_path = content_dir / "smalltalk.yaml"
    smalltalk: list[SmalltalkIntent] = []
    if smalltalk_path.exists():
        raw_intents = require_list(smalltalk_path, read_yaml(smalltalk_path), "intents")
        smalltalk = [_intent(smalltalk_path, i, raw) for i, raw in enumerate(raw_intents)]
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("other_subjects", "places_and_money"):
        listed = data.get(name) or [] if isinstance(data, dict) else []
        if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
            raise ContentError(faq_path, name, None, "must be a list of words or phrases")
        lists[name] = tuple(" ".join(s.split()) for s in listed)
    places = tuple(w for s in lists["places_and_money"] for w in normalise(s).split())
    sectors = data.get("sectors") or [] if isinstance(data, dict) else []
    if not isinstance(sectors, list) or not all(isinstance(s, str) for s in sectors):
        raise ContentError(faq_path, "sectors", None, "must be a list of words or phrases")
    follow_ups = load_follow_ups(
        faq_path, data if isinstance(data, dict) else {}, {e.id for e in entries},
        {"places": places, "sectors": tuple(sectors)},
    )  # fmt: skip
    return Faq(
        topics, entries, smalltalk, semantic=semantic, other_subjects=lists["other_subjects"],
        places_and_money=places, follow_ups=follow_ups,
    )  # fmt: skip


def _topic(path: Path, index: int, raw: Any) -> Topic:
    where = f"topic #{index + 1}"
    if not isinstance(raw, dict):
        raise ContentError(path, where, None, "must be a mapping with id and title")
    return Topic(require_str(path, where, raw, "id"), require_str(path, where, raw, "title"))


def _entry(path: Path, index: int, raw: Any, topic_ids: set[str]) -> FaqEntry:
    where = f"entry #{index + 1}"
    if not isinstance(raw, dict):
        raise ContentError(path, where, None, "must be a mapping")
    entry_id = require_str(path, where, raw, "id")
    where = f"entry '{entry_id}'"
    topic = require_str(path, where, raw, "topic")
    if topic not in topic_ids:
        raise ContentError(path, where, "topic", f"unknown topic {topic!r}")
    question = require_str(path, where, raw, "question")
    phrasings = [str(p) for p in require_list(path, raw, "phrasings", where)]
    if len(phrasings) < MIN_PHRASINGS:
        raise ContentError(path, where, "phrasings", f"needs at least {MIN_PHRASINGS}")
    answer = require_str(path, where, raw, "answer").strip()
    if len(answer) > MAX_ANSWER_CHARS:
        raise ContentError(path, where, "answer", f"is over {MAX_ANSWER_CHARS} characters")
    problem = html_problem(answer)
    if problem:
        raise ContentError(path, where, "answer", f"Telegram would refuse its HTML: {problem}")
    related = raw.get("related") or []
    if not isinstance(related, list):
        raise ContentError(path, where, "related", "must be a list of entry ids")
    search = raw.get("search")
    if search is not None and not isinstance(search, str):
        raise ContentError(path, where, "search", "must be text or null")
    return FaqEntry(
        id=entry_id,
        topic=topic,
        question=question,
        phrasings=tuple(phrasings),
        answer=answer,
        related=tuple(str(r) for r in related),
        search=search or None,
    )


def _check_ids(path: Path, entries: list[FaqEntry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ContentError(path, f"entry '{entry.id}'", "id", "is used twice")
        seen.add(entry.id)
    for entry in entries:
        for other in entry.related:
            if other not in seen or other == entry.id:
                raise ContentError(path, f"entry '{entry.id}'", "related", f"bad id {other!r}")


def _intent(path: Path, index: int, raw: Any) -> SmalltalkIntent:
    where = f"intent #{index + 1}"
    if not isinstance(raw, dict):
        raise ContentError(path, where, None, "must be a mapping")
    intent_id = require_str(path, where, raw, "id")
    where = f"intent '{intent_id}'"
    phrasings = tuple(str(p) for p in require_list(path, raw, "phrasings", where))
    replies = tuple(str(r).strip() for r in require_list(path, raw, "replies", where))
    for reply in replies:
        problem = html_problem(reply)
        if problem:
            raise ContentError(path, where, "replies", f"Telegram would refuse its HTML: {problem}")
    if not phrasings or not replies:
        raise ContentError(path, where, "replies", "needs phrasings and replies")
    listed = raw.get("words") or []
    if not isinstance(listed, list) or not all(isinstance(w, str) and 0 < len(w.split()) < 6 for w in listed):
        raise ContentError(path, where, "words", "must be a list of words or phrases of one to five words")
    return SmalltalkIntent(intent_id, phrasings, replies, tuple(" ".join(w.split()) for w in listed))


__all__ = ["ContentError", "Faq", "FaqEntry", "Match", "load_faq"]
