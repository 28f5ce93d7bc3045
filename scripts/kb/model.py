"""The content model: samples (范例) read from Markdown with front matter, and their sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.kb.data import Domain, SectionRole, domain
from scripts.kb.frontmatter import FrontMatterError, split_front_matter
from scripts.kb.paths import DOCS_DIR

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Heading:
    level: int
    text: str
    line: int  # 1-based, in the whole file


@dataclass
class Section:
    """An H2 section (or the intro before the first H2) and the role its heading maps to."""

    heading: Heading | None  # None for the intro
    role: SectionRole | None
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of the body

    @property
    def paragraphs(self) -> list[str]:
        return [text for _, text in self.lines if text.strip() and not HEADING.match(text)]


@dataclass
class Sample:
    path: Path  # absolute
    rel: str  # relative to docs/, with forward slashes
    meta: dict
    body_line: int
    headings: list[Heading]
    sections: list[Section]

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def meeting_type(self) -> str:
        return str(self.meta.get("meeting_type", ""))

    @property
    def year(self):
        return self.meta.get("year")

    @property
    def url(self) -> str:
        """The page's URL relative to the site root (directory URLs)."""
        stem = self.rel[: -len(".md")]
        return (stem[: -len("index")] if stem.endswith("index") else stem + "/")

    def roles(self) -> list[str]:
        return [s.role.key for s in self.sections if s.role]


def role_for_heading(text: str, roles: tuple[SectionRole, ...]) -> SectionRole | None:
    """The role an H2 heading maps to: the highest-priority role with a keyword in the text."""
    for role in sorted(roles, key=lambda r: -r.priority):
        if any(keyword in text for keyword in role.keywords):
            return role
    return None


def parse_headings(body: str, first_line: int) -> list[Heading]:
    headings, in_fence = [], False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if match:
            headings.append(Heading(len(match.group(1)), match.group(2), first_line + offset))
    return headings


def split_sections(body: str, first_line: int, dom: Domain) -> list[Section]:
    """Cut the body at each H2; the part before the first H2 is the intro."""
    sections = [Section(None, dom.role("intro"))]
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if match and len(match.group(1)) == 2:
            heading = Heading(2, match.group(2), number)
            sections.append(Section(heading, role_for_heading(heading.text, dom.roles)))
        else:
            sections[-1].lines.append((number, line))
    if not any(text.strip() for _, text in sections[0].lines):
        sections.pop(0)
    return sections


def parse_sample(path: Path, docs_dir: Path = DOCS_DIR, dom: Domain | None = None) -> Sample:
    """Read one sample; raises FrontMatterError when the front matter cannot be read."""
    dom = dom or domain()
    text = path.read_text(encoding="utf-8")
    split = split_front_matter(text)
    if split.meta is None:
        raise FrontMatterError("缺少 front matter（文件开头的 --- 块）", 1)
    return Sample(
        path=path,
        rel=path.relative_to(docs_dir).as_posix(),
        meta=split.meta,
        body_line=split.body_line,
        headings=parse_headings(split.body, split.body_line),
        sections=split_sections(split.body, split.body_line, dom),
    )


def sample_paths(docs_dir: Path = DOCS_DIR, dom: Domain | None = None) -> list[Path]:
    """Every sample file: the Markdown files in the meeting-type folders, except index pages."""
    dom = dom or domain()
    paths = []
    for key in dom.type_keys:
        folder = docs_dir / key
        if folder.is_dir():
            paths.extend(p for p in folder.rglob("*.md") if p.name != "index.md")
    return sorted(paths)


def load_samples(docs_dir: Path = DOCS_DIR, dom: Domain | None = None) -> list[Sample]:
    """All samples, sorted by path. Raises FrontMatterError naming the first unreadable file."""
    samples = []
    for path in sample_paths(docs_dir, dom):
        try:
            samples.append(parse_sample(path, docs_dir, dom))
        except FrontMatterError as exc:
            exc.message = f"{path}: {exc.message}"
            raise
    return samples
