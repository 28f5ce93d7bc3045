"""One file, read once: its bytes, text, front matter, headings and (for a sample) the model.

Rules receive a FileContext and never open the file themselves; what they need of another file
they ask through ``other_is_file`` or ``other_bytes``, which record it for the cache.
"""

from __future__ import annotations

import datetime
import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from scripts.kb.check.config import Schema, Settings
from scripts.kb.check.markdown import ProseLine, paragraphs, prose_lines, source_lines
from scripts.kb.core.frontmatter import FrontMatterError, field_lines, split_front_matter
from scripts.kb.core.model import Heading, Sample, parse_headings, split_sections
from scripts.kb.core.numbering import Marker, parse_marker

SAMPLE, SNIPPET, PAGE = "sample", "snippet", "page"
EXISTS, CONTENT = "exists", "content"  # what a rule looked at in another file


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def file_state(kind: str, path: Path):
    """What a rule sees of another file: whether it is a file (EXISTS), or the digest of its
    bytes, None when it cannot be read (CONTENT)."""
    if kind == EXISTS:
        return path.is_file()
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


@dataclass
class Env:
    """What every file of one run shares: settings, the two trees, the date, and a cache for lookups."""

    settings: Settings
    docs_dir: Path
    snippets_dir: Path
    cache: dict = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class Problem:
    """What a rule yields: where, what is wrong, and (optionally) a hint other than its default."""

    line: int
    col: int
    message: str
    hint: str | None = None


@dataclass
class FileContext:
    path: Path  # absolute
    kind: str  # sample, snippet or page
    rel: str  # relative to docs/ (samples, pages) or snippets/ (snippets), forward slashes
    raw: bytes
    env: Env
    text: str | None = None  # decoded; BOM removed, CRLF read as LF; None when not UTF-8
    decode_error: UnicodeDecodeError | None = None
    meta: dict | None = None  # None: no front matter, or it cannot be read (see fm_error)
    fm_error: FrontMatterError | None = None
    body: str = ""
    body_line: int = 1
    reads: dict = field(default_factory=dict)  # (EXISTS or CONTENT, path) -> file_state: other files the rules looked at
    link: str | None = None  # a symbolic link's target (the link is not read)

    def other_is_file(self, path: Path) -> bool:
        """Whether another file exists. Rules ask here, never the file system, so that a cached
        result is reused only while the answer stays the same."""
        exists = self.reads[(EXISTS, path)] = file_state(EXISTS, path)
        return exists

    def other_bytes(self, path: Path) -> bytes | None:
        """The bytes of another file (None when it cannot be read), read once per run and
        recorded like other_is_file."""
        key = (CONTENT, path)
        if key not in self.env.cache:
            try:
                data = path.read_bytes()
            except OSError:
                data = None
            self.env.cache[key] = data, (None if data is None else digest(data))
        data, self.reads[key] = self.env.cache[key]
        return data

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text is not None else []

    @cached_property
    def field_lines(self) -> dict[str, int]:
        return field_lines(self.text or "")

    def field_line(self, key: str) -> int:
        """The line of a front matter field, or of the front matter's first line."""
        return self.field_lines.get(key, 1)

    def value_col(self, key: str) -> int:
        """The column where a front matter field's value starts (1 when it cannot be told)."""
        line = self.field_lines.get(key)
        if line is None:
            return 1
        text = self.lines[line - 1]
        colon = text.find(":")
        rest = text[colon + 1 :]
        return colon + 2 + (len(rest) - len(rest.lstrip())) if colon >= 0 and rest.strip() else 1

    @cached_property
    def headings(self) -> list[Heading]:
        return parse_headings(self.body, self.body_line)

    @cached_property
    def sample(self) -> Sample | None:
        """The content model of a sample whose front matter could be read."""
        if self.kind != SAMPLE or self.meta is None:
            return None
        dom = self.env.settings.domain
        return Sample(self.path, self.rel, self.meta, self.body_line, self.headings, split_sections(self.body, self.body_line, dom))

    @cached_property
    def schema(self) -> Schema | None:
        settings = self.env.settings
        return {SAMPLE: settings.sample_schema, SNIPPET: settings.snippet_schema}.get(self.kind)

    @cached_property
    def prose(self) -> list[ProseLine]:
        """The body's lines outside code blocks, with Markdown syntax masked by spaces."""
        return prose_lines(self.body, self.body_line)

    @cached_property
    def source(self) -> list[tuple[int, str]]:
        """The body's lines outside code blocks, inline code masked (HTML and links kept)."""
        return source_lines(self.body, self.body_line)

    @cached_property
    def markers(self) -> dict[int, Marker]:
        """The outline marker (一、 （一） 1. （1）) at the start of each heading or paragraph line."""
        found = {}
        for line in self.prose:
            if line.kind in ("heading", "paragraph"):
                marker = parse_marker(line.content)
                if marker:
                    found[line.number] = marker
        return found

    @cached_property
    def prose_text(self) -> str:
        """The prose lines joined by newlines: one regex search per file instead of one per line."""
        return "\n".join(line.text for line in self.prose)

    @cached_property
    def _prose_starts(self) -> list[int]:
        starts, offset = [], 0
        for line in self.prose:
            starts.append(offset)
            offset += len(line.text) + 1
        return starts

    def prose_position(self, offset: int) -> tuple[int, int]:
        """(line, col) in the file of an offset in prose_text."""
        index = bisect_right(self._prose_starts, offset) - 1
        return self.prose[index].number, offset - self._prose_starts[index] + 1

    @cached_property
    def _text_starts(self) -> list[int]:
        starts, offset = [], 0
        for line in self.lines:
            starts.append(offset)
            offset += len(line) + 1
        return starts

    def text_position(self, offset: int) -> tuple[int, int]:
        """(line, col) of an offset in the decoded text."""
        index = bisect_right(self._text_starts, offset) - 1
        return index + 1, offset - self._text_starts[index] + 1

    @cached_property
    def paragraphs(self) -> list[list[ProseLine]]:
        return paragraphs(self.prose)


def build_context(path: Path, raw: bytes, kind: str, rel: str, env: Env) -> FileContext:
    """Split a file's bytes; unreadable parts are recorded, never raised."""
    ctx = FileContext(path, kind, rel, raw, env)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        ctx.decode_error = exc
        return ctx
    ctx.text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        split = split_front_matter(ctx.text)
    except FrontMatterError as exc:
        ctx.fm_error = exc
        return ctx
    ctx.meta, ctx.body, ctx.body_line = split.meta, split.body, split.body_line
    return ctx
