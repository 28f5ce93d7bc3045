"""Splitting a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError

from scripts.kb.core.paths import DATA_DIR

FENCE = "---"
# libyaml's loader when PyYAML has it: the same results, many times faster on a large corpus.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(SafeLoader):
    """The safe loader, refusing duplicate keys and dates that do not exist (2021-02-30) with the
    node's position instead of a bare ValueError. Anchors, aliases, size and depth are refused
    before it runs (``_refuse_unbounded``)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class says so, located
                break
            if first is not None:
                raise ConstructorError(None, None, f"front matter 字段“{key}”重复（第 {first.line + 2} 行已经写过）", key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise ConstructorError(None, None, f"front matter 日期“{node.value}”不存在", node.start_mark) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


@lru_cache(maxsize=None)
def limits() -> dict:
    """max_chars and max_depth of a front matter block (scripts/data/security.yml)."""
    with open(DATA_DIR / "security.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["front_matter"]


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


def _closing_line(lines: list[str]) -> int:
    """The index of the line that closes the front matter at the top of ``lines`` (0: none there)."""
    if not lines or lines[0].rstrip() != FENCE:
        return 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() == FENCE:
            return end
    raise FrontMatterError("front matter 没有结束行 “---”", 1)


def body_of(text: str) -> tuple[str, int]:
    """A file's body and the line it starts on, its front matter not read: for a file whose
    front matter was read before (a sample's model), when only its text is wanted again."""
    lines = text.split("\n")
    end = _closing_line(lines)
    return ("\n".join(lines[end + 1 :]), end + 2) if end else (text, 1)


def split_front_matter(text: str) -> Split:
    """Return the front matter mapping and the body; raise FrontMatterError on bad YAML."""
    lines = text.split("\n")
    end = _closing_line(lines)
    if not end:
        return Split(None, text, 1)
    source = "\n".join(lines[1:end])
    try:
        _refuse_unbounded(source)
        meta = yaml.load(source, Loader=StrictLoader)
    except ConstructorError as exc:
        message = exc.problem if exc.problem.startswith("front matter") else f"front matter 无法读取：{exc.problem}"
        raise FrontMatterError(message, exc.problem_mark.line + 2, exc.problem_mark.column + 1) from None
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


def _refuse_unbounded(source: str) -> None:
    """Refuse, before anything is built, front matter too large or too deep and any anchor or
    alias (with which a few lines expand to gigabytes); syntax errors raise YAMLError."""
    bounds = limits()
    if len(source) > bounds["max_chars"]:
        raise FrontMatterError(f"front matter 太长（{len(source)} 个字符，最多 {bounds['max_chars']} 个）", 2)
    if "&" not in source and "*" not in source and source.count("[") + source.count("{") < bounds["max_depth"]:
        return  # the common case: nothing to look for
    depth = 0
    for event in yaml.parse(source, Loader=SafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterError("front matter 不能使用 YAML 锚点（&）和别名（*），请把值直接写出来", mark.line + 2, mark.column + 1)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > bounds["max_depth"]:
                raise FrontMatterError(f"front matter 嵌套太深（超过 {bounds['max_depth']} 层）", mark.line + 2, mark.column + 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _raise_located(source: str) -> None:
    """Re-read broken YAML with the pure-Python loader, whose marks point at the offending line
    (libyaml's point where it noticed, often the line after), and raise an error located where
    the broken construct begins (an unclosed [ where it opens, not where the parser gave up)."""
    try:
        yaml.load(source, Loader=yaml.SafeLoader)
        mark, problem = None, "无法解析"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if getattr(exc, "context", None):
            problem = f"{problem}（{exc.context}）"
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
