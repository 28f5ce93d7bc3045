"""The domain data (meeting types, section roles, front matter schema) read from YAML.

Nothing about a meeting type is written in code: everything comes from ``scripts/data/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.kb.core.paths import DATA_DIR


@dataclass(frozen=True)
class SectionRole:
    key: str
    name: str
    hint: str
    keywords: tuple[str, ...]
    priority: int
    order: int


@dataclass(frozen=True)
class FrameworkArea:
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    year: int
    name: str
    areas: tuple[FrameworkArea, ...]
    branch_areas: tuple[FrameworkArea, ...] = ()

    def areas_for(self, subject: str | None) -> tuple[FrameworkArea, ...]:
        """The areas a material must cover: a branch (班子) material also covers branch_areas."""
        return self.areas + (self.branch_areas if subject == "班子" else ())


@dataclass(frozen=True)
class MeetingType:
    key: str
    name: str
    full_name: str
    description: str
    keywords: tuple[str, ...]
    required: tuple[str, ...]
    recommended: tuple[str, ...]
    optional: tuple[str, ...]
    frameworks: dict[int, Framework] = field(hash=False)

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.required + self.recommended + self.optional

    def framework_for(self, year: int | None) -> Framework | None:
        return self.frameworks.get(year) if isinstance(year, int) else None


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str
    required: bool
    allowed: str | None
    example: object
    note: str


@dataclass(frozen=True)
class Domain:
    """All domain data, read once."""

    roles: tuple[SectionRole, ...]
    types: tuple[MeetingType, ...]
    fields: tuple[FieldSpec, ...]
    allow_lists: dict[str, tuple[str, ...]] = field(hash=False)
    subject_labels: dict[str, str] = field(default_factory=dict, hash=False)  # 班子 -> 党支部班子

    def subject_label(self, subject: str) -> str:
        return self.subject_labels.get(subject, subject)

    def role(self, key: str) -> SectionRole:
        return next(r for r in self.roles if r.key == key)

    def type(self, key: str) -> MeetingType | None:
        return next((t for t in self.types if t.key == key), None)

    @property
    def type_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.types)


def read_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _areas(items) -> tuple[FrameworkArea, ...]:
    return tuple(FrameworkArea(a["name"], tuple(a.get("keywords", []))) for a in items or [])


def _meeting_type(raw: dict) -> MeetingType:
    frameworks = {
        int(year): Framework(int(year), fw["name"], _areas(fw.get("areas")), _areas(fw.get("branch_areas")))
        for year, fw in (raw.get("frameworks") or {}).items()
    }
    sections = raw.get("sections") or {}
    return MeetingType(
        key=raw["key"],
        name=raw["name"],
        full_name=raw.get("full_name", raw["name"]),
        description=" ".join(str(raw.get("description", "")).split()),
        keywords=tuple(raw.get("keywords", [])),
        required=tuple(sections.get("required", [])),
        recommended=tuple(sections.get("recommended", [])),
        optional=tuple(sections.get("optional", [])),
        frameworks=frameworks,
    )


def read_fields(raw: dict) -> tuple[FieldSpec, ...]:
    """The ``fields`` schema of a data file (front_matter.yml, snippets.yml)."""
    return tuple(
        FieldSpec(f["key"], f["label"], f["type"], bool(f.get("required")), f.get("allowed"), f.get("example"), f.get("note", ""))
        for f in raw["fields"]
    )


def load_domain(data_dir: Path = DATA_DIR) -> Domain:
    types_raw = read_yaml(data_dir / "meeting_types.yml")
    fm_raw = read_yaml(data_dir / "front_matter.yml")
    roles = tuple(
        SectionRole(r["key"], r["name"], r.get("hint", ""), tuple(r.get("keywords", [])), int(r.get("priority", 0)), i)
        for i, r in enumerate(types_raw["section_roles"])
    )
    fields = read_fields(fm_raw)
    allow_lists = {name: tuple(fm_raw[name]) for name in {f.allowed for f in fields if f.allowed}}
    return Domain(roles, tuple(_meeting_type(t) for t in types_raw["meeting_types"]), fields, allow_lists,
                  dict(fm_raw.get("subject_labels") or {}))


@lru_cache(maxsize=None)
def domain() -> Domain:
    """The repository's domain data, read once per process."""
    return load_domain()
