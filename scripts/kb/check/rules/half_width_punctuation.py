"""TX003 中文之间用了半角标点：汉字之间的逗号、分号、冒号、问号、叹号、括号、引号用全角。

对照表在 scripts/data/check.yml 的 half_width_punctuation。

PASS::

    经常性开展党性锤炼，坚定共产主义理想信念。

FAIL::

    经常性开展党性锤炼,坚定共产主义理想信念。
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL, CHINESE_NUMERAL, CJK

ID = "TX003"
NAME = "中文之间用了半角标点"
HINT = "换成全角标点"
SCOPE = ALL
NUMBER_IN_BRACKETS = re.compile(rf"\(([{CHINESE_NUMERAL}]+|\d{{1,2}})\)")  # NU003's business
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "mark": "汉字之间用了半角“{mark}”，应为“{right}”",
}


def _regex(marks) -> re.Pattern:
    # The mark comes first so that the search skips quickly to the rare half-width marks.
    return re.compile(f"[{re.escape(''.join(marks))}](?<=[{CJK}].)(?=[{CJK}])")


def check(ctx):
    marks = ctx.env.settings["half_width_punctuation"]
    regex = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, _regex(marks))
    text = ctx.prose_text
    if "(" in text:
        text = NUMBER_IN_BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    for match in regex.finditer(text):
        mark = match.group(0)
        yield Problem(*ctx.prose_position(match.start()), MESSAGES["mark"].format(mark=mark, right=marks[mark]))
