"""The domain data (meeting types, section roles, front matter schema) read from YAML.

Nothing about a meeting type is written in code: everything comes from ``scripts/data/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.kb.core.paths import DATA_DIR

WIDE_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


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
class Source:
    """One source a framework rests on (empty fields: the source does not say)."""

    issuer: str
    title: str
    date: str
    link: str  # a URL
    confidence: str  # 高 / 中 / 待核实 (meeting_types.yml `confidence`)
    note: str


@dataclass(frozen=True)
class SubjectFramework:
    """What one subject (班子 or 个人) covers in a year: its areas, its sources, how firm they are."""

    areas: tuple[FrameworkArea, ...]
    basis: tuple[Source, ...]
    confidence: str


@dataclass(frozen=True)
class Framework:
    year: int
    name: str
    basis: tuple[Source, ...]
    confidence: str  # the weakest of all its sources
    subjects: dict[str, SubjectFramework] = field(hash=False)  # only the subjects known this year
    theme: str = ""
    requirement: str = ""
    steps: tuple[str, ...] = ()
    yardstick: bool = False  # the areas are a yardstick named by the notices, not a fixed list
    see: str | None = None  # this year's meeting was held as that type's meeting

    def areas_for(self, subject: str | None) -> tuple[FrameworkArea, ...]:
        """The areas a material of that subject must cover (none when the subject is unknown)."""
        known = self.subjects.get(subject) if subject else None
        return known.areas if known else ()

    @property
    def all_areas(self) -> tuple[FrameworkArea, ...]:
        return tuple({a.name: a for s in self.subjects.values() for a in s.areas}.values())


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
class LocalFramework:
    """A sample's own unit's notice: `framework: <name>` with an `aspects:` list."""

    name: str
    strip_prefixes: tuple[str, ...]
    strip_suffixes: tuple[str, ...]

    def areas(self, aspects) -> tuple[FrameworkArea, ...]:
        """The aspects as areas, each also found by its core words (对照X方面 -> X)."""
        out = []
        for aspect in (str(a).strip() for a in aspects or ()):
            core = aspect
            for prefix in self.strip_prefixes:
                core = core.removeprefix(prefix)
            for suffix in self.strip_suffixes:
                core = core.removesuffix(suffix)
            if aspect:
                out.append(FrameworkArea(aspect, (core,) if core else ()))
        return tuple(out)


@dataclass(frozen=True)
class Domain:
    """All domain data, read once."""

    roles: tuple[SectionRole, ...]
    types: tuple[MeetingType, ...]
    fields: tuple[FieldSpec, ...]
    allow_lists: dict[str, tuple[str, ...]] = field(hash=False)
    subject_labels: dict[str, str] = field(default_factory=dict, hash=False)  # 班子 -> 党支部班子
    confidence_levels: dict[str, str] = field(default_factory=dict, hash=False)  # 高 -> its meaning, strongest first
    notices: dict[str, str] = field(default_factory=dict, hash=False)  # basis, unofficial, yardstick, unknown_subject
    local: LocalFramework = LocalFramework("本单位通知", (), ())

    @property
    def official_level(self) -> str:
        """The only confidence shown as official."""
        return next(iter(self.confidence_levels), "")

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


class DataError(ValueError):
    """meeting_types.yml says something the toolkit cannot use. ``anchor`` (the type's key, then
    text on the offending line) lets load_domain name the line."""

    def __init__(self, message: str, anchor: tuple[str, str] = ("", "")):
        super().__init__(message)
        self.message, self.anchor = message, anchor


def _line_of(path: Path, anchor: tuple[str, str]) -> int:
    """The first line holding anchor[1] after the line `key: anchor[0]` (1 when not found)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == f"- key: {anchor[0]}"), 0)
    return next((i + 1 for i in range(start, len(lines)) if anchor[1] in lines[i]), start + 1)


def _areas(items) -> tuple[FrameworkArea, ...]:
    return tuple(FrameworkArea(a["name"], tuple(a.get("keywords", []))) for a in items or [])


def _text(value) -> str:
    """One line: a folded YAML line break between two Chinese characters is no space."""
    return "" if value is None else WIDE_GAP.sub("", " ".join(str(value).split()))


def _sources(items, where: str, levels: tuple[str, ...], key: str) -> tuple[Source, ...]:
    sources = []
    for item in items or []:
        confidence = _text(item.get("confidence"))
        if confidence not in levels:
            raise DataError(f"{where}的依据“{_text(item.get('title')) or _text(item.get('issuer'))}”"
                            f"的 confidence 写的是“{confidence}”，只能是 {'、'.join(levels)}", (key, f"confidence: {confidence}"))
        sources.append(Source(*(_text(item.get(k)) for k in ("issuer", "title", "date", "link")), confidence, _text(item.get("note"))))
    return tuple(sources)


def _weakest(sources: tuple[Source, ...], levels: tuple[str, ...]) -> str:
    return max((s.confidence for s in sources), key=levels.index, default=levels[-1])


def _framework(year: int, raw: dict, mt: dict, subjects: tuple[str, ...], levels: tuple[str, ...]) -> Framework:
    key, where = mt["key"], f"{mt['name']} {year} 年度框架"
    basis = _sources(raw.get("basis"), where, levels, key)
    common = _areas(raw.get("areas"))
    own = raw.get("subjects") or {}
    unknown = sorted(set(own) - set(subjects))
    if unknown:
        raise DataError(f"{where}的 subjects 中有未知的对象：{'、'.join(unknown)}（可选：{'、'.join(subjects)}）", (key, f"{unknown[0]}:"))
    known = {}
    for subject in subjects:
        raw_subject = own.get(subject) or {}
        areas = common + _areas(raw_subject.get("areas"))
        if areas:
            sources = basis + _sources(raw_subject.get("basis"), f"{where}（{subject}）", levels, key)
            known[subject] = SubjectFramework(areas, sources, _weakest(sources, levels))
    every = basis + tuple(s for k in known.values() for s in k.basis)
    if not every:
        raise DataError(f"{where}没有依据（basis），至少写一个来源", (key, f"{year}:"))
    return Framework(
        year=year, name=_text(raw["name"]), basis=basis, confidence=_weakest(every, levels), subjects=known,
        theme=_text(raw.get("theme")), requirement=_text(raw.get("requirement")),
        steps=tuple(_text(s) for s in raw.get("steps") or []), yardstick=bool(raw.get("yardstick")), see=raw.get("see"),
    )


def _meeting_type(raw: dict, subjects: tuple[str, ...], levels: tuple[str, ...]) -> MeetingType:
    frameworks = {
        int(year): _framework(int(year), fw, raw, subjects, levels)
        for year, fw in (raw.get("frameworks") or {}).items()
    }
    sections = raw.get("sections") or {}
    return MeetingType(
        key=raw["key"],
        name=raw["name"],
        full_name=raw.get("full_name", raw["name"]),
        description=_text(raw.get("description")),
        keywords=tuple(raw.get("keywords", [])),
        required=tuple(sections.get("required", [])),
        recommended=tuple(sections.get("recommended", [])),
        optional=tuple(sections.get("optional", [])),
        frameworks=frameworks,
    )


def _follow_see(types: tuple[MeetingType, ...], levels: tuple[str, ...]) -> None:
    """A year held as another type's meeting (`see`) takes that type's areas, keeping its own basis."""
    by_key = {t.key: t for t in types}
    for mt in types:
        for year, framework in mt.frameworks.items():
            if not framework.see:
                continue
            target = by_key.get(framework.see)
            other = target.frameworks.get(year) if target else None
            if other is None or other.see:
                raise DataError(f"{mt.name} {year} 年度框架的 see: {framework.see} 没有 {year} 年度的框架可用", (mt.key, f"see: {framework.see}"))
            subjects = {k: replace(s, basis=framework.basis + s.basis) for k, s in other.subjects.items()}
            basis = framework.basis + other.basis
            mt.frameworks[year] = replace(other, basis=basis, subjects=subjects, see=framework.see,
                                          confidence=_weakest((*basis, *(b for s in subjects.values() for b in s.basis)), levels))


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
    confidence = {str(c["level"]): _text(c.get("meaning")) for c in types_raw["confidence"]}
    levels = tuple(confidence)
    try:
        types = tuple(_meeting_type(t, tuple(fm_raw["subjects"]), levels) for t in types_raw["meeting_types"])
        _follow_see(types, levels)
    except DataError as exc:
        path = data_dir / "meeting_types.yml"
        raise DataError(f"{path}:{_line_of(path, exc.anchor)}: {exc.message}") from None
    local = types_raw["local_framework"]
    return Domain(roles, types, fields, allow_lists, dict(fm_raw.get("subject_labels") or {}), confidence,
                  {k: _text(v) for k, v in types_raw["notices"].items()},
                  LocalFramework(local["name"], tuple(local.get("strip_prefixes", [])), tuple(local.get("strip_suffixes", []))))


@lru_cache(maxsize=None)
def domain() -> Domain:
    """The repository's domain data, read once per process."""
    return load_domain()
