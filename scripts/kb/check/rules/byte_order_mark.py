"""FL002 文件开头有 BOM：UTF-8 文件不要带字节顺序标记（BOM），否则 front matter 读不出来。

PASS：以 “---” 开头的 UTF-8 文件。

FAIL：以 EF BB BF 三个字节开头的文件（记事本的“UTF-8 带 BOM”）。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL002"
NAME = "文件开头有 BOM"
HINT = "另存为“UTF-8（无 BOM）”"
SCOPE = ALL
NEEDS = "bytes"
BOM = b"\xef\xbb\xbf"


def check(ctx):
    if ctx.raw.startswith(BOM):
        yield Problem(1, 1, "文件以 UTF-8 BOM 开头")
