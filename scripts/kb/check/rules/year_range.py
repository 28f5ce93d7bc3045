"""FM006 年度超出合理范围：year 须在 check.yml 的 year_min 到今年加 years_ahead 之间。

PASS::

    year: 2021

FAIL::

    year: 221
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "FM006"
NAME = "年度超出合理范围"
HINT = "year 写会议所属的年度，四位数字，例如 2021"
SCOPE = SAMPLES


def check(ctx):
    year = (ctx.meta or {}).get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return
    low = ctx.env.settings["year_min"]
    high = ctx.env.today.year + ctx.env.settings["years_ahead"]
    if not low <= year <= high:
        yield Problem(ctx.field_line("year"), ctx.value_col("year"), f"年度 {year} 不在合理范围 {low}—{high} 内")
