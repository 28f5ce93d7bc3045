"""CR005 片段出处章节不存在：片段的 section 是出处范例中一个标题的文字（可以不带序号）；
取自第一个标题之前开头部分的片段，section 是范例的标题（title）。

PASS::

    source: annual/2021-renda-jiguan.md
    section: （一）对照党章规定的职责任务方面

FAIL::

    source: annual/2021-renda-jiguan.md
    section: （九）不存在的标题
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SNIPPETS, nearest
from scripts.kb.check.rules.snippet_source import source_path
from scripts.kb.core.frontmatter import FrontMatterError, split_front_matter
from scripts.kb.core.model import parse_headings
from scripts.kb.core.numbering import parse_marker

ID = "CR005"
NAME = "片段出处章节不存在"
HINT = "section 照抄出处范例中的二级或三级标题"
SCOPE = SNIPPETS


def _read_headings(data: bytes) -> list[str] | None:
    try:
        split = split_front_matter(data.decode("utf-8"))
    except (UnicodeDecodeError, FrontMatterError):
        return None
    title = [str(split.meta["title"])] if isinstance(split.meta, dict) and split.meta.get("title") else []
    return title + [h.text for h in parse_headings(split.body, split.body_line)]


def _headings(ctx, path) -> list[str] | None:
    """The title and headings of the source sample (None when it cannot be read), parsed once per run."""
    data = ctx.other_bytes(path)
    key = (ID, path)
    if key not in ctx.env.cache:
        ctx.env.cache[key] = None if data is None else _read_headings(data)
    return ctx.env.cache[key]


def _bare(text: str) -> str:
    marker = parse_marker(text)
    return text[len(marker.text) :].strip() if marker else text.strip()


def check(ctx):
    section = (ctx.meta or {}).get("section")
    path = source_path(ctx)
    if not isinstance(section, str) or not section.strip() or path is None or not ctx.other_is_file(path):
        return
    headings = _headings(ctx, path)
    if headings is None:
        return
    if section.strip() not in headings and _bare(section) not in {_bare(h) for h in headings}:
        yield Problem(
            ctx.field_line("section"),
            ctx.value_col("section"),
            f"出处范例中没有标题“{section}”{nearest(section, headings)}",
        )
