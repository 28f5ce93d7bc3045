"""ST004 对照方面未涉及：“存在的问题”部分应涉及该类型该年度该对象框架的每个对照方面。

是否涉及按 meeting_types.yml 中对照方面的关键词判断；班子和个人的对照方面可以不同。framework 写
“本单位通知”的，按 aspects 中列出的对照方面检查（写出方面名称，或去掉“对照”“方面”“情况”后的核心词）。

PASS（2021年度，四个对照）::

    ## 二、存在的问题
    ### （一）对照党章规定的职责任务方面
    ### （二）对照贯彻落实党中央和上级党组织部署要求方面
    ### （三）对照巡视巡察等问题整改情况方面
    ### （四）对照人民群众新期待方面

FAIL::

    ## 二、存在的问题
    ### （一）对照党章规定的职责任务方面
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES
from scripts.kb.check.rules._framework import checked_areas

ID = "ST004"
NAME = "对照方面未涉及"
HINT = "在“存在的问题”中按对照方面逐一查摆，或核对 year、subject 和 framework（aspects）"
SCOPE = SAMPLES
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "area": "“存在的问题”没有涉及{framework}中的“{area}”",
}


def check(ctx):
    sample = ctx.sample
    checked = checked_areas(ctx.env.settings.domain, sample.meta) if sample else None
    problems = [s for s in sample.sections if s.role and s.role.key == "problems" and s.heading] if checked else []
    if not problems:
        return
    name, areas = checked
    text = "\n".join(s.heading.text + "\n" + "\n".join(t for _, t in s.lines) for s in problems)
    for area in areas:
        if area.name not in text and not any(k in text for k in area.keywords):
            yield Problem(problems[0].heading.line, 1, MESSAGES["area"].format(framework=name, area=area.name))
