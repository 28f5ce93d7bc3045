"""What the validator knows, read from scripts/data/: severities, settings, word lists, schemas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts.kb.core.data import Domain, FieldSpec, domain, read_fields, read_yaml
from scripts.kb.core.paths import DATA_DIR

SEVERITIES = ("error", "warning")
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Watermark:
    name: str
    regex: re.Pattern
    requires: tuple[str, ...] = ()  # literals of which one must be in the text (a fast pre-check)

    def finditer(self, text: str):
        """(start, matched text) of each match; the start is the `lead` group's when it has one."""
        if self.requires and not any(literal in text for literal in self.requires):
            return
        lead = "lead" in self.regex.groupindex
        for match in self.regex.finditer(text):
            start = match.start("lead") if lead else match.start()
            yield start, text[start : match.end()]


@dataclass(frozen=True)
class Schema:
    """The front matter fields of one kind of file and the allow-lists they refer to."""

    fields: tuple[FieldSpec, ...]
    allow_lists: dict[str, tuple[str, ...]] = field(hash=False)


@dataclass(frozen=True)
class Settings:
    severities: dict[str, str] = field(hash=False)
    retired: dict[str, str] = field(hash=False)
    unsuppressible: frozenset[str]
    raw: dict = field(hash=False)  # check.yml as read
    typos: dict[str, str] = field(hash=False)
    typo_regex: re.Pattern | None
    enumeration_regex: re.Pattern  # NU004: 一是 二是 …
    watermarks: tuple[Watermark, ...]
    sample_schema: Schema
    snippet_schema: Schema
    domain: Domain

    def __getitem__(self, key: str):
        return self.raw[key]


def load_settings(data_dir: Path = DATA_DIR, dom: Domain | None = None) -> Settings:
    dom = dom or domain()
    rules = read_yaml(data_dir / "rules.yml")
    severities = {str(k): str(v) for k, v in rules["rules"].items()}
    bad = {k: v for k, v in severities.items() if v not in SEVERITIES}
    if bad:
        raise ValueError(f"rules.yml 中的级别只能是 error 或 warning：{bad}")
    typos = {str(k): str(v) for k, v in (read_yaml(data_dir / "typos.yml") or {}).items()}
    typo_regex = re.compile("|".join(map(re.escape, sorted(typos, key=len, reverse=True)))) if typos else None
    marks = read_yaml(data_dir / "watermarks.yml")
    raw = read_yaml(data_dir / "check.yml")
    suffixes = "".join(map(re.escape, raw["enumeration_suffixes"]))
    after = re.escape(raw["enumeration_after"])
    front_matter = read_yaml(data_dir / "front_matter.yml")
    snippets = read_yaml(data_dir / "snippets.yml")
    return Settings(
        severities=severities,
        retired=dict(rules.get("retired") or {}),
        unsuppressible=frozenset(rules.get("unsuppressible") or ()),
        raw=raw,
        typos=typos,
        typo_regex=typo_regex,
        enumeration_regex=re.compile(rf"(?<![^{after}])([{CHINESE_NUMERALS}]{{1,3}})([{suffixes}])"),
        watermarks=tuple(Watermark(m["name"], re.compile(m["regex"], re.M), tuple(m.get("requires", ()))) for m in marks["patterns"]),
        sample_schema=Schema(dom.fields, dom.allow_lists),
        snippet_schema=_schema(snippets),
        domain=dom,
    )


def _schema(raw: dict) -> Schema:
    fields = read_fields(raw)
    return Schema(fields, {f.allowed: tuple(raw[f.allowed]) for f in fields if f.allowed})


@lru_cache(maxsize=None)
def settings() -> Settings:
    """The repository's settings, read once per process."""
    return load_settings()
