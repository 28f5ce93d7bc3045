"""A framework's basis as the pages show it (templates/_basis.md.j2): an admonition listing its
sources with their links and notes, its confidence, and that the unit's own notice prevails."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.kb.core.basis import framework_notes, source_label, sources_for
from scripts.kb.core.data import Domain, Framework


@dataclass(frozen=True)
class BasisView:
    official: bool  # only the strongest confidence is shown as official
    confidence: str
    sources: tuple[tuple[str, str, str, str], ...]  # (label, href or "", confidence, note)
    notes: tuple[str, ...]


def basis_view(framework: Framework, subject: str | None, dom: Domain) -> BasisView:
    known = framework.subjects.get(subject) if subject else None
    confidence = known.confidence if known else framework.confidence
    return BasisView(
        official=confidence == dom.official_level,
        confidence=confidence,
        sources=tuple((source_label(s), s.link, s.confidence, s.note) for s in sources_for(framework, subject)),
        notes=tuple(framework_notes(framework, subject, dom)),
    )
