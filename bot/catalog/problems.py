"""Problems → skills, from `content/skill_problems.yaml`: "every project we run ends up late and
over budget" names no skill, but it is the situation a project management course is for.

Each statement of the file is embedded once (`bot.faq.semantic`, WordLlama, offline); a
message's closest statement by meaning names the skill, when it is close enough and clearly
closer than any other skill's. The search asks only when its words found nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.content import ContentError, read_yaml
from bot.faq.semantic import embed

DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"
# A message this close in meaning to a statement names its skill ...
# (static embeddings are coarse: below this, on the tuning sets, as many queries with nothing
# relevant got courses as queries got the right ones; see benchmarks/README.md)
PROBLEM_SIMILARITY = 0.75
# ... when the next skill's best statement is this much further away
PROBLEM_MARGIN = 0.1
MIN_WORDS = 4  # a shorter message is a topic to search for, not a situation


@dataclass(frozen=True)
class Closest:
    skill: str
    similarity: float
    margin: float  # over the best statement of any other skill


class SkillProblems:
    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.skills = sorted(problems)
        owners = [n for n, skill in enumerate(self.skills) for _ in problems[skill]]
        texts = [text for skill in self.skills for text in problems[skill]]
        self._owners = np.asarray(owners, dtype=np.int64)
        self._matrix: npt.NDArray[np.float32] = (
            embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
        )

    def __len__(self) -> int:
        return len(self.skills)

    def closest(self, text: str) -> Closest | None:
        """The skill whose situations `text` is closest to in meaning, or None."""
        if len(self.skills) < 2 or len(text.split()) < MIN_WORDS:
            return None
        query = embed([text])[0]
        if not np.any(query):
            return None
        best = np.full(len(self.skills), -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, self._matrix @ query)
        first, second = np.argsort(-best)[:2]
        return Closest(self.skills[int(first)], float(best[first]), float(best[first] - best[second]))

    def skill_for(self, text: str) -> str | None:
        """The skill `text` describes a situation for, when sure enough."""
        found = self.closest(text)
        if found is None or found.similarity < PROBLEM_SIMILARITY or found.margin < PROBLEM_MARGIN:
            return None
        return found.skill


def load_problems(content_dir: Path | None = None) -> SkillProblems:
    """Read `content/skill_problems.yaml` (an absent file means none)."""
    path = (content_dir or DEFAULT_CONTENT) / "skill_problems.yaml"
    if not path.exists():
        return SkillProblems({})
    data = read_yaml(path)
    raw = data.get("problems") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise ContentError(path, None, "problems", "must map each skill to a list of situations")
    problems: dict[str, list[str]] = {}
    for skill, statements in raw.items():
        if not isinstance(statements, list) or not all(isinstance(s, str) for s in statements):
            raise ContentError(path, f"skill '{skill}'", "problems", "must be a list of sentences")
        problems[str(skill).strip().lower()] = [s.strip() for s in statements if s.strip()]
    return SkillProblems(problems)
