"""The catalogue's join tables read once: providers, each course's skills and modules.

Used both to build the search index and to export the catalogue, so the two read the same
rows the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from bot.storage.models import CourseSkill, Module, Provider, Skill


@dataclass(frozen=True)
class CatalogJoins:
    providers: dict[int, Provider]
    skill_names: dict[int, str]
    skills: dict[int, list[str]]  # course id → skill names
    modules: dict[int, list[Module]]  # course id → modules in order


async def load_joins(session: Any) -> CatalogJoins:
    """Every provider, skill link and module, in three queries (whatever the catalogue's size)."""
    providers = {p.id: p for p in (await session.exec(select(Provider))).all()}
    skill_names = {s.id: s.name for s in (await session.exec(select(Skill))).all()}
    skills: dict[int, list[str]] = {}
    for link in (await session.exec(select(CourseSkill))).all():
        skills.setdefault(link.course_id, []).append(skill_names[link.skill_id])
    modules: dict[int, list[Module]] = {}
    for module in (await session.exec(select(Module).order_by(col(Module.position)))).all():
        modules.setdefault(module.course_id, []).append(module)
    return CatalogJoins(providers, skill_names, skills, modules)
