"""SE002 脚本链接：链接地址不能是 javascript:、vbscript: 或 data:。

PASS::

    [撰写指南](../guide.md)

FAIL::

    [撰写指南](javascript:alert(1))
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "SE002"
NAME = "脚本链接"
HINT = "链接只指向本站的页面"
SCOPE = ALL
SCRIPT_URL = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|<|\b(?:href|src|action)\s*=\s*[\"']?)\s*((?:javascript|vbscript|data):)", re.I)


def check(ctx):
    for number, line in ctx.source:
        if ":" not in line:
            continue
        for match in SCRIPT_URL.finditer(line):
            yield Problem(number, match.start(1) + 1, f"链接地址以 {match.group(1)} 开头")
