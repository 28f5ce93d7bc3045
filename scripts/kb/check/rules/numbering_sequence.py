"""NU002 序号跳号或重号：同一层级的序号从一开始连续编排（一、二、三、），不跳号、不重号。

标题和段首的序号都算；上一级标题或序号开始新的一组。

PASS::

    ## 一、存在的问题
    ## 二、原因剖析
    ## 三、整改措施

FAIL::

    ## 一、存在的问题
    ## 二、原因剖析
    ## 四、整改措施
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT
from scripts.kb.check.rules._outline import numbered_lines
from scripts.kb.core.numbering import level_marker

ID = "NU002"
NAME = "序号跳号或重号"
HINT = "按顺序重新编号"
SCOPE = CONTENT
PARAGRAPH_TOP = "paragraph-1"  # 一、 at the start of a paragraph counts apart from the H2s
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "repeat": "序号“{marker}”重号：上一个是“{last}”，这里应为“{proper}”",
    "skip": "序号“{marker}”跳号：上一个是“{last}”，这里应为“{proper}”",
    "start": "序号“{marker}”前面没有“{proper}”，同一层级应从“{proper}”开始",
}


def check(ctx):
    last: dict = {}
    for item in numbered_lines(ctx):
        if item.heading_level:
            outline_level = item.heading_level - 1
            for key in [k for k in last if k == PARAGRAPH_TOP or k > outline_level]:
                del last[key]
        marker = item.marker
        if marker is None:
            continue
        key = PARAGRAPH_TOP if marker.level == 1 and not item.heading_level else marker.level
        expected = last.get(key, 0) + 1
        if marker.number != expected:
            proper = level_marker(marker.level, expected)
            if key in last:
                what = "repeat" if marker.number <= last[key] else "skip"
                message = MESSAGES[what].format(marker=marker.text, last=level_marker(marker.level, last[key]), proper=proper)
            else:
                message = MESSAGES["start"].format(marker=marker.text, proper=proper)
            yield Problem(item.line, item.col, message)
        # A repeated number is taken as a slip for the expected one, so one slip is one finding.
        last[key] = expected if key in last and marker.number <= last[key] else marker.number
        for deeper in [k for k in last if k != PARAGRAPH_TOP and k > marker.level]:
            del last[deeper]
