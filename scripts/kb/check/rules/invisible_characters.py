"""TX004 不可见字符：零宽字符和控制字符会让检索、复制和比对出错。

PASS::

    谈心谈话

FAIL（“谈心”后面夹了一个零宽空格 U+200B）::

    谈心\u200b谈话
"""

import re
import unicodedata

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "TX004"
NAME = "不可见字符"
HINT = "删去这个字符（多半是从网页或 Word 复制时带进来的）"
SCOPE = ALL
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\ufeff]")
NAMES = {"\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽词连接符", "\ufeff": "零宽不换行空格"}


def check(ctx):
    for match in INVISIBLE.finditer(ctx.text):
        char = match.group(0)
        name = NAMES.get(char) or ("方向控制符" if unicodedata.category(char) == "Cf" else "控制字符")
        yield Problem(*ctx.text_position(match.start()), f"有不可见的{name} U+{ord(char):04X}")
