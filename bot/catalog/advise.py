""" "Advise me": a short guided choice (goal, level, budget, hours a week, online or not) that
ends in a shortlist of three courses, each with one line on why it fits.

Pure: the handler (`handlers/advise.py`) asks the questions and keeps the answers; this
module turns answers into a shortlist using the course search (a goal may be a career,
"data analyst" → its skills in `content/careers.yaml`, or a skill, "python").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.catalog.filters import LEVELS, Facets, price_in_eur
from bot.catalog.search import CourseInfo, CourseSearch, SearchResult
from bot.text import normalise, without_hedges

SHORTLIST = 3
WEEKS_GOOD = 12  # a course done within this many weeks at the learner's pace fits well
# Goals offered as buttons (anything else can be typed).
GOAL_CHOICES = (
    "data analyst", "web developer", "project manager", "digital marketer", "ux designer",
    "python", "leadership", "cybersecurity",
)  # fmt: skip
LEVEL_CHOICES = ("beginner", "intermediate", "advanced", "any")
BUDGET_CHOICES = ("0", "100", "500", "any")  # euros; 0 = free only
HOURS_CHOICES = ("2", "5", "10", "any")  # hours a week
MAX_BUDGET = 100_000  # euros: a typed budget above this is "any budget"
MAX_HOURS_A_WEEK = 60
MODE_CHOICES = ("online", "any")


# "I want to become a nurse", "I'd like to be a data analyst" → "nurse", "data analyst".
_WISH = re.compile(
    r"^(?:i\s*(?:want|wanna|would like|'d like|d like|hope|need)\s+(?:to\s+)?"
    r"(?:(?:be|become|work as|work in|get into|learn|study|do|get)\s+)?(?:an?\s+|some\s+)?)",
    re.IGNORECASE,
)
# Typed answers to the button questions: (step, pattern, option), first match wins.
_TYPED: tuple[tuple[str, str, str], ...] = (
    ("l", r"not sure|no idea|idk|dunno|don'?t know|any|whatever", "any"),
    ("l", r"advanced|expert|pro\b|professional|senior|a lot|experienced", "advanced"),
    ("l", r"intermediate|medium|some|a (?:little )?bit|mid|okay|ok\b|decent|so-?so", "intermediate"),
    ("l", r"beginn|begin|new|novice|none|never|zero|no experience|basic|start|noob|newbie", "beginner"),
    ("b", r"free|nothing|no money|broke|zero|\bnone\b|can'?t pay|\b0\b", "0"),
    ("b", r"any|no limit|don'?t care|doesn'?t matter|whatever|not sure|unlimited|flexible", "any"),
    ("h", r"not sure|no idea|idk|dunno|don'?t know|depends|any|varies", "any"),
    ("o", r"either|both|any|don'?t mind|doesn'?t matter|in person|campus|fine|whatever|hybrid", "any"),
    ("o", r"online|remote|from home|internet|distance", "online"),
)


def goal_of(typed: str) -> str:
    """What a typed goal is about: "I want to become a nurse" → "nurse" (the wish is dropped),
    "ok marketing" → "marketing" (the shrug around it too)."""
    goal = " ".join(typed.split())
    stripped = _WISH.sub("", without_hedges(goal)).strip(" .!?")
    return stripped or goal


def typed_choice(step: str, text: str) -> str | None:
    """A typed answer to a button question ("beginner", "free", "online") → the option it
    means; a typed amount ("50 euros", "3 hours") → that amount, as the learner said it; None
    when it can't be read (the question is asked again)."""
    cleaned = " ".join(text.lower().split())
    amount = re.search(r"\d+", cleaned)
    for at, pattern, option in _TYPED:
        free_but_priced = option == "0" and amount is not None and amount.group() != "0"
        if at == step and re.search(pattern, cleaned) and not free_but_priced:
            return option
    if amount is None or step not in ("b", "h"):
        return None
    number = int(amount.group()[:7])
    if step == "b":
        return str(number) if number <= MAX_BUDGET else "any"
    return str(min(number, MAX_HOURS_A_WEEK)) if number else "any"


def amount_of(value: str, most: int) -> int | None:
    """A pressed or typed amount ("100", "3") up to `most`; "any" (or anything else) → None."""
    return int(value) if value.isdigit() and int(value) <= most else None


@dataclass(frozen=True)
class Answers:
    """What the learner chose; None = no preference."""

    goal: str = ""
    level: str | None = None
    max_eur: int | None = None
    hours_per_week: int | None = None
    online: bool = False

    def facets(self) -> Facets:
        free = self.max_eur == 0
        return Facets(free=free, max_eur=None if free else self.max_eur, level=self.level, online=self.online)


@dataclass(frozen=True)
class Pick:
    course: CourseInfo
    why: str


@dataclass(frozen=True)
class Advice:
    goal: str
    career: str | None
    skills: tuple[str, ...]  # what the goal was read as
    picks: tuple[Pick, ...]
    relaxed: tuple[str, ...]  # preferences that had to give way to find three


def choice_value(options: tuple[str, ...], value: str) -> str | None:
    """A pressed option, checked against the offered ones ("any" → None)."""
    return value if value in options and value != "any" else None


def shortlist(search: CourseSearch, answers: Answers) -> Advice:
    """Three courses for the goal, within the learner's preferences where the catalogue
    allows; a preference is relaxed (and said so) only when fewer than three fit."""
    result = search.search(answers.goal)
    facets = answers.facets()
    relaxed: list[str] = []
    fitting = result.filtered(facets)
    # Relax the softest preference first until three courses fit (or nothing is left to relax);
    # a budget a little at a time (free → 100 EUR → 500 EUR → any), not all at once.
    budget = answers.max_eur
    steps = [("level", replace(facets, level=None)), ("online", replace(facets, level=None, online=False))]
    limits = (max(100, 2 * budget), max(500, 5 * budget), None) if budget is not None else ()
    for limit in limits:
        steps.append(("budget", replace(steps[-1][1], free=False, max_eur=limit)))
    for name, looser in steps:
        if len(fitting) >= SHORTLIST or not result.ranked:
            break
        if looser != facets:
            facets, fitting = looser, result.filtered(looser)
            if name not in relaxed:
                relaxed.append(name)
    ranked = sorted(
        enumerate(fitting), key=lambda item: (-_fit(item[1].score, item[1].course, answers), item[0])
    )
    picks = tuple(Pick(s.course, _why(search, result, s.course, answers)) for _, s in ranked[:SHORTLIST])
    skills = result.career_skills or tuple(s for s in result.understood.split(", ") if s)
    shown = tuple(search.display(s) for s in skills)
    given_up = tuple(name for name in relaxed if any(not _keeps(name, p.course, answers) for p in picks))
    return Advice(answers.goal, result.career, shown, picks, given_up)


def _keeps(preference: str, course: CourseInfo, answers: Answers) -> bool:
    """Whether a course meets the learner's own preference (said only when a pick doesn't)."""
    strict = answers.facets()
    if preference == "level":
        return strict.level is None or course.level == strict.level
    if preference == "online":
        return not strict.online or course.participation_form == "online"
    return Facets(free=strict.free, max_eur=strict.max_eur).allows(course)


def _fit(score: float, course: CourseInfo, answers: Answers) -> float:
    """Relevance, nudged towards courses finished within `WEEKS_GOOD` at the learner's pace."""
    bonus = 0.0
    if answers.hours_per_week:
        weeks = course.workload_hours / answers.hours_per_week
        bonus += 0.1 if weeks <= WEEKS_GOOD else -0.1 * min(1.0, weeks / WEEKS_GOOD - 1)
    if answers.level and course.level in LEVELS and answers.level in LEVELS:  # the nearer level first
        bonus += 0.05 - 0.05 * abs(LEVELS.index(course.level) - LEVELS.index(answers.level))
    if answers.max_eur is not None and course.price:  # a relaxed budget: the cheaper first
        over = price_in_eur(course.price, course.currency) - answers.max_eur
        bonus -= 0.1 * min(1.0, max(0.0, over) / max(100, answers.max_eur))
    if course.self_paced:  # fits around other commitments, and a study plan can pace it
        bonus += 0.03
    return score + bonus


def _why(search: CourseSearch, result: SearchResult, course: CourseInfo, answers: Answers) -> str:
    """One line: what of the goal it covers, its level, price and format, and how long it
    takes at the learner's pace."""
    wanted = set(result.career_skills) or {normalise(w) for w in result.understood.split(", ") if w}
    covers = [search.display(s) for s in course.skills if _names_one_of(normalise(s), wanted)]
    parts = [f"covers {', '.join(covers[:3])}" if covers else f"about {search.display(course.skills[0])}"
             if course.skills else "matches your goal"]  # fmt: skip
    parts.append(course.level)
    price = price_in_eur(course.price, course.currency)
    parts.append("free" if course.price == 0 else f"about {price:,.0f} EUR")
    parts.append(("online" if course.participation_form == "online" else course.participation_form)
                 + (", self-paced" if course.self_paced else ""))  # fmt: skip
    if answers.hours_per_week:
        weeks = max(1, round(course.workload_hours / answers.hours_per_week))
        parts.append(f"about {weeks} week{'s' if weeks != 1 else ''} at {answers.hours_per_week} h a week")
    else:
        parts.append(f"{course.workload_hours} h in all")
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def _names_one_of(skill: str, wanted: set[str]) -> bool:
    """Whether a course's skill is one the learner asked for, or a kind of it ("digital
    marketing" for "marketing")."""
    return any(skill == w or f" {w} " in f" {skill} " for w in wanted)
