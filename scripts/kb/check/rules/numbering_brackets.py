"""NU003 序号用了半角括号：“（一）”“（1）”的括号是全角的，不写成“(一)”“(1)”。

PASS::

    ### （一）思想方面

FAIL::

    ### (一)思想方面
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CHINESE_NUMERAL, CONTENT

ID = "NU003"
NAME = "序号用了半角括号"
HINT = "把半角括号 () 换成全角括号（）"
SCOPE = CONTENT
HALF_WIDTH = re.compile(rf"\([{CHINESE_NUMERAL}]+\)")
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "brackets": "“{written}”用了半角括号，应为“{right}”",
}


def check(ctx):
    for line in ctx.prose:
        marker = ctx.markers.get(line.number)
        columns = {m.start() for m in HALF_WIDTH.finditer(line.text)}
        if marker and marker.half_width:
            columns.add(line.start)
        for index in sorted(columns):
            written = line.text[index : line.text.index(")", index) + 1]
            right = written.replace("(", "（").replace(")", "）")
            yield Problem(line.number, index + 1, MESSAGES["brackets"].format(written=written, right=right))
