"""The prose of a Markdown body, line by line, with Markdown syntax masked by spaces.

Masking keeps every character at its column, so a rule that finds something in a masked line
reports the column of the file. Code (fenced blocks, inline code), link targets, autolinks and
HTML tags are masked; so are the markers of headings, lists and quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+")
LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)")
QUOTE = re.compile(r"^(\s*>\s?)")
DIRECTIVE = re.compile(r"^\s*(?:!!!|\?\?\?\+?|-{1,}8<-{1,}|;-{1,}8<)")
TABLE = re.compile(r"^\s*\|")
HTML_BLOCK = re.compile(r"^\s*</?[A-Za-z!]")
INLINE = re.compile(
    r"`[^`]*`"  # inline code
    r"|(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link or image target
    r"|(?<=\])\[[^\]]*\]"  # reference link label
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>"  # autolink
    r"|</?[A-Za-z][^<>]*>"  # HTML tag
    r"|\{:?\s*[.#][^}]*\}"  # attribute list
)


@dataclass
class ProseLine:
    number: int  # 1-based line in the file
    kind: str  # paragraph, heading, list, quote (others are not prose)
    text: str  # the line, Markdown syntax replaced by spaces
    level: int = 0  # heading level

    @property
    def content(self) -> str:
        """The text without the leading mask."""
        return self.text.lstrip()

    @property
    def start(self) -> int:
        """0-based index where the content starts."""
        return len(self.text) - len(self.text.lstrip())


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def mask(line: str) -> str:
    return INLINE.sub(_blank, line) if ("`" in line or "]" in line or "<" in line or "{" in line) else line


SYNTAX_START = frozenset(" \t#|!?-;<>`~*+0123456789{[")  # a line starting otherwise is plain text


def prose_lines(body: str, first_line: int) -> list[ProseLine]:
    out: list[ProseLine] = []
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if not in_fence and line and line[0] not in SYNTAX_START:  # the common case, quickly
            out.append(ProseLine(first_line + offset, "paragraph", mask(line.rstrip())))
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or not line.strip() or TABLE.match(line) or DIRECTIVE.match(line) or HTML_BLOCK.match(line):
            continue
        number = first_line + offset
        heading = HEADING.match(line)
        if heading:
            text = " " * heading.end() + line[heading.end():].rstrip("# ")
            out.append(ProseLine(number, "heading", mask(text), len(heading.group(1))))
            continue
        prefix = LIST_ITEM.match(line) or QUOTE.match(line)
        kind = "paragraph"
        if prefix:
            kind = "list" if prefix.re is LIST_ITEM else "quote"
            line = " " * prefix.end() + line[prefix.end():]
        out.append(ProseLine(number, kind, mask(line.rstrip())))
    return out


def paragraphs(lines: list[ProseLine]) -> list[list[ProseLine]]:
    """Consecutive paragraph lines form one paragraph; a heading or list item stands alone."""
    blocks: list[list[ProseLine]] = []
    previous = None
    for line in lines:
        if line.kind == "paragraph" and previous is not None and previous.kind == "paragraph" and previous.number == line.number - 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous = line
    return blocks


CODE_SPAN = re.compile(r"`[^`]*`")


def source_lines(body: str, first_line: int) -> list[tuple[int, str]]:
    """Every body line outside fenced code, inline code masked: what Markdown would render raw."""
    out, in_fence = [], False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and line.strip():
            out.append((first_line + offset, CODE_SPAN.sub(_blank, line) if "`" in line else line))
    return out
