"""FM008 不在可选值中：组织层级、组织类别、对象、标签（片段的类别、主题）只能取数据文件中的值。

可选值在 scripts/data/front_matter.yml 和 scripts/data/snippets.yml。

PASS::

    level: 县级
    tags: [四个对照, 理论学习]

FAIL::

    level: 县直
    tags: [四个对照, 学习]
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT, is_todo, nearest

ID = "FM008"
NAME = "不在可选值中"
HINT = "改用可选值；确需新值，先在数据文件的列表中添加"
SCOPE = CONTENT


def check(ctx):
    if ctx.meta is None:
        return
    for spec in ctx.schema.fields:
        if not spec.allowed:
            continue
        allowed = ctx.schema.allow_lists[spec.allowed]
        value = ctx.meta.get(spec.key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item and item not in allowed and not is_todo(ctx, item):
                yield Problem(
                    ctx.field_line(spec.key),
                    ctx.value_col(spec.key),
                    f"{spec.label}“{item}”不在可选值中{nearest(item, allowed)}",
                    f"可选值：{'、'.join(allowed)}",
                )
