"""`import`: a contributor's paragraphs (see reading.py) turned into a sample's Markdown body.

Every change to the text is announced: watermarks removed (one notice each, with the text),
page-number lines dropped, half-width numbering brackets and punctuation made full-width, lines
broken mid-sentence joined, numbered lines split into heading and paragraph. No other text is
dropped or changed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from scripts.kb.check.config import settings
from scripts.kb.check.rules._common import CJK
from scripts.kb.contribute.reading import Paragraph, import_settings
from scripts.kb.core.numbering import level_marker, parse_marker
from scripts.kb.core.rendering import escape_block_start

STRIP = " \t\u3000\ufeff\xa0"
BOLD_MAX = 30  # a level-3/4 numbered line this short, without sentence punctuation, is a lead-in


@dataclass
class Line:
    number: int  # 1-based position in the source (paragraph number for .docx)
    text: str
    style_level: int | None = None


@dataclass
class Block:
    kind: str  # "h2", "h3", "bold" or "p"
    text: str
    line: int

    def markdown(self) -> str:
        text = escape_block_start(self.text) if self.kind == "p" else self.text
        return {"h2": "## {}", "h3": "### {}", "bold": "**{}**", "p": "{}"}[self.kind].format(text)


@dataclass
class Draft:
    blocks: list[Block]
    title: str | None = None
    date: datetime.date | None = None  # from a date line
    notices: list[str] = field(default_factory=list)  # one Chinese line per announced change

    @property
    def opening(self) -> str:
        return next((b.text for b in self.blocks if b.kind == "p"), "")

    def markdown(self) -> str:
        return "\n\n".join(b.markdown() for b in self.blocks) + "\n"


class _Counter:
    """Normalisations of one kind: how many and on which lines, reported as one notice."""

    def __init__(self, what: str):
        self.what, self.lines = what, []

    def add(self, line: int, times: int = 1) -> None:
        self.lines.extend([line] * times)

    def notice(self) -> str | None:
        if not self.lines:
            return None
        where = "、".join(str(n) for n in sorted(set(self.lines)))
        return f"{self.what}：{len(self.lines)} 处（第 {where} 行）"


def convert(paragraphs: list[Paragraph]) -> Draft:
    conf = import_settings()
    draft = Draft([])
    lines = [Line(i, p.text.strip(STRIP), p.style_level) for i, p in enumerate(paragraphs, start=1)]
    lines = [line for line in lines if line.text]
    lines = _drop_page_numbers(lines, draft, conf)
    lines = [line for line in (_remove_watermarks(line, draft) for line in lines) if line.text]
    counters = [_Counter("已把半角的编号括号或编号后的标点改成规范写法"), _Counter("已把汉字之间的半角标点改成全角"), _Counter("已把直引号改成中文引号")]
    for line in lines:
        line.text = _normalise(line, *counters)
    _take_title_and_date(lines, draft, conf)
    joined = _Counter("已把句子中间断开的行接上")
    lines = _join_broken(lines, joined, conf)
    split = _Counter("已把编号行拆成标题和其后的正文（标题末尾的句号等去掉）")
    for line in lines:
        draft.blocks.extend(_blocks(line, split, conf))
    draft.notices.extend(n for n in (c.notice() for c in (*counters, joined, split)) if n)
    return draft


def _drop_page_numbers(lines: list[Line], draft: Draft, conf: dict) -> list[Line]:
    patterns = [re.compile(p) for p in conf["page_number_lines"]]
    kept = []
    for line in lines:
        if any(p.match(line.text) for p in patterns):
            draft.notices.append(f"第 {line.number} 行：已删除页码行“{line.text}”")
        else:
            kept.append(line)
    return kept


def _remove_watermarks(line: Line, draft: Draft) -> Line:
    """Cut every watermark match; a match at the start of a line (a source footer) takes the line."""
    spans = []
    for mark in settings().watermarks:
        for start, text in mark.finditer(line.text):
            spans.append((start, start + len(text), mark.name))
    if not spans:
        return line
    text = line.text
    for start, end, name in sorted(spans, reverse=True):
        if start >= len(text) or end > len(text):
            continue
        if not text[:start].strip(STRIP):
            draft.notices.append(f"第 {line.number} 行：已删除水印（{name}）：整行“{text}”")
            text = ""
            break
        draft.notices.append(f"第 {line.number} 行：已删除水印（{name}）：“{text[start:end]}”")
        before, after = text[:start].rstrip(STRIP), text[end:].lstrip(STRIP)
        if before and after and not before[-1].isalnum() and not after[0].isalnum() and before[-1] == after[0]:
            after = after[1:]  # 作为，<watermark>，甚至 → 作为，甚至
        text = before + after
    line.text = text.strip(STRIP)
    return line


def _take_title_and_date(lines: list[Line], draft: Draft, conf: dict) -> None:
    if not lines:
        return
    first = lines[0]
    plain_title = (
        first.style_level is None
        and parse_marker(first.text) is None
        and len(first.text) <= conf["title_max_length"]
        and not any(ch in first.text for ch in conf["title_punctuation"])
    )
    if first.text.startswith("# ") or first.style_level == 0 or plain_title:
        draft.title = first.text.lstrip("#").strip(STRIP)
        lines.pop(0)
    date_line = re.compile(conf["date_line"])
    for index, line in enumerate(lines[:2]):
        match = date_line.match(line.text)
        if match:
            try:
                draft.date = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            lines.pop(index)
            return


def _normalise(line: Line, markers: _Counter, punctuation: _Counter, quotes: _Counter) -> str:
    text = line.text
    marker = parse_marker(text)
    if marker and marker.level in (1, 2) and not marker.proper:
        text = level_marker(marker.level, marker.number) + text[len(marker.text) :]
        markers.add(line.number)
    table = {k: v for k, v in settings()["half_width_punctuation"].items() if k not in "\"'"}
    pattern = re.compile(f"(?<=[{CJK}])[{re.escape(''.join(table))}]|[{re.escape(''.join(table))}](?=[{CJK}])")
    text, count = pattern.subn(lambda m: table[m.group(0)], text)
    punctuation.add(line.number, count)
    if '"' in text and re.search(f"[{CJK}]", text):
        parts = text.split('"')
        text = parts[0] + "".join(("“" if i % 2 else "”") + part for i, part in enumerate(parts[1:], start=1))
        quotes.add(line.number, len(parts) - 1)
    return text


def _is_item(line: Line) -> bool:
    return line.style_level is not None or parse_marker(line.text) is not None


def _join_broken(lines: list[Line], joined: _Counter, conf: dict) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not _is_item(line)
            and parse_marker(prev.text) is None
            and prev.style_level is None
            and prev.text[-1] not in conf["line_endings"]
            and any(ch in prev.text for ch in conf["title_punctuation"])
        ):
            glue = " " if prev.text[-1].isascii() and line.text[0].isascii() else ""
            prev.text += glue + line.text
            joined.add(line.number)
        else:
            out.append(line)
    return out


def _blocks(line: Line, split: _Counter, conf: dict) -> list[Block]:
    marker = parse_marker(line.text)
    level = line.style_level if line.style_level else (marker.level if marker else None)
    if level in (1, 2):
        heading, rest = _split_heading(line.text, conf["heading_sentence_end"])
        if heading != line.text:
            split.add(line.number)
        blocks = [Block("h2" if level == 1 else "h3", heading, line.number)]
        return blocks + ([Block("p", rest, line.number)] if rest else [])
    if level in (3, 4) and len(line.text) <= BOLD_MAX and not any(ch in line.text for ch in conf["title_punctuation"]):
        return [Block("bold", line.text, line.number)]
    return [Block("p", line.text, line.number)]


def _split_heading(text: str, ends: str) -> tuple[str, str]:
    for index, ch in enumerate(text):
        if ch in ends:
            return text[:index].strip(STRIP), text[index + 1 :].strip(STRIP)
    return text, ""
