"""ST003 标题对应不到部分：二级标题中没有任何部分的关键词（meeting_types.yml 的 section_roles）。

PASS::

    ## 三、产生问题的原因剖析

FAIL::

    ## 三、几点思考
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "ST003"
NAME = "标题对应不到部分"
HINT = "在标题中写明是哪一部分，例如“存在的问题”“原因剖析”“整改措施”；或把它改成三级标题"
SCOPE = SAMPLES


def check(ctx):
    if ctx.sample is None:
        return
    names = "、".join(r.name for r in ctx.env.settings.domain.roles if r.keywords)
    for section in ctx.sample.sections:
        if section.heading is not None and section.role is None:
            yield Problem(section.heading.line, 1, f"二级标题“{section.heading.text}”对应不到任何部分（{names}）")
