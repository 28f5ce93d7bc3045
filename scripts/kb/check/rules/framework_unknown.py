"""FM013 暂无对照框架：该会议类型该年度（或该对象）在 meeting_types.yml 中还没有对照方面，
“存在的问题”无从检查是否逐一涉及。这是提示，不是错误：新年度的通知到来之前常有这种情况。

PASS::

    meeting_type: annual
    year: 2021
    framework: 四个对照

FAIL::

    meeting_type: annual
    year: 2019
    framework: 某框架
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES
from scripts.kb.check.rules._framework import checked_areas, local_aspects, typed

ID = "FM013"
NAME = "暂无对照框架"
HINT = "以本单位收到的通知为准：framework 写“本单位通知”并在 aspects 中列出对照方面；或在 meeting_types.yml 中添加该年度的框架"
SCOPE = SAMPLES


def check(ctx):
    known = typed(ctx)
    if known is None:
        return
    dom, meta, mt, year = known
    if local_aspects(dom, meta) is not None or checked_areas(dom, meta) is not None:
        return
    framework, subject = mt.framework_for(year), meta.get("subject")
    line, col = ctx.field_line("year"), ctx.value_col("year")
    if framework is None:
        years = "、".join(str(y) for y in sorted(mt.frameworks)) or "无"
        yield Problem(line, col, f"{mt.name}暂无 {year} 年度的对照框架（已有：{years}），不检查对照方面")
    elif subject in dom.allow_lists["subjects"]:
        yield Problem(line, col, f"{mt.name} {year} 年度暂未查到{dom.subject_label(subject)}材料的对照方面，不检查对照方面")
