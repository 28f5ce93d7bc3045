"""TX006 段落末尾没有句末标点：正文段落以。！？；：等结束（后面可以跟”）》等）。

不带任何标点的短行（落款、日期）不算。句末标点在 scripts/data/check.yml。

PASS::

    支部党员从年初的xx人增加到xx人。

FAIL::

    支部党员从年初的xx人增加到xx人，支部活力得到充分彰显
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT

ID = "TX006"
NAME = "段落末尾没有句末标点"
HINT = "在段末补上句号等句末标点"
SCOPE = CONTENT
PUNCTUATION = re.compile(r"[，。、；：！？,.;:!?“”]")
SIGNATURE_LENGTH = 30  # a line this short without any punctuation is a signature or a date


def check(ctx):
    endings = ctx.env.settings["sentence_endings"]
    closing = ctx.env.settings["closing_marks"]
    for block in ctx.paragraphs:
        last = block[-1]
        if last.kind != "paragraph":
            continue
        text = "".join(line.content for line in block).rstrip()
        if not text or (len(text) <= SIGNATURE_LENGTH and not PUNCTUATION.search(text)):
            continue
        if text.rstrip(closing)[-1:] not in endings:
            end = last.text.rstrip()
            yield Problem(last.number, len(end), f"段落以“{end[-1]}”结尾，缺少句末标点")
