"""FL006 符号链接：docs/ 和 snippets/ 中不能有符号链接（文件或目录）。

MkDocs 会发布链接指向的内容，无论它在仓库里还是仓库外；check 不读取链接指向的文件，只报告链接
本身。这条规则不能豁免。

PASS::

    docs/annual/2021-renda-jiguan.md（普通文件）

FAIL::

    docs/annual/2021-renda-jiguan.md -> ../../../别处/材料.md
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL006"
NAME = "符号链接"
HINT = "把符号链接换成文件本身（复制内容），或删除它"
SCOPE = ALL
NEEDS = "link"


def check(ctx):
    yield Problem(1, 1, f"“{ctx.path.name}”是指向“{ctx.link}”的符号链接，网站不会跟随它")
