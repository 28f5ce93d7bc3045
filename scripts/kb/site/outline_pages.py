"""Outline (提纲) pages: one per meeting type and framework year, built from the type's data.

Each outline comes from ``outline.build_outline`` (the model the Word export uses too), shows a
one-line hint per part and links each part to the snippets that fit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.kb.core.data import Domain, MeetingType
from scripts.kb.core.model import Sample
from scripts.kb.core.outline import OutlineItem, build_outline, outline_subjects
from scripts.kb.core.snippet import SnippetData
from scripts.kb.core.templating import link, render
from scripts.kb.site.cards import Card, md_escape

INDEX_PAGE = "outlines/index.md"
LEAD = re.compile(r"^[^。；：！？]{1,28}")


@dataclass
class Part:
    item: OutlineItem
    kind_link: tuple[str, str, int] | None  # (kind, link to its gallery page, cards of this type)
    cards: list[tuple[str, str]]  # (lead words, link to the card)


def outline_page_path(mt: MeetingType, year: int) -> str:
    return f"outlines/{mt.key}-{year}.md"


def _lead(text: str) -> str:
    match = LEAD.match(text)
    return match.group(0) if match else text[:28]


def _parts(items, src, mt, year, cards, samples_by_rel, data) -> list[Part]:
    fits = [c for c in cards if mt.key in c.snippet.meeting_types]
    of_year = [c for c in fits if getattr(samples_by_rel.get(c.snippet.source), "year", None) == year]
    framework = mt.framework_for(year)
    areas = {a.name: a for a in (framework.areas + framework.branch_areas)} if framework else {}
    parts = []
    for item in items:
        kind = data.kind_by_role.get(item.role)
        if item.area is None:
            count = sum(1 for c in fits if c.snippet.kind == kind)
            kind_page = link(src, f"snippets/{data.kind_slugs[kind]}/index.md") if kind else ""
            parts.append(Part(item, (kind, kind_page, count) if kind else None, []))
            continue
        keywords = areas[item.area].keywords
        matched = [c for c in of_year if c.snippet.kind == kind and any(k in c.snippet.section for k in keywords)]
        parts.append(Part(item, None, [(md_escape(_lead(c.snippet.text)), f"{link(src, c.page)}#{c.snippet.slug}") for c in matched]))
    return parts


def outline_pages(samples: list[Sample], dom: Domain, cards: list[Card], data: SnippetData) -> dict[str, str]:
    """The outline index and one page per meeting type and framework year."""
    samples_by_rel = {s.rel: s for s in samples}
    pages, entries = {}, []
    for mt in dom.types:
        for year in sorted(mt.frameworks, reverse=True):
            src = outline_page_path(mt, year)
            framework = mt.frameworks[year]
            outlines = [
                (subject and dom.subject_label(subject), _parts(build_outline(mt, year, subject, dom), src, mt, year, cards, samples_by_rel, data))
                for subject in outline_subjects(mt, year)
            ]
            pages[src] = render("outline.md.j2", mt=mt, year=year, framework=framework, outlines=outlines,
                                type_link=link(src, f"{mt.key}/index.md"), index_link=link(src, INDEX_PAGE))
            entries.append((mt, year, framework, link(INDEX_PAGE, src)))
    pages[INDEX_PAGE] = render("outline_index.md.j2", entries=entries, gallery_link=link(INDEX_PAGE, "snippets/index.md"))
    return pages
