"""FM009 对照框架不符：framework 应是该会议类型该年度框架的名称（meeting_types.yml），或者
“本单位通知”并在 aspects 中列出本单位通知的对照方面。该年度没有框架数据的，由 FM013 提示。

PASS::

    meeting_type: annual
    year: 2021
    framework: 四个对照

FAIL::

    meeting_type: annual
    year: 2021
    framework: 六个方面
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES, is_todo
from scripts.kb.check.rules._framework import local_aspects, typed

ID = "FM009"
NAME = "对照框架不符"
HINT = "framework 写 meeting_types.yml 中该类型该年度框架的 name，或写“本单位通知”并列出 aspects"
SCOPE = SAMPLES


def check(ctx):
    known = typed(ctx)
    if known is None:
        return
    dom, meta, mt, year = known
    name = meta.get("framework")
    if not isinstance(name, str) or not name or is_todo(ctx, name):
        return
    line, col = ctx.field_line("framework"), ctx.value_col("framework")
    aspects = local_aspects(dom, meta)
    if aspects is not None:
        if not [a for a in aspects if str(a).strip()]:
            yield Problem(line, col, f"framework 写“{dom.local.name}”时，要在 aspects 中列出本单位通知规定的对照方面")
        return
    framework = mt.framework_for(year)
    if framework is not None and name != framework.name:
        yield Problem(line, col, f"{mt.name} {year} 年度的对照框架是“{framework.name}”，这里写的是“{name}”")
