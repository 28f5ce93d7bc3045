"""ST002 部分顺序不对：各部分按 开头、工作开展情况、心得体会、存在的问题、原因剖析、整改措施 的顺序。

PASS::

    ## 一、存在的问题
    ## 二、原因剖析
    ## 三、整改措施

FAIL::

    ## 一、存在的问题
    ## 二、整改措施
    ## 三、原因剖析
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "ST002"
NAME = "部分顺序不对"
HINT = "按“问题—原因—整改”的顺序调整各部分"
SCOPE = SAMPLES
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "order": "“{heading}”（{role}）应在“{latest}”之前",
}


def check(ctx):
    if ctx.sample is None:
        return
    latest = None
    for section in ctx.sample.sections:
        role = section.role
        if role is None or section.heading is None:
            continue
        if latest is not None and role.order < latest.order:
            yield Problem(section.heading.line, 1, MESSAGES["order"].format(heading=section.heading.text, role=role.name, latest=latest.name))
        elif latest is None or role.order > latest.order:
            latest = role
