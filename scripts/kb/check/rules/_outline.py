"""The outline markers of a body in reading order, for the numbering rules."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.kb.core.numbering import Marker


@dataclass
class Numbered:
    line: int
    col: int  # 1-based column of the marker
    marker: Marker | None
    heading_level: int  # 0 for a paragraph


def numbered_lines(ctx) -> list[Numbered]:
    """Every heading, and every paragraph that starts with a marker."""
    found = []
    for line in ctx.prose:
        if line.kind not in ("heading", "paragraph"):
            continue
        marker = ctx.markers.get(line.number)
        if line.kind == "heading" or marker:
            found.append(Numbered(line.number, line.start + 1, marker, line.level if line.kind == "heading" else 0))
    return found
