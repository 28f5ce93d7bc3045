"""ST004 对照方面未涉及：“存在的问题”部分应涉及该类型该年度框架的每个对照方面。

是否涉及按 meeting_types.yml 中对照方面的关键词判断；班子材料还要涉及 branch_areas。

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

ID = "ST004"
NAME = "对照方面未涉及"
HINT = "在“存在的问题”中按对照方面逐一查摆，或核对 year 和 framework"
SCOPE = SAMPLES
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "area": "“存在的问题”没有涉及{framework}中的“{area}”",
}


def check(ctx):
    sample = ctx.sample
    mt = ctx.env.settings.domain.type(sample.meeting_type) if sample else None
    framework = mt.framework_for(sample.year) if mt else None
    problems = [s for s in sample.sections if s.role and s.role.key == "problems" and s.heading] if framework else []
    if not problems:
        return
    text = "\n".join(s.heading.text + "\n" + "\n".join(t for _, t in s.lines) for s in problems)
    for area in framework.areas_for(sample.meta.get("subject")):
        if area.name not in text and not any(k in text for k in area.keywords):
            yield Problem(problems[0].heading.line, 1, MESSAGES["area"].format(framework=framework.name, area=area.name))
