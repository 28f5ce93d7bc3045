"""FM009 对照框架不符：framework 应是该会议类型该年度框架的名称（meeting_types.yml）。

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

ID = "FM009"
NAME = "对照框架不符"
HINT = "framework 写 meeting_types.yml 中该类型该年度框架的 name"
SCOPE = SAMPLES


def check(ctx):
    meta = ctx.meta or {}
    mt = ctx.env.settings.domain.type(str(meta.get("meeting_type")))
    year, name = meta.get("year"), meta.get("framework")
    if mt is None or not isinstance(year, int) or not isinstance(name, str) or not name or is_todo(ctx, name):
        return
    framework = mt.framework_for(year)
    line, col = ctx.field_line("framework"), ctx.value_col("framework")
    if framework is None:
        years = "、".join(str(y) for y in sorted(mt.frameworks)) or "无"
        yield Problem(line, col, f"{mt.name}没有 {year} 年度的对照框架（已有：{years}）", "核对 year；新的年度先在 meeting_types.yml 中添加框架")
    elif name != framework.name:
        yield Problem(line, col, f"{mt.name} {year} 年度的对照框架是“{framework.name}”，这里写的是“{name}”")
