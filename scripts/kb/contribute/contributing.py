"""The generated parts of CONTRIBUTING.md: the rule list (`check --list-rules --format markdown`)
and the front matter fields (front_matter.yml), each between its pair of markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.kb.check.config import settings
from scripts.kb.check.formats import rules_markdown
from scripts.kb.check.rules.field_type import TYPE_NAMES
from scripts.kb.contribute.draft import yaml_value
from scripts.kb.core.paths import ROOT
from scripts.kb.core.templating import render

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r"(<!-- generated:(?P<name>\w+) .*?-->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S)


@dataclass(frozen=True)
class _Field:
    key: str
    label: str
    required: bool
    type: str
    allowed: str | None
    note: str
    example_yaml: str


def _fields() -> str:
    conf = settings()
    fields = [_Field(f.key, f.label, f.required, f.type, f.allowed, f.note, yaml_value(f.example)) for f in conf.domain.fields]
    return render("contributing_fields.md.j2", fields=fields, allow_lists=conf.domain.allow_lists, type_names=TYPE_NAMES)


GENERATORS = {"rules": lambda: rules_markdown(settings().severities), "fields": _fields}


class MarkerError(ValueError):
    """A generated block's markers are missing or name an unknown block."""


def regenerate(text: str) -> str:
    """The text with every generated block rewritten from the data."""
    found = {m.group("name") for m in BLOCK.finditer(text)}
    missing = set(GENERATORS) - found
    if missing:
        raise MarkerError(f"缺少生成区块的标记：{'、'.join(f'<!-- generated:{n} … --> … <!-- /generated:{n} -->' for n in sorted(missing))}")
    unknown = found - set(GENERATORS)
    if unknown:
        raise MarkerError(f"未知的生成区块：{'、'.join(sorted(unknown))}")
    return BLOCK.sub(lambda m: m.group(1) + GENERATORS[m.group("name")]() + m.group(4), text)
