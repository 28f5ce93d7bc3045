"""What goes into a Word document: a sample's Markdown or an outline, as plain-text blocks.

A block is one paragraph of the document with a kind (title, heading1 for ``一、``, heading2 for
``（一）``, body, date) and its runs of text, some bold. All Markdown syntax is gone: emphasis
becomes plain (``**bold**`` a bold run), links become their text, images and HTML tags vanish,
snippet includes (``--8<-- "file.md"``) are replaced by the included file's text. The page's
metadata header and notice are not part of the source, so they are not part of the document.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.kb.core.basis import framework_notes, source_label, sources_for
from scripts.kb.core.data import Domain, MeetingType
from scripts.kb.core.frontmatter import FrontMatterError, body_of, split_front_matter
from scripts.kb.core.model import FENCE, HEADING, Sample
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import SNIPPETS_DIR

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
SNIPPET_LINE = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+(?:[ \t]+(?P<q>["'])(?P<file>.+?)(?P=q))?[ \t]*$""")
LIST_ITEM = re.compile(r"^\s{0,3}(?:(?P<bullet>[-*+])|(?P<number>\d{1,9})[.)])\s+(?P<text>.*)$")
RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
DROPPED_LINE = re.compile(
    r"^\s*(?:\{:.*\}|\[[^\]]+\]:\s*\S+.*|<!--.*-->|</?[A-Za-z][^>]*>|!!!.*|\?\?\?\+?.*)\s*$"
)
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Inline syntax, applied in this order, each only to a text that holds one of the marks every
# match of it holds (most paragraphs hold none). Bold is marked with \x01…\x02 and split into runs last.
INLINE = (
    (("![",), re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (("[",), re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url "title")
    (("[",), re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (("[^",), re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (("<",), re.compile(r"<((?:https?|mailto):[^>]+)>"), r"\1"),  # autolinks
    (("<!--",), re.compile(r"<!--.*?-->"), ""),
    (("<",), re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags (<mark>, <span>, <br>)
    (("{",), re.compile(r"\{:?\s*[.#][^}]*\}"), ""),  # attribute lists {: .class }
    (("`",), re.compile(r"`+([^`]*?)`+"), r"\1"),  # code
    (("**", "__"), re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), "\x01\\2\x02"),  # strong
    (("*",), re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),  # emphasis: 公文 has no italics
    (("_",), re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])"), r"\1"),
    (("~~",), re.compile(r"~~(.+?)~~"), r"\1"),
    (("\\",), re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])"), r"\1"),  # backslash escapes
)
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…]")


class ExportError(ValueError):
    """Source that cannot be exported; ``path`` and ``line`` locate it."""

    def __init__(self, message: str, path: Path, line: int):
        super().__init__(f"{path}:{line}: {message}")
        self.message, self.path, self.line = message, path, line

    def __reduce__(self):  # made again from its parts when it comes back from a worker process
        return type(self), (self.message, self.path, self.line)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading1 | heading2 | body | date
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class LeadIn:
    """Deeper outline levels (1. and （1）) in the body: their first sentence is set in bold."""

    marker: re.Pattern
    ends: str
    max_chars: int

    def runs(self, text: str) -> tuple[Run, ...]:
        if not self.marker.match(text):
            return (Run(text),)
        end = next((i for i, ch in enumerate(text) if ch in self.ends), None)
        if end is None:
            return (Run(text, len(text) <= self.max_chars),)
        if end + 1 > self.max_chars:
            return (Run(text),)
        return tuple(r for r in (Run(text[: end + 1], True), Run(text[end + 1 :])) if r.text)


NO_LEAD_IN = LeadIn(re.compile(r"(?!)"), "", 0)


def clean(text: str) -> str:
    return html.unescape(text.translate(ZERO_WIDTH)).replace("\u00a0", " ")


def inline_runs(text: str, lead_in: LeadIn) -> tuple[Run, ...]:
    """A paragraph's Markdown as runs: syntax removed, ``**strong**`` kept as bold runs."""
    for marks, pattern, replacement in INLINE:
        if any(mark in text for mark in marks):
            text = pattern.sub(replacement, text)
    text = clean(text).strip()
    if "\x01" not in text:
        return lead_in.runs(text)
    runs, bold = [], False
    for piece in re.split("([\x01\x02])", text):
        if piece in ("\x01", "\x02"):
            bold = piece == "\x01"
        elif piece:
            runs.append(Run(piece, bold))
    return tuple(runs)


def join_lines(lines: list[str]) -> str:
    """Join the lines of one Markdown paragraph: no space between Chinese characters."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and not (CJK.search(text[-1]) or CJK.search(line[:1])):
            text += " "
        text += line
    return text


class _Reader:
    """Turns Markdown lines into blocks, resolving snippet includes from ``snippets_dir``."""

    def __init__(self, snippets_dir: Path, lead_in: LeadIn, title: str):
        self.snippets_dir, self.lead_in, self.title = snippets_dir, lead_in, title
        self.blocks: list[Block] = []
        self.pending: list[str] = []

    def flush(self) -> None:
        if self.pending:
            runs = inline_runs(join_lines(self.pending), self.lead_in)
            if any(run.text.strip() for run in runs):
                self.blocks.append(Block("body", runs))
            self.pending = []

    def add(self, kind: str, text: str) -> None:
        self.flush()
        runs = inline_runs(text, self.lead_in) if kind == "body" else (Run(clean_heading(text)),)
        if any(run.text.strip() for run in runs):
            self.blocks.append(Block(kind, runs))

    def read(self, lines: list[str], path: Path, first_line: int, depth: int = 0) -> None:
        in_fence, block_include, number = False, False, 0
        for offset, raw in enumerate(lines):
            line, where = raw.rstrip("\r"), first_line + offset
            if FENCE.match(line):
                self.flush()
                in_fence = not in_fence
                continue
            if in_fence:  # code is kept as it is, a paragraph a line
                self.flush()
                if line.strip():
                    self.blocks.append(Block("body", (Run(clean(line).strip()),)))
                continue
            snippet = SNIPPET_LINE.match(line)
            if snippet and snippet.group("escape"):
                self.pending.append(line.replace(";", "", 1))
            elif snippet:
                self.flush()
                if snippet.group("file"):
                    self.include(snippet.group("file"), path, where, depth)
                else:
                    block_include = not block_include
            elif block_include:
                if line.strip() and not line.strip().startswith(";"):
                    self.include(line.strip(), path, where, depth)
            elif not line.strip() or RULE.match(line) or DROPPED_LINE.match(line) or TABLE_SEPARATOR.match(line):
                self.flush()
            elif heading := HEADING.match(line):
                number = 0
                level = len(heading.group(1))
                if level == 1 and clean_heading(heading.group(2)) == self.title:
                    self.flush()
                    continue
                kind = {1: "heading1", 2: "heading1", 3: "heading2"}.get(level, "body")
                self.add(kind, f"**{heading.group(2)}**" if kind == "body" else heading.group(2))
            elif item := LIST_ITEM.match(line):
                # An ordered list is numbered on the page from its first number on, as here.
                number = (number + 1 if number else int(item.group("number"))) if item.group("number") else 0
                self.add("body", (f"{number}." if number else "") + item.group("text"))
            elif line.lstrip().startswith("|"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                self.add("body", "　".join(c for c in cells if c))
            else:
                number = number if line.startswith((" ", "\t")) else 0
                self.pending.append(re.sub(r"^\s{0,3}>\s?", "", line))
        self.flush()

    def include(self, spec: str, path: Path, line: int, depth: int) -> None:
        """Replace an include line by the snippet's text (its front matter, if any, left out)."""
        name, _, selection = spec.partition(":")
        target = self.snippets_dir / name
        if re.match(r"^[a-z]+://", spec):
            raise ExportError(f"不能导出引用网络地址的片段 {spec}", path, line)
        folder = self.snippets_dir.resolve()
        if folder not in target.resolve().parents or target.is_symlink():
            raise ExportError(f"SE004 引用“{name}”离开了 snippets/，不能导出", path, line)
        if depth >= 4:
            raise ExportError(f"片段 {spec} 嵌套引用过深", path, line)
        if not target.is_file():
            raise ExportError(f"引用的片段 {name} 不存在（在 {self.snippets_dir} 中查找）", path, line)
        try:
            split = split_front_matter(target.read_text(encoding="utf-8"))
        except FrontMatterError as exc:
            raise ExportError(exc.message, target, exc.line) from None
        lines, first = split.body.split("\n"), split.body_line
        if selection:
            start, _, end = selection.partition(":")
            if not (start.isdigit() and (not end or end.isdigit())):
                raise ExportError(f"片段 {spec} 只支持按行号选取（文件:起始行:结束行）", path, line)
            body_start = int(start) - first
            lines = lines[max(body_start, 0) : (int(end) - first + 1) if end else None]
            first = max(int(start), first)
        self.read(lines, target, first, depth + 1)


def clean_heading(text: str) -> str:
    """A heading's text without syntax (a heading is one run: its font already sets it apart)."""
    return "".join(run.text for run in inline_runs(text, NO_LEAD_IN))


def format_date(value, pattern: str) -> str | None:
    """The 成文日期 of a front matter ``date`` (a YAML date or an ISO string); None when absent."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, dt.date):
        return None
    return pattern.format(year=value.year, month=value.month, day=value.day)


def sample_blocks(sample: Sample, lead_in: LeadIn, date_format: str, snippets_dir: Path = SNIPPETS_DIR) -> list[Block]:
    """The title, the body converted paragraph by paragraph, and the date line when there is one."""
    body, first = body_of(sample.path.read_text(encoding="utf-8"))
    reader = _Reader(snippets_dir, lead_in, clean(sample.title).strip())
    reader.read(body.split("\n"), sample.path, first)
    blocks = [Block("title", (Run(clean(sample.title).strip()),))] + reader.blocks
    date = format_date(sample.meta.get("date"), date_format)
    return blocks + [Block("date", (Run(date),))] if date else blocks


def basis_blocks(mt: MeetingType, year: int, subject: str | None, dom: Domain) -> list[Block]:
    """What the outline rests on, before its first heading: framework, theme, notes and sources."""
    framework = mt.framework_for(year)
    if framework is None:
        return []
    lines = [("对照方面：", f"{framework.name}（{year}年度）。")]
    lines += [(f"{label}：", text) for label, text in (("主题", framework.theme), ("总要求", framework.requirement)) if text]
    lines += [("说明：", note) for note in framework_notes(framework, subject, dom)]
    for source in sources_for(framework, subject):
        url = f" {source.link}" if source.link else ""
        lines.append(("依据：", f"{source_label(source)}{url}（可信度：{source.confidence}）" + (f"。{source.note}" if source.note else "")))
    return [Block("body", (Run(lead, bold=True), Run(text))) for lead, text in lines]


def outline_blocks(title: str, mt: MeetingType, year: int, subject: str | None, dom: Domain) -> list[Block]:
    """An outline (提纲) from the shared model: its basis, then each heading followed by its hint."""
    blocks = [Block("title", (Run(title),)), *basis_blocks(mt, year, subject, dom)]
    for item in build_outline(mt, year, subject, dom):
        blocks.append(Block("heading1" if item.level == 1 else "heading2", (Run(item.heading),)))
        blocks.append(Block("body", (Run(item.hint),)))
    return blocks
