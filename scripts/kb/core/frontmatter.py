"""Splitting a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

FENCE = "---"
# libyaml's loader when PyYAML has it: the same results, many times faster on a large corpus.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError):
    """Front matter that cannot be read; ``line`` is 1-based within the whole file."""

    def __init__(self, message: str, line: int, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Split:
    meta: dict | None  # None when the file has no front matter block
    body: str
    body_line: int  # 1-based line number of the body's first line in the file


def split_front_matter(text: str) -> Split:
    """Return the front matter mapping and the body; raise FrontMatterError on bad YAML."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Split(None, text, 1)
    for end in range(1, len(lines)):
        if lines[end].rstrip() == FENCE:
            break
    else:
        raise FrontMatterError("front matter 没有结束行 “---”", 1)
    source = "\n".join(lines[1:end])
    try:
        meta = yaml.load(source, Loader=SafeLoader)
    except yaml.YAMLError:
        _raise_located(source)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter 必须是“字段: 值”的映射", 2)
    return Split(meta, "\n".join(lines[end + 1 :]), end + 2)


def require_front_matter(text: str) -> Split:
    """Like split_front_matter, and a file without front matter is an error too."""
    split = split_front_matter(text)
    if split.meta is None:
        raise FrontMatterError("缺少 front matter（文件开头的 --- 块）", 1)
    return split


@contextmanager
def naming(path: Path):
    """Put the file's path in front of a FrontMatterError raised while reading it."""
    try:
        yield
    except FrontMatterError as exc:
        exc.message = f"{path}: {exc.message}"
        raise


def _raise_located(source: str) -> None:
    """Re-read broken YAML with the pure-Python loader, whose marks point at the offending line
    (libyaml's point where it noticed, often the line after), and raise a located error."""
    try:
        yaml.load(source, Loader=yaml.SafeLoader)
        mark, problem = None, "无法解析"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 2 if mark else 2
    col = mark.column + 1 if mark else 1
    raise FrontMatterError(f"front matter 的 YAML 语法错误：{problem}", line, col) from None


def field_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level key in the front matter, for located messages."""
    found: dict[str, int] = {}
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return found
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == FENCE:
            break
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            found.setdefault(line.split(":", 1)[0].strip(), number)
    return found
