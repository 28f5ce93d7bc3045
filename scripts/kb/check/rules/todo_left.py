"""TX007 待填写的内容：`import` 和 `new` 留给投稿人的 TODO 字段值和“写作提示”行，提交前要填好、删掉。

TODO 的写法和提示行的开头在 scripts/data/check.yml 的 todo_value、hint_prefix。

PASS::

    level: 县级

    一是学习不够深入。

FAIL::

    level: TODO  # 待填写：组织层级

    > 写作提示：按对照方面逐条查摆问题。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT, is_todo

ID = "TX007"
NAME = "待填写的内容"
HINT = "按注释或提示写好这一处，再删去提示"
SCOPE = CONTENT
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "field": "{label}（{key}）还没有填写",
    "hint": "写作提示还没有删除：{hint}",
}


def _labels(ctx) -> dict[str, str]:
    return {spec.key: spec.label for spec in ctx.schema.fields}



def check(ctx):
    if ctx.meta is not None:
        labels = _labels(ctx)
        for key, value in ctx.meta.items():
            values = value if isinstance(value, list) else [value]
            if any(is_todo(ctx, item) for item in values):
                yield Problem(ctx.field_line(key), ctx.value_col(key), MESSAGES["field"].format(label=labels.get(key, key), key=key))
    prefix = ctx.env.settings["hint_prefix"]
    for number, line in ctx.source:
        if line.lstrip().startswith(prefix):
            yield Problem(number, line.index(prefix) + 1, MESSAGES["hint"].format(hint=line.strip()[len(prefix):]))
