"""TX002 成对标点不配对：同一段落里的“”《》（）「」等要成对出现。

成对的标点在 scripts/data/check.yml 的 paired_punctuation。

PASS::

    围绕“七一”重要讲话精神，学习《中国共产党简史》。

FAIL::

    围绕“七一重要讲话精神，学习《中国共产党简史。
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "TX002"
NAME = "成对标点不配对"
HINT = "补上缺少的另一半，或删去多余的一个"
SCOPE = ALL
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "closing": "“{mark}”前面没有与之配对的“{other}”",
    "opening": "“{mark}”在本段中没有与之配对的“{other}”",
}


def _regex(pairs) -> re.Pattern:
    return re.compile("[" + re.escape("".join(o + c for o, c in pairs)) + "]")


def check(ctx):
    pairs = ctx.env.settings["paired_punctuation"]
    regex = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, _regex(pairs))
    closing = {c: o for o, c in pairs}
    for block in ctx.paragraphs:
        open_marks: dict[str, list[tuple[int, int]]] = {o: [] for o, _ in pairs}
        for line in block:
            for match in regex.finditer(line.text):
                mark, where = match.group(0), (line.number, match.start() + 1)
                if mark in open_marks:
                    open_marks[mark].append(where)
                elif open_marks[closing[mark]]:
                    open_marks[closing[mark]].pop()
                else:
                    yield Problem(*where, MESSAGES["closing"].format(mark=mark, other=closing[mark]))
        for opening, close in pairs:
            for where in open_marks[opening]:
                yield Problem(*where, MESSAGES["opening"].format(mark=opening, other=close))
