"""NU001 序号样式与层级不符：二级标题用“一、”，三级标题用“（一）”，四级用“1.”，五级用“（1）”；
序号后的标点按 GB/T 9704（“一、”不写成“一，”“一.”，“1.”不写成“1、”）。

PASS::

    ## 一、存在的问题
    ### （一）思想方面
    1.理论学习不够深入。

FAIL::

    ## （一）存在的问题
    ### 一.思想方面
    1、理论学习不够深入。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT
from scripts.kb.check.rules._outline import numbered_lines
from scripts.kb.core.numbering import level_marker

ID = "NU001"
NAME = "序号样式与层级不符"
HINT = "结构层次序数依次用“一、”“（一）”“1.”“（1）”，分别对应二、三、四、五级标题"
SCOPE = CONTENT
EXAMPLES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "level": "{level}级标题应使用“{example}”式序号，这里是“{marker}”",
    "form": "序号“{marker}”应写作“{proper}”",
}


def check(ctx):
    for item in numbered_lines(ctx):
        marker = item.marker
        if marker is None:
            continue
        expected = item.heading_level - 1
        if item.heading_level and 1 <= expected <= 4 and marker.level != expected:
            yield Problem(
                item.line,
                item.col,
                MESSAGES["level"].format(level=item.heading_level, example=EXAMPLES[expected], marker=marker.text),
            )
        elif not marker.proper and not marker.half_width:
            yield Problem(item.line, item.col, MESSAGES["form"].format(marker=marker.text, proper=level_marker(marker.level, marker.number)))
