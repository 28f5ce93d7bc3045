"""Chinese outline numbering (GB/T 9704 levels 一、 / （一） / 1. / （1）) and numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十
    (outlines need up to 99; a message may have to name the one after)."""
    if not 0 < n < 1000:
        raise ValueError(f"numeral out of range: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if not hundreds:
        prefix = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
        return prefix + (DIGITS[ones] if ones else "")
    if not rest:
        return DIGITS[hundreds] + "百"
    return DIGITS[hundreds] + "百" + ("零" + DIGITS[ones] if not tens else DIGITS[tens] + "十" + (DIGITS[ones] if ones else ""))


def parse_chinese_numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None when the text is not such a numeral."""
    if not text or any(ch not in DIGITS[1:] + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones:
        return None
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def level_marker(level: int, n: int) -> str:
    """The numbering of the n-th item at outline level 1..4: 一、 （一） 1. （1）."""
    return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


@dataclass(frozen=True)
class Marker:
    """An outline number at the start of a heading or paragraph, as written."""

    level: int  # 1 一、 · 2 （一） · 3 1. · 4 （1）
    number: int
    text: str  # the marker as written, e.g. "(二)" or "三，"
    half_width: bool  # written with half-width brackets "(一)"
    proper: bool  # written exactly as GB/T 9704 wants it (level_marker)


_CN = "[一二三四五六七八九十]{1,3}"
MARKER = re.compile(
    rf"(?P<l2>[（(](?P<n2>{_CN})[)）])"
    rf"|(?P<l4>[（(](?P<n4>\d{{1,2}})[)）])"
    rf"|(?P<l1>(?P<n1>{_CN})(?:[、，,]|[.．](?!\d)))"
    rf"|(?P<l3>(?P<n3>\d{{1,2}})(?:、|[.．](?!\d)))"
)


def parse_marker(text: str) -> Marker | None:
    """The outline marker at the start of ``text``: 一、 → level 1, （一） → 2, 1. → 3, （1） → 4."""
    match = MARKER.match(text)
    if not match:
        return None
    level = next(n for n in (1, 2, 3, 4) if match.group(f"l{n}"))
    raw = match.group(f"n{level}")
    number = int(raw) if level in (3, 4) else parse_chinese_numeral(raw)
    if not number:
        return None
    written = match.group(0)
    return Marker(level, number, written, "(" in written or ")" in written, written == level_marker(level, number))
