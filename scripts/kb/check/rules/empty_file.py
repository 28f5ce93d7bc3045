"""FL004 空文件：文件没有内容（或只有空白）。

PASS：有 front matter 和正文的文件。

FAIL：0 字节或只有空行的文件。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "FL004"
NAME = "空文件"
HINT = "写上内容，或删除这个文件"
SCOPE = ALL


def check(ctx):
    if not ctx.text.strip():
        yield Problem(1, 1, "文件是空的")
