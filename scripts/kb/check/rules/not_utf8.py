"""FL001 不是 UTF-8 编码：仓库里的文本一律用 UTF-8。

PASS：用 UTF-8 保存的文件。

FAIL：用 GBK（GB2312、GB18030）保存的文件，例如 Windows 记事本的“ANSI”。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL001"
NAME = "不是 UTF-8 编码"
HINT = "转换为 UTF-8：iconv -f GBK -t UTF-8 原文件 > 新文件，或在编辑器中“另存为 UTF-8”"
SCOPE = ALL
NEEDS = "bytes"


def check(ctx):
    error = ctx.decode_error
    if error is None:
        return
    try:
        ctx.raw.decode("gb18030")
    except UnicodeDecodeError:
        where, guess = error.start, ""
    else:  # a GBK file: its first non-ASCII byte is where the Chinese text starts
        where, guess = next(i for i, byte in enumerate(ctx.raw) if byte > 0x7F), "，看起来是 GBK（GB18030）编码"
    before = ctx.raw[:where]
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    yield Problem(before.count(b"\n") + 1, col, f"文件不是 UTF-8 编码{guess}")
