"""TX005 错别字：scripts/data/typos.yml 中列出的错误写法。

PASS::

    对照完成巡视巡察等问题整改情况

FAIL::

    对照完成巡视巡查等问题整改情况
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "TX005"
NAME = "错别字"
HINT = "改成正确的写法"
SCOPE = ALL
# Message templates (str.format), shared with the 撰写 page (site/workbench.py).
MESSAGES = {
    "typo": "“{wrong}”应为“{right}”",
}


def check(ctx):
    settings = ctx.env.settings
    if settings.typo_regex is None:
        return
    text = ctx.prose_text
    if not any(wrong in text for wrong in settings.typos):  # substring search is far quicker
        return
    for match in settings.typo_regex.finditer(text):
        wrong = match.group(0)
        yield Problem(*ctx.prose_position(match.start()), MESSAGES["typo"].format(wrong=wrong, right=settings.typos[wrong]))
