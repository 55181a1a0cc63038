"""Course search: what a learner means ("free python courses", "pyhton", "proj mgmt",
"i want to become a data analyst"), ranked by how well each course covers it.

The index is built in memory from the database at start-up (and rebuilt after an import),
so a search never scans a table. A query goes through:

1. filters in plain words (`filters.parse_filters`): "free", "under 10 hours", "beginner",
   "online", "in Spanish", ... become facets and leave the topic words; who the learner is
   ("lab technician wanting to learn data analysis") is not the topic: what they want is;
2. a career ("become a data analyst", `careers.yaml`) becomes the career's skills; who the
   course is for ("leadership for managers") is a qualifier: courses naming it rank first,
   the others still count;
3. typo correction of words the catalogue never uses (never of a real English word, and a
   slip that makes the two-word skill beside it: "projet management"), then aliases
   from `content/skill_aliases.yaml` ("proj mgmt" → project management, "ml" → machine
   learning, "análisis de datos" → data analysis), and filler words dropped;
4. the rest is cut into *concepts*: the longest run of words that is a catalogue skill or a
   phrase the catalogue uses ("customer service", "first aid", "web development" stay
   together), else single words; a phrase matches where it is written so, not where another
   phrase shares its stems ("time management" is not *First-Time Manager*);
5. each concept gets a weight by rarity (inverse document frequency: "python" or "web"
   weigh more than "development" or "management"; a word the catalogue never uses weighs
   most, so it is never silently dropped), and each course a strength per concept by
   *where* it matches: a skill exactly, inside a skill, the title, the subject area, the
   summary/outcomes/modules (there, a word no skill or title uses counts only as written:
   "investing" is not "investment"); a skill also named by the title or subject ranks
   higher, and one asked for by another name ("sales" for negotiation, "pivot tables" for
   Excel) shows only the skill's courses using that name, when some do;
6. a course's score is the weighted share of the query it covers (skills asked for together,
   "python and sql", show courses on any of them, those on more first); courses below an
   absolute floor, or far below the best course, are not shown (a short honest list beats
   five with filler);
7. a word or phrase only course texts use ("public health") also finds, after those
   courses, the others on the skills they share; when no course covers the whole query,
   the courses on its specific skills are shown (those matching more of it alone), saying
   what no course covers as well ("project management office": `SearchResult.left_out`).

Every step is array work over numpy inverted lists (`postings.py`): no loop over courses.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from bot.catalog.careers import LEFT_JOB, Career, Careers
from bot.catalog.filters import (
    HOUR_LIMITS,
    LANGUAGE_WORDS,
    LEVELS,
    Facets,
    language_code,
    parse_filters,
)
from bot.catalog.postings import EMPTY, Ids, Postings, intersect, pair_key
from bot.catalog.problems import SkillProblems
from bot.text import (
    _WORDS,
    FOREIGN_GREETING_WORDS,
    IT_FIELD_WORDS,
    WISH_TO_LEARN,
    fold,
    is_english_word,
    normalise,
)
from bot.text import stem as _plural_stem

__all__ = [
    "HOUR_LIMITS", "LEVELS", "CourseInfo", "CourseSearch", "Facets", "Scored", "SearchResult",
]  # fmt: skip

Floats = npt.NDArray[np.float32]
Positions = npt.NDArray[np.intp]

# Where a concept matches, and how much that says about the course.
SKILL_EXACT = 1.0  # the concept is one of the course's skills
SKILL_PART = 0.75  # inside a skill ("marketing" in "digital marketing")
TITLE = 0.8  # in the title, words together
SUBJECT = 0.7  # in the subject area
TEXT = 0.4  # only in the summary, learning outcomes or module titles
LOOSE = 0.6  # a phrase's words all in the field but not together: this share of the field's value
TITLE_BONUS = 0.1  # a skill match also named in the title ranks above the rest
SUBJECT_BONUS = 0.05  # ... and, less, one whose subject area is the concept too
# A skill asked for by another name ("kubernetes" for DevOps, "pivot tables" for Excel): the
# skill's courses using the learner's own name are shown: the others fall below `RELATIVE_CUT`
# (1 < 0.8 * 1.3), so the results are what was asked for, not the whole skill.
AS_TYPED_BONUS = 0.3
AS_PHRASE_BONUS = 0.01  # a course with the query's words together, as typed, above the best other
MIN_SCORE = 0.34  # below this a course covers too little of the query to be shown
RELATIVE_CUT = 0.8  # ... or if it scores below this share of the best course
IMPLIED = 0.36  # a course on the skills shared by those whose text alone uses the words: after them
IMPLIED_AGREE = 2  # ... shared by at least this many of them (and by half)
CAREER_STEP = 0.08  # a career's first skill counts most, each next one this much less
TYPO_SIMILARITY = 0.79  # OSA: "pyhton"→"python" is 0.83; "weaning"→"learning" (0.75) is not a typo
TYPO_TEXT = 0.85  # against words only used in titles and text: one slip in seven letters
ENGLISH_SLIP = 0.87  # a real English word is a slip beside a skill word only this close ("leaning")
TYPO_INDEL = 0.86  # Indel, long words only: "tabluea"→"tableau" (0.86)
SCRAMBLED_MIN = 5  # a word this long with a skill word's letters in another order is that word: "phyton"
TYPO_FORM_MIN = 7  # a slip that only the stem shares is corrected in words this long ("procurment")
MAX_SKILL_QUERY_WORDS = 4
MAX_PHRASE = 4
SPLIT_MIN = 4  # a word this long may be two skill words written together ("webdev")
GENERAL_SHARE = 0.08  # a concept matching this share of courses is general ("management")
# Whom a course can be made for, so that one for adults is not it: "coding for kids". Other
# words after "for" are where the skill is used ("data analysis for healthcare", "content
# creation for youtube"): the skill's courses are shown, saying that none covers that too.
MADE_FOR = frozenset(
    """kids kid children child teens teenagers teenager toddlers babies infants pupils youngsters
    dogs cats pets animals horses""".split()
)
FOR_WHOM_WORDS = 2  # "for kids", "for young children": made for them; longer, who is asking
ALONE_UNKNOWN = 0.5  # weight of an unknown word not next to known ones
FOCUS = 0.06  # a course that is mostly about the query's skills ranks above one that lists many
VERIFY_MAX = 40  # a text-only word is checked as written in at most this many courses (else kept)
PAGE_SIZE = 5  # courses a results page shows (`SearchResult.left_out` is judged on page 1)
RESULTS_KEPT = 2000  # ranked ids kept per search (paging, filters)
RELATED_FROM = 10  # the best matches whose specific skills name related courses
RELATED_KEPT = 200  # related courses kept when the filters leave no match
# ... each sharing at least this many specific skills with the best matches: one shared skill
# listed Responsible Tour Operator for "free first aid course" (round 20, on the tuning queries:
# empty pages showing courses 279 → 260, best in the top 5 3,898 → 3,893 of 4,173)
RELATED_MIN_SHARED = 2
CACHE_SEARCHES = 5000  # searches whose ranked ids stay in memory for their buttons
KNOWN_SKILL_CACHE = 8192  # texts whose "is it a known skill?" answer is kept (then all are forgotten)
R_LANGUAGE = "rlang"  # "R" the language: normalise() reads a lone "r" as "are"
_R_WORD = re.compile(
    r"(?<![\w#+.'’&-])R(?![\w#+'’&-])"
    r"|(?:(?<=\s)|^)r(?=\s+(?:programming|language|studio|courses?|for data|for stats|stats|statistics)\b)"
    r"|(?:(?<=\bwith )|(?<=\busing )|(?<=\bin )|(?<=\blearn ))r(?=\s*$)"  # "statistics with r", "learn r"
    r"|^\s*r(?=\s*[?!.]*\s*$|\s+for\s)"  # a bare "r", "r for ecology data": the language asked for
)

FILLER = frozenset(
    """a an the for in on of to and with about from at by or as into via
    course courses class classes lesson lessons training program programme programs programmes module modules
    microcredential microcredentials microdegree nanodegree certificate certificates
    learn learning study studying studies teach me taught want wanna need would like love some any anything
    something smth sth somethin sumthin find show list give recommend recommendation recommendations suggest
    looking look try trying quick one ones if possible
    search searching
    i my myself we our you your please pls hi hello hey there is are be am was do does did can could should
    how what which who where when why good best top great nice new more better improve improving get getting
    use using using skill skills level levels help know knowledge basic bit little stuff things thing
    become becoming career job jobs work working into start starting started make doing do bad run running
    after giving have has having interested interest that this these those take taking problems issues
    available move moving fun hobby hobbies leisure accredited accreditation formation formations
    formacion formazione opleiding opleidingen own e
    colleague colleagues maybe perhaps ideally probably possibly guess suppose um uh erm hmm
    tips tricks tutorial tutorials way ways most least nobody noone evening evenings night nights weekend
    weekends morning mornings lunchtime
    upskill upskilling reskill reskilling prep preparation just got finally recently fully completely entirely
    workshop workshops seminar seminars webinar webinars her his their its she he they him
    near nearby only now currently nowadays today moment atm right useful helpful
    but not dont don't idk tbh honestly total absolute complete where build because hands-on hands sur
    entwickeln verbessern desarrollar mejorar developper ameliorer sviluppare migliorare desenvolver melhorar
    ontwikkelen verbeteren rozwijac
    organisation organisations organization organizations
    curso cursos de del la las el los en con para y un una kurs kurse kursen lernen der die das und fur mit
    zum zur ein eine cours des du le les et pour un une apprendre aprender corso corsi di della dei delle il
    em da do dos das uma um aprender imparare lerne
    ich suche suchen einen einem cursus cursussen zoek zoeken een het voor szukam kursu w per dla
    mi mis tu tus su sus mein meine meinen mon ma mes meu minha mio mia""".split()
) | {fold(g) for g in FOREIGN_GREETING_WORDS}
LANGUAGE_NAMES = frozenset(LANGUAGE_WORDS)
LANGUAGE_TOPIC_CONCEPTS = 2  # "business english": a language named in a query this short is its topic
# Adults a course may be for: after "for" these qualify the topic ("leadership for managers",
# "digital skills for seniors"): courses naming them rank first, but a course without them
# still counts. Children are not here: "coding for kids" needs a course made for kids.
AUDIENCES = frozenset(
    """managers manager leaders leader seniors elderly retirees pensioners older adults
    parents parent nurses nurse doctors clinicians carers caregivers teachers teacher educators
    women men employees staff freelancers entrepreneurs founders startups smes executives engineers developers
    designers marketers accountants lawyers researchers scientists nonprofits charities volunteers
    supervisor supervisors
    professionals adults everyone dummies non-technical newcomers immigrants refugees business businesses
    chefs cooks artists musicians writers photographers farmers growers drivers cleaners builders
    retailers shopkeepers hairdressers therapists pharmacists paramedics firefighters police veterans
    bankers receptionists administrators librarians journalists coaches trainers tutors makers creators
    gardeners mechanics technicians academics lecturers graduates students jobseekers owners owner
    libraries library schools school colleges hospitals hospital clinics clinic hotels hotel restaurants
    restaurant cafes cafe pubs shops shop stores salons salon museums museum councils council charity
    ngos ngo churches church farms farm factories factory warehouses warehouse offices nurseries nursery
    agencies agency firms firm companies company bakery bakeries
    officers officer sergeants sergeant constables inspectors soldiers sailors pilots crew crews guards
    porters apprentices trainees interns workers operators clerks dispatchers
    leavers leaver retiree pensioner student graduate jobseeker veteran
""".split()
)
# Sectors an audience belongs to: a course whose title names another sector is made for that
# one ("leadership for nurses" does not want "Effective School Leadership").
SECTORS = {
    "health": frozenset(
        "nurses nurse doctors clinicians carers caregivers healthcare hospital hospitals nhs pharmacists "
        "paramedics therapists".split()
    ),
    "education": frozenset(
        "teachers teacher educators education school schools classroom classrooms pupils lecturers "
        "tutors".split()
    ),
    "hospitality": frozenset(
        "hospitality hotel hotels restaurant restaurants tourism chefs cooks receptionists".split()
    ),
    "engineering": frozenset(
        "engineers engineer engineering technicians mechanics manufacturing factory factories".split()
    ),
    # "leadership for police sergeants" does not want a course made for schools either
    "public safety": frozenset(
        "police officers sergeants constables firefighters soldiers military army veterans "
        "dispatchers".split()
    ),
}
# "the shortest project management course", "quickest way to learn excel": the matches, shortest first
_SHORTEST = re.compile(r"\b(?:shortest|quickest|fastest)\b", re.IGNORECASE)
# Where a skill is used, said before it ("construction project management"): a course on the
# skill alone is still what the learner asks for (saying no course covers the workplace too),
# unlike a kind of the skill ("yoga teaching", "sports coaching").
WORKPLACES = frozenset(
    """construction healthcare hospitality retail manufacturing logistics warehouse nonprofit
    charity charities hotel hotels restaurant restaurants pub pubs cafe nhs hospital hospitals
    agriculture farming factory fashion automotive aviation pharma pharmaceutical insurance
    banking government council public-sector police policing prison prisons salon salons farm farms
    dairy shop shops supermarket supermarkets store stores airline airlines airport airports railway
    railways church churches army military navy ngo ngos school-office clinic clinics care-home
    care-homes gym gyms studio studios""".split()
)
OTHER_SECTOR = 0.75  # of a course's score: below `RELATIVE_CUT` of an equal course for everyone
NEW_TO_IT = frozenset({"new", "newly", "first-time", "first", "aspiring", "future"})  # "for new managers"
NEWCOMER = 1.0  # of QUALIFIER: what a course for first-time or newly promoted ones adds
QUALIFIER = 0.12  # what an audience word adds to a course that names it (title, skills, subject)
# When no course covers the whole query, a course covering its part that also matches some of
# the rest ("teaching" courses that name "adults") comes first, and alone on page 1 when its
# match is as good: the others fall below `RELATIVE_CUT`.
PARTIAL_ALSO = 0.3
JOB_WORDS = frozenset(
    "become becoming be work working job jobs career careers role get into as promoted promotion step up "
    "move change changing switch switching retrain retraining transition pivot late later life age "
    "aged go going being".split()
)

Kind = Literal["skill", "phrase", "word", "unknown"]


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
class Scored:
    course: CourseInfo
    score: float


@dataclass(frozen=True)
class Concept:
    """One unit of the query's meaning: a skill, a phrase the catalogue uses, or a word."""

    words: tuple[str, ...]  # stemmed
    kind: Kind
    weight: float
    label: str  # as shown ("data analysis")
    strength: Floats | None = field(default=None, compare=False, repr=False)  # per course
    df: int = 0  # courses it matches at all
    # An unknown word naming a kind of what follows ("yoga teaching") or whom it is for
    # ("for kids"): without it the rest means something else, so it is never left out.
    qualifies: bool = field(default=False, compare=False)
    # An unknown word with no known word beside it ("a team of cabin crew"): context, not a kind of the topic.
    alone: bool = field(default=False, compare=False)
    # Right after "for" ("python for finance"): where the topic is used, which a course on the
    # topic alone may leave out (said so) when none covers both.
    after_for: bool = field(default=False, compare=False)


@dataclass
class SearchResult:
    query: str
    understood: str  # the topic as the search read it (typos corrected, aliases expanded)
    facets: Facets = field(default_factory=Facets)  # filters read from the query
    ranked: tuple[int, ...] = ()  # course ids, best first, before facets
    scores: tuple[float, ...] = ()
    courses: dict[int, CourseInfo] = field(default_factory=dict, repr=False)
    career: str | None = None  # the career whose skills were searched
    career_skills: tuple[str, ...] = ()
    not_found: tuple[str, ...] = ()  # query words the catalogue never uses
    # When no course covers the whole query: the courses shown cover `covered` (skills or
    # phrases, as labelled), and no course covers `left_out` as well ("project management
    # office": covered ("project management",), left out ("office",)).
    covered: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    suggestions: list[str] = field(default_factory=list)  # closest skills when nothing fits
    # When the query's filters leave none of its matches ("free ux course"): courses sharing a
    # specific skill with the best matches ("Figma for Beginners", UI design), most shared
    # first. Shown, and said to be related, only then.
    related: tuple[int, ...] = ()
    # The query named no skill and its words found nothing, but it describes a situation a
    # skill's courses are for ("every project we run ends up late" → project management)
    by_meaning: str | None = None

    @cached_property
    def matches(self) -> list[Scored]:
        """Every match before facets, best first."""
        return [Scored(self.courses[i], s) for i, s in zip(self.ranked, self.scores, strict=True)]

    def filtered(self, facets: Facets) -> list[Scored]:
        return [m for m in self.matches if facets.allows(m.course)]

    def nearby(self, facets: Facets) -> list[Scored]:
        """The related courses the filters allow (score 0: they are not matches)."""
        return [Scored(self.courses[i], 0.0) for i in self.related if facets.allows(self.courses[i])]

    def page_one(self, facets: Facets) -> list[Scored]:
        """What the first results page lists: the filtered matches or, when the filters leave
        none, the related courses they allow."""
        return (self.filtered(facets) or self.nearby(facets))[:PAGE_SIZE]


class CourseSearch:
    def __init__(
        self,
        courses: list[CourseInfo],
        aliases: dict[str, str],
        careers: Careers | None = None,
        problems: SkillProblems | None = None,
        request_words: dict[str, frozenset[str]] | None = None,
    ) -> None:
        """`aliases` maps an alias to its canonical skill name; `request_words`, per teaching
        language, the words a course request is written with in it ("curso", "für")."""
        request_words = request_words or {}
        cached_normalise = lru_cache(maxsize=None)(_prepare)
        self.courses = {c.id: c for c in courses}
        self._order = [c.id for c in courses]
        self.careers = careers if careers is not None else Careers([])
        self.problems = problems if problems is not None else SkillProblems({})
        self.aliases = {normalise(a): normalise(s) for a, s in aliases.items() if normalise(a)}
        self._max_alias = max((len(a.split()) for a in self.aliases), default=1)
        self._max_alias = max(self._max_alias, MAX_PHRASE)
        self._ids: dict[str, int] = {}
        written: set[str] = set()  # the words as written in the courses (not stemmed)
        skill_courses: dict[str, list[int]] = {}
        fields: dict[str, tuple[list[int], list[int], list[int], list[int]]] = {
            name: ([], [], [], []) for name in ("skill", "title", "subject", "text")
        }  # word ids, their courses, pair keys, their courses
        self._course_skills: list[tuple[str, ...]] = []
        words_in: dict[str, set[str]] = {}  # per teaching language, the words of its courses' titles
        for n, course in enumerate(courses):
            self._course_skills.append(tuple(dict.fromkeys(cached_normalise(s) for s in course.skills)))
            for skill in course.skills:
                phrase = cached_normalise(skill)
                skill_courses.setdefault(phrase, []).append(n)
                self._add(fields["skill"], phrase, n, written)
            self._add(fields["title"], cached_normalise(course.title), n, written)
            self._add(fields["subject"], cached_normalise(course.subject_area), n, written)
            text = " ".join([course.summary, *course.learning_outcomes, *(m for m, _ in course.modules)])
            self._add(fields["text"], _prepare(text), n, written)
            words_in.setdefault(language_code(course.language), set()).update(
                cached_normalise(course.title).split()
            )
        self._words = {name: _postings(f[0], f[1]) for name, f in fields.items()}
        self._pairs = {name: _postings(f[2], f[3]) for name, f in fields.items()}
        self._skill_phrase = {
            s: np.array(sorted(set(ids)), dtype=np.int32) for s, ids in skill_courses.items()
        }
        self._stemmed_skill = {" ".join(stem(w) for w in s.split()): s for s in skill_courses}
        subjects = {cached_normalise(c.subject_area) for c in courses}
        self._stemmed_subject = {" ".join(stem(w) for w in s.split()) for s in subjects if s}
        self.skill_names = sorted(skill_courses, key=lambda s: (-len(skill_courses[s]), s))
        self._known_words = set(self._ids) | {w for a in self.aliases for w in a.split()}
        self._known_words |= {stem(w) for w in list(self._known_words)}
        self._vocabulary = sorted(w for w in self._ids if len(w) > 2 and not w.isdigit())
        self._skill_vocabulary = sorted(
            {w for s in skill_courses for w in s.split()} | {w for a in self.aliases for w in a.split()}
        )
        self._indexed_skill_words = sorted({w for s in skill_courses for w in s.split()})
        # a skill word's letters in another order ("phyton", "pyhton"): keyed by first letter and the
        # letters sorted (a key two skill words share names neither)
        scrambled: dict[str, list[str]] = {}
        for word in self._skill_vocabulary:
            if len(word) >= SCRAMBLED_MIN and word.isalpha():
                scrambled.setdefault(word[0] + "".join(sorted(word)), []).append(word)
        self._scrambled = {key: words[0] for key, words in scrambled.items() if len(words) == 1}
        self._written_forms: dict[str, list[str]] = {}  # per stem, its forms as written
        for word in sorted(written):
            if len(word) >= TYPO_FORM_MIN and not word.isdigit():
                self._written_forms.setdefault(stem(word), []).append(word)
        self._skill_words = frozenset(self._indexed_skill_words) | {
            w for a in self.aliases for w in a.split() if len(w) >= 2 and w not in FILLER
        }
        self._ids_array = np.array(self._order, dtype=np.int64)
        self._hours = np.array([c.workload_hours for c in courses], dtype=np.int32)
        self._language_of = {c.id: language_code(c.language) for c in courses}
        english = words_in.pop("en", set())
        skill_words = {w for skill in skill_courses for w in skill.split()}
        # Words only the titles of courses taught in that language use ("gestion", "liderazgo"),
        # and its request words: a query written in them is in that language (`_query_language`)
        # (not a skill's name: "vba" in one German course is no German)
        self._own_words = {
            code: frozenset(
                w for w in words
                if len(w) > 2 and w not in english and w not in skill_words and not is_english_word(w)
            ) | request_words.get(code, frozenset())
            for code, words in {**{code: set() for code in request_words}, **words_in}.items()
        }  # fmt: skip
        self._skill_total = np.array([max(1, len(set(c.skills))) for c in courses], dtype=np.float32)
        self._display: dict[str, str] = {}
        self._cache: OrderedDict[int, SearchResult] = OrderedDict()
        self._known_skill_cache: dict[str, bool] = {}  # the index never changes: answers can be kept
        self._n = len(courses)
        is_english_word("course")  # load the word list here (a worker thread), not in a first search

    # --- public ---------------------------------------------------------------------------

    def get(self, course_id: int) -> CourseInfo | None:
        return self.courses.get(course_id)

    @property
    def terms(self) -> int:
        """Distinct words indexed."""
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        """Memory held by the inverted lists' numpy arrays."""
        lists = [*self._words.values(), *self._pairs.values()]
        return sum(p.nbytes for p in lists) + sum(a.nbytes for a in self._skill_phrase.values())

    def find_career(self, text: str) -> Career | None:
        """The career a message names ("i want to become a data analyst"), if any."""
        return self.careers.find(text)

    def search(self, query: str, limit: int | None = None) -> SearchResult:
        """Rank the courses for `query`; filters named in it are in `result.facets`. A query
        whose words find nothing may describe a situation a skill is for (`SkillProblems`)."""
        result = self._search_words(query, limit)
        if not result.ranked and not result.career and (head := _first_clause(query)) is not None:
            # "just got promoted to team lead, never managed anyone before": the rest is the story
            found = self._search_words(head, limit)
            if found.ranked:
                return replace(found, query=query, facets=result.facets)
        if result.ranked or result.career or not self.problems:
            return result
        _, rest = parse_filters(query)
        skill = self.problems.skill_for(rest)
        if skill is None or normalise(skill) not in self._skill_phrase:
            return result
        found = self._search_words(skill, limit)
        if not found.ranked:
            return result
        return replace(
            found, query=query, facets=result.facets, by_meaning=skill, understood=skill, related=()
        )

    def _search_words(self, query: str, limit: int | None = None) -> SearchResult:
        facets, rest = parse_filters(_mark_r(_without_pronoun_it(_selling_online(query))))
        rest = _wanted(_to_teach(self._without_whom(self._without_an_aside(rest))))
        shortest = bool(_SHORTEST.search(rest))  # "shortest project management course": a sort
        rest = _SHORTEST.sub(" ", rest)
        career = self._career_of(query, rest)
        if career is not None:
            return self._career_search(query, facets, career, rest)
        rest, audience = _audience(rest)
        concepts, not_found = self.concepts(rest)
        understood = ", ".join("R" if c.label == R_LANGUAGE else c.label for c in concepts)
        if audience:
            understood += f" (for {' '.join(audience)})"
        if shortest and concepts:
            understood += ", shortest first"
        result = SearchResult(query=query, understood=understood, facets=facets, courses=self.courses)
        result.not_found = tuple(not_found)
        if not concepts:
            if facets.active or shortest:  # only filters: every course, shortest first
                result.ranked, result.scores = self._everything
            else:
                result.suggestions = self.suggest_skills(query)
            return result
        known = [c for c in concepts if c.kind != "unknown"]
        if not known:
            result.suggestions = self.suggest_skills(query)
            return result
        either = _is_either(rest, concepts, self._named)
        score = self._either(concepts) if either else self._covering(concepts)
        if not either:
            self._head_named(concepts, score)
            self._as_phrase_typed(rest, score)
        if (implied := self._implied(concepts)) is not None:
            np.maximum(score, implied, out=score)
        part = None if either or bool(np.any(score >= MIN_SCORE)) else self._closest_part(concepts)
        if part is not None:  # no course covers it all: the courses covering its skills
            score = self._partial(*part)
        if audience:
            score = self._for_audience(score, audience, concepts)
        found = self._rank(result, score, either, limit, shortest)
        if facets.language is None and not shortest:
            self._prefer_language(result, self._query_language(query) or "en")
        if part is not None and len(found):
            covered, left = part
            result.covered = tuple(c.label for c in covered)
            missing = [c.label for c in left if not np.any(self._strength(c)[found[:PAGE_SIZE]] > 0)]
            result.left_out = tuple(missing or [c.label for c in left])
        if not result.ranked:
            result.suggestions = self.suggest_skills(query)
        elif facets.active and not result.filtered(facets):
            result.related = self._related(score, found, concepts)
        return result

    def _without_an_aside(self, text: str) -> str:
        """The query without the time the learner has each week, and without a clause about
        them after a topic the catalogue knows ("data analysis but i only have like 3 hrs a
        week" → "data analysis"; "my english is ok but i need it for business emails" is kept)."""
        text = _CAN_FIT_IN.sub(" ", _TIME_SPAN.sub(" ", _TIME_TO_SPARE.sub(" ", text)))
        cut = _ASIDE.sub(" ", text)
        if cut == text or not any(c.kind in ("skill", "phrase") for c in self.concepts(cut)[0]):
            return text
        return cut

    def _without_whom(self, text: str) -> str:
        """The query without "for my little bakery", "for my 17 y/o": whose the course is for,
        in words no course uses (a family member, an age, the learner's own business), is not
        the topic. "for my small business", "for my nursing team" keep the words a course uses."""

        def whose(found: re.Match[str]) -> str:
            words = normalise(found.group(1)).split()
            unknown = [w for w in words if not (w in FILLER or w in _WHOSE or len(w) <= 2 or w.isdigit())]
            if any(w in self._known_words or stem(w) in self._known_words for w in unknown):
                return found.group(0)
            return found.group("end")

        cut = _FOR_WHOM.sub(whose, text)
        return cut if any(w not in FILLER for w in normalise(cut).split()) else text

    def _head_named(self, concepts: list[Concept], score: Floats) -> None:
        """ "photography for social media": what comes before "for" is the topic, what follows is
        what it is for. A course on the second that mentions the first only in its text is no
        course on the topic: such courses are not matches (when none is left, the topic's
        courses are shown, and the use said to be left out: `_closest_part`)."""
        head = [c for c in concepts if not c.after_for and c.kind in ("skill", "phrase")]
        if not head or not any(c.after_for for c in concepts) or not all(self._named(c) for c in head):
            return
        for concept in head:
            score[self._strength(concept) <= np.float32(TEXT)] = 0

    def _as_phrase_typed(self, rest: str, score: Floats) -> None:
        """ "marketing analytics": a course using the learner's words together, as typed (a
        module "Marketing analytics and attribution"), covers the query better than one on
        each word apart (an analytics course that markets nothing): it ranks with the best."""
        typed = tuple(stem(w) for w in normalise(rest).split() if w not in FILLER)
        if not 2 <= len(typed) <= MAX_PHRASE:
            return
        together = self._together(typed) > 0
        if together.any() and score.max() > 0:
            lifted = np.float32(score.max() + AS_PHRASE_BONUS)
            score[together & (score > 0)] = lifted

    def _related(self, score: Floats, found: Positions, concepts: list[Concept]) -> tuple[int, ...]:
        """Courses near the topic that are not matches: those sharing a specific skill with the
        best matches, most shared first. (Courses that only mention the topic are not near it:
        the carbon accounting of a climate course is no cheaper accounting course.)"""
        general = GENERAL_SHARE * self._n
        skills = {
            s for n in found[:RELATED_FROM].tolist() for s in self._course_skills[n]
            if len(self._skill_phrase[s]) < general
        }  # fmt: skip
        shared = np.zeros(self._n, dtype=np.float32)
        for skill in skills:
            shared[self._skill_phrase[skill]] += 1
        shared[score > 0] = 0  # matches (shown already, or too weak: not "related")
        sharing = np.flatnonzero(shared >= RELATED_MIN_SHARED)
        sharing = sharing[np.argsort(-shared[sharing], kind="stable")]
        # first the courses on a skill asked for, or with it in their title, that the relative
        # cut left out (JavaScript courses for "web development", where only one course uses
        # those words; "Leadership et management d'équipe" for "management in french"): the nearest
        exact = np.zeros(self._n, dtype=bool)
        for concept in concepts:
            exact |= self._strength(concept) >= np.float32(SKILL_EXACT)
        below = np.flatnonzero((exact | (score >= np.float32(TITLE))) & (score >= MIN_SCORE))
        below = below[~np.isin(below, found)]
        below = below[np.argsort(-score[below], kind="stable")]
        near = np.concatenate([below, sharing])[:RELATED_KEPT]
        return tuple(self._ids_array[near].tolist())

    def _rank(
        self, result: SearchResult, score: Floats, either: bool, limit: int | None, shortest: bool = False
    ) -> Positions:
        """Courses above the floors into `result`, best first (the shortest first when asked
        for: every course shown is a match); returns their positions."""
        found = np.flatnonzero(score >= MIN_SCORE)
        if len(found):
            best = float(score[found].max())
            if not either:
                found = found[score[found] >= RELATIVE_CUT * best]
            keep = limit or RESULTS_KEPT
            if len(found) > keep:  # only the best `keep` need ordering
                found = found[np.argpartition(-score[found], keep - 1)[:keep]]
            if shortest:
                order = np.lexsort((found, -score[found].round(4), self._hours[found]))
            else:
                order = np.lexsort((found, self._hours[found], -score[found].round(4)))
            found = found[order]
            result.ranked = tuple(self._ids_array[found].tolist())
            result.scores = tuple(score[found].round(4).tolist())
        return found

    def _query_language(self, query: str) -> str | None:
        """The teaching language a query is written in, when its words are those only courses
        taught in one language use ("gestión de equipos": Spanish); `None` for English or unclear."""
        words = set(normalise(query).split())
        counts = {code: len(words & own) for code, own in self._own_words.items()}
        best = max(counts.values(), default=0)
        if best == 0 or list(counts.values()).count(best) > 1:
            return None
        return max(counts, key=lambda code: counts[code])

    def _prefer_language(self, result: SearchResult, language: str) -> None:
        """The matches taught in the query's own language first, each group in its order: a
        learner writing Spanish most likely wants the Spanish course (the others still follow).
        In English (or unclear), only among courses that score the same."""
        order = sorted(
            range(len(result.ranked)),
            key=lambda i: (
                0.0 if language != "en" else -result.scores[i],
                self._language_of[result.ranked[i]] != language,
            ),
        )
        result.ranked = tuple(result.ranked[i] for i in order)
        result.scores = tuple(result.scores[i] for i in order)

    def _implied(self, concepts: list[Concept]) -> Floats | None:
        """A word or phrase no skill, title or subject names, only course texts ("public
        health" in two infant-health courses): the skills those courses share mean it too,
        and their other courses are shown after the ones using the words."""
        if len(concepts) != 1 or concepts[0].kind not in ("word", "phrase"):
            return None
        strength = self._strength(concepts[0])
        users = np.flatnonzero(strength)
        if not 0 < len(users) <= VERIFY_MAX or strength[users].max() > np.float32(TEXT):
            return None
        votes = Counter(s for n in users.tolist() for s in self._course_skills[n])
        general = GENERAL_SHARE * self._n
        agree = max(IMPLIED_AGREE, (len(users) + 1) // 2)
        shared = [s for s, k in votes.items() if k >= agree and len(self._skill_phrase[s]) < general]
        implied = np.zeros(self._n, dtype=np.float32)
        for skill in shared:
            implied[self._skill_phrase[skill]] = np.float32(IMPLIED)
        return implied

    def _closest_part(self, concepts: list[Concept]) -> tuple[list[Concept], list[Concept]] | None:
        """When no course covers the whole query, the part worth showing courses for: its
        specific skills and phrases that name some course's skills, title or subject (not
        only its text: "project management" of "project management office"), the rest left
        out. None when there is no such part, or when what would be left out is an unknown
        word that changes the meaning ("yoga teaching", "healthcare management", "coding for
        kids"): then nothing is shown. A workplace before a specific skill ("construction
        project management") is where it is used: the skill's courses are shown."""
        general = GENERAL_SHARE * self._n
        context = all(c.alone and not c.qualifies for c in concepts if c.kind not in ("skill", "phrase"))
        covered = [
            c
            for c in concepts
            if c.kind in ("skill", "phrase")
            and (c.df < general or (context and c.kind == "skill"))
            and self._named(c)
        ]  # a common skill too ("leadership") when the rest is words no course uses ("cabin crew")
        left = [c for c in concepts if all(c is not k for k in covered)]
        used_for = [c for c in covered if c.after_for]
        if not left and used_for and len(used_for) < len(covered):
            # "python for finance": both known, no course on both: the topic's courses
            left, covered = used_for, [c for c in covered if not c.after_for]
        if not covered or not left or any(self._changes_the_topic(c) for c in left):
            return None
        return covered, left

    @staticmethod
    def _changes_the_topic(concept: Concept) -> bool:
        """Whether a word the catalogue never uses, left out, changes what the rest means: a kind
        of it ("healthcare management", "yoga teaching") or whom it is made for ("coding for
        kids"), not a workplace, nor what the topic is used for ("r for ecology data")."""
        if not concept.qualifies or concept.label in WORKPLACES:
            return False
        return not concept.after_for or concept.label in MADE_FOR

    def _named(self, concept: Concept) -> bool:
        """Whether some course is named by the concept (a skill, its title or subject), not
        only mentions it in its text."""
        return bool(self._strength(concept).max(initial=0) > np.float32(TEXT))

    def _partial(self, covered: list[Concept], left: list[Concept]) -> Floats:
        """How well each course covers the `covered` part; among those, the ones that also
        match something left out come first, and alone when some do."""
        score = self._covering(covered)
        matched = score > 0
        known = [c for c in left if c.kind != "unknown"]
        total = sum(c.weight for c in known)
        for concept in known:
            also = (self._strength(concept) > 0) & matched
            score += np.float32(PARTIAL_ALSO * concept.weight / total) * also
        return score

    def _covering(self, concepts: list[Concept]) -> Floats:
        """How much of the query each course covers, weighted by rarity: a course missing
        part of the query drops fast ("R programming", "healthcare management")."""
        total = sum(c.weight for c in concepts)
        score = np.zeros(self._n, dtype=np.float32)
        coverage = np.zeros(self._n, dtype=np.float32)
        for concept in concepts:
            if concept.kind == "unknown":
                continue
            strength = self._strength(concept)
            score += np.float32(concept.weight / total) * strength
            coverage += np.float32(concept.weight / total) * (strength > 0)
        return score * coverage

    def _for_audience(self, score: Floats, audience: list[str], concepts: list[Concept]) -> Floats:
        """ "leadership for managers": courses naming the audience rank first; a course that
        neither names it nor is about the topic (only mentions it in its text: "law for
        managers" and a course with one module on equality law) is not shown."""
        named = self._qualifier(audience)
        about = np.zeros(self._n, dtype=bool)
        for concept in concepts:
            if concept.kind != "unknown":
                about |= self._strength(concept) > np.float32(TEXT)
        score = score + np.float32(QUALIFIER) * named * (score > 0)
        other = self._other_sector(audience)
        if other is not None:  # "leadership for nurses": not a course made for schools
            score = score * np.where(other & (named == 0), np.float32(OTHER_SECTOR), np.float32(1))
        return np.where(about | (named > 0), score, np.float32(0)).astype(np.float32)

    def _other_sector(self, audience: list[str]) -> npt.NDArray[np.bool_] | None:
        """Courses whose title names a sector other than the audience's ("Effective School
        Leadership" for nurses), or `None` when the audience names no sector."""
        asked = {sector for sector, words in SECTORS.items() if words & set(audience)}
        if not asked:
            return None
        other = np.zeros(self._n, dtype=bool)
        for sector, words in SECTORS.items():
            if sector in asked:
                continue
            for word in words:
                other |= self._strength_of((stem(word),), "word") >= np.float32(TITLE)
        return other

    def _qualifier(self, audience: list[str]) -> Floats:
        """1 for courses whose title, skills or subject name the audience ("for managers"), else 0."""
        named = np.zeros(self._n, dtype=np.float32)
        for word in (w for w in audience if w in AUDIENCES):
            strength = self._strength_of((stem(word),), "word")
            np.maximum(named, (strength > TEXT).astype(np.float32), out=named)
        if NEW_TO_IT & set(audience) and named.any():
            # "for new managers": courses for the newly promoted, first-time ones first
            first_time = tuple(stem(w) for w in ("first", "time"))
            new = self._together(first_time) + self._strength_of((stem("newly"),), "word")
            named += np.float32(NEWCOMER) * (named > 0) * (new > 0)
        return named

    def _either(self, concepts: list[Concept]) -> Floats:
        """Skills asked for together ("python and sql", "excel, power bi"): a course on any
        of them is shown, those on more of them first."""
        total = sum(c.weight for c in concepts)
        best = np.zeros(self._n, dtype=np.float32)
        coverage = np.zeros(self._n, dtype=np.float32)
        for concept in concepts:
            strength = self._strength(concept)
            top = strength.max(initial=0)  # each part's best courses alike: page 1 shows both
            np.maximum(best, strength / top if top > 0 else strength, out=best)
            coverage += np.float32(concept.weight / total) * (strength > 0)
        coverage += np.float32(1)
        coverage *= np.float32(0.5)
        best *= coverage
        return best

    def remember(self, search_id: int, result: SearchResult) -> None:
        """Keep a search's ranked ids so its buttons page and filter without searching again."""
        self._cache[search_id] = result
        self._cache.move_to_end(search_id)
        while len(self._cache) > CACHE_SEARCHES:
            self._cache.popitem(last=False)

    def recall(self, search_id: int) -> SearchResult | None:
        """A remembered search (None after a restart or a rebuilt index: search again)."""
        return self._cache.get(search_id)

    def understand(self, query: str) -> str:
        """The query's topic as the index reads it: filters gone, typos corrected, aliases expanded."""
        _, rest = parse_filters(_mark_r(query))
        return ", ".join(c.label for c in self.concepts(rest)[0])

    def topic_of(self, course_id: int) -> str:
        """What to search for more courses like this one: its subject when the catalogue knows it
        as a skill, else a known skill its subject names ("digital photography" → "photography"),
        else a known skill of it, else its first skill ("" if it has none)."""
        course = self.get(course_id)
        if course is None:
            return ""
        named = [s for s in course.skills if s in course.subject_area]
        topics = [t for t in (course.subject_area, *named, *course.skills) if t]
        return next((t for t in topics if self.is_known_skill(t)), course.skills[0] if course.skills else "")

    def says_a_need(self, text: str) -> bool:
        """Whether `text` says what a career stands for ("start my own * business") or a
        situation a skill's courses are for ("every project we run ends up late")."""
        if self.careers.by_goal(text) is not None:
            return True
        if self._wish_names_a_topic(text):
            return True
        return self.problems.skill_for(parse_filters(text)[1]) is not None

    def _wish_names_a_topic(self, text: str) -> bool:
        """ "i want to understand contracts before i sign another one", "no clue how online
        shops work": a wish to learn or do something whose words the catalogue uses as a skill
        or a phrase."""
        wish = WISH_TO_LEARN.search(text)
        if wish is None:
            return False
        clause = _WISH_END.split(text[wish.end() :], maxsplit=1)[0]
        if _ASKING_TO_KNOW.match(clause):
            return False  # "i would like to know the typical fees": a question
        concepts, _ = self.concepts(clause)
        return any(c.kind != "unknown" for c in concepts)

    def is_known_skill(self, text: str) -> bool:
        """Whether a short message is plainly a skill ("pyhton", "ML", "data viz", "Go"), or a
        job title the catalogue has skills for ("data analyst")."""
        known = self._known_skill_cache.get(text)
        if known is None:
            if len(self._known_skill_cache) >= KNOWN_SKILL_CACHE:
                self._known_skill_cache.clear()
            known = self._known_skill_cache[text] = self.known_skill_uncached(text)
        return known

    def known_skill_uncached(self, text: str) -> bool:
        """`is_known_skill` worked out afresh (the benchmark times a learner's first message)."""
        facets, rest = parse_filters(_mark_r(text))
        if normalise(text) and normalise(text) in self.careers._by_name:
            return True
        concepts, not_found = self.concepts(rest)
        words = sum(len(c.words) for c in concepts)
        return (
            bool(concepts)
            and not not_found
            and words <= MAX_SKILL_QUERY_WORDS
            and all(c.kind == "skill" for c in concepts)
        )

    def suggest_skills(self, query: str, limit: int = 3) -> list[str]:
        """The skills closest to `query`, by meaning (skills of courses whose text uses its
        words) and by spelling; the most common skills when nothing is close. Shown as the
        catalogue writes them ("GIS", "SEO", "Power BI")."""
        _, rest = parse_filters(_mark_r(query))
        words = [w for w in normalise(_TIME_TO_SPARE.sub(" ", rest)).split() if w not in FILLER]
        votes: Counter[str] = Counter()
        for name in [" ".join(words), *words]:
            career = self.careers.by_name(name)
            for rank, skill in enumerate(career.skills if career else ()):
                if normalise(skill) in self._skill_phrase:
                    votes[normalise(skill)] += 10 - rank
        for word in words:
            word_id = self._ids.get(stem(word))
            if word_id is None:
                continue
            courses = np.union1d(self._words["text"].get(word_id), self._words["title"].get(word_id))
            for n in courses[:50].tolist():
                votes.update(self._course_skills[n])
        for word in [" ".join(words), *words]:
            if len(word) < 3:
                continue
            for name, score, _ in process.extract(word, self.skill_names, scorer=fuzz.ratio, limit=3):
                if score >= 70:
                    votes[str(name)] += 3
        chosen = [s for s, _ in votes.most_common()][:limit]
        for skill in self.skill_names:
            if len(chosen) >= limit:
                break
            if skill not in chosen:
                chosen.append(skill)
        return [self.display(s) for s in chosen]

    def display(self, skill: str) -> str:
        """A skill as the catalogue writes it in titles and text ("GIS", "Power BI", "Python");
        otherwise with a capital first letter ("Project management")."""
        skill = normalise(skill)
        if skill in self._display:
            return self._display[skill]
        pattern = re.compile(
            r"(?<!\w)" + r"\W+".join(map(re.escape, skill.split())) + r"(?!\w)", re.IGNORECASE
        )
        forms: Counter[str] = Counter()
        for n in self._skill_phrase.get(skill, EMPTY)[:40].tolist():
            course = self.courses[self._order[n]]
            for text in (course.title, course.summary, *course.learning_outcomes):
                forms.update(m.group(0) for m in pattern.finditer(text))
        cased = [f for f, _ in forms.most_common() if f != f.lower()]
        shown = (
            cased[0]
            if cased and (cased[0].isupper() or cased[0][0].isupper())
            else skill[:1].upper() + skill[1:]
        )
        if cased and cased[0].isupper() and len(cased[0]) > 5:
            shown = skill[:1].upper() + skill[1:]  # a shouted title word, not an acronym
        self._display[skill] = shown
        return shown

    @cached_property
    def _everything(self) -> tuple[tuple[int, ...], tuple[float, ...]]:
        """Every course, shortest first (what a query of filters alone lists)."""
        ranked = sorted(self._order, key=lambda i: (self.courses[i].workload_hours, self.courses[i].title, i))
        return tuple(ranked), (1.0,) * len(ranked)

    # --- understanding the query ----------------------------------------------------------

    def concepts(self, text: str) -> tuple[list[Concept], list[str]]:
        """The query cut into concepts, and the words the catalogue never uses."""
        plain = normalise(_mark_r(_GO_VERB.sub(r"\g<before>", text)))
        words = self._split_joined(self._joined(plain.split()))
        words = self._skill_typos([w if w in FILLER else self._correct(w) for w in words])
        words = self._one_subject_with_and(words)
        items = self._expand_aliases(words)
        concepts: list[Concept] = []
        not_found: list[str] = []
        chunk: list[Concept] = []  # concepts between two filler words
        run: list[str] = []
        after = ""  # the filler word before the chunk
        for item in [*items, None]:
            if item is None or item[0] == "skill" or item[1] in FILLER:
                chunk += self._segment(run, not_found)
                run = []
                if item is not None and item[0] == "skill":
                    concept = self._concept(tuple(stem(w) for w in item[1].split()), item[1])
                    chunk.append(self._as_typed(concept, item[2]))
                if item is None or item[0] != "skill":
                    concepts += _mark_qualifiers(_weigh_alone(self._bind_modifiers(chunk)), after)
                    if chunk or after != "for":  # "for the kids": "for" still leads "kids"
                        after = item[1] if item is not None else ""
                    chunk = []
            else:
                run.append(item[1])
        unique: dict[tuple[str, ...], Concept] = {}
        for concept in concepts:
            kept = unique.setdefault(concept.words, concept)
            if kept is not concept and kept.strength is not None and concept.strength is not None:
                # "excel pivot tables": the skill twice, once by its alias, whose courses using
                # the learner's own words come first (`_as_typed`)
                unique[concept.words] = replace(kept, strength=np.maximum(kept.strength, concept.strength))
        concepts = [
            c
            for c in unique.values()
            if not any(len(o.words) > len(c.words) and set(c.words) <= set(o.words) for o in unique.values())
        ]  # "public public speaking": one concept
        not_found = [w.replace(_AND_JOINED, " and ") for w in not_found]
        concepts = [replace(c, label=c.label.replace(_AND_JOINED, " and ")) for c in concepts]
        for at, concept in enumerate(concepts if len(concepts) <= LANGUAGE_TOPIC_CONCEPTS else ()):
            if concept.kind == "word" and concept.words[0] in LANGUAGE_NAMES:
                # "spanish", "Englisch lernen", "business english": learning the language, which
                # the catalogue does not teach ("courses in spanish" is a filter, read before; in
                # a longer message, "my english is ok but…", the language is not the topic)
                concepts[at] = replace(concept, kind="unknown")
                not_found.append(concept.label)
        return concepts, not_found

    def _as_typed(self, concept: Concept, typed: str) -> Concept:
        """A skill asked for by another name ("postgres" for SQL, "sales" for negotiation):
        among the skill's courses, those whose title or text use the learner's own word come
        first, and alone on page 1 when they are good matches of the skill."""
        words = tuple(stem(w) for w in typed.split())
        if concept.strength is None or words == concept.words or not any(w in self._ids for w in words):
            return concept
        named = self._together(words) if len(words) > 1 else self._strength_of(words, "word")
        strength = concept.strength.copy()
        if len(words) > 1 and not np.any((named > 0) & (strength > 0)):
            # no course uses the name whole ("classroom management" for teaching): those
            # with one of its specific words in their title ("Inclusive Classrooms") come first
            for word in words:
                used = self._strength_of((word,), "word")
                if np.count_nonzero(used) < GENERAL_SHARE * self._n:  # (not "skills", "development")
                    named = np.maximum(named, (used >= np.float32(TITLE)).astype(np.float32))
        strength[(named > 0) & (strength > 0)] += np.float32(AS_TYPED_BONUS)
        return replace(concept, strength=strength)

    def _bind_modifiers(self, chunk: list[Concept]) -> list[Concept]:
        """A word right before a common, general concept names a kind of it ("event
        management", "customer service", "video editing"): the two count only together, as
        a phrase the catalogue uses, so a course about management in general, or one that
        mentions events elsewhere, does not match. Without such a phrase, nothing matches."""
        out: list[Concept] = []
        i = 0
        while i < len(chunk):
            first, second = chunk[i], chunk[i + 1] if i + 1 < len(chunk) else None
            if (
                second is not None
                and first.kind == "word"
                and second.kind != "unknown"
                and second.df >= GENERAL_SHARE * self._n
                and len(first.words) + len(second.words) <= MAX_PHRASE
            ):
                words = first.words + second.words
                strength = self._together(words)
                df = int(np.count_nonzero(strength))
                if 0 < df <= VERIFY_MAX:
                    df = self._phrase_as_written(strength, f"{first.label} {second.label}")
                if df:
                    weight = math.log(1 + self._n / (df + 0.5))
                    label = f"{first.label} {second.label}"
                    out.append(Concept(words, "phrase", weight, label, strength, df))
                    i += 2
                    continue
                # No such phrase: the word still counts, but only where a course is named or
                # described by it (skills, title, subject), not in passing in its text.
                strength = first.strength.copy() if first.strength is not None else self._strength(first)
                strength[strength <= TEXT] = 0
                df = int(np.count_nonzero(strength))
                kind: Kind = "word" if df else "unknown"
                out.append(replace(first, kind=kind, weight=math.log(1 + self._n / (df + 0.5)),
                                   strength=strength, df=df))  # fmt: skip
                i += 1
            else:
                out.append(first)
                i += 1
        return out

    def _together(self, words: tuple[str, ...]) -> Floats:
        """Where the words occur next to each other, by field."""
        strength = np.zeros(self._n, dtype=np.float32)
        ids = [self._ids.get(w) for w in words]
        if None in ids:
            return strength
        keys = [pair_key(a, b) for a, b in zip(ids, ids[1:], strict=False)]  # type: ignore[arg-type]
        for name, value in (("text", TEXT), ("subject", SUBJECT), ("title", TITLE), ("skill", SKILL_PART)):
            _raise(strength, intersect([self._pairs[name].get(k) for k in keys]), value)
        return strength

    def _segment(self, run: list[str], not_found: list[str]) -> list[Concept]:
        """Longest skills or catalogue phrases first, then single words."""
        out: list[Concept] = []
        stems = [stem(w) for w in run]
        i = 0
        while i < len(stems):
            for size in range(min(MAX_PHRASE, len(stems) - i), 0, -1):
                words = tuple(stems[i : i + size])
                if size == 1 or " ".join(words) in self._stemmed_skill or self._is_phrase(words):
                    concept = self._concept(words, " ".join(run[i : i + size]))
                    if concept.kind == "unknown":
                        not_found.append(run[i])
                    out.append(concept)
                    i += size
                    break
        return out

    def _is_phrase(self, words: tuple[str, ...]) -> bool:
        ids = [self._ids.get(w) for w in words]
        if None in ids:
            return False
        keys = [pair_key(a, b) for a, b in zip(ids, ids[1:], strict=False)]  # type: ignore[arg-type]
        return any(
            len(intersect([self._pairs[f].get(k) for k in keys])) > 0
            for f in ("skill", "title", "subject", "text")
        )

    def _concept(self, words: tuple[str, ...], label: str) -> Concept:
        phrase = " ".join(words)
        kind: Kind = "skill" if phrase in self._stemmed_skill else "phrase" if len(words) > 1 else "word"
        if kind == "word" and words[0] in self._stemmed_subject:
            kind = "skill"
        if kind == "skill":
            label = self._stemmed_skill.get(phrase, label)
        strength = self._strength_of(words, kind)
        df = int(np.count_nonzero(strength))
        if kind == "word" and 0 < df <= VERIFY_MAX and " " not in label:
            df = self._only_as_written(strength, label)
        elif len(words) > 1 and 0 < df <= VERIFY_MAX:
            df = self._phrase_as_written(strength, label)
        if df == 0:
            kind = "unknown"
        weight = math.log(1 + self._n / (df + 0.5))
        return Concept(words, kind, weight, label, strength, df)

    def _only_as_written(self, strength: Floats, word: str) -> int:
        """A word that no skill, title or subject uses counts in a course's text only as
        written (or in the plural), not as a relative: "investing" is not the "investment"
        of a finance course, nor "driving" the "drive decisions" of a data course. Returns
        how many courses still match."""
        in_text = np.flatnonzero(strength)
        if strength[in_text].max() > np.float32(TEXT):
            return len(in_text)
        base = re.escape(_plural_stem(word))
        written = re.compile(rf"(?<![\w#+]){base}(?:s|es)?(?![\w#+])")
        for n in in_text.tolist():
            course = self.courses[self._order[n]]
            text = " ".join([course.summary, *course.learning_outcomes, *(m for m, _ in course.modules)])
            if not written.search(_fold(text)):
                strength[n] = 0
        return int(np.count_nonzero(strength[in_text]))

    def _phrase_as_written(self, strength: Floats, phrase: str) -> int:
        """A phrase ("time management") matches a course where it is written so (or in the
        plural), less where its words are near each other in another form ("manage your own
        time"), not where another phrase shares its stems ("First-Time Manager": "time" is
        part of "first-time"); a course having it as a skill always matches. When no course
        has it either way, the stems decide. Returns how many courses still match."""
        matched = np.flatnonzero(strength).tolist()
        words = normalise(phrase).split()
        if not matched or len(words) < 2:
            return len(matched)
        keep: dict[int, float] = {}
        for n in matched:
            if strength[n] >= np.float32(SKILL_EXACT):
                keep[n] = 1.0
            elif found := _written_in(words, self._course_tokens(n)):
                keep[n] = found
        if not keep:
            return len(matched)
        for n in matched:
            strength[n] *= np.float32(keep.get(n, 0.0))
        return len(keep)

    def _course_tokens(self, n: int) -> list[str]:
        """A course's words in order, a hyphenated compound ("first-time") one word."""
        course = self.courses[self._order[n]]
        text = " ; ".join([
            course.title, *course.skills, course.subject_area, course.summary,
            *course.learning_outcomes, *(m for m, _ in course.modules),
        ])  # fmt: skip
        return [_WORDS.get(w, w) for w in _TOKENS.findall(_fold(text))]

    def _strength(self, concept: Concept) -> Floats:
        if concept.strength is not None:
            return concept.strength
        return self._strength_of(concept.words, concept.kind)

    def _strength_of(self, words: tuple[str, ...], kind: Kind) -> Floats:
        strength = np.zeros(self._n, dtype=np.float32)
        ids = [self._ids.get(w) for w in words]
        if None in ids:
            return strength
        word_ids = [int(i) for i in ids if i is not None]
        named: dict[str, Ids] = {}  # courses whose title / subject name the concept
        for name, value in (("text", TEXT), ("subject", SUBJECT), ("title", TITLE), ("skill", SKILL_PART)):
            lists = [self._words[name].get(i) for i in word_ids]
            together = intersect(lists)
            if len(word_ids) > 1 and len(together):
                keys = [pair_key(a, b) for a, b in zip(word_ids, word_ids[1:], strict=False)]
                phrase = intersect([self._pairs[name].get(k) for k in keys])
                _raise(strength, together, value * LOOSE)
                _raise(strength, phrase, value)
                named[name] = phrase
            else:
                _raise(strength, together, value)
                named[name] = together
        exact = self._skill_phrase.get(self._stemmed_skill.get(" ".join(words), ""), EMPTY)
        _raise(strength, exact, SKILL_EXACT)
        if len(exact):
            strength[exact] += FOCUS / self._skill_total[exact]
        for name, bonus in (("title", TITLE_BONUS), ("subject", SUBJECT_BONUS)):
            _add_if_skill(strength, named.get(name, EMPTY), bonus)
        return strength

    def _career_of(self, query: str, rest: str) -> Career | None:
        core = " ".join(w for w in normalise(rest).split() if w not in FILLER)
        career = self.careers.find(rest) or self.careers.find(query) or self.careers.named(core)
        if career is None and (goal := self.careers.by_goal(rest)) is not None:
            # "how can i start my own cafe", "going back to work after years at home": what the
            # learner wants to do names the career, whatever else they say
            return goal
        if career is None and (goal := self.careers.by_goal(query)) is not None and not any(
            c.kind == "skill" for c in self.concepts(rest)[0]
        ):
            # "going back to work after having kids, need to update my skills": the goal said
            # as the situation, and the rest names no skill
            return goal
        if career is None and core == "it":  # "IT" alone: the field, by its career's skills
            career = self.careers.by_name(core)
        if career is None and len(core.split()) > 1 and (field := self.careers.by_name(core)):
            # A field a career is known by ("data science") that the catalogue has no phrase
            # or skill for: its words alone would match by accident, the career's skills do not.
            concepts, _ = self.concepts(core)
            if len(concepts) > 1 and all(len(c.words) == 1 for c in concepts):
                career = field
        if career is None:
            return None
        name = self.careers.name_in(career, rest) or ""
        # "move from driving trams to an office job", "i'm a postwoman and want a desk job": the
        # job they come from is where they stand, not a topic of the search.
        said = _CURRENT_JOB.sub(" ", normalise(rest))
        left = said.replace(name, " ").split() if name else said.split()
        own_words = {w for other in career.names for w in other.split()}
        rest_words = [
            w for w in left
            if w not in FILLER and w not in JOB_WORDS and w not in own_words and not _AGE.fullmatch(w)
        ]  # fmt: skip
        concepts = self.concepts(" ".join(rest_words))[0] if rest_words else []
        named = {normalise(c.label) for c in concepts if c.kind == "skill"}
        if named - {normalise(s) for s in career.skills}:
            return None  # "python for data analysts": a topic, not a career change
        # (a skill the career needs is part of it: "leadership course for someone just promoted
        # to shift lead", "just made team lead, no idea how to manage people")
        # (other words are the learner's own: "need smth to get hired as junior developer")
        return career

    def _career_search(self, query: str, facets: Facets, career: Career, rest: str = "") -> SearchResult:
        skills = [normalise(s) for s in career.skills if normalise(s) in self._skill_phrase]
        result = SearchResult(
            query=query, understood=", ".join(skills), facets=facets, courses=self.courses,
            career=career.name, career_skills=tuple(skills),
        )  # fmt: skip
        score = np.zeros(self._n, dtype=np.float32)
        for rank, skill in enumerate(skills):
            courses = self._skill_phrase[skill]
            score[courses] += 1.0 - CAREER_STEP * rank  # more of the career's skills: higher
        self._as_phrase_typed(rest, score)  # "first time manager": the First-Time Manager courses first
        found = np.flatnonzero(score > 0)
        order = np.lexsort((found, -score[found]))[:RESULTS_KEPT]
        result.ranked = tuple(self._ids_array[found[order]].tolist())
        result.scores = tuple(score[found[order]].round(4).tolist())
        if facets.language is None:
            self._prefer_language(result, self._query_language(query) or "en")
        if not result.ranked:
            result.suggestions = self.suggest_skills(query)
        return result

    def _expand_aliases(self, words: list[str]) -> list[tuple[str, str, str]]:
        """("skill", canonical skill, as typed) for aliases and skills named in full, ("word", w,
        w) otherwise."""
        out: list[tuple[str, str, str]] = []
        i = 0
        while i < len(words):
            for size in range(min(self._max_alias, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + size])
                stemmed = " ".join(stem(w) for w in words[i : i + size])
                if stemmed in self._stemmed_skill and (size > 1 or phrase not in FILLER):
                    out.append(("skill", self._stemmed_skill[stemmed], phrase))
                    i += size
                    break
                if phrase in self.aliases and (size > 1 or phrase not in FILLER):
                    if self._heads_a_compound(words, i + size):
                        continue  # "security guard", "security licence": not cybersecurity
                    out.append(("skill", self.aliases[phrase], phrase))
                    i += size
                    break
            else:
                out.append(("word", words[i], words[i]))
                i += 1
        return out

    def _skill_typos(self, words: list[str]) -> list[str]:
        """A slip that happens to be a word the catalogue uses somewhere ("projet" in a French
        summary) is still a typo when fixing it makes the two-word skill next to it
        ("projet management" → project management)."""
        words = list(words)
        for i in range(len(words) - 1):
            pair = words[i : i + 2]
            if any(w in FILLER for w in pair) or self._skill_or_alias(pair):
                continue
            for j in (i, i + 1):
                if len(words[j]) < 4:
                    continue
                # a real English word only for a one-letter slip in a long word ("machine
                # leaning" → machine learning), where the pair means nothing as typed
                english = is_english_word(words[j])
                if english and not self._known_phrase(pair):
                    # two letters swapped ("supply chian"): a swap that happens to spell a rare
                    # word is still the commonest slip on a phone, when the pair it makes is one
                    # the catalogue uses together
                    swapped = self._swap_making_a_phrase(pair, j - i)
                    if swapped is not None:
                        words[j] = swapped
                        continue
                if english and (len(words[j]) < 7 or self._known_phrase(pair)):
                    continue
                for found, _, _ in process.extract(
                    words[j], self._indexed_skill_words, scorer=OSA.normalized_similarity,
                    score_cutoff=ENGLISH_SLIP if english else TYPO_SIMILARITY, limit=3,
                ):  # fmt: skip
                    trial = [*pair]
                    trial[j - i] = str(found)
                    if found != words[j] and self._skill_or_alias(trial):
                        words[j] = str(found)
                        break
        return words

    def _swap_making_a_phrase(self, pair: list[str], at: int) -> str | None:
        """`pair[at]` with two neighbouring letters swapped, where that makes a word the
        catalogue knows and a pair some course uses together ("chian" → "chain")."""
        word = pair[at]
        for k in range(len(word) - 1):
            fixed = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
            if fixed == word or fixed in FILLER or fixed not in self._known_words:
                continue
            if not is_english_word(fixed):
                continue  # a word's stem ("farm" → "fram", as of "frame"): no slip spells a real word
            trial = [*pair]
            trial[at] = fixed
            if self._known_phrase(trial) or self._skill_or_alias(trial):
                return fixed
        return None

    def _joined(self, words: list[str]) -> list[str]:
        """Two words that are one skill written apart ("java script", "power point"): joined,
        unless the two are a skill or alias as they are."""
        out: list[str] = []
        for word in words:
            pair = [out[-1], word] if out else []
            plain = bool(pair) and not any(w in FILLER for w in pair) and not self._skill_or_alias(pair)
            if plain and self._skill_or_alias(["".join(pair)]):
                out[-1] = "".join(pair)
                continue
            out.append(word)
        return out

    def _split_joined(self, words: list[str]) -> list[str]:
        """A skill written as one word ("socialmedia", "webdev", "uxui"): split where the two
        parts are a skill or alias, or each one is, and the word itself is no word the
        catalogue or English has ("fintech" stays whole)."""
        out: list[str] = []
        for word in words:
            split = None
            unknown = word not in FILLER and word not in self._known_words and not is_english_word(word)
            if len(word) >= SPLIT_MIN and unknown:
                split = next(
                    (
                        [word[:i], word[i:]]
                        for i in range(2, len(word) - 1)
                        if word[:i] in self._skill_words
                        and word[i:] in self._skill_words
                        and (
                            self._skill_or_alias([word[:i], word[i:]])
                            or (self._skill_or_alias([word[:i]]) and self._skill_or_alias([word[i:]]))
                        )
                    ),
                    None,
                )
            out.extend(split or [word])
        return out

    def _known_phrase(self, words: list[str]) -> bool:
        """Whether some course uses these words together, as written."""
        return bool(self._together(tuple(stem(w) for w in words)).any())

    def _heads_a_compound(self, words: list[str], after: int) -> bool:
        """Whether the word after an alias is an English word the catalogue never uses, which
        makes the two one thing of another kind ("security guard" is no kind of cybersecurity,
        though "security" alone is its alias)."""
        if after >= len(words) or words[after - 1].endswith("ing"):
            return False  # ("selling vegetables online": what is sold, not a kind of selling)
        word = words[after]
        known = word in self._known_words or stem(word) in self._known_words or word in WORKPLACES
        noun = len(word) > 2 and not word.endswith("ly")  # ("invoices properly": how, not what)
        return not known and noun and word not in FILLER and is_english_word(word)

    def _one_subject_with_and(self, words: list[str]) -> list[str]:
        """Two plain words joined by "and" that name one subject ("health and safety", "food and
        drink"): one word, which no course uses, when neither is a skill or an alias and no course
        writes them so; two skills ("python and sql") stay either one, and so do the things a
        skill is about ("writing emails and reports")."""
        out: list[str] = []
        i = 0
        while i < len(words):
            if (
                i + 2 < len(words)
                and words[i + 1] == "and"
                and not any(w in FILLER or self._skill_or_alias([w]) for w in (words[i], words[i + 2]))
                and not (out and self._skill_or_alias(out[-1:]))  # "writing emails and reports"
                and all(stem(w) in self._ids for w in (words[i], words[i + 2]))
                and not np.any(self._together((stem(words[i]), stem("and"), stem(words[i + 2]))))
            ):
                out.append(f"{words[i]}{_AND_JOINED}{words[i + 2]}")
                i += 3
                continue
            out.append(words[i])
            i += 1
        return out

    def _skill_or_alias(self, words: list[str]) -> bool:
        phrase = " ".join(words)
        return phrase in self.aliases or " ".join(stem(w) for w in words) in self._stemmed_skill

    def _correct(self, word: str) -> str:
        known = self._known_words
        if word in known or len(word) < 4 or word.isdigit():
            return word
        if stem(word) in known:
            return self._as_written(word)
        if is_english_word(word):  # "emotional" is not a slip for the Spanish "emocional"
            return word
        for vocabulary, cutoff in ((self._skill_vocabulary, TYPO_SIMILARITY), (self._vocabulary, TYPO_TEXT)):
            for form in dict.fromkeys((word, stem(word))):
                found = process.extractOne(
                    form, vocabulary, scorer=OSA.normalized_similarity, score_cutoff=cutoff
                )
                if found is None and len(form) >= 6:
                    found = process.extractOne(
                        form, vocabulary, scorer=Indel.normalized_similarity, score_cutoff=TYPO_INDEL
                    )
                if found and _a_slip_of(form, str(found[0])):
                    return str(found[0])
        return self._scrambled.get(word[0] + "".join(sorted(word)), word)

    def _as_written(self, word: str) -> str:
        """A slip whose stem the catalogue knows, as the courses write it: "procurment" (stem
        "procur", as "procurement" has) is "procurement", which a course's text may use only
        as written (`_only_as_written`). A real word stays as it is ("investing")."""
        forms = self._written_forms.get(stem(word), [])
        if len(word) < TYPO_FORM_MIN or word in forms or not forms or is_english_word(word):
            return word
        found = process.extractOne(word, forms, scorer=OSA.normalized_similarity, score_cutoff=TYPO_TEXT)
        return str(found[0]) if found else word

    # --- building ---------------------------------------------------------------------------

    def _add(
        self,
        lists: tuple[list[int], list[int], list[int], list[int]],
        text: str,
        course: int,
        written: set[str],
    ) -> None:
        """Index `text`'s words (stemmed, and in pairs) for `course`; keep them as written too."""
        words = text.split()
        written.update(words)
        ids = [self._ids.setdefault(stem(w), len(self._ids)) for w in words]
        lists[0].extend(ids)
        lists[1].extend([course] * len(ids))
        pairs = [pair_key(a, b) for a, b in zip(ids, ids[1:], strict=False)]
        lists[2].extend(pairs)
        lists[3].extend([course] * len(pairs))


_SUFFIXES = (
    "ations", "ation", "ating", "ated", "ates", "ments", "ment", "ings", "ing", "ers", "er", "ed", "ate",
)  # fmt: skip


def _a_slip_of(typed: str, word: str) -> bool:
    """Whether `typed` can be a slip for `word`: the same first letter, or in a long word one
    slip that changes it ("rpoject"); "zookeeping" is no slip for "bookkeeping"."""
    if typed[:1] == word[:1]:
        return True
    return len(typed) >= 7 and OSA.distance(typed, word) <= 1


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Plurals and the common endings, so "recruiting", "recruitment" and "recruit" meet, as
    do "developer" and "development", "computing" and "computer", "manage" and "manager",
    "visualising" and "visualisation", "communicate" and "communication"."""
    word = _plural_stem(word)
    if len(word) > 4 and word.isalpha():
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        if word.endswith("e") and len(word) >= 5:
            word = word[:-1]  # "manage", "management", "manager", "managing" all meet as "manag"
    return word


def settle_after_build() -> None:
    """After building an index: collect the build's garbage, then move every live object out
    of the garbage collector's view (`gc.freeze`). An index over 100k courses is millions of
    long-lived objects; without this, a full collection rescans them all, a pause of tens of
    milliseconds in the middle of some search."""
    gc.collect()
    gc.freeze()


_TOKENS = re.compile(r"[\w#+]+(?:-[\w#+]+)*|;")
NEAR = 4  # words of a phrase within this many words of each other, in any order, are "near"


_AND_JOINED = "_and_"  # "health and safety" kept as one word (`CourseSearch._one_subject_with_and`)


def _written_in(words: list[str], tokens: list[str]) -> float:
    """1 if the phrase's words are written together in `tokens` (plurals aside), `LOOSE` if
    they are near each other in other forms, else 0. Only tokens beginning with the first
    word's stem are looked at closely (a stem, less a final "y" as in "policies", begins
    every form of its word)."""
    key = _stem_key(words[0])
    starts = [i for i, t in enumerate(tokens) if t.startswith(key)]
    if not starts:
        return 0.0
    light = [_plural_stem(w) for w in words]
    size = len(words)
    for i in starts:
        if [_plural_stem(t) for t in tokens[i : i + size]] == light:
            return 1.0
    stems = [stem(w) for w in words]
    for i in starts:
        if stem(tokens[i]) == stems[0]:
            window = {stem(t) for t in tokens[max(0, i - NEAR) : i + NEAR + 1]}
            if all(s in window for s in stems[1:]):
                return LOOSE
    return 0.0


_AUDIENCE_WORD = "|".join(sorted(map(re.escape, AUDIENCES), key=len, reverse=True))
_FOR_AUDIENCE = re.compile(
    rf"\b(?:for|para|pour)\s+(?:the\s+|our\s+|my\s+|los\s+|las\s+|les\s+)?"
    rf"((?:(?!and\b|or\b)[\w-]+\s+){{0,2}}(?:{_AUDIENCE_WORD})(?:\s*(?:and|or|&|,)\s*(?:{_AUDIENCE_WORD}))*)\b",
    re.IGNORECASE,
)
# "moving into management from nursing": where the learner comes from is not the topic (but
# "protect my business from hackers" is).
# "i'm a postwoman and want…", "…, i work in hospitality now": where the learner stands
_CURRENT_JOB = re.compile(
    rf"{LEFT_JOB.pattern}|^(?:i m|im|i am) (?:a |an )?(?:\w+ ){{1,3}}?and "
    r"|\b(?:i (?:m |am )?work(?:ing)?|currently) (?:in|at|as) (?:a |an |the )?(?:\w+ ){0,2}?\w+"
    r"(?: now| at the moment| currently)?$"
)
_AGE = re.compile(r"\d{2}s?|(?:twenties|thirties|forties|fifties|sixties)")  # "into tech at 40", "in my 50s"
_CHANGING = re.compile(r"\b(?:into|move|moving|switch|switching|transition\w*|chang\w+|coming|retrain\w*)\b")
_FROM_BACKGROUND = re.compile(
    r"(?<=\S)\s+(?:coming\s+)?from\s+(?:a\s+|an\s+|my\s+)?[\w-]+(?:\s+(?:background|career|job|role|sector))?$",
    re.IGNORECASE,
)


def _audience(text: str) -> tuple[str, list[str]]:
    """ "leadership for managers" → ("leadership", ["managers"]): who a course is for is a
    qualifier, not the topic. A query that is only an audience ("courses for nurses") keeps it
    as its topic."""
    if _CHANGING.search(text) and _FROM_BACKGROUND.search(text):
        text = _FROM_BACKGROUND.sub("", text)
    audience = [w.casefold() for m in _FOR_AUDIENCE.finditer(text) for w in re.findall(r"[\w-]+", m.group(1))]
    if not any(w in AUDIENCES for w in audience):
        return _leading_audience(text)
    rest = _FOR_AUDIENCE.sub(" ", text)
    if all(w in FILLER for w in normalise(rest).split()):
        return text, []
    return rest, audience


# Job titles that, opening a query, say who asks: "nurse manager leadership skills".
LEADING_AUDIENCES = frozenset(
    """managers manager leaders nurses nurse doctors doctor clinicians carers caregivers teachers teacher
    educators supervisor supervisors accountants lawyers researchers scientists volunteers parents
    parent""".split()
)


def _leading_audience(text: str) -> tuple[str, list[str]]:
    """ "nurse manager leadership skills" → ("leadership skills", ["nurse", "manager"]): job titles
    opening the query, before the topic, are who it is for ("manager training" keeps its topic)."""
    words = text.split()
    lead = 0
    while lead < min(len(words), 2) and words[lead].casefold() in LEADING_AUDIENCES:
        lead += 1
    rest = " ".join(words[lead:])
    if not lead or all(w in FILLER for w in normalise(rest).split()):
        return text, []
    return rest, [w.casefold() for w in words[:lead]]


def _mark_qualifiers(chunk: list[Concept], after: str) -> list[Concept]:
    """Unknown English words right before a known skill or phrase ("yoga teaching",
    "healthcare management") or right after "for" ("coding for kids") qualify it:
    `Concept.qualifies`. Before a word only course texts use ("boring tasks with python") an
    unknown word is the learner's own description, not a kind of a skill.
    A word of another language there is a request around the topic ("Ich suche einen
    Excel-Kurs", "cursus leiderschap"), not a kind of it."""
    out = [replace(c, after_for=True) for c in chunk] if after == "for" else list(chunk)
    for i, concept in enumerate(chunk):
        before_known = i + 1 < len(chunk) and chunk[i + 1].kind in ("skill", "phrase")
        english = len(concept.label) > 2 and is_english_word(concept.label)
        # "coding for kids": one word after "for" says whom it is made for; a longer description
        # ("for a call centre team leader") is who is asking
        made_for = i == 0 and after == "for" and len(chunk) <= FOR_WHOM_WORDS and concept.label in MADE_FOR
        if concept.kind == "unknown" and english and (before_known or made_for):
            out[i] = replace(out[i], qualifies=True)
    return out


def _weigh_alone(chunk: list[Concept]) -> list[Concept]:
    """A word the catalogue never uses weighs most when it qualifies known words next to it
    ("healthcare management", "creative writing"), half as much with no known word beside it
    ("deep learning with pytorch"), so a course covering the rest can still be shown."""
    if chunk and all(c.kind == "unknown" for c in chunk):
        return [replace(c, weight=c.weight * ALONE_UNKNOWN, alone=True) for c in chunk]
    return chunk


_WANT = re.compile(  # not "planning for" nor "needs for": "financial planning for retirement"
    r"\b(?:(?:wants?|wanting|wanna|hoping|trying|needs?|needing|aiming|would like|planning|keen)\s+to"
    # "my boss wants me to learn data stuff", "want better planning skills"
    r"|(?:wants?|needs?|asked|asks|told|tells|expects?)\s+me\s+to"
    r"|(?:want|wants|need|needs)(?=\s+(?:better|stronger|more|new)\s)"
    r"|looking\s+(?:to|for|into)|keen\s+on|interested\s+in|wanting|seeking|thinking\s+(?:about|of)|considering"
    r"|(?:need|needs|needing|want|wants|would like|could use)\s+(?:some\s+)?help\s+(?:with|on))\b",
    re.IGNORECASE,
)


def _wanted(text: str) -> str:
    """ "lab technician wanting to learn data analysis", "im a hotel receptionist and want to
    move into management": who the learner is comes before what they want; the search is for
    what they want (kept whole when nothing topical follows)."""
    match = _WANT.search(text)
    if match is None:
        return text
    before, after = text[: match.start()], text[match.end() :]
    topical = [w for w in normalise(after).split() if w not in FILLER]
    if not topical or all(w in FILLER for w in normalise(before).split()):
        return text
    return after


# A wish to learn or do something, said in the learner's own words
_ASKING_TO_KNOW = re.compile(r"\s*(?:know|ask|check|find out|see|hear|confirm)\b", re.IGNORECASE)
_WISH_END = re.compile(r"[,;.!?]|\s(?:but|because|cause|cos|coz|so|since|when|while|and i|lol|tbh)\s")
# "... but i only have like 3 hrs a week", "... because my boss wants it": a clause about the
# learner after the topic (its filters were read already); "3 hours a week": time to spare
_ASIDE = re.compile(
    r"\s*(?:,\s*|\s)(?:but|though|although|because|bc|cos|coz|since|as)\s+"
    r"(?:i|im|i'm|i've|ive|my|we|we're|it|its|it's|there|that|this)\b[^,;.!?]*",
    re.IGNORECASE,
)
_TIME_TO_SPARE = re.compile(
    r"\b(?:(?:i\s+)?(?:only\s+)?(?:have|got)\s+)?(?:like\s+|about\s+|around\s+|maybe\s+)?"
    r"\d+(?:[.,]\d+)?\s*(?:-\s*\d+\s*)?(?:hrs?|hours?|h)\s+(?:a|per|each|every|/)\s*(?:week|wk)\b",
    re.IGNORECASE,
)


# "self paced course i can do while the kids are at school", "something i can do around my
# shifts": when or where the learner can study (its filters were read already), not a topic
_CAN_FIT_IN = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:i|we)\s+(?:can|could)\s+(?:do|take|fit(?:\s+in)?|finish|study|complete|"
    r"squeeze\s+in|manage)(?:\s+it)?(?:\s+(?:while|whilst|at|in|on|after|before|around|during|from|between|"
    r"when|over|alongside|with|without)\b[^,;.!?]*)?(?=\s*(?:[,;.!?]|$))",
    re.IGNORECASE,
)
# "… for my little bakery", "… for my 17 y/o": whose the course is for, to the clause's end
# (words apart by required spaces: one way to split any text, so a long word cannot backtrack)
_FOR_WHOM = re.compile(
    r"\s+for\s+(?:my|our|his|her|their)\s+((?:[\w/'-]+\s+){0,3}?[\w/'-]+)(?P<end>\s*(?:[,;.!?]|$))",
    re.IGNORECASE,
)
# Who a course may be for, in words a catalogue never uses as a topic
_WHOSE = frozenset(
    """son sons daughter daughters kid kids child children teen teens teenager teenagers boy girl husband wife
    partner mum mom mother dad father brother sister niece nephew grandson granddaughter family
    own small little tiny new local old young teenage year years yo y/o aged age
    """.split()
)
# "under 6 weeks", "within 3 months", "in 2 weeks": how long the learner can give it, which no
# course field holds (the length filter is in hours); never a topic
_TIME_SPAN = re.compile(
    r"\b(?:under|within|in|less than|no more than|max(?:imum)?|up to)\s+(?:a |one |\d+\s*)"
    r"(?:weeks?|wks?|months?)\b",
    re.IGNORECASE,
)
_TEACH = re.compile(r"(?<=\bto )teach\b(?!\s+(?:me|myself|yourself|us)\b)", re.IGNORECASE)


def _to_teach(text: str) -> str:
    """ "how to teach adults", "learning to teach online": teaching is the topic ("teach me
    python" is not)."""
    return _TEACH.sub("teaching", text)


_AND = re.compile(r"\b(?:and|or|y|und|oder|et|ou|e|o)\b(?!-)|[&,+/]")


def _is_either(text: str, concepts: list[Concept], named: Callable[[Concept], bool]) -> bool:
    """Two or more skills joined by "and", "or", a comma, "&", "+" or "/" (one of them may be
    a word naming a field that several skills share: "marketing and sales")."""
    if len(concepts) < 2 or not _AND.search(text):
        return False
    skills = sum(c.kind == "skill" for c in concepts)
    field = skills == len(concepts) - 1 and any(c.kind == "word" and named(c) for c in concepts)
    return skills == len(concepts) or field


_PRONOUN_IT = re.compile(
    rf"(?<![\w'’-])(?<!\bin )(?<!\binto )(?:it|It)(?![\w'’-])(?!\s+{IT_FIELD_WORDS}\b)"
)


_SELL_ONLINE = re.compile(r"\b(?:sell|selling)((?:\s+(?!online\b)[\w'-]+){0,3})\s+online\b", re.IGNORECASE)


def _selling_online(text: str) -> str:
    """ "sell my handmade jewellery online" is selling online (digital marketing), not the
    online filter: "online selling my handmade jewellery"."""
    return _SELL_ONLINE.sub(lambda m: f"online selling{m.group(1)}", text)


def _without_pronoun_it(text: str) -> str:
    """ "get better at it", "learn it fast": "it" the pronoun is no topic; "IT", "it support",
    "a career in it" name information technology."""
    if normalise(text) == "it":  # a bare "IT" (or "it", lowercased on the way) names the field
        return text
    return _PRONOUN_IT.sub(" ", text)


# "which one to go for", "i'll go with the first": the verb, not the Go language
_GO_VERB = re.compile(
    r"\b(?P<before>to|ll|will|gonna|should|could|can|lets|i|we)\s+go"
    r"(?=\s+(?:for|with|ahead|back|on|through|into|over)\b)",
    re.IGNORECASE,
)


_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s[-–—]\s|\.\s)\s*")
CLAUSE_HEAD_WORDS = 2  # a first clause this long, at least, may be what is asked for


def _first_clause(query: str) -> str | None:
    """The first clause of a query of several, when it is long enough to name a topic."""
    parts = _CLAUSE_BREAK.split(query.strip(), maxsplit=1)
    if len(parts) < 2 or not parts[1].strip() or len(parts[0].split()) < CLAUSE_HEAD_WORDS:
        return None
    return parts[0]


def _mark_r(text: str) -> str:
    """ "R" the language, kept apart from the "r" that `normalise` reads as "are"."""
    return _R_WORD.sub(f" {R_LANGUAGE} ", text)


_QUICK_WORDS = re.compile(r"[^\w#+]+")
_SLOW_CASES = re.compile(
    r"'|micro|nano|mail|resum|curriculum|\b(?:its|whats|thats|hows|whos|cant|wont|dont|im)\b"
)


def _prepare(text: str) -> str:
    """`normalise` for course text, with a fast path for plain ASCII text that none of its
    spelling rules touch (most course text: building 100k courses is mostly this)."""
    text = _mark_r(text)
    if not text.isascii():
        return normalise(text)
    lowered = text.casefold()
    if _SLOW_CASES.search(lowered):
        return normalise(text)
    return " ".join(_WORDS.get(w, w) for w in _QUICK_WORDS.sub(" ", lowered).replace("_", " ").split())


def _stem_key(word: str) -> str:
    key = stem(word)
    return key[:-1] if key.endswith("y") else key


def _fold(text: str) -> str:
    """`fold`, without its character-by-character pass for plain ASCII text (most course text:
    a phrase checked as written in 40 courses folds them all)."""
    return text.casefold().replace("`", "'") if text.isascii() else fold(text).casefold()


def _postings(keys: list[int], courses: list[int]) -> Postings:
    return Postings(np.array(keys, dtype=np.int64), np.array(courses, dtype=np.int32))


def _add_if_skill(strength: Floats, courses: Ids, bonus: float) -> None:
    """A concept that is a course's skill and also names its title or subject: a bonus."""
    if len(courses):
        values = strength[courses]
        strength[courses] = np.where(values >= SKILL_PART, values + bonus, values)


def _raise(strength: Floats, courses: Ids, value: float) -> None:
    if len(courses):
        strength[courses] = np.maximum(strength[courses], np.float32(value))
