"""The 撰写 page's data: what docs/javascripts/kb-compose.js needs, written by the build as files.

- ``assets/compose/data.js`` assigns ``window.KB_COMPOSE_DATA``: the meeting types with, for each
  framework year and subject, the outline (``outline.build_outline``, the model of the outline
  pages and the Word outline); the section roles; the allow-lists a contribution's front matter
  needs; the placeholder pattern; and, for the live checks, the data of the mirrored ``check``
  rules (their IDs, names, hints, severities and message templates from the rule modules, the
  lists from check.yml and typos.yml, the numbering pattern of core/numbering.py).
- ``assets/compose/snippets/<group>-<n>.js`` adds the n-th part of a group of snippets (of one
  meeting type and kind, or of one framework area) to ``window.KB_COMPOSE_SNIPPETS``; the page
  loads a block's first part when its references are opened and the next on 再载入, so that a
  library of 1,000 samples never loads more than a part at once.
- ``assets/compose/pinyin.js`` has the pinyin of each Chinese character (core/slug.py), to name
  the downloads as ``import`` names files.
- ``assets/compose/template.js`` holds a document in the 公文 layout (docx_writer) with one
  paragraph of each kind; the page copies their formatting onto the draft's paragraphs.

Script files assigning globals (not JSON) because fetch() is blocked on file://.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from scripts.kb.check import rules as check_rules
from scripts.kb.check import markdown as check_markdown
from scripts.kb.check.config import Settings
from scripts.kb.check.rules import half_width_punctuation, numbering_brackets, numbering_sequence, numbering_style
from scripts.kb.core.data import Domain, read_yaml
from scripts.kb.core.model import HEADING as MODEL_HEADING
from scripts.kb.core.model import Sample, page_url
from scripts.kb.core.numbering import MARKER
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.core.rendering import BLOCK_START
from scripts.kb.core.slug import HAN, MAX_LENGTH
from scripts.kb.core.snippet import Snippet, SnippetData
from scripts.kb.site.placeholders import PlaceholderRules
from scripts.kb.word.docx_content import Block, Run
from scripts.kb.word.docx_layout import Layout
from scripts.kb.word.docx_writer import render_docx

PAGE = "compose.md"
DATA_FILE = "assets/compose/data.js"
SNIPPET_DIR = "assets/compose/snippets"
TEMPLATE = "assets/compose/template.js"
PINYIN = "assets/compose/pinyin.js"
# The rules the page mirrors (docs/javascripts/kb-compose.js, tests/browser/test_compose_parity.py).
MIRRORED = ("ST001", "ST002", "ST004", "ST005", "NU001", "NU002", "NU003", "TX002", "TX003", "TX005", "TX007")
MARKDOWN_PATTERNS = ("FENCE", "HEADING", "LIST_ITEM", "QUOTE", "DIRECTIVE", "TABLE", "HTML_BLOCK", "INLINE")
# The template's paragraphs, in this order; the page finds them by position.
TEMPLATE_BLOCKS = (
    Block("title", (Run("标题"),)),
    Block("heading1", (Run("一、一级标题"),)),
    Block("heading2", (Run("（一）二级标题"),)),
    Block("body", (Run("正文"),)),
    Block("body", (Run("1.加粗", True), Run("正文"))),
)


@dataclass(frozen=True)
class WorkbenchSettings:
    common_fields: tuple[dict, ...]
    titles: dict[str, str]
    title: str
    source: str
    draft_name: str
    check_delay_ms: int
    part_size: int


@lru_cache(maxsize=None)
def workbench_settings() -> WorkbenchSettings:
    raw = read_yaml(DATA_DIR / "workbench.yml")
    return WorkbenchSettings(tuple(dict(f) for f in raw["common_fields"]), dict(raw.get("titles") or {}), str(raw["title"]), str(raw["source"]),
                             str(raw["draft_name"]), int(raw["check_delay_ms"]), int(raw["part_size"]))


def _json(value) -> str:
    """JSON to put in a script (no </script> can appear: the slash is escaped)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def js_regex(pattern: re.Pattern | str) -> str:
    """A Python pattern as JavaScript writes it (named groups), for ``new RegExp``."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    return source.replace("(?P<", "(?<")


def kind_group(type_key: str, kind_slug: str) -> str:
    return f"{type_key}-{kind_slug}"


def _outlines(dom: Domain) -> list[dict]:
    subjects = dom.allow_lists["subjects"]
    types = []
    for mt in dom.types:
        years = []
        for year in sorted(mt.frameworks, reverse=True):
            framework = mt.frameworks[year]
            outlines = {
                subject: [
                    {"level": i.level, "text": i.text, "hint": i.hint, "role": i.role, "area": i.area}
                    for i in build_outline(mt, year, subject, dom)
                ]
                for subject in subjects
            }
            areas = {a.name: list(a.keywords) for a in framework.all_areas}
            coverage = {subject: [a.name for a in framework.areas_for(subject)] for subject in subjects}
            area_groups = {a.name: area_group(mt.key, year, i) for i, a in enumerate(framework.all_areas, start=1)}
            years.append({"year": year, "framework": framework.name, "outlines": outlines, "areas": areas,
                          "coverage": coverage, "area_groups": area_groups})
        types.append({"key": mt.key, "name": mt.name, "required": list(mt.required), "years": years})
    return types


def _rules(settings: Settings) -> dict:
    found = {}
    for rule_id in MIRRORED:
        module = check_rules.get(rule_id)
        found[rule_id] = {"name": module.NAME, "hint": module.HINT, "severity": settings.severities[rule_id],
                          "messages": dict(getattr(module, "MESSAGES", {}))}
    return found


def workbench_data(dom: Domain, settings: Settings, placeholders: PlaceholderRules, data: SnippetData,
                   layout: Layout, parts: dict[str, int]) -> dict:
    wb = workbench_settings()
    return {
        "types": _outlines(dom),
        "roles": [{"key": r.key, "name": r.name, "hint": r.hint, "keywords": list(r.keywords), "priority": r.priority,
               "order": r.order}
                  for r in dom.roles],
        "subjects": [{"key": s, "label": dom.subject_label(s)} for s in dom.allow_lists["subjects"]],
        "allowed": {name: list(values) for name, values in dom.allow_lists.items()},
        "kinds": {role: {"kind": kind, "slug": data.kind_slugs[kind]} for role, kind in data.kind_by_role.items()},
        "parts": parts,
        "part_size": wb.part_size,
        "placeholders": {"regex": js_regex(placeholders.regex), "tooltip": placeholders.tooltip},
        "rules": _rules(settings),
        "check": {
            "half_width": dict(settings["half_width_punctuation"]),
            "paired": [list(pair) for pair in settings["paired_punctuation"]],
            "typos": settings.typos,
            "hint_prefix": settings["hint_prefix"],
            "todo_value": settings["todo_value"],
            "marker": js_regex(MARKER),
            "half_width_regex": js_regex(half_width_punctuation._regex(settings["half_width_punctuation"])),
            "number_in_brackets": js_regex(half_width_punctuation.NUMBER_IN_BRACKETS),
            "bracket_number": js_regex(numbering_brackets.HALF_WIDTH),
            "typo_regex": js_regex(settings.typo_regex) if settings.typo_regex else None,
            "labels": {f.key: f.label for f in dom.fields},
            "examples": {str(level): example for level, example in numbering_style.EXAMPLES.items()},
            "paragraph_top": numbering_sequence.PARAGRAPH_TOP,
        },
        # The Markdown reading of check/markdown.py and core/model.py, so that lines are counted alike.
        "markdown": {name: js_regex(getattr(check_markdown, name)) for name in MARKDOWN_PATTERNS}
        | {"model_heading": js_regex(MODEL_HEADING), "block_start": js_regex(BLOCK_START)},
        # Word: a 1. or （1） paragraph's first sentence is bold, as `export` sets it (word/docx_content.py).
        "lead_in": {"marker": js_regex(layout.lead_in.marker), "ends": layout.lead_in.ends, "max_chars": layout.lead_in.max_chars},
        "fields": list(wb.common_fields),
        "title": wb.title,
        "titles": wb.titles,
        "source": wb.source,
        "draft_name": wb.draft_name,
        "slug": {"token": f"[A-Za-z0-9]+|[{HAN}]", "max_length": MAX_LENGTH},
        "check_delay_ms": wb.check_delay_ms,
    }


def _snippet_entry(snippet: Snippet, sample: Sample | None, directory_urls: bool) -> dict:
    return {"slug": snippet.slug, "topic": snippet.topic, "section": snippet.section, "text": snippet.text,
            "year": sample.year if sample else None, "title": sample.title if sample else snippet.source,
            "url": page_url(snippet.source, directory_urls)}


def area_group(type_key: str, year: int, index: int) -> str:
    return f"{type_key}-{year}-area{index}"


def snippet_groups(snippets: list[Snippet], samples: list[Sample], dom: Domain, data: SnippetData,
                   directory_urls: bool) -> dict[str, list[dict]]:
    """The snippets a block lists, newest sample first: per meeting type and kind (a section's
    block), and per framework area the problems whose heading has one of its keywords (an
    aspect's block), as the outline pages match them."""
    by_rel = {s.rel: s for s in samples}
    year = {s.slug: getattr(by_rel.get(s.source), "year", None) for s in snippets}
    ordered = sorted(snippets, key=lambda s: (-(year[s.slug] if isinstance(year[s.slug], int) else 0), s.slug))
    entries = {s.slug: _snippet_entry(s, by_rel.get(s.source), directory_urls) for s in ordered}
    groups: dict[str, list[dict]] = {}
    for snippet in ordered:
        for type_key in snippet.meeting_types:
            groups.setdefault(kind_group(type_key, data.kind_slugs[snippet.kind]), []).append(entries[snippet.slug])
    problems = data.kind_by_role.get("problems")
    for mt in dom.types:
        for framework_year, framework in mt.frameworks.items():
            for index, area in enumerate(framework.all_areas, start=1):
                matched = [entries[s.slug] for s in ordered if mt.key in s.meeting_types and s.kind == problems
                           and year[s.slug] == framework_year and any(k in s.section for k in area.keywords)]
                if matched:
                    groups[area_group(mt.key, framework_year, index)] = matched
    return groups


def workbench_files(samples: list[Sample], snippets: list[Snippet], dom: Domain, settings: Settings,
                    placeholders: PlaceholderRules, data: SnippetData, layout: Layout, directory_urls: bool,
                    pinyin: dict[str, str]) -> dict[str, str]:
    """The data script, the pinyin table (``pinyin``: core/slug.py's ``pinyin_table``) and the
    snippet parts (each group cut into parts of ``part_size``, loaded one at a time), keyed by path
    relative to docs/."""
    size = workbench_settings().part_size
    out = {}
    counts = {}
    for name, entries in snippet_groups(snippets, samples, dom, data, directory_urls).items():
        counts[name] = len(entries)
        for number, start in enumerate(range(0, len(entries), size), start=1):
            part = f"{name}-{number}"
            out[f"{SNIPPET_DIR}/{part}.js"] = (f"(window.KB_COMPOSE_SNIPPETS = window.KB_COMPOSE_SNIPPETS || {{}})"
                                               f"[{_json(part)}] = {_json(entries[start:start + size])};\n")
    out[TEMPLATE] = template_script(layout)
    out[PINYIN] = f"window.KB_COMPOSE_PINYIN = {_json(pinyin)};\n"
    out[DATA_FILE] = f"window.KB_COMPOSE_DATA = {_json(workbench_data(dom, settings, placeholders, data, layout, counts))};\n"
    return out


def template_script(layout: Layout) -> str:
    """The Word template the page fills in (one paragraph of each kind, in TEMPLATE_BLOCKS order),
    base64 in a script: file:// pages cannot fetch a binary file."""
    encoded = base64.b64encode(render_docx(list(TEMPLATE_BLOCKS), layout)).decode("ascii")
    return f"window.KB_COMPOSE_TEMPLATE = {_json(encoded)};\n"
