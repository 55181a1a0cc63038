"""Careers → skills, from `content/careers.yaml`: "i want to become a data analyst" finds the
career, and the search then shows courses for its skills (data analysis, SQL, Excel, ...).

`Careers.find(text)` is what the free-text router and the search call: it finds a career
named in the text (by its name or one of its other names), longest name first;
`Careers.by_goal(text)` one whose goal the text says ("start my own * business").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.content import ContentError, read_yaml
from bot.text import normalise

# Words that say "this is about a job": with one of them any career name in the text counts;
# without, only a text that is nothing but a job title does.
INTENT = re.compile(
    r"\b(?:become|becoming|be|work|working|job|jobs|career|careers|role|get into|getting into"
    r"|(?:switch|switching|change|changing|move|moving|transition|transitioning)"
    r"(?: from(?: \w+){1,4})? (?:to|into)"
    r"|train as|retrain|retraining|hired|employed|promoted|promotion"
    # "just got made team lead", "appointed shift supervisor", "stepping up to team leader"
    r"|(?:got|been|was|just|being) made|appointed|(?:step|stepping|moving|move) up (?:to|as))\b"
)
# "from driving trams to …", "from being a cleaner into …": the job someone is leaving
LEFT_JOB = re.compile(r"\bfrom (?:\w+ ){1,4}?(?=(?:to|into) )")
# How job titles end ("developer", "analyst", "nurse"); a career's other names include fields
# ("nursing", "data science"), which alone are a topic to search, not a career.
JOB_ENDINGS = (
    "er", "or", "ist", "yst", "ect", "eur", "ive", "person", "ant", "ent", "ian", "ee", "lead", "nurse",
    "coach", "head", "dev", "sre", "dba", "senco", "pm", "admin", "staff", "visitor",
)  # fmt: skip
# "it" names the field only as "IT", or where a field goes: "a job in it", "switch into it",
# "it support"; elsewhere it is a pronoun ("get better at it").
_THE_FIELD_IT = re.compile(
    r"\bIT\b|\b(?:in|into)\s+it\b|\bit\s+(?:job|jobs|career|careers|sector|industry|role|roles|field)\b",
)
DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"


@dataclass(frozen=True)
class Career:
    name: str
    names: tuple[str, ...]  # the name and the other names, normalised
    skills: tuple[str, ...]  # catalogue skills, most useful first
    # What people say they want to do, rather than a job title ("start my own * business"):
    # these name the career anywhere in a message; "*" stands for up to three words.
    goals: tuple[re.Pattern[str], ...] = ()


GOAL_GAP = 3  # words a "*" in a goal stands for, at most


def goal_pattern(goal: str) -> re.Pattern[str]:
    """ "start my own * business" → a pattern over a normalised text padded with spaces."""
    pieces = [rf"(?:\S+ ){{0,{GOAL_GAP}}}" if word == "*" else f"{re.escape(word)} " for word in goal.split()]
    return re.compile(" " + "".join(pieces))


class Careers:
    def __init__(self, careers: list[Career]) -> None:
        self.all = careers
        self._by_name: dict[str, Career] = {}
        for career in careers:
            for name in career.names:
                self._by_name.setdefault(name, career)
        self._longest_first = sorted(self._by_name, key=lambda n: (-len(n.split()), -len(n)))

    def __len__(self) -> int:
        return len(self.all)

    def find(self, text: str) -> Career | None:
        """The career `text` names ("i want to become a data analyst" → data analyst), or None.

        A bare name counts only if it is a whole message ("web developer"); inside a longer
        message a word about a job must be there too ("become", "work as", "career")."""
        words = normalise(text)
        if not words:
            return None
        if words in self._by_name and looks_like_a_job(words):
            return self._by_name[words]
        if not INTENT.search(words):
            return None
        # "move from call centre agent to supervisor": the job wanted, not the one left
        padded = f" {LEFT_JOB.sub(' ', words)} "
        for name in self._longest_first:
            if name == "it" and not _THE_FIELD_IT.search(text):
                continue  # "i work with young people and want to get better at it"
            if f" {name} " in padded or f" {name}s " in padded:
                return self._by_name[name]
        return None

    def by_goal(self, text: str) -> Career | None:
        """The career whose goal `text` says ("how can i start my own cafe" → entrepreneur)."""
        padded = f" {normalise(text)} "
        for career in self.all:
            if any(goal.search(padded) for goal in career.goals):
                return career
        return None

    def by_name(self, text: str) -> Career | None:
        """The career with this name or other name (a field such as "nursing" too)."""
        return self._by_name.get(normalise(text)) if text else None

    def named(self, text: str) -> Career | None:
        """The career whose name (or other name) is exactly `text`, normalised, if that name is
        a job title ("web developer", "nurse"), not a field ("nursing", "data science")."""
        name = normalise(text)
        return self._by_name.get(name) if name and looks_like_a_job(name) else None

    def name_in(self, career: Career, text: str) -> str | None:
        """Which of the career's names occurs in `text` (normalised), if any."""
        padded = f" {normalise(text)} "
        for name in sorted(career.names, key=len, reverse=True):
            if f" {name} " in padded or f" {name}s " in padded:
                return name
        return None


def looks_like_a_job(name: str) -> bool:
    return name.split()[-1].endswith(JOB_ENDINGS)


def load_careers(content_dir: Path | None = None) -> Careers:
    """Read `content/careers.yaml` (an absent file means no careers)."""
    path = (content_dir or DEFAULT_CONTENT) / "careers.yaml"
    if not path.exists():
        return Careers([])
    data = read_yaml(path)
    raw = data.get("careers") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise ContentError(path, None, "careers", "must map each career to its names and skills")
    careers = []
    for name, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("skills"), list):
            raise ContentError(path, f"career '{name}'", "skills", "must be a list of skills")
        also = entry.get("also") or []
        if not isinstance(also, list):
            raise ContentError(path, f"career '{name}'", "also", "must be a list")
        names = tuple(dict.fromkeys(n for n in (normalise(str(x)) for x in [name, *also]) if n))
        skills = tuple(str(s).strip().lower() for s in entry["skills"])
        goals = entry.get("goals") or []
        if not isinstance(goals, list):
            raise ContentError(path, f"career '{name}'", "goals", "must be a list")
        said = [" ".join("*" if w == "*" else normalise(w) for w in str(g).split()) for g in goals]
        patterns = tuple(goal_pattern(g) for g in said if g.replace("*", "").strip())
        careers.append(Career(str(name), names, skills, patterns))
    return Careers(careers)
