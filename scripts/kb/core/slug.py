"""File names from titles: the pinyin of each Chinese character (pypinyin, without tones) and
each run of Latin letters and digits, lower case, joined by hyphens.

Character by character, so that the 撰写 page, which has a table of each character's pinyin
(``pinyin_table``, written by the build), names a file exactly as ``import`` does.
"""

from __future__ import annotations

import re
from functools import lru_cache

HAN = "\u4e00-\u9fff"
TOKEN = re.compile(rf"[A-Za-z0-9]+|[{HAN}]")
MAX_LENGTH = 60


@lru_cache(maxsize=None)
def _pypinyin():
    """pypinyin's ``lazy_pinyin`` and its style without tones, imported when first used: loading
    its dictionaries takes about 0.4 s, and most processes that import this module never call it
    (a build whose 撰写 page data is cached, the build's worker processes, most commands)."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin, Style.NORMAL


def _plain(pinyin: str) -> str:
    return re.sub(r"[^a-z]", "", pinyin.lower())


def _pinyin(char: str) -> str:
    lazy_pinyin, style = _pypinyin()
    return _plain(lazy_pinyin(char, style=style)[0])


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
    chars = [chr(code) for code in range(0x4E00, 0xA000)]
    lazy_pinyin, style = _pypinyin()
    for char, pinyin in zip(chars, lazy_pinyin(chars, style=style)):  # a list: each character read alone, as _pinyin reads it
        table.setdefault(_plain(pinyin), []).append(char)
    table.pop("", None)
    return {pinyin: "".join(chars) for pinyin, chars in sorted(table.items())}
