"""FL005 文件名不规范：文件名（不含 .md）只用小写字母、数字和连字符，它就是网址的一部分。

规则在 scripts/data/check.yml 的 slug_pattern。

PASS::

    docs/annual/2021-renda-jiguan.md

FAIL::

    docs/annual/2021年 人大机关.md
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL005"
NAME = "文件名不规范"
HINT = "改名为小写拼音或英文，单词之间用连字符，例如 2021-renda-jiguan.md"
SCOPE = ALL
NEEDS = "bytes"


def check(ctx):
    pattern = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, re.compile(ctx.env.settings["slug_pattern"]))
    stem = ctx.path.name.removesuffix(".md")
    if not pattern.fullmatch(stem):
        yield Problem(1, 1, f"文件名“{ctx.path.name}”不是小写字母、数字和连字符组成的名字")
