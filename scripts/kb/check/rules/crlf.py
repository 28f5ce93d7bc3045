"""FL003 Windows 换行符：行尾用 LF（\\n），不用 CRLF（\\r\\n）。

PASS：每行以 \\n 结束。

FAIL：每行以 \\r\\n 结束（Windows 记事本的默认）。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL003"
NAME = "Windows 换行符"
HINT = "把换行符改为 LF（编辑器右下角的“CRLF”点成“LF”，或 git config core.autocrlf input）"
SCOPE = ALL
NEEDS = "bytes"


def check(ctx):
    first = ctx.raw.find(b"\r\n")
    if first < 0:
        return
    line_start = ctx.raw.rfind(b"\n", 0, first) + 1
    col = len(ctx.raw[line_start:first].decode("utf-8", errors="replace")) + 1
    count = ctx.raw.count(b"\r\n")
    yield Problem(ctx.raw[:first].count(b"\n") + 1, col, f"用了 Windows 换行符 CRLF（共 {count} 处，这是第一处）")
