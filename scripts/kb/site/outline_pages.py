"""Outline (提纲) pages: one per meeting type and framework year, built from the type's data.

Each outline comes from ``outline.build_outline`` (the model the Word export uses too), shows a
one-line hint per part and links each part to the snippets that fit it. A page has one tab per
subject (班子, 个人); a subject not known that year says so. A year held as another type's meeting
(``see``) has no page of its own: the index points to that type's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.kb.core.basis import source_label, sources_for, unknown_subject_note
from scripts.kb.core.data import Domain, Framework, MeetingType
from scripts.kb.core.model import Sample
from scripts.kb.core.outline import OutlineItem, build_outline, outline_subjects
from scripts.kb.core.snippet import SnippetData
from scripts.kb.core.templating import link, render
from scripts.kb.site.basis_view import basis_view
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
    areas = {a.name: a for a in framework.all_areas} if framework else {}
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


@dataclass(frozen=True)
class IndexRow:
    mt: MeetingType
    year: int
    subject: str  # its label (党支部班子)
    framework: Framework
    href: str  # the outline page, or the page of the type it was held as
    areas: int  # how many areas; 0: not known
    basis: str  # the sources' issuers and dates
    confidence: str
    held_as: str = ""  # the type whose meeting this year's was (``see``)


def _index_rows(mt: MeetingType, year: int, framework: Framework, dom: Domain, href: str, held_as: str = "") -> list[IndexRow]:
    rows = []
    for subject in dom.allow_lists["subjects"]:
        known = framework.subjects.get(subject)
        basis = "；".join(source_label(s) for s in sources_for(framework, subject))
        rows.append(IndexRow(mt, year, dom.subject_label(subject), framework, href, len(known.areas) if known else 0,
                             basis, known.confidence if known else framework.confidence, held_as))
    return rows


def outline_pages(samples: list[Sample], dom: Domain, cards: list[Card], data: SnippetData) -> dict[str, str]:
    """The outline index and one page per meeting type and framework year."""
    samples_by_rel = {s.rel: s for s in samples}
    pages, rows = {}, []
    for mt in dom.types:
        for year in sorted(mt.frameworks, reverse=True):
            framework = mt.frameworks[year]
            if framework.see:
                other = dom.type(framework.see)
                rows += _index_rows(mt, year, framework, dom, link(INDEX_PAGE, outline_page_path(other, year)), other.name)
                continue
            src = outline_page_path(mt, year)
            outlines = []
            for subject in dom.allow_lists["subjects"]:
                label = dom.subject_label(subject)
                if subject in framework.subjects:
                    parts = _parts(build_outline(mt, year, subject, dom), src, mt, year, cards, samples_by_rel, data)
                    outlines.append((label, parts, ""))
                else:
                    outlines.append((label, [], unknown_subject_note(label, dom)))
            pages[src] = render("outline.md.j2", mt=mt, year=year, framework=framework, outlines=outlines,
                                basis=basis_view(framework, None, dom),
                                type_link=link(src, f"{mt.key}/index.md"), index_link=link(src, INDEX_PAGE))
            rows += _index_rows(mt, year, framework, dom, link(INDEX_PAGE, src))
    pages[INDEX_PAGE] = render("outline_index.md.j2", rows=rows, gallery_link=link(INDEX_PAGE, "snippets/index.md"),
                               notice=dom.notices["basis"], levels=dom.confidence_levels)
    return pages
