"""FM002 front matter 无法读取：YAML 语法错误、没有结束行或不是“字段: 值”的映射。

PASS::

    ---
    title: 标题
    year: 2021
    ---

FAIL::

    ---
    title: 标题
    year: [2021
    ---
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FM002"
NAME = "front matter 语法错误"
HINT = "检查该行的冒号、引号和括号；值里有冒号或以特殊符号开头时，用引号把值括起来"
SCOPE = ALL


def check(ctx):
    if ctx.fm_error is not None:
        yield Problem(ctx.fm_error.line, ctx.fm_error.col, ctx.fm_error.message)
