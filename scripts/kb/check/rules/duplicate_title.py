"""CR002 标题重复：每个范例的 title 都不同，读者才能在列表里区分它们。

PASS::

    title: 县人大常委会机关支部2021年度组织生活会对照剖析材料
    title: 市直机关党支部2021年度组织生活会对照检查材料

FAIL::

    title: 党支部2021年度组织生活会对照检查材料
    title: 党支部2021年度组织生活会对照检查材料
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._corpus import duplicates, samples

ID = "CR002"
NAME = "标题重复"
HINT = "在标题中写明单位或层级，以便区分"
SCOPE = frozenset()


def _title(ctx):
    title = (ctx.meta or {}).get("title")
    return title.strip() if isinstance(title, str) and title.strip() else None


def check_corpus(contexts, env):
    for ctx, others in duplicates(samples(contexts), _title):
        yield ctx, Problem(ctx.field_line("title"), ctx.value_col("title"), f"标题与 {'、'.join(o.display for o in others)} 重复")
