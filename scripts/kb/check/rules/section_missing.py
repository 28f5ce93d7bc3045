"""ST001 缺少必需部分：会议类型要求的部分（meeting_types.yml 的 sections.required）必须有对应的二级标题。

二级标题按关键词对应到部分（工作开展情况、心得体会、存在的问题、原因剖析、整改措施）。

PASS（年度组织生活会要求“存在的问题”“整改措施”）::

    ## 一、存在的问题
    ……
    ## 二、整改措施
    ……

FAIL::

    ## 一、存在的问题
    ……
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "ST001"
NAME = "缺少必需部分"
HINT = "按该会议类型的结构补上这一部分（见该类型页面的“材料结构”）"
SCOPE = SAMPLES
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "missing": "缺少必需的“{role}”部分（{type}要求：{required}）",
    "hint": "加一个含“{role}”等字样的二级标题并写上内容：{hint}",
}


def check(ctx):
    sample = ctx.sample
    dom = ctx.env.settings.domain
    mt = dom.type(sample.meeting_type) if sample else None
    if mt is None:
        return
    present = set(sample.roles())
    headed = [s.heading for s in sample.sections if s.heading]
    roles = {s.heading.line: s.role for s in sample.sections if s.heading}
    required = "、".join(dom.role(k).name for k in mt.required)
    for key in mt.required:
        if key in present:
            continue
        role = dom.role(key)
        after = next((h for h in headed if roles[h.line] and roles[h.line].order > role.order), None)
        line = after.line if after else _last_line(ctx)
        yield Problem(
            line,
            1,
            MESSAGES["missing"].format(role=role.name, type=mt.name, required=required),
            MESSAGES["hint"].format(role=role.name, hint=role.hint),
        )


def _last_line(ctx) -> int:
    return max((n for n, text in enumerate(ctx.lines, start=1) if text.strip()), default=1)
