"""Course search by skill, tolerant of how people type ("pyhton", "proj mgmt", "ML").

The index is built in memory from the database at start-up (and rebuilt after an import),
so a search never scans a table. A query goes through:

1. normalising (`bot.text`) and dropping filler words ("courses", "for", "a");
2. aliases: abbreviations and synonyms from `content/skill_aliases.yaml` become the skill
   they stand for ("proj mgmt" → "project management", "ml" → "machine learning");
3. typo correction of words the catalogue never uses, against its vocabulary;
4. fuzzy matching against every skill, alias, subject area and course title through a
   3-gram prefilter (`FuzzyIndex`) and rapidfuzz re-ranking;
5. per course: the best matching term, plus how much of the query the course covers, so
   "python for data analysis" puts courses with both first.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.catalog.fuzzy_index import FuzzyIndex
from bot.text import normalise, stem
from bot.text import normalise as _normalise

TermKind = Literal["skill", "alias", "subject", "title", "provider"]
# How much a match on each kind of term says about a course.
KIND_WEIGHT: dict[str, float] = {
    "skill": 1.0, "alias": 1.0, "subject": 0.9, "title": 0.95, "provider": 0.7,
}  # fmt: skip
TERM_WEIGHT = 0.55  # the rest is query coverage
GOOD_SCORE = 0.62  # below this a course is not shown as a match
KNOWN_SKILL_SCORE = 88  # a short message this close to a skill is a search, not a question
TYPO_SIMILARITY = 0.79  # "pyhton"→"python" is 0.83; "weaning"→"learning" (0.75) is not a typo
TEXT_MATCH_SCORE = 0.7  # a query word found only in a course's summary, outcomes or modules
TITLE_BONUS = 0.08  # among equally good skill matches, prefer the course named for the query
MAX_SKILL_QUERY_WORDS = 4
FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "for",
        "in",
        "on",
        "of",
        "to",
        "and",
        "with",
        "about",
        "course",
        "courses",
        "class",
        "classes",
        "training",
        "program",
        "programme",
        "programs",
        "programmes",
        "microcredential",
        "microcredentials",
        "learn",
        "learning",
        "study",
        "studying",
        "want",
        "need",
        "some",
        "any",
        "find",
        "me",
        "i",
        "please",
        "online",
        "free",
        "skill",
        "skills",
        "what",
        "is",
        "are",
        "how",
        "do",
        "does",
        "can",
        "my",
        "best",
        "good",
        "get",
        "which",
        "there",
        "where",
        "who",
    ]
)
LEVELS = ("beginner", "intermediate", "advanced")
HOUR_LIMITS = (10, 20, 40)


@dataclass(frozen=True)
class CourseInfo:
    """Everything a learner needs to decide, as plain values (a snapshot of the database)."""

    id: int
    key: str
    title: str
    provider: str
    provider_country: str
    subject_area: str
    summary: str
    learning_outcomes: tuple[str, ...]
    skills: tuple[str, ...]
    workload_hours: int
    ects_credits: float | None
    eqf_level: int | None
    level: str
    participation_form: str
    self_paced: bool
    language: str
    price: float
    currency: str
    assessment_type: str
    certificate_type: str
    quality_assurance: str
    prerequisites: str
    stackability: str | None
    url: str | None
    modules: tuple[tuple[str, int], ...] = ()
    is_sample: bool = False  # from the shipped sample catalogue (fictional providers)


@dataclass(frozen=True)
class Facets:
    """Filters that narrow a search in place. Encoded compactly for callback data."""

    free: bool = False
    online: bool = False
    self_paced: bool = False
    max_hours: int | None = None
    level: str | None = None

    def allows(self, course: CourseInfo) -> bool:
        return (
            (not self.free or course.price == 0)
            and (not self.online or course.participation_form == "online")
            and (not self.self_paced or course.self_paced)
            and (self.max_hours is None or course.workload_hours <= self.max_hours)
            and (self.level is None or course.level == self.level)
        )

    def encode(self) -> str:
        code = ("f" if self.free else "") + ("o" if self.online else "")
        code += "s" if self.self_paced else ""
        if self.max_hours is not None:
            code += f"h{self.max_hours}"
        if self.level is not None:
            code += f"l{self.level[0]}"
        return code or "-"

    @classmethod
    def decode(cls, code: str) -> Facets:
        """Read `encode()`'s output; anything unexpected is ignored rather than trusted."""
        facets = cls(free="f" in code, online="o" in code, self_paced="s" in code)
        if "h" in code:
            digits = code.split("h", 1)[1][:3]
            number = int("".join(c for c in digits if c in "0123456789") or 0)
            if number in HOUR_LIMITS:
                facets = replace(facets, max_hours=number)
        if "l" in code:
            letter = code.split("l", 1)[1][:1]
            level = next((lv for lv in LEVELS if lv[0] == letter), None)
            facets = replace(facets, level=level)
        return facets

    @property
    def active(self) -> bool:
        return self != Facets()


@dataclass(frozen=True)
class Scored:
    course: CourseInfo
    score: float


@dataclass
class SearchResult:
    query: str
    understood: str  # the query after aliases and typo correction
    matches: list[Scored] = field(default_factory=list)  # before facets
    suggestions: list[str] = field(default_factory=list)  # closest skills when nothing fits

    def filtered(self, facets: Facets) -> list[Scored]:
        return [m for m in self.matches if facets.allows(m.course)]


@dataclass(frozen=True)
class _Term:
    text: str
    kind: TermKind
    course_ids: tuple[int, ...]


class CourseSearch:
    def __init__(self, courses: list[CourseInfo], aliases: dict[str, str]) -> None:
        """`aliases` maps a normalised alias to its canonical skill name."""
        # Skills, subjects and providers repeat across courses: normalise each once.
        normalise = lru_cache(maxsize=None)(_normalise)
        self.courses = {c.id: c for c in courses}
        self.aliases = {normalise(a): normalise(s) for a, s in aliases.items()}
        self._aliases_of: dict[str, list[str]] = defaultdict(list)
        for alias, skill in self.aliases.items():
            self._aliases_of[skill].append(alias)
        by_skill: dict[str, list[int]] = defaultdict(list)
        by_subject: dict[str, list[int]] = defaultdict(list)
        by_provider: dict[str, list[int]] = defaultdict(list)
        terms: list[_Term] = []
        for course in courses:
            for skill in course.skills:
                by_skill[normalise(skill)].append(course.id)
            by_subject[normalise(course.subject_area)].append(course.id)
            by_provider[normalise(course.provider)].append(course.id)
            terms.append(_Term(normalise(course.title), "title", (course.id,)))
        for skill, ids in by_skill.items():
            terms.append(_Term(skill, "skill", tuple(ids)))
        for alias, skill in self.aliases.items():
            if skill in by_skill:
                terms.append(_Term(alias, "alias", tuple(by_skill[skill])))
        terms += [_Term(s, "subject", tuple(ids)) for s, ids in by_subject.items()]
        terms += [_Term(p, "provider", tuple(ids)) for p, ids in by_provider.items()]
        self._terms = terms
        self._index = FuzzyIndex([t.text for t in terms])
        self.skill_names = sorted(by_skill)
        self._bags = {c.id: self._bag(c) for c in courses}
        self._text_words: dict[str, set[int]] = defaultdict(set)
        for course in courses:
            for word in self._text_bag(course):
                self._text_words[word].add(course.id)
        self._vocabulary = sorted(
            {w for bag in self._bags.values() for w in bag}
            | {w for alias in self.aliases for w in alias.split()}
            | set(self._text_words)
        )
        self._known_words = set(self._vocabulary)

    # --- public ---------------------------------------------------------------------------

    def get(self, course_id: int) -> CourseInfo | None:
        return self.courses.get(course_id)

    def search(self, query: str, limit: int = 50) -> SearchResult:
        understood = self.understand(query)
        result = SearchResult(query=query, understood=understood)
        if not understood:
            result.suggestions = self.skill_names[:3]
            return result
        best_term: dict[int, float] = defaultdict(float)
        title_score: dict[int, float] = defaultdict(float)
        for hit in self._index.search(understood, limit=40, scorer=fuzz.WRatio, score_cutoff=50):
            term = self._terms[hit.index]
            value = hit.score / 100 * KIND_WEIGHT[term.kind]
            for course_id in term.course_ids:
                best_term[course_id] = max(best_term[course_id], value)
                if term.kind == "title":
                    title_score[course_id] = hit.score / 100
        words = [stem(w) for w in understood.split()]
        text_ids = [self._text_words.get(w, set()) for w in words]
        text_hits: Counter[int] = Counter()
        for ids in text_ids:
            text_hits.update(ids)
        # A course found only through its summary or outcomes scores at most this much;
        # skip those that cannot reach GOOD_SCORE before looking at them closely.
        for course_id, hits in text_hits.items():
            if course_id not in best_term:
                ceiling = TERM_WEIGHT * TEXT_MATCH_SCORE + (1 - TERM_WEIGHT) * hits / len(words)
                if ceiling >= GOOD_SCORE:
                    best_term[course_id] = TEXT_MATCH_SCORE
        scored = []
        for course_id, term_score in best_term.items():
            bag = self._bags[course_id]
            coverage = sum(
                1.0 if w in bag else TEXT_MATCH_SCORE if course_id in ids else 0.0
                for w, ids in zip(words, text_ids, strict=True)
            ) / len(words)
            score = TERM_WEIGHT * max(term_score, TEXT_MATCH_SCORE if text_hits[course_id] else 0.0)
            score += (1 - TERM_WEIGHT) * coverage + TITLE_BONUS * title_score[course_id]
            if score >= GOOD_SCORE:
                scored.append(Scored(self.courses[course_id], round(score, 4)))
        result.matches = heapq.nsmallest(
            limit, scored, key=lambda s: (-s.score, s.course.workload_hours, s.course.title)
        )
        if not result.matches:
            result.suggestions = self.suggest_skills(understood)
        return result

    def understand(self, query: str) -> str:
        """The query as the index reads it: typos corrected, aliases expanded, filler gone."""
        words = [self._correct(w) for w in normalise(query).split() if w not in FILLER]
        return " ".join(self._expand_aliases(words))

    def is_known_skill(self, text: str) -> bool:
        """Whether a short message is plainly a skill ("pyhton", "ML", "data viz")."""
        understood = self.understand(text)
        if not understood or len(understood.split()) > MAX_SKILL_QUERY_WORDS:
            return False
        hits = self._index.search(understood, limit=1, scorer=fuzz.ratio)
        return (
            bool(hits)
            and hits[0].score >= KNOWN_SKILL_SCORE
            and self._terms[hits[0].index].kind in ("skill", "alias", "subject")
        )

    def suggest_skills(self, query: str, limit: int = 3) -> list[str]:
        understood = self.understand(query) or normalise(query)
        found = process.extract(understood, self.skill_names, scorer=fuzz.WRatio, limit=limit)
        return [str(name) for name, _score, _ in found]

    # --- internals ------------------------------------------------------------------------

    def _bag(self, course: CourseInfo) -> set[str]:
        text = " ".join([course.title, course.subject_area, *course.skills])
        words = {stem(w) for w in normalise(text).split()}
        for skill in course.skills:
            for alias in self._aliases_of.get(normalise(skill), ()):
                words.update(stem(w) for w in alias.split())
        return words

    def _text_bag(self, course: CourseInfo) -> set[str]:
        text = " ".join([course.summary, *course.learning_outcomes, *(m for m, _ in course.modules)])
        return {stem(w) for w in normalise(text).split() if w not in FILLER and len(w) > 2}

    def _expand_aliases(self, words: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                phrase = " ".join(words[i : i + size])
                if len(words) - i >= size and phrase in self.aliases:
                    out.extend(self.aliases[phrase].split())
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def _correct(self, word: str) -> str:
        if word in self._known_words or stem(word) in self._known_words or len(word) < 4:
            return word
        for form in dict.fromkeys((word, stem(word))):
            found = process.extractOne(
                form, self._vocabulary, scorer=OSA.normalized_similarity,
                score_cutoff=TYPO_SIMILARITY,
            )  # fmt: skip
            if found:
                return str(found[0])
        return word
