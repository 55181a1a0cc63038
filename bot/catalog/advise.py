""" "Advise me": a short guided choice (goal, level, budget, hours a week, online or not) that
ends in a shortlist of three courses, each with one line on why it fits.

Pure: the handler (`handlers/advise.py`) asks the questions and keeps the answers; this
module turns answers into a shortlist using the course search (a goal may be a career,
"data analyst" → its skills in `content/careers.yaml`, or a skill, "python").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.catalog.filters import Facets, price_in_eur
from bot.catalog.search import CourseInfo, CourseSearch, SearchResult
from bot.text import normalise

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
MODE_CHOICES = ("online", "any")


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
    # Relax the softest preference first until three courses fit (or nothing is left to relax).
    for name, looser in (
        ("level", replace(facets, level=None)),
        ("online", replace(facets, level=None, online=False)),
        ("budget", Facets()),
    ):
        if len(fitting) >= SHORTLIST or not result.ranked:
            break
        if looser != facets:
            facets, fitting = looser, result.filtered(looser)
            relaxed.append(name)
    ranked = sorted(
        enumerate(fitting), key=lambda item: (-_fit(item[1].score, item[1].course, answers), item[0])
    )
    picks = tuple(Pick(s.course, _why(search, result, s.course, answers)) for _, s in ranked[:SHORTLIST])
    skills = result.career_skills or tuple(s for s in result.understood.split(", ") if s)
    shown = tuple(search.display(s) for s in skills)
    return Advice(answers.goal, result.career, shown, picks, tuple(relaxed))


def _fit(score: float, course: CourseInfo, answers: Answers) -> float:
    """Relevance, nudged towards courses finished within `WEEKS_GOOD` at the learner's pace."""
    bonus = 0.0
    if answers.hours_per_week:
        weeks = course.workload_hours / answers.hours_per_week
        bonus += 0.1 if weeks <= WEEKS_GOOD else -0.1 * min(1.0, weeks / WEEKS_GOOD - 1)
    if answers.level and course.level == answers.level:
        bonus += 0.05
    if course.self_paced:  # fits around other commitments, and a study plan can pace it
        bonus += 0.03
    return score + bonus


def _why(search: CourseSearch, result: SearchResult, course: CourseInfo, answers: Answers) -> str:
    """One line: what of the goal it covers, its level, price and format, and how long it
    takes at the learner's pace."""
    wanted = set(result.career_skills) or {normalise(w) for w in result.understood.split(", ") if w}
    covers = [search.display(s) for s in course.skills if normalise(s) in wanted]
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
