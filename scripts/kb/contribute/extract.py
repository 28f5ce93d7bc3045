"""Cutting a sample into snippets: one per paragraph, and one per item of "一是…二是…" lists.

The cut keeps every character: the texts of a section's snippets, joined in order, are the
section's paragraphs joined in order. Kind comes from the section's role, topic from keywords
(both in scripts/data/snippets.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.kb.core.model import HEADING, Sample
from scripts.kb.core.numbering import chinese_numeral
from scripts.kb.core.snippet import Snippet, SnippetData, snippet_data

SENTENCE_END = re.compile(r"[。；！？]")


@dataclass
class Block:
    """The paragraphs under one heading: an H2 before its first H3, or an H3."""

    role: str
    role_index: int  # how many sections with this role came before, for unique slugs
    h3_index: int  # 0 for text directly under the H2
    heading: str
    paragraphs: list[str]


def item_starts(paragraph: str, data: SnippetData) -> list[int]:
    """Where the items of a "一是…二是…" list start; empty unless there are at least two in order."""
    for marker in data.item_markers:
        starts, position = [], 0
        for n in range(1, 100):
            found = _find_marker(paragraph, f"{chinese_numeral(n)}{marker}", position, data.item_boundary)
            if found is None:
                break
            starts.append(found)
            position = found + 1
        if len(starts) >= 2:
            return starts
    return []


def _find_marker(text: str, marker: str, start: int, boundary: str) -> int | None:
    index = text.find(marker, start)
    while index != -1:
        if index == 0 or text[index - 1] in boundary:
            return index
        index = text.find(marker, index + 1)
    return None


def split_items(paragraph: str, data: SnippetData) -> list[str]:
    """The lead-in (if any) and each item; joined, they are the paragraph."""
    starts = item_starts(paragraph, data)
    if not starts:
        return [paragraph]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(paragraph)]
    return [paragraph[a:b] for a, b in zip(bounds, bounds[1:])]


def classify_topic(text: str, heading: str, data: SnippetData) -> str:
    """The topic whose keywords score highest: hits in the first sentence count 10, elsewhere 1.

    The section heading decides only when the text itself has no keyword: headings such as
    "对照党史学习教育目标，在加强党性锤炼方面" name the frame, not what the paragraph is about.
    """
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    for scored in (lambda k: 10 * first.count(k) + text.count(k), heading.count):
        best, best_score = "其他", 0
        for topic, keywords in data.topic_keywords.items():
            score = sum(scored(k) for k in keywords)
            if score > best_score:
                best, best_score = topic, score
        if best_score:
            return best
    return "其他"


def blocks(sample: Sample) -> list[Block]:
    """The sample's paragraphs grouped by heading, for the sections whose role is known."""
    found, seen_roles = [], {}
    for section in sample.sections:
        if section.role is None:
            continue
        role = section.role.key
        role_index = seen_roles[role] = seen_roles.get(role, -1) + 1
        heading = section.heading.text if section.heading else sample.title
        current = Block(role, role_index, 0, heading, [])
        found.append(current)
        paragraph: list[str] = []
        for _, line in section.lines + [(0, "")]:
            heading_match = HEADING.match(line)
            if line.strip() and not heading_match:
                paragraph.append(line.strip())
                continue
            if paragraph:
                current.paragraphs.append("\n".join(paragraph))
                paragraph = []
            if heading_match and len(heading_match.group(1)) == 3:
                current = Block(role, role_index, current.h3_index + 1, heading_match.group(2), [])
                found.append(current)
    return [block for block in found if block.paragraphs]


def extract(sample: Sample, data: SnippetData | None = None) -> list[Snippet]:
    """The snippets of one sample, in document order, with deterministic slugs."""
    data = data or snippet_data()
    stem = sample.rel[: -len(".md")].replace("/", "-")
    all_blocks = blocks(sample)
    snippets = []
    for block_number, block in enumerate(all_blocks):
        is_last_block = block_number == len(all_blocks) - 1
        role = block.role + (str(block.role_index + 1) if block.role_index else "")
        pieces = [piece for paragraph in block.paragraphs for piece in split_items(paragraph, data)]
        for number, piece in enumerate(pieces, start=1):
            kind = data.kind_by_role[block.role]
            if is_last_block and _is_closing(piece, block.paragraphs, data):
                kind = "结尾"
            snippets.append(
                Snippet(
                    slug=f"{stem}-{role}-{block.h3_index:02d}-{number:02d}",
                    kind=kind,
                    topic=classify_topic(piece, block.heading, data),
                    meeting_types=(sample.meeting_type,),
                    source=sample.rel,
                    section=block.heading,
                    text=piece,
                )
            )
    return snippets


def _is_closing(piece: str, paragraphs: list[str], data: SnippetData) -> bool:
    """A whole last paragraph, not a list item, that closes the material (以上…请批评指正)."""
    return (
        len(paragraphs) > 1
        and piece == paragraphs[-1]
        and not item_starts(piece, data)
        and not any(piece.startswith(chinese_numeral(1) + marker) for marker in data.item_markers)
        and any(keyword in piece for keyword in data.closing_keywords)
    )
