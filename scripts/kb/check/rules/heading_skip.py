"""ST006 标题跳级：标题层级逐级往下（页面标题是一级，“一、”是二级，“（一）”是三级）。

PASS::

    ## 一、存在的问题
    ### （一）思想方面

FAIL::

    ## 一、存在的问题
    #### 1.理论学习不够
"""

from scripts.kb.check.context import SNIPPET, Problem
from scripts.kb.check.rules._common import ALL

ID = "ST006"
NAME = "标题跳级"
HINT = "“一、”用二级标题（##），“（一）”用三级标题（###），不要跳过层级"
SCOPE = ALL


def check(ctx):
    previous = 2 if ctx.kind == SNIPPET else 1  # a snippet is included under an H2
    for heading in ctx.headings:
        if heading.level > previous + 1:
            yield Problem(heading.line, 1, f"{previous}级标题后直接是{heading.level}级标题“{heading.text}”")
        previous = heading.level
