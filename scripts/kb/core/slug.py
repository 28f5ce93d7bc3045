"""File names from titles: the pinyin of each Chinese character (pypinyin, without tones) and
each run of Latin letters and digits, lower case, joined by hyphens.

Character by character, so that the 撰写 page, which has a table of each character's pinyin
(``pinyin_table``, written by the build), names a file exactly as ``import`` does.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

HAN = "\u4e00-\u9fff"
TOKEN = re.compile(rf"[A-Za-z0-9]+|[{HAN}]")
MAX_LENGTH = 60


def _pinyin(char: str) -> str:
    return re.sub(r"[^a-z]", "", lazy_pinyin(char, style=Style.NORMAL)[0].lower())


def pinyin_slug(title: str, max_length: int = MAX_LENGTH) -> str:
    """县人大机关支部2021年度 → xian-ren-da-ji-guan-zhi-bu-2021-nian-du ('' for no letters), whole
    words only, at most ``max_length`` characters."""
    slug = ""
    for token in TOKEN.findall(title):
        word = token.lower() if token.isascii() else _pinyin(token)
        if word and len(slug) + 1 + len(word) > max_length:
            break
        slug = f"{slug}-{word}" if slug and word else slug or word
    return slug


@lru_cache(maxsize=None)
def pinyin_table() -> dict[str, str]:
    """Each pinyin and the characters that read so, for the 撰写 page (about 60 kB)."""
    table: dict[str, list[str]] = {}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        table.setdefault(_pinyin(char), []).append(char)
    table.pop("", None)
    return {pinyin: "".join(chars) for pinyin, chars in sorted(table.items())}
