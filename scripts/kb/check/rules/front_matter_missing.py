"""FM001 缺少 front matter：范例和片段必须以 YAML front matter 开头。

PASS::

    ---
    title: 某支部2021年度组织生活会对照检查材料
    ---
    正文……

FAIL::

    某支部2021年度组织生活会对照检查材料
    正文……
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT

ID = "FM001"
NAME = "缺少 front matter"
HINT = "在文件开头加上以 --- 开始、以 --- 结束的 YAML 块，写明 title、meeting_type、year 等字段（见 CONTRIBUTING.md）"
SCOPE = CONTENT


def check(ctx):
    if ctx.meta is None and ctx.fm_error is None and ctx.text.strip():
        yield Problem(1, 1, "文件开头没有 front matter（--- 包围的 YAML 块）")
