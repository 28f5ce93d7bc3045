"""CR001 文件名重复：不同会议类型目录下的范例也不要同名，以免链接和检索混淆。

PASS::

    docs/annual/2021-renda-jiguan.md
    docs/dangshi/2021-renda-jiguan-dangshi.md

FAIL::

    docs/annual/2021-renda-jiguan.md
    docs/dangshi/2021-renda-jiguan.md
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._corpus import duplicates, is_sample

ID = "CR001"
NAME = "文件名重复"
HINT = "给其中一个换个能区分的文件名"
SCOPE = frozenset()


def feature(ctx):
    """The file name of a sample."""
    return ctx.path.name if is_sample(ctx) else None


def check_corpus(features, env):
    for path, others in duplicates(features, lambda name: name):
        yield path, Problem(1, 1, f"文件名 {features[path]} 与 {'、'.join(others)} 重复")
