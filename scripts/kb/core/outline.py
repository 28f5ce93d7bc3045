"""The outline (提纲) of a meeting type: its sections and framework areas, numbered per GB/T 9704."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.kb.core.data import Domain, FrameworkArea, MeetingType
from scripts.kb.core.numbering import level_marker


@dataclass(frozen=True)
class OutlineItem:
    level: int  # 1 = 一、 (an H2 in a sample), 2 = （一） (an H3)
    number: str  # "一、" or "（一）"
    text: str  # the heading text without its number
    hint: str  # one line: what to write here
    role: str  # the section role this item belongs to
    area: str | None = None  # the framework area, for items of the problems section

    @property
    def heading(self) -> str:
        return self.number + self.text


def _area_hint(area: str) -> str:
    """One line on what to write under a framework area ("对照…" areas already say 对照)."""
    lead = area if area.startswith("对照") else f"对照“{area}”"
    return f"{lead}，查摆具体问题，写明表现。"


def outline_subjects(mt: MeetingType, year: int) -> tuple[str, ...]:
    """The subjects (班子, 个人) whose areas are known that year: each has its own outline."""
    framework = mt.framework_for(year)
    return tuple(framework.subjects) if framework else ()


def build_outline(mt: MeetingType, year: int, subject: str, dom: Domain,
                  areas: tuple[FrameworkArea, ...] | None = None) -> list[OutlineItem]:
    """Required and recommended sections in role order; the problems section lists the areas of
    the year's framework for that subject, or ``areas`` (a unit's own notice) when given."""
    if areas is None:
        framework = mt.framework_for(year)
        areas = framework.areas_for(subject) if framework else ()
    wanted = set(mt.required) | set(mt.recommended)
    items: list[OutlineItem] = []
    number = 0
    for role in dom.roles:
        if role.key not in wanted or role.key == "intro":
            continue
        number += 1
        items.append(OutlineItem(1, level_marker(1, number), role.name, role.hint, role.key))
        if role.key == "problems":
            for index, area in enumerate(areas, start=1):
                items.append(
                    OutlineItem(2, level_marker(2, index), area.name if area.name.endswith("方面") else f"{area.name}方面", _area_hint(area.name), role.key, area.name)
                )
    return items
