"""The content model: samples (范例) and snippets (片段) read from Markdown with front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from scripts.kb.core.data import Domain, SectionRole, domain
from scripts.kb.core.frontmatter import naming, require_front_matter
from scripts.kb.core.history import added_dates
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR
from scripts.kb.core.snippet import Snippet, load_snippets

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

    @cached_property
    def tag_set(self) -> frozenset[str]:
        return frozenset(str(t) for t in self.meta.get("tags") or [])

    @property
    def url(self) -> str:
        """The page's URL relative to the site root (directory URLs)."""
        return page_url(self.rel)

    def roles(self) -> list[str]:
        return [s.role.key for s in self.sections if s.role]


def newest_first(sample: Sample) -> tuple:
    """Order within a meeting type: newest year first, then title and path."""
    year = sample.year if isinstance(sample.year, int) else 0
    return (-year, sample.title, sample.rel)


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL, relative to the site root, of the page built from src (a path relative to docs/)."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        url = stem[: -len("index")] + ("" if directory_urls else "index.html")
    else:
        url = stem + ("/" if directory_urls else ".html")
    return quote(url)


def page_link(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """The relative URL from the page built from one source file to the page of another, as MkDocs
    writes a .md link (for HTML, whose links MkDocs leaves as they are)."""
    return get_relative_url(page_url(to_src, directory_urls) or "./", page_url(from_src, directory_urls) or "./")


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
    split = require_front_matter(path.read_text(encoding="utf-8"))
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
        with naming(path):
            samples.append(parse_sample(path, docs_dir, dom))
    return samples


@dataclass
class YearGroup:
    """The samples of one meeting type and year, in newest_first order, and the positions among
    them of the samples carrying each tag (what ranks related samples, browse.related_samples)."""

    samples: list[Sample] = field(default_factory=list)
    by_tag: dict[str, list[int]] = field(default_factory=dict)

    def add(self, sample: Sample) -> None:
        for tag in sample.tag_set:
            self.by_tag.setdefault(tag, []).append(len(self.samples))
        self.samples.append(sample)


@dataclass
class Library:
    """Everything the generated pages are made from, read once per build."""

    samples: list[Sample]
    snippets: list[Snippet]
    added: dict[str, str]  # first-commit date (YYYY-MM-DD) of each committed sample, by rel
    by_rel: dict[str, Sample] = field(init=False, repr=False)
    by_type: dict[str, list[Sample]] = field(init=False, repr=False)  # each in newest_first order
    by_type_year: dict[str, dict[int, YearGroup]] = field(init=False, repr=False)  # by_type's, by (integer) year

    def __post_init__(self):
        self.by_rel = {s.rel: s for s in self.samples}
        self.by_type, self.by_type_year = {}, {}
        for sample in sorted(self.samples, key=newest_first):
            self.by_type.setdefault(sample.meeting_type, []).append(sample)
            if isinstance(sample.year, int):
                self.by_type_year.setdefault(sample.meeting_type, {}).setdefault(sample.year, YearGroup()).add(sample)

    def year_group(self, sample: Sample) -> YearGroup | None:
        """The samples of this sample's type and year (None: its year is not an integer)."""
        return self.by_type_year.get(sample.meeting_type, {}).get(sample.year) if isinstance(sample.year, int) else None


def load_library(docs_dir: Path = DOCS_DIR, snippets_dir: Path = SNIPPETS_DIR, dom: Domain | None = None) -> Library:
    """Samples, snippets and when each sample was added. Raises FrontMatterError naming the file."""
    return Library(load_samples(docs_dir, dom), load_snippets(snippets_dir), added_dates(docs_dir))
