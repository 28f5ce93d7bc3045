"""CR002 标题重复：每个范例的 title 都不同，读者才能在列表里区分它们。

PASS::

    title: 县人大常委会机关支部2021年度组织生活会对照剖析材料
    title: 市直机关党支部2021年度组织生活会对照检查材料

FAIL::

    title: 党支部2021年度组织生活会对照检查材料
    title: 党支部2021年度组织生活会对照检查材料
"""

from typing import NamedTuple

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._corpus import duplicates, is_sample

ID = "CR002"
NAME = "标题重复"
HINT = "在标题中写明单位或层级，以便区分"
SCOPE = frozenset()


class Title(NamedTuple):
    text: str
    line: int
    col: int


def feature(ctx):
    """A sample's title and where its value starts."""
    title = (ctx.meta or {}).get("title")
    if not is_sample(ctx) or not isinstance(title, str) or not title.strip():
        return None
    return Title(title.strip(), ctx.field_line("title"), ctx.value_col("title"))


def check_corpus(features, env):
    for path, others in duplicates(features, lambda title: title.text):
        title = features[path]
        yield path, Problem(title.line, title.col, f"标题与 {'、'.join(others)} 重复")
