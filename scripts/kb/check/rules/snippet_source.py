"""CR004 片段出处不存在：片段的 source 是 docs/ 下一个范例的路径（如 annual/2021-renda-jiguan.md）。

PASS::

    source: annual/2021-renda-jiguan.md

FAIL::

    source: annual/bu-cunzai.md
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SNIPPETS

ID = "CR004"
NAME = "片段出处不存在"
HINT = "source 写范例相对 docs/ 的路径，例如 annual/2021-renda-jiguan.md"
SCOPE = SNIPPETS


def source_path(ctx):
    """The sample a snippet names, when the name stays inside docs/; else None."""
    source = (ctx.meta or {}).get("source")
    if not isinstance(source, str) or not source.strip():
        return None
    docs = ctx.env.docs_dir
    path = (docs / source.strip()).resolve()
    return path if docs in path.parents else None


def check(ctx):
    source = (ctx.meta or {}).get("source")
    if not isinstance(source, str) or not source.strip():
        return
    path = source_path(ctx)
    types = ctx.env.settings.domain.type_keys
    if path is None or not ctx.other_is_file(path) or path.suffix != ".md" or path.relative_to(ctx.env.docs_dir).parts[0] not in types:
        yield Problem(ctx.field_line("source"), ctx.value_col("source"), f"出处 {source} 不是 docs/ 下的范例")
