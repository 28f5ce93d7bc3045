"""ST005 空的部分：标题下面没有正文，也没有下级标题。

PASS::

    ## 三、整改措施

    （一）强化理论武装……

FAIL::

    ## 三、整改措施

    ## 四、其他
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "ST005"
NAME = "空的部分"
HINT = "写上这一部分的内容，或删去这个标题"
SCOPE = ALL
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "empty": "标题“{heading}”下面没有内容",
}


def check(ctx):
    headings = ctx.headings
    for index, heading in enumerate(headings):
        following = headings[index + 1] if index + 1 < len(headings) else None
        end = following.line - 1 if following else len(ctx.lines)
        if any(line.strip() for line in ctx.lines[heading.line : end]):
            continue
        if following is None or following.level <= heading.level:
            yield Problem(heading.line, 1, MESSAGES["empty"].format(heading=heading.text))
