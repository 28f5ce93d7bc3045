"""FM007 年度与标题矛盾：标题写了“某某年”时，year 应是其中之一。

PASS::

    title: 党支部2021年度组织生活会对照检查材料
    year: 2021

FAIL::

    title: 党支部2021年度组织生活会对照检查材料
    year: 2022
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "FM007"
NAME = "年度与标题矛盾"
HINT = "核对 year 与标题中的年份：年度组织生活会的 year 是“2021年度”的 2021，即使在次年召开"
SCOPE = SAMPLES
TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")


def check(ctx):
    meta = ctx.meta or {}
    year, title = meta.get("year"), meta.get("title")
    if not isinstance(year, int) or not isinstance(title, str):
        return
    years = sorted({int(y) for y in TITLE_YEAR.findall(title)})
    if years and year not in years:
        shown = "、".join(f"{y}年" for y in years)
        yield Problem(ctx.field_line("year"), ctx.value_col("year"), f"year 是 {year}，标题里写的是{shown}")
